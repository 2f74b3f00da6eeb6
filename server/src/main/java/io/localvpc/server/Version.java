package io.localvpc.server;

import java.io.InputStream;
import java.util.Properties;

/** The version Maven stamped into {@code version.properties} at build time. */
final class Version {
    private static final String VALUE = load();

    private Version() {
    }

    static String get() {
        return VALUE;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "dev");
        } catch (java.io.IOException e) {
            return "dev";
        }
    }
}
