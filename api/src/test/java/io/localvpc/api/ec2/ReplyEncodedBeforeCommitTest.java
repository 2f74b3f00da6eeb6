package io.localvpc.api.ec2;

import io.localvpc.api.ApiReply;
import io.localvpc.core.model.InternetGateway;
import io.localvpc.core.state.Journal;
import io.localvpc.core.state.ResourceCodec;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An error reply that says "nothing was changed" is only sent when nothing was (issue 10): the answer is
 * encoded inside the transaction, so a failure to encode it discards the change instead of following it.
 */
class ReplyEncodedBeforeCommitTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");

    @Test
    void aReplyThatCannotBeEncodedLeavesTheStateAsItWas() {
        try (Store store = new Store(Journal.NONE, Clock.systemUTC(), tx -> { })) {
            OperationRegistry registry = new OperationRegistry(Ec2Model.get());
            // A handler that changes state and then returns a member its output shape does not have.
            registry.write("CreateInternetGateway", (in, tx) -> {
                tx.put(new InternetGateway("igw-written", SCOPE.account(), null));
                return ResourceCodec.mapper().createObjectNode().put("NoSuchMember", 1);
            });
            Ec2Api api = new Ec2Api(store, registry, SCOPE.account(), SCOPE.region());

            ApiReply reply = api.handle(Map.of("Action", "CreateInternetGateway", "Version", "2016-11-15"), null, null, "r-1");

            assertEquals(500, reply.status());
            assertTrue(new String(reply.body(), StandardCharsets.UTF_8).contains("nothing was changed"));
            assertTrue(store.view(SCOPE).find(InternetGateway.class, "igw-written").isEmpty(),
                    "the reply said nothing was changed, but the gateway was committed");
        }
    }
}
