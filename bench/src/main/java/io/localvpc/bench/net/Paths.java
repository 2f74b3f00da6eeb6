package io.localvpc.bench.net;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** How a client reaches the sink on each measured path: straight, through a proxy, or through HAProxy. */
public final class Paths {
    /** The workload identity the bare relay is asked as (it accepts any well-formed id). */
    static final String RELAY_IDENTITY = "i-0123456789abcdef0";

    /**
     * One measured path: connect to {@code port}; when {@code identity} is set, that is a SOCKS5 proxy asked
     * for {@code host:hostPort} as that workload.
     */
    record Route(String label, int port, String identity, String host, int hostPort) {
        static Route direct(int sinkPort) {
            return new Route("direct loopback", sinkPort, null, null, 0);
        }

        /** The workload proxy alone, delivering every connection to the sink (see {@link RelayProxyMain}). */
        static Route relay(int relayPort, int sinkPort) {
            return new Route("localvpc proxy relay", relayPort, RELAY_IDENTITY, "127.0.0.1", sinkPort);
        }

        /** A whole localvpc: the instance's connection to a service decided by the path engine, through an interface endpoint. */
        static Route wholeLocalvpc(int proxyPort, String instance, String serviceHost, int servicePort) {
            return new Route("localvpc, instance → interface endpoint → tcp:// upstream", proxyPort, instance, serviceHost, servicePort);
        }

        static Route haproxy(int port) {
            return new Route("HAProxy (TCP mode)", port, null, null, 0);
        }

        /** A connected socket whose next byte goes to the sink. */
        Socket open() throws IOException {
            Socket s = new Socket("127.0.0.1", port);
            try {
                s.setTcpNoDelay(true);
                if (identity != null) socks5Connect(s, identity, host, hostPort);
                return s;
            } catch (IOException e) {
                s.close();
                throw e;
            }
        }
    }

    private Paths() {
    }

    /** SOCKS5 with user name/password (RFC 1928/1929), CONNECT to host:port by name (as socks5h:// clients do). */
    public static void socks5Connect(Socket s, String identity, String host, int port) throws IOException {
        OutputStream out = s.getOutputStream();
        DataInputStream in = new DataInputStream(s.getInputStream());
        out.write(new byte[]{5, 1, 2});
        out.flush();
        expect(in, 5, 2, "method");
        byte[] user = identity.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream auth = new ByteArrayOutputStream();
        auth.write(1);
        auth.write(user.length);
        auth.write(user);
        auth.write(new byte[]{1, 'x'});
        out.write(auth.toByteArray());
        out.flush();
        expect(in, 1, 0, "auth");
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream connect = new ByteArrayOutputStream();
        connect.write(new byte[]{5, 1, 0, 3, (byte) name.length});
        connect.write(name);
        connect.write(new byte[]{(byte) (port >> 8), (byte) port});
        out.write(connect.toByteArray());
        out.flush();
        byte[] reply = new byte[10];
        in.readFully(reply);
        if (reply[1] != 0) throw new IOException("SOCKS CONNECT to " + host + ":" + port + " refused: " + reply[1]);
    }

    private static void expect(InputStream in, int a, int b, String what) throws IOException {
        int x = in.read();
        int y = in.read();
        if (x != a || y != b) throw new IOException("SOCKS " + what + " reply " + x + "," + y);
    }
}
