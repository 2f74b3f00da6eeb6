package io.localvpc.dataplane.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localvpc.core.ops.EndpointConnectionEvent;
import io.localvpc.core.state.Scope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without an upstream playing sns an event is recorded only, and says so; the list keeps the newest events. */
class ConnectionEventPublisherTest {
    private static EndpointConnectionEvent event(String endpointId, boolean notified) {
        List<EndpointConnectionEvent.Topic> topics = notified
                ? List.of(new EndpointConnectionEvent.Topic("vpce-nfn-0123456789abcdef0", "arn:aws:sns:us-east-1:111111111111:t", new Scope("111111111111", "us-east-1")))
                : List.of();
        return new EndpointConnectionEvent(Instant.parse("2026-01-01T00:00:00Z"), "Connect", "us-east-1", "vpce-svc-0123456789abcdef0", "111111111111",
                endpointId, "222222222222", "pendingAcceptance", topics);
    }

    @Test
    void withoutAnSnsUpstreamTheEventIsRecordedOnly() throws Exception {
        try (ConnectionEventPublisher p = new ConnectionEventPublisher((service, region) -> Optional.empty())) {
            p.happened(event("vpce-0123456789abcdef0", true));
            String outcome = null;
            for (int i = 0; i < 200 && (outcome == null || outcome.equals("pending")); i++) {
                outcome = p.recent().get(0).deliveries().values().iterator().next();
                if (outcome.equals("pending")) Thread.sleep(10);
            }
            assertEquals("recorded only: no upstream plays sns in us-east-1", outcome);
            JsonNode listed = new ObjectMapper().readTree(p.json()).get(0);
            assertEquals("Connect", listed.get("event").asText());
            JsonNode message = new ObjectMapper().readTree(listed.get("message").asText());
            assertEquals("222222222222", message.get("awsAccountId").asText());
            assertEquals("pendingAcceptance", message.get("endpointState").asText());
        }
    }

    @Test
    void theListKeepsTheNewestEvents() {
        try (ConnectionEventPublisher p = new ConnectionEventPublisher((service, region) -> Optional.empty())) {
            for (int i = 0; i < ConnectionEventPublisher.KEPT + 5; i++) p.happened(event(String.format("vpce-%017x", i), false));
            assertEquals(ConnectionEventPublisher.KEPT, p.recent().size());
            assertEquals(String.format("vpce-%017x", 5), p.recent().get(0).event().vpcEndpointId());
            p.clear();
            assertTrue(p.recent().isEmpty());
        }
    }
}
