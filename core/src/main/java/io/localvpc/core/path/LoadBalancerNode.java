package io.localvpc.core.path;

import io.localvpc.core.model.LoadBalancer;

/** One node of a Network Load Balancer, found by its network interface: the address flows to the load balancer reach. */
record LoadBalancerNode(LoadBalancer loadBalancer, LoadBalancer.Node node) {

    /** {@code net/<name>/<id>}: how ELBv2 and its error messages name a load balancer. */
    String name() {
        return shortName(loadBalancer.id());
    }

    /** The part of an ELBv2 ARN after {@code loadbalancer/} or {@code targetgroup/…}: {@code net/web/0123…}, {@code targetgroup/web/…}. */
    static String shortName(String arn) {
        String tail = arn.substring(arn.lastIndexOf(':') + 1);
        return tail.startsWith("loadbalancer/") ? tail.substring("loadbalancer/".length()) : tail;
    }
}
