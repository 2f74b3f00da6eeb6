package io.localvpc.dataplane.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Objects stored in a directory survive a restart of the embedded S3 service. */
class S3BackendDirectoryTest {

    @TempDir
    Path objects;

    @Test
    void objectsPersistAcrossRestarts() throws Exception {
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
            URI direct = URI.create("http://127.0.0.1:" + s3.address().getPort() + "/open");
            HttpURLConnection c = (HttpURLConnection) direct.toURL().openConnection();
            assertEquals(404, c.getResponseCode(), "without the service path s3proxy serves nothing");
            assertTrue(s3.servicePath().matches("/_localvpc-[0-9a-f]{32}"), s3.servicePath());
        }
    }

    /** Plain HTTP straight to s3proxy under its secret service path: any (here no) credentials are accepted. */
    private static Result send(S3Backend s3, String method, String path, String body) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + s3.address().getPort() + s3.servicePath() + path);
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
