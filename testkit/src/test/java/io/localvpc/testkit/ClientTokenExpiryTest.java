package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localvpc.core.time.ManualClock;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client tokens are forgotten as EC2 forgets them (issue 10): honoured for 24 hours after the request that first
 * used them, then a request with the same token is a new request, and the remembered answers leave the state.
 * The server runs on a manual clock, so nothing waits.
 */
class ClientTokenExpiryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTokenIsHonouredFor24HoursThenForgotten() throws Exception {
        ManualClock clock = new ManualClock();
        try (LocalVpc server = LocalVpc.builder().port(0).inMemory().clock(clock).start()) {
            RawEc2 raw = new RawEc2(server.endpoint());
            String vpcId = between(raw.call("CreateVpc", "CidrBlock", "10.0.0.0/16").body(), "<vpcId>", "</vpcId>");
            String first = routeTable(raw, vpcId, "tok-1");
            assertEquals(1, clientTokenRows(raw));

            clock.advance(Duration.ofHours(24).minusSeconds(1));
            assertEquals(first, routeTable(raw, vpcId, "tok-1"), "within 24 hours the token returns the first answer");
            assertTrue(raw.call("CreateRouteTable", "VpcId", "vpc-0123456789abcdef0", "ClientToken", "tok-1").body()
                    .contains("IdempotentParameterMismatch"), "and still guards its parameters");

            clock.advance(Duration.ofSeconds(1));
            String second = routeTable(raw, vpcId, "tok-1");
            assertNotEquals(first, second, "after 24 hours the same token makes a new request");
            assertEquals(1, clientTokenRows(raw), "the new request's answer replaced the expired one");

            // Another token used now; a day and more later any write sweeps every expired answer out of the state.
            routeTable(raw, vpcId, "tok-2");
            assertEquals(2, clientTokenRows(raw));
            clock.advance(Duration.ofHours(26));
            raw.call("CreateRouteTable", "VpcId", vpcId);
            assertEquals(0, clientTokenRows(raw), "expired client tokens are kept forever");
        }
    }

    private static String routeTable(RawEc2 raw, String vpcId, String token) {
        RawEc2.Reply r = raw.call("CreateRouteTable", "VpcId", vpcId, "ClientToken", token);
        assertEquals(200, r.status(), r.body());
        return between(r.body(), "<routeTableId>", "</routeTableId>");
    }

    private static int clientTokenRows(RawEc2 raw) throws Exception {
        int n = 0;
        for (JsonNode row : JSON.readTree(raw.get("/_localvpc/state").body()).get("resources")) {
            if (row.get("type").asText().equals("client-token")) n++;
        }
        return n;
    }

    private static String between(String text, String open, String close) {
        int start = text.indexOf(open);
        assertTrue(start >= 0, text);
        return text.substring(start + open.length(), text.indexOf(close, start));
    }
}
