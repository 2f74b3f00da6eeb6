package io.localvpc.dataplane.proxy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Records what the proxy reports, for assertions. */
final class RecordingListener implements ConnectionListener {
    final List<ProxiedConnection> opened = new CopyOnWriteArrayList<>();
    final List<long[]> closedTotals = new CopyOnWriteArrayList<>();
    final List<ConnectionDecision.Refuse> refusals = new CopyOnWriteArrayList<>();
    final List<ConnectRequest> refusedRequests = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final AtomicLong bytesFrom = new AtomicLong();
    final AtomicLong bytesTo = new AtomicLong();
    final CountDownLatch closed = new CountDownLatch(1);
    final CountDownLatch failed = new CountDownLatch(1);

    @Override
    public void opened(ProxiedConnection connection) {
        opened.add(connection);
    }

    @Override
    public void bytes(ProxiedConnection connection, long fromWorkload, long toWorkload) {
        bytesFrom.addAndGet(fromWorkload);
        bytesTo.addAndGet(toWorkload);
    }

    @Override
    public void closed(ProxiedConnection connection, long totalFromWorkload, long totalToWorkload) {
        closedTotals.add(new long[] {totalFromWorkload, totalToWorkload});
        closed.countDown();
    }

    @Override
    public void failed(ProxiedConnection connection, Throwable cause) {
        failures.add(cause);
        failed.countDown();
    }

    @Override
    public void refused(ConnectRequest request, ConnectionDecision.Refuse refusal) {
        refusedRequests.add(request);
        refusals.add(refusal);
    }

    static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(20, TimeUnit.SECONDS)) throw new AssertionError("the proxy never reported the event");
    }
}
