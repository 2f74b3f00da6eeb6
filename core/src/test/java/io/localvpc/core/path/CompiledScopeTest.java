package io.localvpc.core.path;

import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.ops.InternetGatewayOps;
import io.localvpc.core.ops.NetworkInterfaceOps;
import io.localvpc.core.ops.VpcEndpointOps;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.localvpc.core.path.PathWorld.cidr;
import static io.localvpc.core.path.PathWorld.tcpFromGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One engine, many decisions, state changing in between: what the engine compiles and prebuilds per state
 * version (sources, endpoint hops, route activeness, security-group candidates, ACL entries) is never
 * carried over to the next version, and a recorded trace reads the same whichever part is read first.
 */
class CompiledScopeTest {
    private static final String S3_HOST = "my-bucket.s3.us-east-1.amazonaws.com";
    private static final String SQS_NAME = "sqs.us-east-1.amazonaws.com";

    private final PathWorld w = new PathWorld();
    private final ZoneFaults faults = new ZoneFaults();
    private final PathEngine engine = new PathEngine(faults);

    private final Vpc vpc = w.vpc("10.0.0.0/16");
    private final Subnet appA = w.subnet(vpc, "10.0.1.0/24", "us-east-1a");
    private final Subnet epA = w.subnet(vpc, "10.0.11.0/24", "us-east-1a");
    private final RouteTable appTable = w.table(vpc, appA);
    private final SecurityGroup app = w.group(vpc, "app");
    private final SecurityGroup endpointGroup = w.group(vpc, "endpoint");
    private final VpcEndpoint s3 = w.gatewayEndpoint(vpc, "com.amazonaws.us-east-1.s3", appTable);
    private final VpcEndpoint sqs;
    private final Instance app1;

    CompiledScopeTest() {
        w.authorize(endpointGroup, false, tcpFromGroup(443, app.id()));
        sqs = w.interfaceEndpoint(vpc, "com.amazonaws.us-east-1.sqs", List.of(epA), List.of(endpointGroup), true);
        app1 = w.instance(appA, app);
        w.settle();
    }

    private Verdict decide(String destination) {
        return engine.decide(w.view(), Flow.tcp(app1.id(), destination, 443));
    }

    private static Target.Via via(Verdict v) {
        Verdict.Delivered d = assertInstanceOf(Verdict.Delivered.class, v, () -> v.trace().render());
        return assertInstanceOf(Target.AwsService.class, d.target()).via();
    }

    @Test
    void aDeletedGatewayEndpointIsNoLongerTheWayOut() {
        assertEquals(new Target.GatewayEndpoint(s3.id()), via(decide(S3_HOST)));
        w.write(tx -> VpcEndpointOps.delete(tx, List.of(s3.id())));
        Verdict after = decide(S3_HOST);
        assertInstanceOf(Verdict.Refused.class, after, () -> after.trace().render());
        assertEquals(Hop.Kind.ROUTE, after.trace().decisive().kind(), () -> after.trace().render());
    }

    @Test
    void aDetachedInternetGatewayMakesItsRouteABlackholeAtOnce() {
        String igw = w.internetGateway(vpc);
        w.route(appTable, "0.0.0.0/0", igw, null);
        Verdict before = decide("8.8.8.8");
        assertEquals(Hop.Kind.INTERNET_GATEWAY, before.trace().decisive().kind(), () -> before.trace().render()); // no public IP
        w.write(tx -> {
            InternetGatewayOps.detach(tx, igw, vpc.id());
            return null;
        });
        Verdict after = decide("8.8.8.8");
        assertEquals(Hop.Kind.ROUTE, after.trace().decisive().kind(), () -> after.trace().render());
        assertTrue(after.summary().endsWith("is a blackhole (its target no longer carries traffic)"), after.summary());
    }

    @Test
    void aSourceWhoseGroupsChangeIsSeenWithItsNewGroups() {
        assertInstanceOf(Target.InterfaceEndpoint.class, via(decide(SQS_NAME)));
        SecurityGroup other = w.group(vpc, "other");
        w.write(tx -> NetworkInterfaceOps.modifyGroups(tx, app1.primaryNetworkInterfaceId(), List.of(other.id())));
        Verdict after = decide(SQS_NAME);
        assertEquals(Hop.Kind.SECURITY_GROUP_INGRESS, after.trace().decisive().kind(), () -> after.trace().render());
        assertTrue(after.summary().startsWith("security groups " + endpointGroup.id() + " on "), after.summary());
    }

    @Test
    void aRevokedRuleAndANewAclDenyAreSeenByTheNextDecision() {
        assertInstanceOf(Target.InterfaceEndpoint.class, via(decide(SQS_NAME)));
        NetworkAcl acl = w.networkAcl(vpc);
        w.aclEntry(acl, 10, false, "tcp", "deny", "10.0.1.0/24", 443, 443);
        w.aclEntry(acl, 100, false, "-1", "allow", "0.0.0.0/0", null, null);
        w.aclEntry(acl, 100, true, "-1", "allow", "0.0.0.0/0", null, null);
        w.associate(acl, epA);
        Verdict denied = decide(SQS_NAME);
        assertEquals(acl.id() + " inbound rule 10 denies tcp port 443 from " + app1.privateIpAddress(), denied.summary());

        w.associate(w.defaultAcl(vpc), epA);
        w.revokeAllEgress(app);
        w.authorize(app, true, cidr("tcp", 80, 80, "0.0.0.0/0"));
        Verdict refused = decide(SQS_NAME);
        assertEquals(Hop.Kind.SECURITY_GROUP_EGRESS, refused.trace().decisive().kind(), () -> refused.trace().render());
    }

    @Test
    void theTimeStillCountsWithinOneVersion() {
        VpcEndpoint sts = w.interfaceEndpoint(vpc, "com.amazonaws.us-east-1.sts", List.of(epA), List.of(endpointGroup), false);
        String ip = w.interfaceIn(sts, epA).privateIpAddress();
        Verdict pending = decide(ip);
        assertEquals(sts.id() + " is pending, not available", pending.summary());
        w.settle(); // no write: the same state version, compiled tables reused
        assertEquals(new Target.InterfaceEndpoint(sts.id(), w.interfaceIn(sts, epA).id(), epA.availabilityZoneId()), via(decide(ip)));
    }

    @Test
    void aRecordedTraceReadsTheSameWhicheverPartIsReadFirst() {
        Verdict first = decide(SQS_NAME);
        Verdict second = decide(SQS_NAME);
        String summary = second.summary(); // the decisive hop alone, before the hops are written out
        assertEquals(first.trace().hops(), second.trace().hops());
        assertEquals(first.trace(), second.trace());
        assertEquals(first.trace().render(), second.trace().render());
        assertEquals(summary, second.trace().decisive().describe());
        assertEquals(second.trace().hops().get(second.trace().hops().size() - 1), second.trace().decisive());
        assertSame(second.trace().hops(), second.trace().hops(), "written out once");
        NetworkInterface eni = w.primaryInterface(app1);
        assertEquals("from " + eni.id() + " (" + eni.privateIpAddress() + ") in " + appA.id() + ", " + vpc.id(),
                second.trace().hops().get(0).describe());
        assertEquals(SQS_NAME + " → " + w.interfaceIn(sqs, epA).privateIpAddress() + " (private DNS name of " + sqs.id() + ")",
                second.trace().hops().get(1).describe());
    }

    @Test
    void aTraceMadeFromHopsKeepsThem() {
        Hop refused = new Hop(Hop.Kind.REFUSED, "x", false, null, "because");
        Hop delivered = new Hop(Hop.Kind.DELIVERED, "y", true, null, "there");
        Trace t = new Trace(List.of(delivered, refused));
        assertEquals(List.of(delivered, refused), t.hops());
        assertSame(refused, t.decisive());
        assertEquals("  ✓ there\n  ✗ because", t.render());
        assertNotSame(t, new Trace(List.of(delivered)));
        assertEquals(new Trace(List.of(delivered)), new Trace(List.of(delivered)));
    }
}
