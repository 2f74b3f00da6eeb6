package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.model.VpcEndpointConnectionNotification;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Connection notifications: an SNS topic told of the connection events of one endpoint service or one interface endpoint. */
public final class ConnectionNotificationOps {
    private static final Pattern TOPIC = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

    private ConnectionNotificationOps() {
    }

    public static VpcEndpointConnectionNotification require(View view, String id) {
        if (id == null || id.isEmpty()) throw AwsException.missingParameter("ConnectionNotificationId");
        return view.find(VpcEndpointConnectionNotification.class, id).orElseThrow(() -> IdKind.CONNECTION_NOTIFICATION.notFound(id));
    }

    public static VpcEndpointConnectionNotification create(Tx tx, String serviceId, String vpcEndpointId, String topicArn, List<String> events) {
        if ((serviceId == null) == (vpcEndpointId == null)) {
            throw AwsException.invalidParameter("Specify exactly one of ServiceId and VpcEndpointId: a notification is for one endpoint service or one endpoint.");
        }
        if (serviceId != null) EndpointServiceConfigOps.require(tx, serviceId);
        if (vpcEndpointId != null) {
            VpcEndpoint e = VpcEndpointOps.require(tx, vpcEndpointId);
            if (!(e.variant() instanceof VpcEndpoint.Interface)) {
                throw AwsException.invalidParameter("Connection notifications can be created for interface endpoints only; " + e.id() + " is a "
                        + e.endpointType() + " endpoint.");
            }
        }
        return tx.put(new VpcEndpointConnectionNotification(tx.newId("vpce-nfn"), serviceId, vpcEndpointId, checkTopic(topicArn),
                checkEvents(events), "Enabled"));
    }

    public static VpcEndpointConnectionNotification modify(Tx tx, String id, String topicArn, List<String> events) {
        VpcEndpointConnectionNotification n = require(tx, id);
        return tx.put(n.with(topicArn == null ? n.topicArn() : checkTopic(topicArn), events.isEmpty() ? n.events() : checkEvents(events)));
    }

    public static List<UnsuccessfulItem> delete(Tx tx, List<String> ids) {
        List<UnsuccessfulItem> failures = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            if (tx.find(VpcEndpointConnectionNotification.class, id).isEmpty()) {
                AwsException e = IdKind.CONNECTION_NOTIFICATION.notFound(id);
                failures.add(new UnsuccessfulItem(id, e.code(), e.getMessage()));
                continue;
            }
            tx.remove(VpcEndpointConnectionNotification.class, id);
        }
        return failures;
    }

    /** The notifications of an endpoint go with it. */
    public static void removeForEndpoint(Tx tx, String vpcEndpointId) {
        for (VpcEndpointConnectionNotification n : tx.all(VpcEndpointConnectionNotification.class)) {
            if (vpcEndpointId.equals(n.vpcEndpointId())) tx.remove(VpcEndpointConnectionNotification.class, n.id());
        }
    }

    private static String checkTopic(String arn) {
        if (arn == null || arn.isEmpty()) throw AwsException.missingParameter("ConnectionNotificationArn");
        if (!TOPIC.matcher(arn).matches()) {
            throw AwsException.invalidParameter("ConnectionNotificationArn " + arn + " is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>).");
        }
        return arn;
    }

    private static List<String> checkEvents(List<String> events) {
        if (events.isEmpty()) throw AwsException.missingParameter("ConnectionEvents.1");
        for (String e : events) {
            if (!VpcEndpointConnectionNotification.EVENTS.contains(e)) {
                throw AwsException.invalidParameter("Connection event '" + e + "' is not valid. Valid events: Accept, Connect, Delete, Reject.");
            }
        }
        return List.copyOf(new LinkedHashSet<>(events));
    }
}
