package io.localvpc.dataplane.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localvpc.dataplane.tls.EndpointListener;
import io.localvpc.dataplane.tls.LocalCa;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects stored in a directory survive a restart of the embedded S3 service, whichever way they were written: served
 * in process behind the endpoint front (localvpc's way) or through s3proxy's own listener (the benchmarks' baseline).
 */
class S3BackendDirectoryTest {
    private static final String S3 = "s3.us-east-1.amazonaws.com";

    @TempDir
    Path objects;

    @Test
    void objectsWrittenInProcessPersistAcrossRestarts() throws Exception {
        try (S3Backend s3 = S3Backend.start(objects);
             EndpointListener front = EndpointListener.builder(LocalCa.inMemory(), new HostBackendRouter().route(S3, s3)).start()) {
            assertEquals(200, viaFront(front, "PUT", "/kept", null).status);
            assertEquals(200, viaFront(front, "PUT", "/kept/note.txt", "still here").status);
        }
        try (S3Backend s3 = S3Backend.start(objects);
             EndpointListener front = EndpointListener.builder(LocalCa.inMemory(), new HostBackendRouter().route(S3, s3)).start()) {
            Result get = viaFront(front, "GET", "/kept/note.txt", null);
            assertEquals(200, get.status);
            assertEquals("still here", get.body);
            assertEquals("still here", send(s3, "GET", "/kept/note.txt", null).body, "the listener serves the same store");
        }
    }

    @Test
    void objectsWrittenThroughTheListenerPersistAcrossRestarts() throws Exception {
        try (S3Backend s3 = S3Backend.start(objects)) {
            assertEquals(200, send(s3, "PUT", "/kept", null).status);
            assertEquals(200, send(s3, "PUT", "/kept/note.txt", "still here").status);
        }
        try (S3Backend s3 = S3Backend.start(objects)) {
            Result get = send(s3, "GET", "/kept/note.txt", null);
            assertEquals(200, get.status);
            assertEquals("still here", get.body);
        }
    }

    record Result(int status, String body) {
    }

    @Test
    void onlyRequestsUnderTheSecretServicePathAreServed() throws Exception {
        try (S3Backend s3 = S3Backend.start(objects)) {
            assertEquals(200, send(s3, "PUT", "/open", null).status);
            URI direct = URI.create("http://127.0.0.1:" + s3.directEndpoint().getPort() + "/open");
            HttpURLConnection c = (HttpURLConnection) direct.toURL().openConnection();
            assertEquals(404, c.getResponseCode(), "without the service path s3proxy serves nothing");
            assertTrue(s3.servicePath().matches("/_localvpc-[0-9a-f]{32}"), s3.servicePath());
        }
    }

    /** Plain HTTP to the endpoint front, which serves the embedded S3 in process; one request per connection. */
    private static Result viaFront(EndpointListener front, String method, String path, String body) throws Exception {
        byte[] content = (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), front.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: " + S3 + "\r\nContent-Length: " + content.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(content);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(Integer.parseInt(answer.substring(9, 12)), answer.substring(answer.indexOf("\r\n\r\n") + 4));
        }
    }

    /** Plain HTTP straight to s3proxy's listener under its secret service path: any (here no) credentials are accepted. */
    private static Result send(S3Backend s3, String method, String path, String body) throws Exception {
        URI uri = URI.create(s3.directEndpoint() + path);
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setRequestMethod(method);
        if (body != null) {
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        } else if (method.equals("PUT")) {
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(0);
            c.getOutputStream().close();
        }
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            return new Result(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
