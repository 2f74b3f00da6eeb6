package io.localvpc.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider's program for the tests of instances that serve: it listens on loopback and answers each line it reads
 * with {@code "<name> heard: <line>"}. In a test it runs on a thread ({@link #start}); as a program of its own
 * ({@code main name port connections}) it serves that many connections and exits, for {@code localvpc exec --publish}.
 */
final class LineServer implements AutoCloseable {
    private final ServerSocket server;
    private final String name;
    private final AtomicInteger served = new AtomicInteger();

    private LineServer(ServerSocket server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Listens on a free loopback port and serves every connection on threads of its own until closed. */
    static LineServer start(String name) throws IOException {
        return serving(name, new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** Serves on a socket already listening on loopback (a TLS one, say). */
    static LineServer serving(String name, ServerSocket listening) {
        LineServer s = new LineServer(listening, name);
        Thread t = new Thread(() -> {
            while (!s.server.isClosed()) {
                try {
                    Socket c = s.server.accept();
                    Thread h = new Thread(() -> s.serve(c), "line-server-connection");
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "line-server-" + name);
        t.setDaemon(true);
        t.start();
        return s;
    }

    /** {@code 127.0.0.1:<port>}. */
    String hostPort() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** How many connections reached the program. */
    int served() {
        return served.get();
    }

    private void serve(Socket c) {
        served.incrementAndGet();
        try (c) {
            BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = c.getOutputStream();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write((name + " heard: " + line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** Sends a line on an open connection and reads the answer line. */
    static String ask(Socket s, String line) throws IOException {
        s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        StringBuilder b = new StringBuilder();
        for (int ch = s.getInputStream().read(); ch != -1 && ch != '\n'; ch = s.getInputStream().read()) b.append((char) ch);
        return b.toString();
    }

    /** {@code name port connections}: serves that many connections on 127.0.0.1:port, one after another, then exits. */
    public static void main(String[] args) throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[1])));
            LineServer s = new LineServer(server, args[0]);
            for (int i = Integer.parseInt(args[2]); i > 0; i--) s.serve(server.accept());
        }
    }
}
