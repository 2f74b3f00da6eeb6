package io.localvpc.server.metrics;

import io.localvpc.dataplane.flows.DecidedFlow;
import io.localvpc.dataplane.origin.FlowOrigin;
import io.localvpc.dataplane.proxy.ConnectRequest;
import io.localvpc.dataplane.proxy.ConnectionDecision;
import io.localvpc.dataplane.proxy.ConnectionListener;
import io.localvpc.dataplane.proxy.ProxiedConnection;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.Locale;

/**
 * Workload connections by verdict and path, those open now, and the bytes each path carried (by the endpoint, NAT
 * gateway or internet gateway it went through). Bytes are added when a connection closes, so a long transfer shows
 * at its end; this keeps the per-buffer path free of any bookkeeping.
 */
final class ConnectionMetrics implements ConnectionListener {
    private final Counter connections;
    private final Gauge open;
    private final Counter bytes;

    ConnectionMetrics(PrometheusRegistry registry) {
        connections = Counter.builder().name("localvpc_connections_total")
                .help("Workload connections through the proxy, by verdict (accepted, refused, failed: the path was open but the target did not"
                        + " answer), path (gateway-endpoint, interface-endpoint, nat-gateway, internet-gateway, local (to another instance), other; none when refused) and refusal reason")
                .labelNames("verdict", "path", "reason").register(registry);
        open = Gauge.builder().name("localvpc_connections_open")
                .help("Workload connections open now, by path").labelNames("path").register(registry);
        bytes = Counter.builder().name("localvpc_path_bytes_total")
                .help("Bytes carried by closed workload connections, by path, the resource they went through (vpce-…, nat-…, igw-…) and direction"
                        + " (from_workload, to_workload)")
                .labelNames("path", "via", "direction").register(registry);
    }

    @Override
    public void opened(ProxiedConnection connection) {
        String path = path(connection);
        connections.labelValues("accepted", path, "none").inc();
        open.labelValues(path).inc();
    }

    @Override
    public void closed(ProxiedConnection connection, long totalFromWorkload, long totalToWorkload) {
        String path = path(connection);
        open.labelValues(path).dec();
        FlowOrigin o = DecidedFlow.originOf(connection);
        String via = o != null && o.viaId() != null ? o.viaId() : "none";
        if (totalFromWorkload > 0) bytes.labelValues(path, via, "from_workload").inc(totalFromWorkload);
        if (totalToWorkload > 0) bytes.labelValues(path, via, "to_workload").inc(totalToWorkload);
    }

    @Override
    public void failed(ProxiedConnection connection, Throwable cause) {
        connections.labelValues("failed", path(connection), "none").inc();
    }

    @Override
    public void refused(ConnectRequest request, ConnectionDecision.Refuse refusal) {
        connections.labelValues("refused", "none", refusal.kind().name().toLowerCase(Locale.ROOT)).inc();
    }

    private static String path(ProxiedConnection connection) {
        if (connection.context() instanceof DecidedFlow d && d.destinationEniId() != null) return "local"; // to another instance's program
        FlowOrigin o = DecidedFlow.originOf(connection);
        return o != null && o.via() != null ? o.via() : "other";
    }
}
