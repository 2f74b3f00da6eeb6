package io.localvpc.dataplane.proxy;

import java.util.List;
import java.util.function.Consumer;

/** Several connection listeners as one (see {@link ConnectionListener#all}); a failing one is logged and skipped. */
final class AllConnectionListeners implements ConnectionListener {
    private static final System.Logger LOG = System.getLogger("localvpc.proxy");
    private final List<ConnectionListener> listeners;

    AllConnectionListeners(List<ConnectionListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private void tell(Consumer<ConnectionListener> event) {
        for (ConnectionListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "connection listener " + l.getClass().getSimpleName() + " failed", e);
            }
        }
    }

    @Override
    public void opened(ProxiedConnection connection) {
        tell(l -> l.opened(connection));
    }

    @Override
    public void bytes(ProxiedConnection connection, long fromWorkload, long toWorkload) {
        for (ConnectionListener l : listeners) { // per buffer: no lambda allocated on this path
            try {
                l.bytes(connection, fromWorkload, toWorkload);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "connection listener " + l.getClass().getSimpleName() + " failed", e);
            }
        }
    }

    @Override
    public void closed(ProxiedConnection connection, long totalFromWorkload, long totalToWorkload) {
        tell(l -> l.closed(connection, totalFromWorkload, totalToWorkload));
    }

    @Override
    public void failed(ProxiedConnection connection, Throwable cause) {
        tell(l -> l.failed(connection, cause));
    }

    @Override
    public void refused(ConnectRequest request, ConnectionDecision.Refuse refusal) {
        tell(l -> l.refused(request, refusal));
    }
}
