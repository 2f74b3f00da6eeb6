package io.localvpc.dataplane.health;

import io.localvpc.core.model.Listener;
import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.TargetGroup;
import io.localvpc.core.ops.DefaultVpc;
import io.localvpc.core.ops.NetworkInterfaceOps;
import io.localvpc.core.ops.SubnetOps;
import io.localvpc.core.ops.VpcOps;
import io.localvpc.core.ops.elbv2.HealthCheckSettings;
import io.localvpc.core.ops.elbv2.ListenerOps;
import io.localvpc.core.ops.elbv2.LoadBalancerOps;
import io.localvpc.core.ops.elbv2.TargetGroupOps;
import io.localvpc.core.ops.elbv2.TargetRegistration;
import io.localvpc.core.path.PathEngine;
import io.localvpc.core.path.Publications;
import io.localvpc.core.path.TargetHealthBook;
import io.localvpc.core.path.ZoneFaults;
import io.localvpc.core.state.Journal;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.time.ManualClock;
import io.localvpc.dataplane.net.Transports;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The checker driven round by round on a settable clock: no work while no listener forwards to a target; a check
 * when a target is due (every interval), none before; results counted into the health book with AWS's thresholds;
 * a real program on loopback answers the checks, and its closing fails them.
 */
class HealthCheckerTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private Store store;
    private EventLoopGroup loops;
    private HealthChecker checker;
    private final TargetHealthBook book = new TargetHealthBook();
    private final Publications publications = new Publications();
    private ServerSocket program;
    private final AtomicInteger accepted = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        store = new Store(Journal.NONE, clock, DefaultVpc::create);
        loops = Transports.eventLoopGroup(1);
        checker = new HealthChecker(store, new PathEngine(ZoneFaults.none(), publications), book, loops, clock, Duration.ofHours(1));
        program = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!program.isClosed()) {
                try (Socket s = program.accept()) {
                    accepted.incrementAndGet();
                } catch (Exception e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void stop() throws Exception {
        checker.close();
        program.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private record World(String groupArn, String loadBalancerArn, TargetHealthBook.TargetKey key) {
    }

    /** A VPC with an interface that holds the target address, an internal NLB beside it, and an ip target group. */
    private World world() {
        return store.write(SCOPE, tx -> {
            String vpc = VpcOps.create(tx, "10.9.0.0/16", "default", false).id();
            String subnet = SubnetOps.create(tx, vpc, "10.9.1.0/24", "us-east-1a", null).id();
            String defaultGroup = VpcOps.defaultSecurityGroup(tx, vpc).orElseThrow().id();
            NetworkInterface target = NetworkInterfaceOps.create(tx, new NetworkInterfaceOps.Spec(subnet, "10.9.1.50", List.of(defaultGroup), null, 0));
            publications.publish(new Publications.Publication(SCOPE, target.id(), target.id(), 8080, "127.0.0.1:" + program.getLocalPort()));
            // the default group admits its own members, so a node in it reaches the target
            LoadBalancer lb = LoadBalancerOps.create(tx, new LoadBalancerOps.Create("checked", "network", "internal",
                    List.of(new LoadBalancerOps.SubnetMapping(subnet, null, null)), false, List.of(defaultGroup), null));
            TargetGroup g = TargetGroupOps.create(tx, new TargetGroupOps.Create("checked", "TCP", null, 8080, vpc, "ip", null,
                    new HealthCheckSettings.Given(null, null, null, null, null, 10, 5, 2, 2)));
            TargetRegistration.register(tx, g.id(), List.of(new TargetRegistration.Given("10.9.1.50", null, null)));
            return new World(g.id(), lb.id(), new TargetHealthBook.TargetKey(SCOPE, g.id(), "10.9.1.50", 8080));
        });
    }

    private void listen(World w) {
        store.write(SCOPE, tx -> ListenerOps.create(tx, w.loadBalancerArn(), new ListenerOps.Settings(80, "TCP", null, List.of(), null,
                List.of(new Listener.Action("forward", List.of(new Listener.WeightedTargetGroup(w.groupArn(), null)))))));
    }

    /** Waits for the book to show {@code state} (results arrive from the event loop). */
    private TargetHealthBook.Health awaitState(TargetHealthBook.TargetKey key, String state) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            TargetHealthBook.Health h = book.of(key);
            if (h != null && h.state().equals(state)) return h;
            Thread.sleep(25);
        }
        fail("the target never became " + state + "; last " + book.of(key));
        return null;
    }

    /** Regression: the open-check limit held the rest of a round's due targets until the next round (64 checks a second at most). */
    @Test
    void moreTargetsThanTheOpenCheckLimitAreAllCheckedInOneRound() throws Exception {
        int targets = HealthChecker.MAX_IN_FLIGHT * 2 + 10;
        World w = world();
        store.write(SCOPE, tx -> {
            String subnet = tx.find(NetworkInterface.class, tx.all(NetworkInterface.class).stream()
                    .filter(e -> "10.9.1.50".equals(e.privateIpAddress())).findFirst().orElseThrow().id()).orElseThrow().subnetId();
            String group = tx.all(NetworkInterface.class).stream().filter(e -> "10.9.1.50".equals(e.privateIpAddress())).findFirst().orElseThrow().groupIds().get(0);
            List<TargetRegistration.Given> more = new java.util.ArrayList<>();
            for (int i = 1; i < targets; i++) {
                NetworkInterface eni = NetworkInterfaceOps.create(tx, new NetworkInterfaceOps.Spec(subnet, null, List.of(group), null, 0));
                publications.publish(new Publications.Publication(SCOPE, eni.id(), eni.id(), 8080, "127.0.0.1:" + program.getLocalPort()));
                more.add(new TargetRegistration.Given(eni.privateIpAddress(), null, null));
            }
            return TargetRegistration.register(tx, w.groupArn(), more);
        });
        listen(w);
        clock.advance(Duration.ofSeconds(3));
        checker.roundNow(); // one round only: every due target must be checked without waiting for another
        for (int i = 0; i < 400 && accepted.get() < targets; i++) Thread.sleep(25);
        assertEquals(targets, checker.checks());
        assertEquals(targets, accepted.get());
    }

    @Test
    void nothingIsCheckedWhileNoListenerUsesTheGroup() throws Exception {
        World w = world();
        clock.advance(Duration.ofMinutes(1));
        checker.roundNow();
        assertEquals(0, checker.checks());
        assertFalse(checker.ticking(), "no timer runs while no listener forwards to a target");
        assertEquals(0, accepted.get());
        listen(w);
        checker.roundNow();
        assertTrue(checker.ticking());
        assertEquals(1, checker.checks());
    }

    @Test
    void targetsAreCheckedWhenDueAndCountedWithTheThresholds() throws Exception {
        World w = world();
        listen(w);
        checker.roundNow();
        assertEquals(0, checker.checks(), "the load balancer is still provisioning");
        assertTrue(checker.ticking(), "rounds go on until it is active");

        clock.advance(Duration.ofSeconds(3));
        checker.roundNow();
        assertEquals(1, checker.checks());
        awaitState(w.key(), "initial");
        checker.roundNow();
        assertEquals(1, checker.checks(), "not due again before its interval");

        clock.advance(Duration.ofSeconds(10));
        checker.roundNow();
        assertEquals(2, checker.checks());
        awaitState(w.key(), "healthy");
        assertEquals(2, accepted.get(), "each check opened one connection to the program");

        program.close();
        // rounds until two failures in a row are counted (a round skips a target whose last check is still open)
        TargetHealthBook.Health down = book.of(w.key());
        for (int i = 0; i < 100 && !down.state().equals("unhealthy"); i++) {
            clock.advance(Duration.ofSeconds(10));
            checker.roundNow();
            Thread.sleep(20);
            down = book.of(w.key());
        }
        assertEquals("unhealthy", down.state());
        assertEquals("Target.FailedHealthChecks", down.reason());
        assertTrue(checker.checks() >= 4);

        // deregistered (delay 0): no longer checked, and forgotten by the book
        store.write(SCOPE, tx -> {
            TargetGroupOps.modifyAttributes(tx, w.groupArn(), java.util.Map.of("deregistration_delay.timeout_seconds", "0"));
            return TargetRegistration.deregister(tx, w.groupArn(), List.of(new TargetRegistration.Given("10.9.1.50", null, null)));
        });
        checker.roundNow();
        assertEquals(null, book.of(w.key()));
        assertFalse(checker.ticking());
    }
}
