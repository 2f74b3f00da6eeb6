package io.localvpc.bench.jmh;

import io.localvpc.core.model.Instance;
import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.ops.AddressOps;
import io.localvpc.core.ops.DefaultVpc;
import io.localvpc.core.ops.EndpointProvisioning;
import io.localvpc.core.ops.InstanceOps;
import io.localvpc.core.ops.InternetGatewayOps;
import io.localvpc.core.ops.NatGatewayOps;
import io.localvpc.core.ops.NetworkAclEntries;
import io.localvpc.core.ops.NetworkAclOps;
import io.localvpc.core.ops.RouteTableOps;
import io.localvpc.core.ops.SecurityGroupOps;
import io.localvpc.core.ops.SecurityGroupRuleSpec;
import io.localvpc.core.ops.SubnetOps;
import io.localvpc.core.ops.VpcEndpointOps;
import io.localvpc.core.ops.VpcOps;
import io.localvpc.core.path.Flow;
import io.localvpc.core.path.PathEngine;
import io.localvpc.core.path.Target;
import io.localvpc.core.path.Verdict;
import io.localvpc.core.path.ZoneFaults;
import io.localvpc.core.state.Journal;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.Tx;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Path decisions per second on one thread, for a VPC with 50 routes, 100 security-group rules and 20
 * network-ACL entries: a flow from an instance across two subnets to an SQS interface endpoint (by its
 * private DNS name, and by address), and a flow to S3 through a gateway endpoint. Every decision takes a
 * fresh view of the store, as the workload proxy does; the compiled tables are reused while the state
 * does not change. The filters are laid out so that the matching rule is the last one scanned.
 * Run: bench/jmh.sh PathDecisions -f 1 -wi 3 -i 5
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class PathDecisions {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");

    private Store store;
    private PathEngine engine;
    private Flow toInterfaceEndpointByName;
    private Flow toInterfaceEndpointByAddress;
    private Flow toS3;

    @Setup
    public void setUp() {
        EndpointProvisioning.setDelay(Duration.ZERO);
        NatGatewayOps.setTransitionDelay(Duration.ZERO);
        store = new Store(Journal.NONE, Clock.systemUTC(), DefaultVpc::create);
        engine = new PathEngine(ZoneFaults.none());

        Vpc vpc = write(tx -> tx.put(VpcOps.create(tx, "10.0.0.0/16", null, false).withDnsHostnames(true)));
        Subnet pub = write(tx -> SubnetOps.create(tx, vpc.id(), "10.0.0.0/24", "us-east-1a", null));
        Subnet appA = write(tx -> SubnetOps.create(tx, vpc.id(), "10.0.1.0/24", "us-east-1a", null));
        Subnet appB = write(tx -> SubnetOps.create(tx, vpc.id(), "10.0.2.0/24", "us-east-1b", null));
        Subnet epA = write(tx -> SubnetOps.create(tx, vpc.id(), "10.0.11.0/24", "us-east-1a", null));
        Subnet epB = write(tx -> SubnetOps.create(tx, vpc.id(), "10.0.12.0/24", "us-east-1b", null));
        String igw = write(tx -> {
            String id = InternetGatewayOps.create(tx).id();
            InternetGatewayOps.attach(tx, id, vpc.id());
            return id;
        });
        String nat = write(tx -> NatGatewayOps.create(tx, pub.id(), null, AddressOps.allocate(tx, "vpc").id(), null).id());

        // 50 routes in the application subnets' table: local, 0.0.0.0/0 → NAT, the S3 prefix list → endpoint, 47 more-specific CIDRs → IGW
        RouteTable app = write(tx -> {
            RouteTable t = RouteTableOps.create(tx, vpc.id());
            RouteTableOps.associate(tx, t.id(), appA.id());
            RouteTableOps.associate(tx, t.id(), appB.id());
            RouteTableOps.createRoute(tx, t.id(), new RouteTableOps.Destination("0.0.0.0/0", null), new RouteTableOps.Target(null, nat, null, null));
            for (int k = 0; k < 47; k++) {
                RouteTableOps.createRoute(tx, t.id(), new RouteTableOps.Destination("100." + (64 + k) + ".0.0/16", null),
                        new RouteTableOps.Target(igw, null, null, null));
            }
            return t;
        });
        write(tx -> VpcEndpointOps.create(tx, new VpcEndpointOps.Create(vpc.id(), "Gateway", "com.amazonaws.us-east-1.s3", null,
                List.of(app.id()), List.of(), List.of(), null, null, null, null, Map.of(), null)));
        check(store.view(SCOPE).find(RouteTable.class, app.id()).orElseThrow().routes().size() == 50, "50 routes");

        // 100 security-group rules: 50 egress on the application group; 49 ingress and the default egress rule on the endpoint group; the match is the last
        SecurityGroup appGroup = write(tx -> SecurityGroupOps.create(tx, vpc.id(), "app", "app"));
        SecurityGroup endpointGroup = write(tx -> SecurityGroupOps.create(tx, vpc.id(), "endpoints", "endpoints"));
        write(tx -> {
            SecurityGroup g = tx.find(SecurityGroup.class, appGroup.id()).orElseThrow();
            SecurityGroupOps.revoke(tx, g, true, List.of(spec("-1", null, null, "0.0.0.0/0", null)));
            List<SecurityGroupRuleSpec> out = new ArrayList<>();
            for (int k = 0; k < 49; k++) out.add(spec("tcp", 8000 + k, 8000 + k, "172.16." + k + ".0/24", null));
            out.add(spec("tcp", 443, 443, "0.0.0.0/0", null));
            SecurityGroupOps.authorize(tx, tx.find(SecurityGroup.class, appGroup.id()).orElseThrow(), true, out);
            List<SecurityGroupRuleSpec> in = new ArrayList<>();
            for (int k = 0; k < 48; k++) in.add(spec("tcp", 9000 + k, 9000 + k, "172.17." + k + ".0/24", null));
            in.add(spec("tcp", 443, 443, null, appGroup.id()));
            SecurityGroupOps.authorize(tx, tx.find(SecurityGroup.class, endpointGroup.id()).orElseThrow(), false, in);
            return null;
        });
        int rules = store.view(SCOPE).find(SecurityGroup.class, appGroup.id()).orElseThrow().rules().size()
                + store.view(SCOPE).find(SecurityGroup.class, endpointGroup.id()).orElseThrow().rules().size();
        check(rules == 100, "100 security group rules, got " + rules);

        // 20 network-ACL entries on the application subnets: 9 denies for other ranges and an allow, each way
        write(tx -> {
            NetworkAcl acl = NetworkAclOps.create(tx, vpc.id()); // with the two * entries
            for (boolean egress : new boolean[]{false, true}) {
                for (int k = 0; k < 8; k++) {
                    NetworkAclOps.createEntry(tx, acl.id(), NetworkAclEntries.build(10 + k, egress, "tcp", "deny", "192.168." + k + ".0/24", null,
                            new NetworkAclEntries.Ports(0, 65535), null));
                }
                NetworkAclOps.createEntry(tx, acl.id(), NetworkAclEntries.build(100, egress, "-1", "allow", "0.0.0.0/0", null, null, null));
            }
            for (Subnet s : List.of(appA, appB)) {
                NetworkAcl current = NetworkAclOps.ofSubnet(tx, s.id()).orElseThrow();
                NetworkAclOps.replaceAssociation(tx, current.associationForSubnet(s.id()).orElseThrow().associationId(), acl.id());
            }
            check(tx.find(NetworkAcl.class, acl.id()).orElseThrow().entries().size() == 20, "20 ACL entries");
            return null;
        });

        VpcEndpoint sqs = write(tx -> VpcEndpointOps.create(tx, new VpcEndpointOps.Create(vpc.id(), "Interface", "com.amazonaws.us-east-1.sqs",
                null, List.of(), List.of(epA.id(), epB.id()), List.of(endpointGroup.id()), true, null, null, null, Map.of(), null)));
        Instance instance = write(tx -> InstanceOps.run(tx, new InstanceOps.LaunchSpec("ami-12345678", null, 1, 1, appA.id(),
                List.of(appGroup.id()), List.of(), null, List.of(), null, null), Duration.ZERO)).instances().get(0);
        String endpointIp = VpcEndpointOps.interfacesOf(store.view(SCOPE), sqs).stream().filter(n -> n.subnetId().equals(epA.id()))
                .map(NetworkInterface::privateIpAddress).findFirst().orElseThrow();

        toInterfaceEndpointByName = Flow.tcp(instance.id(), "sqs.us-east-1.amazonaws.com", 443);
        toInterfaceEndpointByAddress = Flow.tcp(instance.id(), endpointIp, 443);
        toS3 = Flow.tcp(instance.id(), "my-bucket.s3.us-east-1.amazonaws.com", 443);
        expect(toInterfaceEndpointByName, Target.InterfaceEndpoint.class);
        expect(toInterfaceEndpointByAddress, Target.InterfaceEndpoint.class);
        expect(toS3, Target.GatewayEndpoint.class);
    }

    private <T> T write(Function<Tx, T> work) {
        return store.write(SCOPE, work);
    }

    private static SecurityGroupRuleSpec spec(String protocol, Integer from, Integer to, String cidr, String groupId) {
        return new SecurityGroupRuleSpec(protocol, from, to, cidr, null, null, groupId, null, null, null);
    }

    private void expect(Flow flow, Class<? extends Target.Via> via) {
        Verdict v = engine.decide(store.view(SCOPE), flow);
        if (!(v instanceof Verdict.Delivered d) || !(d.target() instanceof Target.AwsService s) || !via.isInstance(s.via())) {
            throw new IllegalStateException("benchmark layout is wrong for " + flow + ":\n" + v.trace().render());
        }
        check(v.trace().hops().stream().anyMatch(h -> h.kind().name().startsWith("NETWORK_ACL")), "the flow must cross an ACL");
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new IllegalStateException(what);
    }

    @Benchmark
    public Verdict interfaceEndpointByPrivateDnsName() {
        return engine.decide(store.view(SCOPE), toInterfaceEndpointByName);
    }

    @Benchmark
    public Verdict interfaceEndpointByAddress() {
        return engine.decide(store.view(SCOPE), toInterfaceEndpointByAddress);
    }

    @Benchmark
    public Verdict s3ThroughGatewayEndpoint() {
        return engine.decide(store.view(SCOPE), toS3);
    }
}
