package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.api.ec2.Tagging;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.api.query.Page;
import io.localvpc.core.AwsException;
import io.localvpc.core.model.NatGateway;
import io.localvpc.core.ops.NatGatewayOps;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;

/** NAT gateways: create (public with an Elastic IP, or private), delete, describe. */
public final class NatGatewayHandlers implements Ec2Family {

    @Override
    public void register(OperationRegistry r) {
        r.family("NAT gateways")
                .write("CreateNatGateway", this::create)
                .write("DeleteNatGateway", this::delete)
                .read("DescribeNatGateways", this::describe);
    }

    private ObjectNode create(Ec2Request in, Tx tx) {
        NatGateway nat = NatGatewayOps.create(tx, in.requireString("SubnetId"), in.string("ConnectivityType"),
                in.string("AllocationId"), in.string("PrivateIpAddress"));
        Tagging.applySpecifications(in, tx, "natgateway", nat.id());
        ObjectNode out = Json.object();
        out.set("NatGateway", render(tx, nat));
        return out;
    }

    private ObjectNode delete(Ec2Request in, Tx tx) {
        NatGateway nat = NatGatewayOps.delete(tx, in.requireString("NatGatewayId"));
        return Json.object().put("NatGatewayId", nat.id());
    }

    /** Not the generic Describe: this action's filter list is named {@code Filter}, not {@code Filters}. */
    private ObjectNode describe(Ec2Request in, View view) {
        FilterSpec<NatGateway> spec = FilterSpec.<NatGateway>builder()
                .field("nat-gateway-id", NatGateway::id)
                .field("state", n -> NatGatewayOps.stateOf(view, n))
                .field("subnet-id", NatGateway::subnetId)
                .field("vpc-id", NatGateway::vpcId)
                .build();
        Predicate<NatGateway> filter = spec.compile(in.objects("Filter"), view);
        List<NatGateway> selected = new ArrayList<>();
        List<String> ids = in.strings("NatGatewayIds");
        if (!ids.isEmpty()) {
            for (String id : new LinkedHashSet<>(ids)) {
                NatGateway n = NatGatewayOps.require(view, id);
                if (filter.test(n)) selected.add(n);
            }
            selected.sort((a, b) -> a.id().compareTo(b.id()));
        } else {
            for (NatGateway n : view.all(NatGateway.class)) if (NatGatewayOps.isVisible(view, n) && filter.test(n)) selected.add(n);
        }
        Page<NatGateway> page = Page.of(selected, in);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("NatGateways");
        for (NatGateway n : page.items()) items.add(render(view, n));
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    static ObjectNode render(View view, NatGateway n) {
        NatGateway.State state = NatGatewayOps.stateOf(view, n);
        ObjectNode o = Json.object();
        o.put("CreateTime", Json.timestamp(n.createdAt()));
        Instant deleteTime = NatGatewayOps.deleteTime(n);
        if (deleteTime != null && state == NatGateway.State.DELETED) o.put("DeleteTime", Json.timestamp(deleteTime));
        if (n.failureCode() != null && state == NatGateway.State.FAILED) {
            o.put("FailureCode", n.failureCode()).put("FailureMessage", n.failureMessage());
        }
        ArrayNode addresses = o.putArray("NatGatewayAddresses");
        if (n.networkInterfaceId() != null || n.allocationId() != null) {
            ObjectNode a = addresses.addObject();
            if (n.allocationId() != null) a.put("AllocationId", n.allocationId());
            if (n.networkInterfaceId() != null) a.put("NetworkInterfaceId", n.networkInterfaceId());
            if (n.privateIp() != null) a.put("PrivateIp", n.privateIp());
            if (n.publicIp() != null) a.put("PublicIp", n.publicIp());
            if (n.eipAssociationId() != null) a.put("AssociationId", n.eipAssociationId());
            a.put("IsPrimary", true);
            a.put("Status", addressStatus(state));
        }
        o.put("NatGatewayId", n.id());
        o.put("State", state.awsName());
        o.put("SubnetId", n.subnetId());
        o.put("VpcId", n.vpcId());
        o.set("Tags", Tagging.tagSet(view, n.id()));
        o.put("ConnectivityType", n.connectivityType());
        return o;
    }

    /** The address's status follows the gateway's own lifecycle. */
    private static String addressStatus(NatGateway.State gatewayState) {
        return switch (gatewayState) {
            case PENDING -> "associating";
            case FAILED -> "failed";
            case DELETING, DELETED -> "disassociating";
            case AVAILABLE -> "succeeded";
        };
    }
}
