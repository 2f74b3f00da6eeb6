package io.localvpc.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Bytes written to a port as they are, and whatever comes back within a time limit: for requests no HTTP client would send. */
final class RawHttp {
    private RawHttp() {
    }

    /** The raw answer: the status line's code (0 when none came) and the whole text. */
    record Answer(int status, String text, boolean closed) {
        String body() {
            int i = text.indexOf("\r\n\r\n");
            return i < 0 ? "" : text.substring(i + 4);
        }

        String header(String name) {
            for (String line : text.split("\r\n")) {
                if (line.isEmpty()) break;
                int c = line.indexOf(':');
                if (c > 0 && line.substring(0, c).trim().equalsIgnoreCase(name)) return line.substring(c + 1).trim();
            }
            return null;
        }
    }

    static Answer send(URI endpoint, String request, int waitMillis) throws IOException {
        return send(endpoint, request.getBytes(StandardCharsets.ISO_8859_1), waitMillis);
    }

    static Answer send(URI endpoint, byte[] request, int waitMillis) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 2000);
            s.setSoTimeout(waitMillis);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            boolean closed = false;
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    got.write(buf, 0, n);
                    if (complete(got.toString(StandardCharsets.ISO_8859_1))) break;
                }
                closed = n < 0;
            } catch (SocketTimeoutException e) {
                // whatever arrived is the answer
            } catch (IOException reset) {
                closed = true;
            }
            String text = got.toString(StandardCharsets.UTF_8);
            int status = text.startsWith("HTTP/1.") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : 0;
            return new Answer(status, text, closed);
        }
    }

    /** A whole response with Content-Length has arrived. */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) return false;
        for (String line : text.substring(0, end).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                int len = Integer.parseInt(line.substring(15).trim());
                return text.getBytes(StandardCharsets.ISO_8859_1).length >= end + 4 + len;
            }
        }
        return false;
    }
}
