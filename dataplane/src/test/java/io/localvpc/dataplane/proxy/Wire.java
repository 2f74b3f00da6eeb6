package io.localvpc.dataplane.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Byte-level helpers for driving the proxy by hand. */
final class Wire {
    private Wire() {
    }

    static byte[] socksGreeting(int... methods) {
        byte[] b = new byte[2 + methods.length];
        b[0] = 5;
        b[1] = (byte) methods.length;
        for (int i = 0; i < methods.length; i++) b[2 + i] = (byte) methods[i];
        return b;
    }

    static byte[] socksPassword(String user, String password) {
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(u.length);
        out.writeBytes(u);
        out.write(p.length);
        out.writeBytes(p);
        return out.toByteArray();
    }

    /** CONNECT to a domain name (ATYP 3). */
    static byte[] socksConnect(String host, int port) {
        byte[] h = host.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {5, 1, 0, 3, (byte) h.length});
        out.writeBytes(h);
        out.write(port >> 8);
        out.write(port & 0xff);
        return out.toByteArray();
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":anything").getBytes(StandardCharsets.UTF_8));
    }

    /** Everything the channel has written so far. */
    static byte[] outbound(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuf buf;
        while ((buf = ch.readOutbound()) != null) {
            byte[] b = new byte[buf.readableBytes()];
            buf.readBytes(b);
            buf.release();
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    static String outboundText(EmbeddedChannel ch) {
        return new String(outbound(ch), StandardCharsets.UTF_8);
    }
}
