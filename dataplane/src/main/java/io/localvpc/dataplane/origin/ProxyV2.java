package io.localvpc.dataplane.origin;

import java.io.ByteArrayOutputStream;

/**
 * Writes PROXY protocol version 2 headers (HAProxy's binary format: signature, PROXY command, TCP over
 * IPv4, addresses, ports, then TLVs). Reading them back is left to Netty's HAProxyMessageDecoder.
 */
final class ProxyV2 {
    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private ProxyV2() {
    }

    static byte[] header(String sourceIp, int sourcePort, String destinationIp, int destinationPort, int tlvType, byte[] tlvValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + tlvValue.length);
        out.writeBytes(SIGNATURE);
        out.write(0x21); // version 2, PROXY
        out.write(0x11); // AF_INET, STREAM
        int length = 12 + 3 + tlvValue.length;
        out.write(length >> 8);
        out.write(length);
        out.writeBytes(ipv4(sourceIp));
        out.writeBytes(ipv4(destinationIp));
        out.write(sourcePort >> 8);
        out.write(sourcePort);
        out.write(destinationPort >> 8);
        out.write(destinationPort);
        out.write(tlvType);
        out.write(tlvValue.length >> 8);
        out.write(tlvValue.length);
        out.writeBytes(tlvValue);
        return out.toByteArray();
    }

    private static byte[] ipv4(String dotted) {
        String[] parts = (dotted == null ? "0.0.0.0" : dotted).split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) b[i] = (byte) Integer.parseInt(parts[i]);
        return b;
    }
}
