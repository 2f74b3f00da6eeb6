package io.localvpc.server.cost;

import io.localvpc.core.cost.CostLedger;
import io.localvpc.core.cost.MeteredPath;
import io.localvpc.core.cost.ResourceLife;
import io.localvpc.core.dns.ServiceAddresses;
import io.localvpc.core.model.NatGateway;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.state.Change;
import io.localvpc.core.state.ResourceTypes;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.StoreListener;
import io.localvpc.core.state.View;
import io.localvpc.dataplane.flows.DecidedFlow;
import io.localvpc.dataplane.origin.FlowOrigin;
import io.localvpc.dataplane.proxy.ConnectionListener;
import io.localvpc.dataplane.proxy.ProxiedConnection;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Feeds the {@link CostLedger}: each closed workload connection's bytes under the resource they went through (and the
 * zones on either side), and the lives of endpoints and NAT gateways as the state records them. Runs on event loops
 * and in the store's listener: it reads in-memory views only.
 */
public final class CostMeter implements ConnectionListener, StoreListener {
    private static final String ENDPOINT = ResourceTypes.nameOf(VpcEndpoint.class);
    private static final String NAT = ResourceTypes.nameOf(NatGateway.class);

    private final Store store;
    private final CostLedger ledger = new CostLedger();

    public CostMeter(Store store) {
        this.store = store;
        for (Scope s : store.scopes()) store.viewIfPresent(s).ifPresent(this::recordLives);
    }

    public CostLedger ledger() {
        return ledger;
    }

    @Override
    public void closed(ProxiedConnection connection, long totalFromWorkload, long totalToWorkload) {
        FlowOrigin o = DecidedFlow.originOf(connection);
        if (o == null || o.viaId() == null || o.via() == null) return;
        if (totalFromWorkload == 0 && totalToWorkload == 0) return;
        Optional<View> view = store.viewIfPresent(new Scope(o.account(), o.region()));
        String sourceZone = view.flatMap(v -> zoneOfInterface(v, o.sourceEniId())).orElse(null);
        String viaZone = switch (o.via()) {
            case "interface-endpoint" -> o.zoneId();
            case "nat-gateway" -> view.flatMap(v -> v.find(NatGateway.class, o.viaId())).flatMap(n -> zoneOfSubnet(view.get(), n.subnetId())).orElse(null);
            default -> null;
        };
        ledger.addTraffic(new MeteredPath(o.account(), o.region(), o.vpcId(), o.via(), o.viaId(), serviceOf(o.region(), o.serviceHost()),
                sourceZone, viaZone), totalFromWorkload, totalToWorkload);
    }

    /** Only the rows this commit changed: a create among thousands of endpoints costs one lookup, not a scan. */
    @Override
    public void committed(Scope scope, List<Change> changes) {
        View view = null;
        for (Change c : changes) {
            boolean endpoint = c.type().equals(ENDPOINT);
            if (!endpoint && !c.type().equals(NAT)) continue;
            if (view == null) view = store.viewIfPresent(scope).orElse(null);
            if (view == null) return;
            if (c.isRemoval()) {
                ledger.ended(c.id(), view.now());
            } else if (endpoint) {
                view.find(VpcEndpoint.class, c.id()).ifPresent(e -> ledger.lived(lifeOf(scope, e)));
            } else {
                view.find(NatGateway.class, c.id()).ifPresent(n -> ledger.lived(lifeOf(scope, n)));
            }
        }
    }

    @Override
    public void replaced() {
        // A reset or an import starts the bill over, with what the new state holds.
        ledger.clear();
        for (Scope s : store.scopes()) store.viewIfPresent(s).ifPresent(this::recordLives);
    }

    /** Every endpoint and NAT gateway of a scope, at start-up and after a reset or an import. */
    private void recordLives(View v) {
        for (VpcEndpoint e : v.all(VpcEndpoint.class)) ledger.lived(lifeOf(v.scope(), e));
        for (NatGateway n : v.all(NatGateway.class)) ledger.lived(lifeOf(v.scope(), n));
    }

    private static ResourceLife lifeOf(Scope scope, VpcEndpoint e) {
        boolean isInterface = e.variant() instanceof VpcEndpoint.Interface;
        int zones = isInterface ? ((VpcEndpoint.Interface) e.variant()).subnetIds().size() : 0;
        return new ResourceLife(scope.account(), scope.region(), e.id(), isInterface ? "interface-endpoint" : "gateway-endpoint",
                e.vpcId(), shortName(e.serviceName()), zones, e.createdAt(), e.deletingAt() != null ? e.deletingAt() : e.deletedAt());
    }

    private static ResourceLife lifeOf(Scope scope, NatGateway n) {
        return new ResourceLife(scope.account(), scope.region(), n.id(), "nat-gateway", n.vpcId(), null, 1, n.createdAt(), n.deleteRequestedAt());
    }

    private static Optional<String> zoneOfInterface(View v, String eniId) {
        if (eniId == null) return Optional.empty();
        return v.find(NetworkInterface.class, eniId).flatMap(n -> zoneOfSubnet(v, n.subnetId()));
    }

    private static Optional<String> zoneOfSubnet(View v, String subnetId) {
        if (subnetId == null) return Optional.empty();
        return v.find(Subnet.class, subnetId).map(Subnet::availabilityZoneId);
    }

    /** {@code com.amazonaws.us-east-1.ecr.api} → {@code ecr.api}. */
    static String shortName(String serviceName) {
        if (serviceName == null) return null;
        String[] parts = serviceName.split("\\.", 4);
        return parts.length == 4 ? parts[3] : serviceName;
    }

    /** The service a host name belongs to, by the catalog's public names; else its first label (an endpoint's own name). */
    static String serviceOf(String region, String host) {
        if (host == null) return "unknown";
        String h = host.toLowerCase(Locale.ROOT);
        Optional<ServiceAddresses.ServiceHost> known = ServiceAddresses.forName(region, h);
        if (known.isPresent()) return shortName(known.get().serviceName());
        String[] labels = h.split("\\.");
        return labels.length > 1 && labels[0].startsWith("vpce-") ? labels[1] : labels[0];
    }
}
