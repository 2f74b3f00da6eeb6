package io.localvpc.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's TCP sockets as Linux lists them in /proc/net/tcp and tcp6: the way a test sees the server's side of
 * connections (an accepted socket the server never closed stays ESTABLISHED or CLOSE-WAIT there for good).
 */
final class ServerSockets {
    private static final String LISTEN = "0A";
    private static final String TIME_WAIT = "06";

    private ServerSockets() {
    }

    /** Sockets bound to {@code port} that are neither listening nor in TIME-WAIT, as "state remote-port" entries. */
    static String openOnLocalPort(int port) throws IOException {
        List<String> open = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) continue;
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 4 || !f[1].contains(":")) continue;
                int local = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                String state = f[3];
                if (local == port && !state.equals(LISTEN) && !state.equals(TIME_WAIT)) {
                    open.add(name(state) + "->" + Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16));
                }
            }
        }
        return open.isEmpty() ? "" : open.toString();
    }

    private static String name(String state) {
        return switch (state) {
            case "01" -> "ESTABLISHED";
            case "08" -> "CLOSE-WAIT";
            case "04" -> "FIN-WAIT-1";
            case "05" -> "FIN-WAIT-2";
            case "09" -> "LAST-ACK";
            case "0B" -> "CLOSING";
            default -> "state-" + state;
        };
    }
}
