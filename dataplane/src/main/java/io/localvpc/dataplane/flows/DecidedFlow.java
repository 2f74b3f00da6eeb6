package io.localvpc.dataplane.flows;

import io.localvpc.core.path.Hop;
import io.localvpc.core.path.Target;
import io.localvpc.dataplane.origin.FlowOrigin;

/**
 * What the path policy decided about one connection a workload asked for, in the terms a flow record shows. It is
 * made with every decision, delivered or refused, and rides on the proxy's decision as its context, so the
 * {@link FlowRecorder} never decides anything again. The workload's identity, the destination as asked and the port
 * are the proxy's {@code ConnectRequest}'s.
 *
 * @param vpcId         the source's VPC; null when no such instance or interface exists in the account and region
 * @param sourceEniId   the interface the flow leaves from (an instance's primary one), or null as above
 * @param sourceIp      that interface's private address, or null
 * @param destinationIp the destination's address, as given or as the VPC's DNS answered; null when it never had one
 * @param accepted      whether the network let the flow through (AWS flow logs' ACCEPT); a flow it accepted can still
 *                      fail, when nothing serves the destination
 * @param path          how the flow crossed, or as far as it got ("gateway endpoint vpce-…", "NAT gateway nat-…"); null
 *                      when it was refused before any route was looked up
 * @param deciding      the hop that refused the flow; null when accepted
 * @param origin        what the endpoint front and zone faults are told of a delivered flow; null otherwise
 * @param destinationEniId      the interface in the VPC the flow went to (an instance's), when it went to one; else null
 * @param destinationInstanceId the instance that interface is attached to, or null
 * @param balanced      where a Network Load Balancer sent a delivered flow (its node, target group, target and, across
 *                      PrivateLink, the consumer's endpoint), so what later ends that choice can cut the connection; null
 *                      for any other flow
 */
public record DecidedFlow(String account, String region, String vpcId, String sourceEniId, String sourceIp, String destinationIp,
                          boolean accepted, String path, Hop deciding, FlowOrigin origin, String destinationEniId,
                          String destinationInstanceId, Target.LoadBalanced balanced) {

    public DecidedFlow(String account, String region, String vpcId, String sourceEniId, String sourceIp, String destinationIp,
                       boolean accepted, String path, Hop deciding, FlowOrigin origin, String destinationEniId, String destinationInstanceId) {
        this(account, region, vpcId, sourceEniId, sourceIp, destinationIp, accepted, path, deciding, origin, destinationEniId,
                destinationInstanceId, null);
    }

    /** A flow whose destination is no interface in the VPC (an AWS service, or refused before one was found). */
    public DecidedFlow(String account, String region, String vpcId, String sourceEniId, String sourceIp, String destinationIp,
                       boolean accepted, String path, Hop deciding, FlowOrigin origin) {
        this(account, region, vpcId, sourceEniId, sourceIp, destinationIp, accepted, path, deciding, origin, null, null);
    }

    /** Where a delivered connection went (its endpoint or gateway), from the decision it carries; null for any other. */
    public static FlowOrigin originOf(io.localvpc.dataplane.proxy.ProxiedConnection connection) {
        return connection.context() instanceof DecidedFlow d ? d.origin() : null;
    }
}
