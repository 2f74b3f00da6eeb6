package io.localvpc.api.elbv2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.awsquery.QueryProtocolService.Handler;
import io.localvpc.api.ec2.Json;
import io.localvpc.core.ops.elbv2.Elbv2Errors;
import io.localvpc.core.ops.elbv2.Elbv2Tags;
import io.localvpc.core.state.View;

import java.util.List;
import java.util.Map;

/** AddTags, RemoveTags and DescribeTags for load balancers, target groups and listeners (up to 20 ARNs a call). */
final class Elbv2TagHandlers {
    private static final int MAX_ARNS = 20;
    private final Elbv2Store elb;

    Elbv2TagHandlers(Elbv2Store elb) {
        this.elb = elb;
    }

    void register(Map<String, Handler> h) {
        h.put("AddTags", in -> elb.write(in, tx -> {
            List<String> arns = arns(in.strings("ResourceArns"));
            if (in.node("Tags").size() == 0) throw Elbv2Errors.validation("At least one tag must be specified");
            for (String arn : arns) {
                Elbv2Tags.requireResource(tx, arn);
                Elbv2Tags.add(tx, arn, Elbv2Params.tags(in));
            }
            return null;
        }));
        h.put("RemoveTags", in -> elb.write(in, tx -> {
            List<String> arns = arns(in.strings("ResourceArns"));
            List<String> keys = in.strings("TagKeys");
            if (keys.isEmpty()) throw Elbv2Errors.validation("At least one tag key must be specified");
            for (String arn : arns) {
                Elbv2Tags.requireResource(tx, arn);
                Elbv2Tags.remove(tx, arn, keys);
            }
            return null;
        }));
        h.put("DescribeTags", in -> {
            View v = elb.view(in);
            ObjectNode out = Json.object();
            ArrayNode list = out.putArray("TagDescriptions");
            for (String arn : arns(in.strings("ResourceArns"))) {
                Elbv2Tags.requireResource(v, arn);
                ArrayNode tags = list.addObject().put("ResourceArn", arn).putArray("Tags");
                Elbv2Tags.of(v, arn).forEach((k, val) -> tags.addObject().put("Key", k).put("Value", val));
            }
            return out;
        });
    }

    private static List<String> arns(List<String> arns) {
        if (arns.isEmpty()) throw Elbv2Errors.validation("At least one resource ARN must be specified");
        if (arns.size() > MAX_ARNS) throw Elbv2Errors.validation("At most " + MAX_ARNS + " resource ARNs can be specified in one call");
        return arns;
    }
}
