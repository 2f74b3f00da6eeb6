package io.localvpc.dataplane.proxy;

import io.netty.channel.Channel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The delivered connections that are open right now, so that something outside the proxy (a zone fault)
 * can cut the ones it no longer allows. Closing the target side closes the workload side too.
 */
final class OpenConnections {
    private final Map<ProxiedConnection, Channel> open = new ConcurrentHashMap<>();

    void add(ProxiedConnection connection, Channel toTarget) {
        open.put(connection, toTarget);
    }

    void remove(ProxiedConnection connection) {
        open.remove(connection);
    }

    int size() {
        return open.size();
    }

    int closeWhere(Predicate<ProxiedConnection> test) {
        int n = 0;
        for (Map.Entry<ProxiedConnection, Channel> e : open.entrySet()) {
            if (test.test(e.getKey())) {
                e.getValue().close();
                n++;
            }
        }
        return n;
    }
}
