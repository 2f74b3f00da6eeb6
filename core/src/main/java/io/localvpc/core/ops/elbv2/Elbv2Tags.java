package io.localvpc.core.ops.elbv2;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.ResourceTags;
import io.localvpc.core.model.Tag;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Tags of load balancers, target groups and listeners (kept by ARN, like every other resource's tags). */
public final class Elbv2Tags {
    public static final int MAX_TAGS = 50;

    private Elbv2Tags() {
    }

    /** Checks that the ARN names an existing ELBv2 resource of this scope, with the not-found code of its kind. */
    public static void requireResource(View view, String arn) {
        String kind = Elbv2Arns.kindOf(arn);
        if ("loadbalancer".equals(kind)) LoadBalancerOps.require(view, arn);
        else if ("targetgroup".equals(kind)) TargetGroupOps.require(view, arn);
        else if ("listener".equals(kind)) ListenerOps.require(view, arn);
        else if ("listener-rule".equals(kind)) throw new AwsException("RuleNotFound", "Rule '" + arn + "' not found (Network Load Balancers have no rules)");
        else throw Elbv2Errors.validation("'" + arn + "' is not a valid Elastic Load Balancing resource ARN");
    }

    public static Map<String, String> of(View view, String arn) {
        return view.find(ResourceTags.class, arn).map(ResourceTags::tags).orElse(Map.of());
    }

    /** Adds or overwrites tags; keys must not repeat within the call, and a resource holds at most 50. */
    public static void add(Tx tx, String arn, List<Tag> tags) {
        Set<String> seen = new HashSet<>();
        for (Tag t : tags) {
            if (t.key() == null || t.key().isEmpty()) throw Elbv2Errors.validation("A tag key must be specified");
            if (t.key().length() > 128) throw Elbv2Errors.validation("Tag key '" + t.key() + "' is longer than 128 characters");
            if (t.value() != null && t.value().length() > 256) throw Elbv2Errors.validation("The value of tag '" + t.key() + "' is longer than 256 characters");
            if (t.key().startsWith("aws:")) throw Elbv2Errors.validation("Tag keys beginning with 'aws:' are reserved for AWS use");
            if (!seen.add(t.key())) throw new AwsException("DuplicateTagKeys", "Tag key '" + t.key() + "' is duplicated in the request");
        }
        if (tags.isEmpty()) return;
        Map<String, String> next = new LinkedHashMap<>(of(tx, arn));
        for (Tag t : tags) next.put(t.key(), t.value() == null ? "" : t.value());
        if (next.size() > MAX_TAGS) {
            throw new AwsException("TooManyTags", "The quota for the number of tags that can be assigned to a load balancer, target group or listener ("
                    + MAX_TAGS + ") has been reached for '" + arn + "'");
        }
        tx.put(new ResourceTags(arn, next));
    }

    public static void remove(Tx tx, String arn, List<String> keys) {
        Map<String, String> next = new LinkedHashMap<>(of(tx, arn));
        for (String k : keys) next.remove(k);
        if (next.isEmpty()) tx.remove(ResourceTags.class, arn);
        else tx.put(new ResourceTags(arn, next));
    }
}
