package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.InstanceSettings;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.List;
import java.util.function.UnaryOperator;

/** Reads and changes an instance's settings, and enforces the protections they set, as EC2 does. */
public final class InstanceSettingsOps {
    private InstanceSettingsOps() {
    }

    public static InstanceSettings of(View view, String instanceId) {
        return view.find(InstanceSettings.class, instanceId).orElseGet(() -> InstanceSettings.defaults(instanceId));
    }

    /** Applies a change, keeping a record only while something differs from the defaults. */
    public static void change(Tx tx, String instanceId, UnaryOperator<InstanceSettings> change) {
        InstanceSettings next = change.apply(of(tx, instanceId));
        if (next.isDefault()) tx.remove(InstanceSettings.class, instanceId);
        else tx.put(next);
    }

    public static String shutdownBehavior(String value) {
        if (value == null) return InstanceSettings.STOP;
        if (!value.equals("stop") && !value.equals("terminate")) {
            throw AwsException.invalidParameterValue("Value (" + value + ") for parameter instanceInitiatedShutdownBehavior is invalid. Use stop or terminate.");
        }
        return value;
    }

    /** TerminateInstances refuses instances with termination protection, before changing any of them. */
    static void requireTerminable(View view, List<String> ids) {
        for (String id : ids) {
            if (of(view, id).disableApiTermination()) {
                throw new AwsException("OperationNotPermitted", "The instance '" + id
                        + "' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.");
            }
        }
    }

    /** StopInstances refuses instances with stop protection. */
    static void requireStoppable(View view, List<String> ids) {
        for (String id : ids) {
            if (of(view, id).disableApiStop()) {
                throw new AwsException("OperationNotPermitted", "The instance '" + id
                        + "' may not be stopped. Modify its 'disableApiStop' instance attribute and try again.");
            }
        }
    }

    /** A terminated instance keeps no settings. */
    static void forget(Tx tx, String instanceId) {
        tx.remove(InstanceSettings.class, instanceId);
    }
}
