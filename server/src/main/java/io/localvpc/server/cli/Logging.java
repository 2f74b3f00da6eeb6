package io.localvpc.server.cli;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** localvpc logs one line per event; the libraries it embeds speak only when something is wrong. */
final class Logging {
    /** Held so the levels are not lost when the JDK collects unreferenced loggers. */
    private static final List<Logger> QUIETED = List.of(
            Logger.getLogger("org.gaul"), Logger.getLogger("org.jclouds"), Logger.getLogger("jclouds"),
            Logger.getLogger("org.eclipse.jetty"), Logger.getLogger("org.xbill"), Logger.getLogger("io.netty"));

    private Logging() {
    }

    static void quietLibraries() {
        for (Logger l : QUIETED) l.setLevel(Level.WARNING);
    }
}
