package io.localvpc.api.ec2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.core.state.Tx;
import io.localvpc.core.state.View;

/**
 * One EC2 action. A read runs against a snapshot and never waits for writers; a write runs as one
 * transaction (DryRun and ClientToken are handled around it by the dispatcher, for every write alike).
 * Handlers return the output shape's members by model name; {@code null} means an empty result.
 */
public sealed interface Operation {
    String name();

    record Read(String name, ReadHandler handler) implements Operation {
    }

    record Write(String name, WriteHandler handler) implements Operation {
    }

    @FunctionalInterface
    interface ReadHandler {
        ObjectNode handle(Ec2Request in, View view);
    }

    @FunctionalInterface
    interface WriteHandler {
        ObjectNode handle(Ec2Request in, Tx tx);

        /**
         * Called before the transaction: a handler that must ask something slow (the embedded S3, which may still be
         * starting) asks it here, outside the store's write lock, and returns a handler holding the answer.
         */
        default WriteHandler prepared(Ec2Request in) {
            return this;
        }
    }
}
