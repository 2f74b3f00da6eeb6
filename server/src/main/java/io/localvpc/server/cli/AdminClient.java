package io.localvpc.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.core.state.ResourceCodec;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The CLI's way to talk to a running localvpc's admin endpoints. Errors come back as one clear line. */
final class AdminClient {
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AdminClient(String endpoint) {
        this.base = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
    }

    JsonNode getJson(String path) {
        return json(send(HttpRequest.newBuilder(base.resolve(path)).GET()));
    }

    JsonNode postJson(String path, String body) {
        return json(send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")));
    }

    JsonNode deleteJson(String path, String body) {
        return json(send(HttpRequest.newBuilder(base.resolve(path)).method("DELETE", HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")));
    }

    String getText(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 400) {
                String message = r.body();
                try {
                    message = ResourceCodec.mapper().readTree(r.body()).path("error").asText(r.body());
                } catch (IOException ignored) {
                    // not JSON: show the body as it is
                }
                throw new CliFailure(message);
            }
            return r.body();
        } catch (ConnectException e) {
            throw new CliFailure("no localvpc is answering at " + base + " (start one with ./localvpc up, or pass --endpoint)");
        } catch (IOException e) {
            throw new CliFailure("talking to localvpc at " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }

    private static JsonNode json(String body) {
        try {
            return ResourceCodec.mapper().readTree(body);
        } catch (IOException e) {
            throw new CliFailure("localvpc answered something that is not JSON: " + body);
        }
    }

    /** A failure the CLI reports as one line and exit status 1. */
    static final class CliFailure extends RuntimeException {
        CliFailure(String message) {
            super(message, null, false, false);
        }
    }
}
