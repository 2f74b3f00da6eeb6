package io.localvpc.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small real HTTP/1.1 server on an ephemeral loopback port that records every request as the bytes that arrived
 * (request line, headers, body) and answers each with {@code 200 {}}: an upstream standing in for a service no emulator
 * within reach plays, to see exactly what localvpc forwards and what it keeps back.
 */
final class RecordingUpstream implements AutoCloseable {
    private final ServerSocket server;
    private final List<byte[]> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    RecordingUpstream() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::accept, "recording-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Every request so far, as received, in order. */
    List<String> requests() {
        return requests.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    void clear() {
        requests.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "recording-upstream-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                byte[] request = readRequest(in);
                if (request == null) return;
                requests.add(request);
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-RequestId: recorded\r\nContent-Length: 2\r\n\r\n{}"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // the peer went away
        } finally {
            open.remove(s);
        }
    }

    /** One request's bytes (head and a Content-Length body), or null at the end of the stream. */
    private static byte[] readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream message = readHead(in);
        if (message == null) return null;
        message.write(in.readNBytes(contentLength(message)));
        return message.toByteArray();
    }

    /** An HTTP message's head up to and including the empty line, or null when the stream ends first. */
    static ByteArrayOutputStream readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        return matched < 4 ? null : head;
    }

    /** The Content-Length a head declares, 0 without one. */
    static int contentLength(ByteArrayOutputStream head) {
        int length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        return length;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) s.close();
    }
}
