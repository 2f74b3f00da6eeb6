package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The data plane's admin endpoints as the {@code localvpc} CLI calls them: a VPC's resolver, a trace,
 * zone faults and the CA certificate. Plain HTTP on loopback, never through any proxy.
 */
final class Admin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    Admin(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** localvpc's CA certificate (PEM), the one thing programs inside instances must trust. */
    String caPem() {
        return call("GET", "/_localvpc/ca.pem", null).body();
    }

    /** The address of the VPC's resolver (started on first ask). */
    InetSocketAddress resolver(String vpcId) {
        JsonNode o = json(call("GET", "/_localvpc/dns/" + vpcId, null));
        String[] hostPort = o.get("resolver").asText().split(":");
        return new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
    }

    /** What the path engine decides for a TCP flow, without opening anything. */
    Trace trace(String source, String destination, int port) {
        String body = JSON.createObjectNode().put("source", source).put("destination", destination).put("port", port).toString();
        return new Trace(json(call("POST", "/_localvpc/trace", body)));
    }

    /** The same, with a request on the flow decided by the policies (the trace's {@code policy} part). */
    Trace trace(String source, String destination, int port, String action, String resource) {
        String body = JSON.createObjectNode().put("source", source).put("destination", destination).put("port", port)
                .put("action", action).put("resource", resource).toString();
        return new Trace(json(call("POST", "/_localvpc/trace", body)));
    }

    /** The console's live flows of an account's us-east-1 ({@code GET /_localvpc/console/flows}), with extra query parameters. */
    JsonNode flows(String account, String query) {
        return json(call("GET", "/_localvpc/console/flows?account=" + account + "&region=us-east-1" + (query.isEmpty() ? "" : "&" + query), null));
    }

    /** Delivers every flow log's open window now ({@code POST /_localvpc/flow-logs/flush}); the number of objects written. */
    int flushFlowLogs() {
        return json(call("POST", "/_localvpc/flow-logs/flush", "{}")).get("delivered").asInt();
    }

    void zoneDown(String zoneId) {
        json(call("POST", "/_localvpc/faults/az/" + zoneId + "/down", ""));
    }

    void zoneUp(String zoneId) {
        json(call("POST", "/_localvpc/faults/az/" + zoneId + "/up", ""));
    }

    List<String> downZones() {
        List<String> zones = new ArrayList<>();
        json(call("GET", "/_localvpc/faults", null)).get("downZones").forEach(z -> zones.add(z.asText()));
        return zones;
    }

    /** A trace as the admin endpoint renders it: verdict, summary and the ordered hops. */
    record Trace(JsonNode json) {
        boolean delivered() {
            return "delivered".equals(json.get("verdict").asText());
        }

        String summary() {
            return json.get("summary").asText();
        }

        /** The resources of the hops of one kind (ROUTE, ENDPOINT, NAT_GATEWAY, …), in order. */
        List<String> resources(String kind) {
            List<String> out = new ArrayList<>();
            for (JsonNode h : json.get("hops")) if (kind.equals(h.get("kind").asText())) out.add(h.get("resource").asText());
            return out;
        }

        /** The gateway or endpoint a delivered flow left through ({@code target.via}), or null. */
        String via() {
            JsonNode v = json.path("target").path("via");
            return v.isMissingNode() ? null : v.asText();
        }

        /** Whether a route the flow passed sends it to the target (its sentence reads "… route 0.0.0.0/0 → igw-… (…)"). */
        boolean routesTo(String targetId) {
            for (JsonNode h : json.get("hops")) {
                if ("ROUTE".equals(h.get("kind").asText()) && h.get("passed").asBoolean() && h.get("text").asText().contains(" → " + targetId + " ")) return true;
            }
            return false;
        }

        /** The first hop of a kind, or null. */
        JsonNode hop(String kind) {
            for (JsonNode h : json.get("hops")) if (kind.equals(h.get("kind").asText())) return h;
            return null;
        }

        /** The hop that refused the flow: the first that did not pass. */
        JsonNode decidingHop() {
            for (JsonNode h : json.get("hops")) if (!h.get("passed").asBoolean()) return h;
            throw new AssertionError("no hop refused the flow: " + text());
        }

        /** Every hop's sentence, one per line, for assertion messages. */
        String text() {
            StringBuilder b = new StringBuilder(summary());
            for (JsonNode h : json.get("hops")) b.append("\n  ").append(h.get("passed").asBoolean() ? "✓ " : "✗ ").append(h.get("text").asText());
            return b.toString();
        }
    }

    private HttpResponse<String> call(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve(path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + method + " " + path, e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.request().uri() + ": " + response.body());
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
