package io.localvpc.dataplane.origin;

import io.localvpc.dataplane.proxy.TargetPreamble;
import io.netty.util.AttributeKey;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a delivered connection comes from in the emulated world: the workload's account, region, VPC,
 * interface and private address, and the way it reached the service (a gateway or interface endpoint, a
 * NAT gateway, an internet gateway). The proxy sends it to the endpoint listener ahead of the workload's
 * bytes as a PROXY protocol v2 header, so policies at the endpoint can see {@code aws:SourceVpce},
 * {@code aws:SourceVpc} and {@code aws:VpcSourceIp} as AWS would.
 *
 * @param endpointId the VPC endpoint the flow goes through, or null on the NAT or internet path
 * @param via        {@code gateway-endpoint}, {@code interface-endpoint}, {@code nat-gateway} or {@code internet-gateway}
 * @param viaId      the id of that endpoint or gateway
 * @param zoneId     the zone of the interface endpoint's interface, or null
 */
public record FlowOrigin(String account, String region, String vpcId, String sourceEniId, String sourceIp, String endpointId,
                         String via, String viaId, String zoneId) implements TargetPreamble {

    /** Where the endpoint listener keeps a connection's origin. */
    public static final AttributeKey<FlowOrigin> KEY = AttributeKey.valueOf("localvpc.flowOrigin");

    /** The PROXY v2 TLV type localvpc uses (the range 0xE0–0xEF is reserved for custom use). */
    static final int TLV_TYPE = 0xE0;

    public boolean throughEndpoint() {
        return endpointId != null;
    }

    /** The PROXY v2 header naming this origin, for a connection to {@code destination}. */
    public byte[] proxyHeader(String destinationIp, int destinationPort) {
        return ProxyV2.header(sourceIp, 0, destinationIp, destinationPort, TLV_TYPE, encode().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] preamble(InetSocketAddress target) {
        return proxyHeader("127.0.0.1", target.getPort());
    }

    String encode() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : toMap().entrySet()) {
            if (e.getValue() != null) sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        return sb.toString();
    }

    static FlowOrigin decode(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) m.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return new FlowOrigin(m.get("account"), m.get("region"), m.get("vpc"), m.get("eni"), m.get("ip"), m.get("vpce"),
                m.get("via"), m.get("viaId"), m.get("zone"));
    }

    private Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("account", account);
        m.put("region", region);
        m.put("vpc", vpcId);
        m.put("eni", sourceEniId);
        m.put("ip", sourceIp);
        m.put("vpce", endpointId);
        m.put("via", via);
        m.put("viaId", viaId);
        m.put("zone", zoneId);
        return m;
    }
}
