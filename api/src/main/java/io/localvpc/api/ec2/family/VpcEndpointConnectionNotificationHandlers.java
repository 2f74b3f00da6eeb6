package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.api.query.FilterSpec;
import io.localvpc.api.query.Page;
import io.localvpc.core.AwsException;
import io.localvpc.core.model.VpcEndpointConnectionNotification;
import io.localvpc.core.ops.ConnectionNotificationOps;
import io.localvpc.core.ops.UnsuccessfulItem;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Create/Describe/Modify/DeleteVpcEndpointConnectionNotification(s): SNS topics told of connection events. */
public final class VpcEndpointConnectionNotificationHandlers implements Ec2Family {

    @Override
    public void register(OperationRegistry r) {
        r.family("VPC endpoint services (provider side)")
                .write("CreateVpcEndpointConnectionNotification", this::create)
                .write("ModifyVpcEndpointConnectionNotification", this::modify)
                .write("DeleteVpcEndpointConnectionNotifications", this::delete)
                .read("DescribeVpcEndpointConnectionNotifications", this::describe);
    }

    private ObjectNode create(Ec2Request in, Tx tx) {
        VpcEndpointConnectionNotification n = ConnectionNotificationOps.create(tx, in.string("ServiceId"), in.string("VpcEndpointId"),
                in.string("ConnectionNotificationArn"), in.strings("ConnectionEvents"));
        ObjectNode out = Json.object();
        out.set("ConnectionNotification", render(tx, n));
        if (in.string("ClientToken") != null) out.put("ClientToken", in.string("ClientToken"));
        return out;
    }

    private ObjectNode modify(Ec2Request in, Tx tx) {
        ConnectionNotificationOps.modify(tx, in.requireString("ConnectionNotificationId"), in.string("ConnectionNotificationArn"),
                in.strings("ConnectionEvents"));
        return Json.object().put("ReturnValue", true);
    }

    private ObjectNode delete(Ec2Request in, Tx tx) {
        List<String> ids = in.strings("ConnectionNotificationIds");
        if (ids.isEmpty()) throw AwsException.missingParameter(in.wireName("ConnectionNotificationIds") + ".1");
        ObjectNode out = Json.object();
        ArrayNode failed = out.putArray("Unsuccessful");
        for (UnsuccessfulItem f : ConnectionNotificationOps.delete(tx, ids)) UnsuccessfulItems.add(failed, f.resourceId(), f.code(), f.message());
        return out;
    }

    private ObjectNode describe(Ec2Request in, View view) {
        FilterSpec<VpcEndpointConnectionNotification> spec = FilterSpec.<VpcEndpointConnectionNotification>builder()
                .field("connection-notification-arn", VpcEndpointConnectionNotification::topicArn)
                .field("connection-notification-id", VpcEndpointConnectionNotification::id)
                .field("connection-notification-state", VpcEndpointConnectionNotification::state)
                .field("connection-notification-type", n -> "Topic")
                .field("service-id", VpcEndpointConnectionNotification::serviceId)
                .field("vpc-endpoint-id", VpcEndpointConnectionNotification::vpcEndpointId)
                .build();
        Predicate<VpcEndpointConnectionNotification> filter = spec.compile(in.objects("Filters"), view);
        List<VpcEndpointConnectionNotification> candidates = new ArrayList<>();
        String id = in.string("ConnectionNotificationId");
        if (id != null) candidates.add(ConnectionNotificationOps.require(view, id));
        else candidates.addAll(view.all(VpcEndpointConnectionNotification.class));
        Page<VpcEndpointConnectionNotification> page = Page.of(candidates.stream().filter(filter).toList(), in);
        ObjectNode out = Json.object();
        ArrayNode set = out.putArray("ConnectionNotificationSet");
        for (VpcEndpointConnectionNotification n : page.items()) set.add(render(view, n));
        if (page.nextToken() != null) out.put("NextToken", page.nextToken());
        return out;
    }

    private static ObjectNode render(View view, VpcEndpointConnectionNotification n) {
        ObjectNode o = Json.object().put("ConnectionNotificationId", n.id());
        if (n.serviceId() != null) o.put("ServiceId", n.serviceId());
        if (n.vpcEndpointId() != null) o.put("VpcEndpointId", n.vpcEndpointId());
        o.put("ConnectionNotificationType", "Topic").put("ConnectionNotificationArn", n.topicArn());
        o.set("ConnectionEvents", Json.strings(n.events()));
        o.put("ConnectionNotificationState", n.state()).put("ServiceRegion", view.scope().region());
        return o;
    }
}
