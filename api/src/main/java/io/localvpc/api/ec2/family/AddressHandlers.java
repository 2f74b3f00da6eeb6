package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.api.ec2.Tagging;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.core.AwsException;
import io.localvpc.core.model.Address;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.ops.AddressOps;
import io.localvpc.core.ops.IdKind;
import io.localvpc.core.ops.Lookup;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Elastic IP addresses: allocate, release, describe, associate with an interface or instance, disassociate. */
public final class AddressHandlers implements Ec2Family {
    /** AWS's name for its own public IPv4 pool. */
    private static final String AMAZON_POOL = "amazon";

    @Override
    public void register(OperationRegistry r) {
        r.family("Elastic IP addresses")
                .write("AllocateAddress", this::allocate)
                .write("ReleaseAddress", this::release)
                .read("DescribeAddresses", this::describe)
                .write("AssociateAddress", this::associate)
                .write("DisassociateAddress", this::disassociate);
    }

    private ObjectNode allocate(Ec2Request in, Tx tx) {
        String border = in.string("NetworkBorderGroup");
        if (border != null && !border.equals(tx.scope().region())) {
            throw AwsException.invalidParameterValue("Value (" + border + ") for parameter NetworkBorderGroup is invalid. Use " + tx.scope().region() + ".");
        }
        Address a = AddressOps.allocate(tx, in.string("Domain"));
        Tagging.applySpecifications(in, tx, "elastic-ip", a.id());
        return Json.object().put("AllocationId", a.id()).put("PublicIp", a.publicIp()).put("Domain", a.domain())
                .put("PublicIpv4Pool", AMAZON_POOL).put("NetworkBorderGroup", tx.scope().region());
    }

    private ObjectNode release(Ec2Request in, Tx tx) {
        if (!in.has("AllocationId")) {
            if (in.has("PublicIp")) {
                throw AwsException.invalidParameterValue("You must specify an allocation id when releasing a VPC elastic IP address ("
                        + in.string("PublicIp") + ").");
            }
            throw AwsException.missingParameter("AllocationId");
        }
        AddressOps.release(tx, in.requireString("AllocationId"));
        return null;
    }

    private ObjectNode describe(Ec2Request in, View view) {
        FilterSpec<Address> spec = FilterSpec.<Address>builder()
                .field("allocation-id", Address::id)
                .field("association-id", Address::associationId)
                .field("domain", Address::domain)
                .field("instance-id", a -> AddressOps.instanceIdOf(view, a))
                .field("network-interface-id", Address::networkInterfaceId)
                .field("network-interface-owner-id", a -> a.networkInterfaceId() == null ? null : a.ownerId())
                .field("private-ip-address", Address::privateIpAddress)
                .field("public-ip", Address::publicIp)
                .field("network-border-group", a -> view.scope().region())
                .build();
        Predicate<Address> filter = spec.compile(in.objects("Filters"), view);
        // Explicit ids and IPs must each exist; without any, every address is a candidate.
        Map<String, Address> selected = new LinkedHashMap<>();
        for (String id : in.strings("AllocationIds")) {
            Address a = AddressOps.require(view, id);
            selected.put(a.id(), a);
        }
        for (String ip : in.strings("PublicIps")) {
            Address a = AddressOps.requireByPublicIp(view, ip);
            selected.put(a.id(), a);
        }
        boolean named = !in.strings("AllocationIds").isEmpty() || !in.strings("PublicIps").isEmpty();
        List<Address> candidates = new ArrayList<>(named ? selected.values() : view.all(Address.class));
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("Addresses");
        for (Address a : candidates) if (filter.test(a)) items.add(render(view, a));
        return out;
    }

    private ObjectNode associate(Ec2Request in, Tx tx) {
        Address eip;
        if (in.has("AllocationId")) eip = AddressOps.require(tx, in.requireString("AllocationId"));
        else if (in.has("PublicIp")) eip = AddressOps.requireByPublicIp(tx, in.requireString("PublicIp"));
        else throw AwsException.missingParameter("AllocationId");
        String eniId = in.string("NetworkInterfaceId");
        String instanceId = in.string("InstanceId");
        if (eniId != null && instanceId != null) {
            throw AwsException.invalidParameterCombination("Specify either NetworkInterfaceId or InstanceId, not both.");
        }
        NetworkInterface eni;
        if (eniId != null) {
            eni = Lookup.require(tx, NetworkInterface.class, IdKind.NETWORK_INTERFACE, eniId);
        } else if (instanceId != null) {
            IdKind.INSTANCE.check(instanceId);
            if (tx.findAny(instanceId).isEmpty()) throw IdKind.INSTANCE.notFound(instanceId);
            eni = AddressOps.primaryInterfaceOf(tx, instanceId).orElseThrow(() -> AwsException.invalidParameterValue(
                    "Instance " + instanceId + " has no primary network interface to take the address; name a NetworkInterfaceId."));
        } else {
            throw AwsException.missingParameter("NetworkInterfaceId or InstanceId");
        }
        String associationId = AddressOps.associate(tx, eip, eni, in.string("PrivateIpAddress"), in.bool("AllowReassociation", false));
        return Json.object().put("AssociationId", associationId);
    }

    private ObjectNode disassociate(Ec2Request in, Tx tx) {
        Address eip;
        if (in.has("AssociationId")) {
            String id = IdKind.EIP_ASSOCIATION.check(in.requireString("AssociationId"));
            eip = AddressOps.byAssociation(tx, id).orElseThrow(() -> IdKind.EIP_ASSOCIATION.notFound(id));
        } else if (in.has("PublicIp")) {
            eip = AddressOps.requireByPublicIp(tx, in.requireString("PublicIp"));
            if (!eip.isAssociated()) return null;
        } else {
            throw AwsException.missingParameter("AssociationId");
        }
        AddressOps.disassociate(tx, eip);
        return null;
    }

    static ObjectNode render(View view, Address a) {
        ObjectNode o = Json.object().put("AllocationId", a.id());
        if (a.isAssociated()) {
            o.put("AssociationId", a.associationId());
            o.put("NetworkInterfaceId", a.networkInterfaceId());
            o.put("NetworkInterfaceOwnerId", a.ownerId());
            o.put("PrivateIpAddress", a.privateIpAddress());
            String instance = AddressOps.instanceIdOf(view, a);
            if (instance != null) o.put("InstanceId", instance);
        }
        o.put("Domain", a.domain());
        o.set("Tags", Tagging.tagSet(view, a.id()));
        o.put("PublicIpv4Pool", AMAZON_POOL);
        o.put("NetworkBorderGroup", view.scope().region());
        o.put("PublicIp", a.publicIp());
        return o;
    }
}
