package io.localvpc.dataplane.vpc;

import io.localvpc.core.dns.DnsAnswer;
import io.localvpc.core.dns.VpcDns;
import io.localvpc.core.path.ZoneFaults;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.dataplane.dns.DnsRecord;
import io.localvpc.dataplane.dns.DnsView;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One VPC's resolver as the DNS server sees it: every query is answered by {@link VpcDns} against the
 * current state, so a new endpoint or a zone going down shows in the very next answer.
 */
public final class VpcResolverView implements DnsView {
    /** Short, so answers follow state changes (endpoints, faults) quickly, as Route 53's 60 s would not. */
    static final long TTL_SECONDS = 5;

    private final Store store;
    private final ScopeLocator locator;
    private final ZoneFaults faults;
    private final String vpcId;

    public VpcResolverView(Store store, ScopeLocator locator, ZoneFaults faults, String vpcId) {
        this.store = store;
        this.locator = locator;
        this.faults = faults;
        this.vpcId = vpcId;
    }

    @Override
    public io.localvpc.dataplane.dns.DnsViewAnswer lookup(String name, int type) {
        Optional<Scope> scope = locator.scopeOf(vpcId);
        if (scope.isEmpty()) return new io.localvpc.dataplane.dns.DnsViewAnswer.Refused("VPC " + vpcId + " no longer exists");
        DnsAnswer answer = VpcDns.resolve(store.view(scope.get()), vpcId, name, faults);
        if (answer instanceof DnsAnswer.Addresses a) {
            if (type != DnsRecord.A) return io.localvpc.dataplane.dns.DnsViewAnswer.noData();
            List<DnsRecord> records = new ArrayList<>();
            for (String ip : a.addresses()) records.add(DnsRecord.a(name, TTL_SECONDS, ip));
            return io.localvpc.dataplane.dns.DnsViewAnswer.found(records.toArray(new DnsRecord[0]));
        }
        if (answer instanceof DnsAnswer.NoSuchName) return io.localvpc.dataplane.dns.DnsViewAnswer.nxDomain();
        if (answer instanceof DnsAnswer.Unavailable u) return new io.localvpc.dataplane.dns.DnsViewAnswer.ServFail(u.reason());
        return new io.localvpc.dataplane.dns.DnsViewAnswer.Refused(((DnsAnswer.Refused) answer).reason());
    }
}
