package io.localvpc.server.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.core.path.Hop;
import io.localvpc.core.state.ResourceCodec;
import io.localvpc.core.state.Scope;
import io.localvpc.dataplane.flows.DecidedFlow;
import io.localvpc.dataplane.flows.FlowPage;
import io.localvpc.dataplane.flows.FlowRecord;

/** The console's live flows as JSON: one object per connection, with its source, destination, path, verdict and bytes. */
final class FlowsJson {
    private FlowsJson() {
    }

    static ObjectNode of(Scope scope, FlowPage page) {
        ObjectNode o = ResourceCodec.mapper().createObjectNode();
        o.put("account", scope.account());
        o.put("region", scope.region());
        o.put("cursor", page.cursor());
        o.put("epoch", page.epoch());
        o.put("capacity", page.capacity());
        ArrayNode flows = o.putArray("flows");
        for (FlowRecord f : page.flows()) flows.add(flow(f));
        return o;
    }

    private static ObjectNode flow(FlowRecord f) {
        DecidedFlow d = f.decided();
        ObjectNode o = ResourceCodec.mapper().createObjectNode();
        o.put("id", f.id());
        o.put("started", f.started().toString());
        if (f.ended() != null) o.put("ended", f.ended().toString());
        else o.putNull("ended");
        o.put("state", f.open() ? "open" : "closed");
        o.put("protocol", f.request().protocol().label());
        ObjectNode source = o.putObject("source");
        source.put("id", f.request().identity());
        source.put("networkInterfaceId", d.sourceEniId());
        source.put("address", d.sourceIp());
        source.put("vpcId", d.vpcId());
        ObjectNode destination = o.putObject("destination");
        destination.put("name", f.request().host());
        destination.put("address", d.destinationIp());
        destination.put("port", f.request().port());
        if (d.destinationEniId() != null) destination.put("networkInterfaceId", d.destinationEniId());
        if (d.destinationInstanceId() != null) destination.put("instanceId", d.destinationInstanceId());
        o.put("path", d.path());
        o.put("verdict", f.verdict());
        Hop deciding = d.deciding();
        if (deciding == null) {
            o.putNull("decidingHop");
        } else {
            o.putObject("decidingHop").put("kind", deciding.kind().name()).put("resource", deciding.resourceId()).put("text", deciding.describe());
        }
        o.put("note", f.note());
        o.put("bytesOut", f.bytesOut());
        o.put("bytesIn", f.bytesIn());
        return o;
    }
}
