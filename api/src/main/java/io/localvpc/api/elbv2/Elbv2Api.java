package io.localvpc.api.elbv2;

import io.localvpc.api.awsquery.QueryProtocolService;
import io.localvpc.api.wire.ServiceModel;
import io.localvpc.core.path.TargetHealthBook;
import io.localvpc.core.state.Store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Elastic Load Balancing v2 for Network Load Balancers, on the API port (SigV4 service {@code elasticloadbalancing},
 * Query protocol with {@code .member.N} lists): load balancers, target groups and their targets' health, listeners,
 * attributes and tags, kept in each account's region scope.
 */
public final class Elbv2Api {
    public static final String SERVICE = "elasticloadbalancing";
    private static final ServiceModel MODEL = ServiceModel.load("/io/localvpc/api/elbv2-model.json");

    private Elbv2Api() {
    }

    /**
     * @param health what the health checker last found, read by DescribeTargetHealth (the data plane owns it and is built
     *               beside the APIs, so it is asked for on each call; null until it is up)
     */
    public static QueryProtocolService service(Store store, String defaultRegion, Supplier<TargetHealthBook> health) {
        Elbv2Store elb = new Elbv2Store(store, defaultRegion);
        Map<String, QueryProtocolService.Handler> handlers = new HashMap<>();
        new LoadBalancerHandlers(elb).register(handlers);
        new TargetGroupHandlers(elb, health).register(handlers);
        new ListenerHandlers(elb).register(handlers);
        new Elbv2TagHandlers(elb).register(handlers);
        return new QueryProtocolService(SERVICE, MODEL, handlers);
    }

    /** The operations served, by resource family, for the README's table ({@code ./localvpc operations}). */
    public static Map<String, List<String>> operationsByFamily() {
        Map<String, List<String>> out = new TreeMap<>();
        family(out, "Load balancers", h -> new LoadBalancerHandlers(null).register(h));
        family(out, "Target groups and targets", h -> new TargetGroupHandlers(null, () -> null).register(h));
        family(out, "Listeners", h -> new ListenerHandlers(null).register(h));
        family(out, "Tags", h -> new Elbv2TagHandlers(null).register(h));
        return out;
    }

    private static void family(Map<String, List<String>> out, String name, java.util.function.Consumer<Map<String, QueryProtocolService.Handler>> register) {
        Map<String, QueryProtocolService.Handler> h = new HashMap<>();
        register.accept(h);
        out.put(name, new ArrayList<>(new TreeMap<>(h).keySet()));
    }
}
