package io.localvpc.bench.net;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** How a client reaches the sink on each measured path: straight, through localvpc's proxy, or through HAProxy. */
final class Paths {
    /** The workload identity the benchmark connects as (the relay process accepts any well-formed id). */
    static final String IDENTITY = "i-0123456789abcdef0";

    enum Kind { DIRECT, LOCALVPC, HAPROXY }

    private Paths() {
    }

    /** A connected socket whose next byte goes to the sink. */
    static Socket open(Kind kind, int port, int sinkPort) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setTcpNoDelay(true);
        if (kind == Kind.LOCALVPC) socks5Connect(s, sinkPort);
        return s;
    }

    /** SOCKS5 with username/password (RFC 1928/1929), CONNECT to 127.0.0.1:sinkPort. */
    static void socks5Connect(Socket s, int sinkPort) throws IOException {
        OutputStream out = s.getOutputStream();
        DataInputStream in = new DataInputStream(s.getInputStream());
        out.write(new byte[]{5, 1, 2});
        out.flush();
        expect(in, 5, 2, "method");
        byte[] user = IDENTITY.getBytes(StandardCharsets.US_ASCII);
        byte[] auth = new byte[3 + user.length + 1];
        auth[0] = 1;
        auth[1] = (byte) user.length;
        System.arraycopy(user, 0, auth, 2, user.length);
        auth[2 + user.length] = 1;
        auth[3 + user.length] = 'x';
        out.write(auth);
        out.flush();
        expect(in, 1, 0, "auth");
        out.write(new byte[]{5, 1, 0, 1, 127, 0, 0, 1, (byte) (sinkPort >> 8), (byte) sinkPort});
        out.flush();
        byte[] reply = new byte[10];
        in.readFully(reply);
        if (reply[1] != 0) throw new IOException("SOCKS CONNECT refused: " + reply[1]);
    }

    private static void expect(InputStream in, int a, int b, String what) throws IOException {
        int x = in.read();
        int y = in.read();
        if (x != a || y != b) throw new IOException("SOCKS " + what + " reply " + x + "," + y);
    }
}
