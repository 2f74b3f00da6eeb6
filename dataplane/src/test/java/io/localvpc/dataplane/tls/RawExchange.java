package io.localvpc.dataplane.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Test helper: one HTTP/1.1 request on a keep-alive socket, its answer read as the bytes say (Content-Length, chunked,
 * or none for HEAD, 204 and 304), so a test sees exactly what a server framed.
 */
final class RawExchange implements AutoCloseable {

    /** An answer: status, headers by lower-case name (the first of each), the body and how it was framed. */
    record Answer(int status, Map<String, String> headers, byte[] body, boolean chunked) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawExchange(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(20_000);
        in = new java.io.BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends {@code method target} with {@code headers} (CRLF-separated lines, without the blank line) and {@code body}. */
    Answer send(String method, String target, String headers, byte[] body) throws IOException {
        String head = method + " " + target + " HTTP/1.1\r\n" + headers + (headers.isEmpty() || headers.endsWith("\r\n") ? "" : "\r\n")
                + (body == null ? "" : "Content-Length: " + body.length + "\r\n") + "\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) out.write(body);
        out.flush();
        return read(method.equals("HEAD"));
    }

    private Answer read(boolean head) throws IOException {
        String status = line();
        while (status.startsWith("HTTP/1.1 1")) { // informational answers: skip to the final one
            while (!line().isEmpty()) { }
            status = line();
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l; !(l = line()).isEmpty(); ) {
            int colon = l.indexOf(':');
            headers.putIfAbsent(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (head || code == 204 || code == 304) {
            return new Answer(code, headers, new byte[0], chunked);
        }
        if (chunked) {
            for (int size; (size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; ) {
                body.write(in.readNBytes(size));
                line();
            }
            while (!line().isEmpty()) { }
        } else {
            body.write(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))));
        }
        return new Answer(code, headers, body.toByteArray(), chunked);
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new IOException("connection closed after '" + sb + "'");
            if (c != '\r') sb.append((char) c);
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
