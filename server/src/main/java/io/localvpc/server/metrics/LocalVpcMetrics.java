package io.localvpc.server.metrics;

import io.localvpc.api.ApiCallListener;
import io.localvpc.dataplane.dns.DnsView;
import io.localvpc.dataplane.policy.PolicyDecisionListener;
import io.localvpc.dataplane.proxy.ConnectionListener;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What {@code GET /metrics} shows, in the Prometheus text format: API calls, connections, bytes by path, policy
 * decisions, DNS queries, open connections and the JVM's basics. One registry per localvpc, so several in one
 * process (as in the tests) keep their own counts.
 */
public final class LocalVpcMetrics {
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ApiCallMetrics api = new ApiCallMetrics(registry);
    private final ConnectionMetrics connections = new ConnectionMetrics(registry);
    private final PolicyDecisionMetrics policies = new PolicyDecisionMetrics(registry);
    private final DnsQueryMetrics dns = new DnsQueryMetrics(registry);
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /** The JVM's collectors are registered on the first scrape: they load JMX, which start-up need not wait for. */
    private boolean jvmRegistered;

    public ApiCallListener apiCalls() {
        return api;
    }

    public ConnectionListener connections() {
        return connections;
    }

    public PolicyDecisionListener policyDecisions() {
        return policies;
    }

    /** {@code view}, counting each question it answers. */
    public DnsView countingQueries(DnsView view) {
        return dns.counting(view);
    }

    /** Every metric now, in the Prometheus text exposition format. */
    public byte[] scrape() {
        synchronized (this) {
            if (!jvmRegistered) {
                JvmMetrics.builder().register(registry);
                jvmRegistered = true;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }
}
