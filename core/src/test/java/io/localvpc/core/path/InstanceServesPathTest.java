package io.localvpc.core.path;

import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.ops.InstanceOps;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.localvpc.core.path.PathWorld.cidr;
import static io.localvpc.core.path.PathWorld.tcpFromGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Instance to instance: the destination's security groups inbound and its subnet's network ACL (both ways, stateless)
 * decide, then the host: a running instance with a program published on the port takes the flow, a stopped one or
 * a port nothing is published on refuses it. An engine without publications (the Reachability Analyzer's) stops at
 * the interface.
 */
class InstanceServesPathTest {
    private final PathWorld w = new PathWorld();
    private final Publications publications = new Publications();
    private final PathEngine live = new PathEngine(new ZoneFaults(), publications);
    private final PathEngine configurationOnly = new PathEngine(new ZoneFaults());

    private final Vpc vpc = w.vpc("10.0.0.0/16");
    private final Subnet a = w.subnet(vpc, "10.0.1.0/24", "us-east-1a");
    private final Subnet b = w.subnet(vpc, "10.0.2.0/24", "us-east-1b");
    private final SecurityGroup client = w.group(vpc, "client");
    private final SecurityGroup web = w.group(vpc, "web");
    private final Instance caller;
    private final Instance server;

    InstanceServesPathTest() {
        w.table(vpc, a, b);
        caller = w.instance(a, client);
        server = w.instance(b, web);
        w.settle();
    }

    private Verdict decide(PathEngine engine, int port) {
        return engine.decide(w.view(), Flow.tcp(caller.id(), server.privateIpAddress(), port));
    }

    private void publish(int port, String hostPort) {
        publications.publish(new Publications.Publication(PathWorld.SCOPE, server.id(), server.primaryNetworkInterfaceId(), port, hostPort));
    }

    private static Verdict.Refused refused(Verdict v, Verdict.Reason reason) {
        Verdict.Refused r = assertInstanceOf(Verdict.Refused.class, v, () -> v.trace().render());
        assertEquals(reason, r.reason(), () -> v.trace().render());
        return r;
    }

    @Test
    void aPublishedPortIsDeliveredToItsProgram() {
        w.authorize(web, false, tcpFromGroup(8080, client.id()));
        publish(8080, "127.0.0.1:18080");
        Verdict v = decide(live, 8080);
        Verdict.Delivered d = assertInstanceOf(Verdict.Delivered.class, v, () -> v.trace().render());
        assertEquals(new Target.Interface(server.primaryNetworkInterfaceId(), server.id(), server.privateIpAddress(), 8080, "127.0.0.1:18080"),
                d.target());
        assertEquals("delivered to " + server.id() + " tcp 8080 (" + server.primaryNetworkInterfaceId() + ", " + server.privateIpAddress()
                + "), played by 127.0.0.1:18080", v.summary());
        // the rule that let it in is in the trace: the referenced group of the source
        Hop ingress = v.trace().hops().stream().filter(h -> h.kind() == Hop.Kind.SECURITY_GROUP_INGRESS).findFirst().orElseThrow();
        assertEquals(web.id(), ingress.resourceId());
    }

    @Test
    void aPortNothingIsPublishedOnIsRefusedByTheHost() {
        w.authorize(web, false, tcpFromGroup(8080, client.id()));
        publish(9090, "127.0.0.1:19090");
        Verdict.Refused r = refused(decide(live, 8080), Verdict.Reason.CONNECTION_REFUSED);
        assertEquals(Hop.Kind.REFUSED, r.trace().decisive().kind());
        assertEquals("the network delivers to " + server.primaryNetworkInterfaceId() + " (" + server.privateIpAddress() + "), but nothing listens on "
                + server.id() + " tcp 8080 (no program published; localvpc publish " + server.id() + " 8080 127.0.0.1:<port> plays it)", r.summary());
        // the analyzer judges the network only: the path is open
        Verdict.Delivered d = assertInstanceOf(Verdict.Delivered.class, decide(configurationOnly, 8080));
        assertNull(((Target.Interface) d.target()).servedBy());
    }

    @Test
    void theDestinationsSecurityGroupIngressDecides() {
        publish(8080, "127.0.0.1:18080");
        Verdict.Refused r = refused(decide(live, 8080), Verdict.Reason.NOT_ALLOWED);
        assertEquals(Hop.Kind.SECURITY_GROUP_INGRESS, r.trace().decisive().kind());
        assertEquals("security groups " + web.id() + " on " + server.primaryNetworkInterfaceId() + " allow no ingress from "
                + caller.privateIpAddress() + " to tcp " + server.privateIpAddress() + ":8080", r.summary());
        w.authorize(web, false, cidr("tcp", 8080, 8080, "10.0.1.0/24"));
        assertInstanceOf(Verdict.Delivered.class, decide(live, 8080));
    }

    @Test
    void theDestinationSubnetsAclInboundDecides() {
        w.authorize(web, false, tcpFromGroup(8080, client.id()));
        publish(8080, "127.0.0.1:18080");
        NetworkAcl acl = w.networkAcl(vpc);
        w.aclEntry(acl, 100, false, "tcp", "deny", "10.0.1.0/24", 8080, 8080);
        w.aclEntry(acl, 200, false, "-1", "allow", "0.0.0.0/0", null, null);
        w.aclEntry(acl, 100, true, "-1", "allow", "0.0.0.0/0", null, null);
        w.associate(acl, b);
        Verdict.Refused r = refused(decide(live, 8080), Verdict.Reason.NOT_ALLOWED);
        assertEquals(Hop.Kind.NETWORK_ACL_IN, r.trace().decisive().kind());
        assertEquals(acl.id() + " inbound rule 100 denies tcp port 8080 from " + caller.privateIpAddress(), r.summary());
    }

    @Test
    void theDestinationSubnetsAclOutboundMustLetTheReturnOut() {
        w.authorize(web, false, tcpFromGroup(8080, client.id()));
        publish(8080, "127.0.0.1:18080");
        NetworkAcl acl = w.networkAcl(vpc);
        w.aclEntry(acl, 100, false, "-1", "allow", "0.0.0.0/0", null, null);
        w.aclEntry(acl, 100, true, "tcp", "allow", "0.0.0.0/0", 8080, 8080); // no ephemeral ports for the replies
        w.associate(acl, b);
        Verdict.Refused r = refused(decide(live, 8080), Verdict.Reason.NOT_ALLOWED);
        assertEquals(Hop.Kind.NETWORK_ACL_RETURN_OUT, r.trace().decisive().kind());
        assertEquals(acl.id() + " outbound (return traffic) rule * denies tcp port " + Flow.DEFAULT_EPHEMERAL_PORT + " to "
                + caller.privateIpAddress(), r.summary());
    }

    @Test
    void aStoppedInstanceServesNothing() {
        w.authorize(web, false, tcpFromGroup(8080, client.id()));
        publish(8080, "127.0.0.1:18080");
        w.write(tx -> InstanceOps.stop(tx, List.of(server.id()), Duration.ZERO));
        for (PathEngine engine : List.of(live, configurationOnly)) {
            Verdict.Refused r = refused(decide(engine, 8080), Verdict.Reason.HOST_UNREACHABLE);
            assertEquals(server.id(), r.trace().decisive().resourceId());
            assertEquals("the network delivers to " + server.primaryNetworkInterfaceId() + " (" + server.privateIpAddress() + "), but instance " + server.id()
                    + " is stopped, not running; start it first (aws ec2 start-instances --instance-ids " + server.id() + ")", r.summary());
        }
    }
}
