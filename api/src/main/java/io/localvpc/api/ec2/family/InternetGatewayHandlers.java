package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Describe;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.api.ec2.Tagging;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.ops.IdKind;
import io.localvpc.core.ops.InternetGatewayOps;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.List;

/** Internet gateways and their attachment to a VPC. */
public final class InternetGatewayHandlers implements Ec2Family {
    /** What AWS shows as an internet gateway attachment's state while it is attached. */
    private static final String ATTACHED_STATE = "available";

    @Override
    public void register(OperationRegistry r) {
        r.family("Internet gateways")
                .write("CreateInternetGateway", this::create)
                .write("DeleteInternetGateway", this::delete)
                .read("DescribeInternetGateways", this::describe)
                .write("AttachInternetGateway", this::attach)
                .write("DetachInternetGateway", this::detach);
    }

    private ObjectNode create(Ec2Request in, Tx tx) {
        InternetGateway igw = InternetGatewayOps.create(tx);
        Tagging.applySpecifications(in, tx, "internet-gateway", igw.id());
        ObjectNode out = Json.object();
        out.set("InternetGateway", render(tx, igw));
        return out;
    }

    private ObjectNode delete(Ec2Request in, Tx tx) {
        InternetGatewayOps.delete(tx, in.requireString("InternetGatewayId"));
        return null;
    }

    private ObjectNode attach(Ec2Request in, Tx tx) {
        InternetGatewayOps.attach(tx, in.requireString("InternetGatewayId"), in.requireString("VpcId"));
        return null;
    }

    private ObjectNode detach(Ec2Request in, Tx tx) {
        InternetGatewayOps.detach(tx, in.requireString("InternetGatewayId"), in.requireString("VpcId"));
        return null;
    }

    private ObjectNode describe(Ec2Request in, View view) {
        FilterSpec<InternetGateway> filters = FilterSpec.<InternetGateway>builder()
                .field("internet-gateway-id", InternetGateway::id)
                .field("owner-id", InternetGateway::ownerId)
                .field("attachment.vpc-id", InternetGateway::attachedVpcId)
                .fields("attachment.state", g -> g.attachedVpcId() == null ? List.of() : List.of(ATTACHED_STATE))
                .build();
        return new Describe<>(InternetGateway.class, IdKind.INTERNET_GATEWAY, "InternetGatewayIds", filters, "InternetGateways", g -> render(view, g))
                .run(in, view);
    }

    static ObjectNode render(View view, InternetGateway igw) {
        ObjectNode o = Json.object();
        ArrayNode attachments = o.putArray("Attachments");
        if (igw.attachedVpcId() != null) attachments.addObject().put("State", ATTACHED_STATE).put("VpcId", igw.attachedVpcId());
        o.put("InternetGatewayId", igw.id());
        o.put("OwnerId", igw.ownerId());
        o.set("Tags", Tagging.tagSet(view, igw.id()));
        return o;
    }
}
