package io.localvpc.bench.net;

import io.localvpc.dataplane.proxy.ConnectionDecision;
import io.localvpc.dataplane.proxy.WorkloadProxy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * localvpc's workload proxy in a process of its own, delivering every connection to one target: the
 * production relay (SOCKS5 handshake, decision, Netty relay with backpressure) measured in isolation,
 * as HAProxy is. Prints {@code PORT <n>}; on a stdin line {@code mem} prints heap after GC, RSS and the
 * number of open connections.
 */
public final class RelayProxyMain {
    private RelayProxyMain() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        try (WorkloadProxy proxy = WorkloadProxy.builder().port(0)
                .policy(r -> new ConnectionDecision.Deliver(target, "benchmark: every flow to the sink")).start()) {
            System.out.println("PORT " + proxy.address().getPort());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("mem")) {
                    System.gc();
                    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    long rss = 0;
                    for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                        if (l.startsWith("VmRSS:")) rss = Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                    }
                    System.out.println("MEM " + heap + " " + rss + " " + proxy.openConnections());
                    System.out.flush();
                }
            }
        }
    }
}
