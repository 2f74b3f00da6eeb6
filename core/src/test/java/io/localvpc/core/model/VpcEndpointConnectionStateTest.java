package io.localvpc.core.model;

import io.localvpc.core.model.VpcEndpoint.ServiceConnection;
import io.localvpc.core.state.ResourceCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** An endpoint to a provider's service: its state follows the provider's decision; it survives the journal's JSON. */
class VpcEndpointConnectionStateTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static VpcEndpoint endpoint(ServiceConnection c, Instant availableAt) {
        return new VpcEndpoint("vpce-0123456789abcdef0", "222222222222", "vpc-0123456789abcdef0", "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
                "us-east-1", null, "ipv4", "ipv4", T0, availableAt, null, null,
                new VpcEndpoint.Interface(List.of(), List.of(), List.of(), false, "abcdefgh", "ZPRIVATE", List.of()), c);
    }

    @Test
    void theStateFollowsTheProvidersDecision() {
        ServiceConnection waiting = new ServiceConnection("vpce-svc-0123456789abcdef0", "111111111111", ServiceConnection.PENDING_ACCEPTANCE, T0);
        assertEquals(VpcEndpoint.State.PENDING_ACCEPTANCE, endpoint(waiting, T0).state(T0.plusSeconds(3600)));
        VpcEndpoint accepted = endpoint(waiting, T0).withConnection(waiting.decided(ServiceConnection.ACCEPTED, T0.plusSeconds(10)), T0.plusSeconds(12));
        assertEquals(VpcEndpoint.State.PENDING, accepted.state(T0.plusSeconds(11)));
        assertEquals(VpcEndpoint.State.AVAILABLE, accepted.state(T0.plusSeconds(12)));
        VpcEndpoint rejected = accepted.withConnection(accepted.connection().decided(ServiceConnection.REJECTED, T0.plusSeconds(20)), accepted.availableAt());
        assertEquals(VpcEndpoint.State.REJECTED, rejected.state(T0.plusSeconds(21)));
        assertEquals("rejected", rejected.state(T0.plusSeconds(21)).awsName());
        assertEquals(VpcEndpoint.State.DELETING, rejected.withDeletion(T0.plusSeconds(30), T0.plusSeconds(32)).state(T0.plusSeconds(31)),
                "deleting wins over the decision");
    }

    @Test
    void theConnectionIsKeptInTheJournalAndOldRowsHaveNone() {
        ServiceConnection c = new ServiceConnection("vpce-svc-0123456789abcdef0", "111111111111", ServiceConnection.ACCEPTED, T0);
        VpcEndpoint e = endpoint(c, T0);
        String json = ResourceCodec.toJson(e);
        assertEquals(e, ResourceCodec.fromJson(ResourceCodec.typeKey(VpcEndpoint.class), json));
        String old = json.replaceFirst(",\"connection\":\\{[^}]*}", "");
        assertNull(((VpcEndpoint) ResourceCodec.fromJson(ResourceCodec.typeKey(VpcEndpoint.class), old)).connection(), old);
    }
}
