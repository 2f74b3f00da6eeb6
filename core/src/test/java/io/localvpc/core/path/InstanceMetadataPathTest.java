package io.localvpc.core.path;

import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 169.254.169.254 is the instance's own metadata service (issue 13): reached from an instance with no route, a
 * security group that allows no egress and a network ACL that denies everything, as on AWS; port 80 only; an
 * interface attached to no instance has none.
 */
class InstanceMetadataPathTest {
    private final PathWorld w = new PathWorld();
    private final PathEngine engine = new PathEngine(new ZoneFaults());
    private final Vpc vpc = w.vpc("10.0.0.0/16");
    private final Subnet subnet = w.subnet(vpc, "10.0.1.0/24", "us-east-1a");
    private final SecurityGroup closed = w.revokeAllEgress(w.group(vpc, "closed"));

    private Verdict decide(String source, int port) {
        return engine.decide(w.view(), Flow.tcp(source, Target.InstanceMetadata.ADDRESS, port));
    }

    @Test
    void anInstanceReachesItsMetadataWhateverTheRulesSay() {
        var acl = w.networkAcl(vpc);
        w.associate(acl, subnet); // a new ACL denies everything in and out
        Instance i = w.instance(subnet, closed);
        w.settle();
        Verdict v = decide(i.id(), 80);
        Verdict.Delivered d = assertInstanceOf(Verdict.Delivered.class, v, () -> v.trace().render());
        Target.InstanceMetadata target = assertInstanceOf(Target.InstanceMetadata.class, d.target());
        assertEquals(i.id(), target.instanceId());
        assertTrue(v.summary().contains("instance metadata service of " + i.id()), v.summary());
        assertTrue(v.trace().hops().stream().noneMatch(h -> h.kind() == Hop.Kind.ROUTE || h.kind() == Hop.Kind.SECURITY_GROUP_EGRESS
                || h.kind() == Hop.Kind.NETWORK_ACL_OUT), v.trace().render());
        // The same instance's primary interface, named as the workload, reaches the instance's service.
        NetworkInterface primary = w.primaryInterface(i);
        Verdict byEni = decide(primary.id(), 80);
        assertEquals(i.id(), ((Target.InstanceMetadata) ((Verdict.Delivered) byEni).target()).instanceId());
    }

    @Test
    void onlyPort80AndOnlyForInstances() {
        Instance i = w.instance(subnet);
        NetworkInterface loose = w.eni(subnet, null);
        w.settle();
        Verdict.Refused otherPort = assertInstanceOf(Verdict.Refused.class, decide(i.id(), 443));
        assertEquals(Verdict.Reason.HOST_UNREACHABLE, otherPort.reason());
        assertTrue(otherPort.summary().contains("answers on 169.254.169.254:80 only"), otherPort.summary());
        Verdict.Refused noInstance = assertInstanceOf(Verdict.Refused.class, decide(loose.id(), 80));
        assertTrue(noInstance.summary().contains("attached to no instance"), noInstance.summary());
    }
}
