package io.localvpc.server.metrics;

import io.localvpc.dataplane.dns.DnsView;
import io.localvpc.dataplane.dns.DnsViewAnswer;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Questions the VPC resolvers answered, by response code. */
final class DnsQueryMetrics {
    private final CounterDataPoint noError;
    private final CounterDataPoint noData;
    private final CounterDataPoint nxDomain;
    private final CounterDataPoint refused;
    private final CounterDataPoint servFail;

    DnsQueryMetrics(PrometheusRegistry registry) {
        Counter queries = Counter.builder().name("localvpc_dns_queries_total")
                .help("Questions answered by the VPC resolvers (Amazon-provided DNS), by answer: noerror (records), nodata, nxdomain, refused, servfail")
                .labelNames("answer").register(registry);
        noError = queries.labelValues("noerror");
        noData = queries.labelValues("nodata");
        nxDomain = queries.labelValues("nxdomain");
        refused = queries.labelValues("refused");
        servFail = queries.labelValues("servfail");
    }

    DnsView counting(DnsView view) {
        return (name, type) -> {
            DnsViewAnswer answer;
            try {
                answer = view.lookup(name, type);
            } catch (RuntimeException e) {
                servFail.inc(); // the server answers SERVFAIL for a view that throws
                throw e;
            }
            count(answer);
            return answer;
        };
    }

    private void count(DnsViewAnswer answer) {
        CounterDataPoint point;
        if (answer instanceof DnsViewAnswer.Found found) point = found.records().isEmpty() ? noData : noError;
        else if (answer instanceof DnsViewAnswer.NoData) point = noData;
        else if (answer instanceof DnsViewAnswer.NxDomain) point = nxDomain;
        else if (answer instanceof DnsViewAnswer.Refused) point = refused;
        else point = servFail;
        point.inc();
    }
}
