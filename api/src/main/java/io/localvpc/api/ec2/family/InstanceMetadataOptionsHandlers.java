package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.Json;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.core.AwsException;
import io.localvpc.core.model.Instance;
import io.localvpc.core.model.InstanceMetadataOptions;
import io.localvpc.core.ops.InstanceMetadataOptionsOps;
import io.localvpc.core.ops.InstanceOps;
import io.localvpc.core.state.Tx;

/**
 * ModifyInstanceMetadataOptions, and the {@code MetadataOptions} shape RunInstances takes and DescribeInstances
 * writes: the settings the instance metadata service answers by (tokens required or optional, endpoint on or off).
 */
public final class InstanceMetadataOptionsHandlers implements Ec2Family {

    @Override
    public void register(OperationRegistry r) {
        r.family("Instances").write("ModifyInstanceMetadataOptions", InstanceMetadataOptionsHandlers::modify);
    }

    private static ObjectNode modify(Ec2Request in, Tx tx) {
        Instance i = InstanceOps.require(tx, in.requireString("InstanceId"));
        Instance.State state = i.stateAt(tx.now());
        if (state == Instance.State.TERMINATED || state == Instance.State.SHUTTING_DOWN) {
            throw new AwsException("IncorrectInstanceState", "The instance '" + i.id() + "' is not in a state from which it can be modified ("
                    + state.awsName() + ").");
        }
        InstanceMetadataOptionsOps.Change change = new InstanceMetadataOptionsOps.Change(in.string("HttpTokens"),
                in.integer("HttpPutResponseHopLimit").orElse(null), in.string("HttpEndpoint"), in.string("HttpProtocolIpv6"),
                in.string("InstanceMetadataTags"));
        if (change.isEmpty()) {
            throw AwsException.missingParameter("at least one of HttpTokens, HttpPutResponseHopLimit, HttpEndpoint, HttpProtocolIpv6 and"
                    + " InstanceMetadataTags");
        }
        InstanceMetadataOptions next = InstanceMetadataOptionsOps.apply(tx, i.id(), change);
        ObjectNode out = Json.object().put("InstanceId", i.id());
        // AWS answers "pending" while the change reaches the instance; localvpc's takes effect at once.
        out.set("InstanceMetadataOptions", render(next, "pending"));
        return out;
    }

    /** RunInstances' {@code MetadataOptions} as a change from the defaults (absent: the defaults). */
    static InstanceMetadataOptionsOps.Change launchOptions(JsonNode spec) {
        if (spec.isMissingNode()) return null;
        return new InstanceMetadataOptionsOps.Change(text(spec, "HttpTokens"),
                spec.has("HttpPutResponseHopLimit") ? spec.path("HttpPutResponseHopLimit").asInt() : null, text(spec, "HttpEndpoint"),
                text(spec, "HttpProtocolIpv6"), text(spec, "InstanceMetadataTags"));
    }

    /** The InstanceMetadataOptionsResponse shape. */
    static ObjectNode render(InstanceMetadataOptions o, String state) {
        return Json.object().put("State", state).put("HttpTokens", o.httpTokens()).put("HttpPutResponseHopLimit", o.httpPutResponseHopLimit())
                .put("HttpEndpoint", o.httpEndpoint()).put("HttpProtocolIpv6", o.httpProtocolIpv6())
                .put("InstanceMetadataTags", o.instanceMetadataTags());
    }

    private static String text(JsonNode n, String field) {
        return n.has(field) ? n.path(field).asText() : null;
    }
}
