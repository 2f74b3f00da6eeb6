package io.localvpc.server.metrics;

import io.localvpc.api.ApiCallListener;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/** API calls by service, operation and outcome, and how long they took to answer. */
final class ApiCallMetrics implements ApiCallListener {
    private final Counter calls;
    private final Histogram latency;

    ApiCallMetrics(PrometheusRegistry registry) {
        calls = Counter.builder().name("localvpc_api_requests_total")
                .help("API calls answered, by service, operation and outcome (ok: 2xx; client_error: 4xx; server_error: 5xx)")
                .labelNames("service", "operation", "outcome").register(registry);
        latency = Histogram.builder().name("localvpc_api_request_duration_seconds").unit(Unit.SECONDS)
                .help("Time from receiving an API call to having its answer, by service and operation")
                .labelNames("service", "operation").classicOnly()
                .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
                .register(registry);
    }

    @Override
    public void answered(String service, String operation, int status, long nanos) {
        calls.labelValues(service, operation, outcome(status)).inc();
        latency.labelValues(service, operation).observe(nanos / 1e9);
    }

    static String outcome(int status) {
        if (status >= 500) return "server_error";
        if (status >= 400) return "client_error";
        return "ok";
    }
}
