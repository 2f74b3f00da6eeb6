package io.localvpc.dataplane.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.core.ops.EndpointConnectionEvent;
import io.localvpc.core.ops.EndpointConnectionEvents;
import io.localvpc.dataplane.flowlogs.SignedAwsClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Endpoint connection events ({@code Connect}, {@code Accept}, {@code Reject}, {@code Delete}): each is logged at INFO
 * and kept in a bounded in-memory list (the admin endpoint reads it); each notification that asked for it is published
 * to its SNS topic on the upstream that plays {@code sns} in the topic's region, signed as the notification's account.
 * Without such an upstream the event is recorded only. Publishing runs on one thread of its own, never on the API's.
 */
public final class ConnectionEventPublisher implements EndpointConnectionEvents, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("localvpc.endpoint-services");
    /** localvpc's convention secret (any secret is accepted; the access key names the account). */
    private static final String SECRET = "test";
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final int KEPT = 1000;

    /** One event as recorded: what happened, and for each topic whether it was published (or why not). */
    public record Recorded(EndpointConnectionEvent event, String message, Map<String, String> deliveries) {
    }

    private final BiFunction<String, String, Optional<InetSocketAddress>> upstreams;
    private final SignedAwsClient client = new SignedAwsClient();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "localvpc-connection-events");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Recorded> recent = new ArrayDeque<>();

    /** @param upstreams the HTTP upstream that plays a service ({@code sns}) in a region, if any */
    public ConnectionEventPublisher(BiFunction<String, String, Optional<InetSocketAddress>> upstreams) {
        this.upstreams = upstreams;
    }

    @Override
    public void happened(EndpointConnectionEvent e) {
        String message = message(e);
        Map<String, String> deliveries = new LinkedHashMap<>();
        for (EndpointConnectionEvent.Topic t : e.topics()) deliveries.put(t.notificationId() + " " + t.topicArn(), "pending");
        Recorded r = new Recorded(e, message, deliveries);
        synchronized (recent) {
            recent.addLast(r);
            while (recent.size() > KEPT) recent.removeFirst();
        }
        LOG.log(System.Logger.Level.INFO, "endpoint connection " + e.event() + ": " + e.vpcEndpointId() + " (account " + e.vpcEndpointOwner()
                + ") to " + e.serviceId() + " (account " + e.serviceOwner() + ") is " + e.endpointState() + "; " + e.topics().size() + " notification(s)");
        if (!e.topics().isEmpty()) sender.execute(() -> deliver(r));
    }

    /** The events kept, oldest first. */
    public List<Recorded> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    /** Drops the kept events (a reset). */
    public void clear() {
        synchronized (recent) {
            recent.clear();
        }
    }

    private void deliver(Recorded r) {
        for (EndpointConnectionEvent.Topic t : r.event().topics()) {
            String key = t.notificationId() + " " + t.topicArn();
            String region = regionOf(t.topicArn());
            Optional<InetSocketAddress> upstream = upstreams.apply("sns", region);
            if (upstream.isEmpty()) {
                set(r, key, "recorded only: no upstream plays sns in " + region);
                continue;
            }
            Map<String, String> form = new LinkedHashMap<>();
            form.put("Action", "Publish");
            form.put("Version", "2010-03-31");
            form.put("TopicArn", t.topicArn());
            form.put("Message", r.message());
            try {
                client.callQuery(upstream.get(), "sns", region, AwsCredentialsIdentity.create(t.owner().account(), SECRET), form);
                set(r, key, "published");
            } catch (Exception failure) {
                if (failure instanceof InterruptedException) Thread.currentThread().interrupt();
                set(r, key, "failed: " + failure.getMessage());
                LOG.log(System.Logger.Level.WARNING, "publishing " + r.event().event() + " of " + r.event().vpcEndpointId() + " to " + t.topicArn()
                        + " failed: " + failure.getMessage());
            }
        }
    }

    private void set(Recorded r, String key, String outcome) {
        synchronized (recent) {
            r.deliveries().put(key, outcome);
        }
    }

    /**
     * The notification's message: a JSON object naming the endpoint's account, the service, the endpoint and the state
     * the endpoint is in after the event, the four fields of AWS's notification (written from memory of AWS's
     * documentation: the README says so). Which event it was shows in the state; the admin list names it.
     */
    static String message(EndpointConnectionEvent e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("awsAccountId", e.vpcEndpointOwner());
        o.put("endpointServiceId", e.serviceId());
        o.put("endpointId", e.vpcEndpointId());
        o.put("endpointState", e.endpointState());
        return o.toString();
    }

    /** The events as the admin endpoint shows them. */
    public String json() {
        ArrayNode out = JSON.createArrayNode();
        for (Recorded r : recent()) {
            EndpointConnectionEvent e = r.event();
            ObjectNode o = out.addObject().put("time", e.time().toString()).put("event", e.event()).put("region", e.region())
                    .put("serviceId", e.serviceId()).put("serviceOwner", e.serviceOwner()).put("vpcEndpointId", e.vpcEndpointId())
                    .put("vpcEndpointOwner", e.vpcEndpointOwner()).put("endpointState", e.endpointState()).put("message", r.message());
            ObjectNode d = o.putObject("deliveries");
            synchronized (recent) {
                r.deliveries().forEach(d::put);
            }
        }
        return out.toString();
    }

    private static String regionOf(String topicArn) {
        String[] parts = topicArn.split(":");
        return parts.length > 3 ? parts[3] : "";
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }

}
