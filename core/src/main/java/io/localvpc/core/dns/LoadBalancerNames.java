package io.localvpc.core.dns;

import io.localvpc.core.model.LoadBalancer;
import io.localvpc.core.path.ZoneFaults;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.List;

/**
 * The DNS names of Network Load Balancers ({@code <name>-<hash>.elb.<region>.amazonaws.com}), as a VPC's resolver
 * answers them: the addresses of the load balancer's nodes, without those in zones that are down (as endpoint
 * interfaces drop out); nothing while it is still provisioning.
 */
public final class LoadBalancerNames {
    private LoadBalancerNames() {
    }

    /** The answer for {@code name} (already normalised), or null when it is no load balancer's name in this scope. */
    static DnsAnswer answer(View view, String vpcId, String name, ZoneFaults faults) {
        String suffix = ".elb." + view.scope().region() + ".amazonaws.com";
        if (!name.endsWith(suffix)) return null;
        for (LoadBalancer lb : view.all(LoadBalancer.class)) {
            if (!lb.dnsName().equals(name)) continue;
            if (lb.state(view.now()) != LoadBalancer.State.ACTIVE) {
                return new DnsAnswer.NoSuchName(name + " is the DNS name of " + lb.name() + ", which is still " + lb.state(view.now()));
            }
            List<String> ips = new ArrayList<>();
            List<String> down = new ArrayList<>();
            for (LoadBalancer.Node n : lb.nodes()) {
                if (faults.isDown(n.zoneId())) down.add(n.zoneId());
                else ips.add(n.privateIpAddress());
            }
            String source = "DNS name of Network Load Balancer " + lb.name();
            if (ips.isEmpty()) return new DnsAnswer.Unavailable(source + ": no node in a healthy zone (down: " + String.join(", ", down) + ")");
            return new DnsAnswer.Addresses(ips, source, lb.vpcId().equals(vpcId));
        }
        return new DnsAnswer.NoSuchName(name + " names no load balancer in " + view.scope().key());
    }
}
