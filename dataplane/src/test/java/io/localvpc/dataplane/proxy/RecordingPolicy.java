package io.localvpc.dataplane.proxy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A policy for tests: answers with a function and remembers what it was asked. */
final class RecordingPolicy implements ConnectionPolicy {
    final List<ConnectRequest> asked = new CopyOnWriteArrayList<>();
    private final Function<ConnectRequest, ConnectionDecision> answer;

    RecordingPolicy(Function<ConnectRequest, ConnectionDecision> answer) {
        this.answer = answer;
    }

    @Override
    public ConnectionDecision decide(ConnectRequest request) {
        asked.add(request);
        return answer.apply(request);
    }
}
