package io.localvpc.api.ec2;

import io.localvpc.api.wire.ServiceModel;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every EC2 action localvpc serves. Registering checks the action against the service model, so a
 * misspelt action fails at startup. The README's table of supported operations is generated from here.
 */
public final class OperationRegistry {
    private final ServiceModel model;
    private final Map<String, Operation> operations = new TreeMap<>();
    private final Map<String, String> families = new TreeMap<>();
    private String currentFamily = "";

    public OperationRegistry(ServiceModel model) {
        this.model = model;
    }

    public OperationRegistry family(String name) {
        this.currentFamily = name;
        return this;
    }

    public OperationRegistry read(String action, Operation.ReadHandler handler) {
        return add(new Operation.Read(action, handler));
    }

    public OperationRegistry write(String action, Operation.WriteHandler handler) {
        return add(new Operation.Write(action, handler));
    }

    private OperationRegistry add(Operation op) {
        if (model.operation(op.name()).isEmpty()) throw new IllegalStateException(op.name() + " is not in the EC2 model");
        if (operations.putIfAbsent(op.name(), op) != null) throw new IllegalStateException(op.name() + " registered twice");
        families.put(op.name(), currentFamily);
        return this;
    }

    public Optional<Operation> find(String action) {
        return Optional.ofNullable(operations.get(action));
    }

    public Collection<Operation> all() {
        return operations.values();
    }

    /** The resource family an action belongs to (e.g. "VPCs"), for the generated documentation. */
    public String familyOf(String action) {
        return families.getOrDefault(action, "");
    }
}
