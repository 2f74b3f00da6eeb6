package io.localvpc.dataplane.flowlogs;

import io.localvpc.core.dns.ServiceAddresses;
import io.localvpc.core.model.NatGateway;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.state.View;
import io.localvpc.dataplane.flows.DecidedFlow;
import io.localvpc.dataplane.origin.FlowOrigin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The interfaces AWS would log a connection on, and the legs each sees, from the path engine's decision: the
 * workload's own interface always; an interface endpoint's interface in the zone used; a NAT gateway's interface
 * (both of its legs: workload to gateway, gateway to destination, and their answers, as AWS logs a NAT gateway); the
 * destination instance's interface when the flow went to a program published on an instance (the request in, the
 * answer out, as AWS logs the receiving interface). A gateway endpoint and an internet gateway have no interface of their own. A refused flow is logged on the
 * workload's interface only, in the request direction.
 */
final class FlowSides {
    private static final int EPHEMERAL_UNKNOWN = 0;

    private FlowSides() {
    }

    /**
     * @param decided     the path engine's decision
     * @param srcPort     the workload's own port, or 0 when the proxy refused before the connection had one here
     * @param dstPort     the destination port asked for
     * @param accepted    whether the network let the flow through
     */
    static List<FlowSide> of(View view, DecidedFlow decided, int srcPort, int dstPort, boolean accepted) {
        List<FlowSide> sides = new ArrayList<>(2);
        if (decided.sourceEniId() == null) return sides;
        Optional<NetworkInterface> source = view.find(NetworkInterface.class, decided.sourceEniId());
        if (source.isEmpty()) return sides;
        String src = decided.sourceIp() != null ? decided.sourceIp() : source.get().privateIpAddress();
        String dst = decided.destinationIp();
        int sport = srcPort > 0 ? srcPort : EPHEMERAL_UNKNOWN;
        FlowOrigin o = accepted ? decided.origin() : null;
        String via = o == null ? null : o.via();
        String dstService = awsService(view.scope().region(), dst);
        Integer outPath = via == null ? null : switch (via) {
            case "gateway-endpoint" -> 7;
            case "internet-gateway" -> 8;
            default -> 1; // an interface endpoint's or NAT gateway's interface: another resource in the VPC
        };
        List<FlowLeg> own = new ArrayList<>(2);
        own.add(new FlowLeg(true, "egress", src, sport, dst, dstPort, src, dst, outPath, null, dstService));
        if (accepted) own.add(new FlowLeg(false, "ingress", dst, dstPort, src, sport, dst, src, null, dstService, null));
        sides.add(side(view, source.get(), own));
        String to = accepted ? decided.destinationEniId() : null;
        if (to != null && !to.equals(source.get().id()) && dst != null) {
            view.find(NetworkInterface.class, to).ifPresent(eni -> sides.add(side(view, eni, List.of(
                    new FlowLeg(true, "ingress", src, sport, dst, dstPort, src, dst, null, null, null),
                    new FlowLeg(false, "egress", dst, dstPort, src, sport, dst, src, 1, null, null)))));
        }
        if (o == null) return sides;
        if ("interface-endpoint".equals(via) && dst != null) {
            endpointInterface(view, o.vpcId(), dst).ifPresent(eni -> sides.add(side(view, eni, List.of(
                    new FlowLeg(true, "ingress", src, sport, dst, dstPort, src, dst, null, null, null),
                    new FlowLeg(false, "egress", dst, dstPort, src, sport, dst, src, 1, null, null)))));
        } else if ("nat-gateway".equals(via)) {
            view.find(NatGateway.class, o.viaId()).filter(n -> n.networkInterfaceId() != null)
                    .flatMap(n -> view.find(NetworkInterface.class, n.networkInterfaceId()))
                    .ifPresent(eni -> {
                        String nat = eni.privateIpAddress();
                        sides.add(side(view, eni, List.of(
                                new FlowLeg(true, "ingress", src, sport, nat, dstPort, src, dst, null, null, dstService),
                                new FlowLeg(true, "egress", nat, sport, dst, dstPort, nat, dst, 8, null, dstService),
                                new FlowLeg(false, "ingress", dst, dstPort, nat, sport, dst, nat, null, dstService, null),
                                new FlowLeg(false, "egress", nat, dstPort, src, sport, dst, src, 1, dstService, null))));
                    });
        }
        return sides;
    }

    private static FlowSide side(View view, NetworkInterface eni, List<FlowLeg> legs) {
        String az = view.find(Subnet.class, eni.subnetId()).map(Subnet::availabilityZoneId).orElse(null);
        String instance = eni.attachment() == null ? null : eni.attachment().instanceId();
        return new FlowSide(eni.id(), eni.vpcId(), eni.subnetId(), instance, az, legs);
    }

    /** The interface endpoint's interface holding the address the workload connected to. */
    private static Optional<NetworkInterface> endpointInterface(View view, String vpcId, String address) {
        for (NetworkInterface n : view.all(NetworkInterface.class)) {
            if (n.vpcId().equals(vpcId) && n.privateIps().contains(address)) return Optional.of(n);
        }
        return Optional.empty();
    }

    /** AWS's pkt-*-aws-service name for a public address of an AWS service ({@code S3}, {@code DYNAMODB}, else {@code AMAZON}). */
    static String awsService(String region, String address) {
        if (address == null) return null;
        long a = Ipv4.parse(address);
        if (a < 0) return null;
        return ServiceAddresses.atAddress(region, a).map(h -> {
            String name = h.serviceName();
            String shortName = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            return switch (shortName) {
                case "s3" -> "S3";
                case "dynamodb" -> "DYNAMODB";
                case "ec2" -> "EC2";
                default -> "AMAZON";
            };
        }).orElse(null);
    }
}
