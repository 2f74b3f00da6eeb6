package io.localvpc.server.console;

import io.localvpc.api.ApiReply;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's files, served from the jar (no CDN, no external fonts: the console works offline). Only plain
 * names of the asset folder are served ({@code console.js}, never {@code ../…}); each is read once and kept.
 */
final class ConsoleAssets {
    private static final String FOLDER = "/io/localvpc/server/console/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.(js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript;charset=UTF-8",
            "css", "text/css;charset=UTF-8",
            "svg", "image/svg+xml",
            "html", "text/html;charset=UTF-8");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    ApiReply page() {
        return reply("index.html");
    }

    ApiReply asset(String name) {
        if (!NAME.matcher(name).matches()) return notFound(name);
        return reply(name);
    }

    private ApiReply reply(String name) {
        // A name the jar does not hold is not kept (computeIfAbsent stores no null), so misses cannot fill the cache.
        byte[] body = cache.computeIfAbsent(name, ConsoleAssets::read);
        if (body == null) return notFound(name);
        return new ApiReply(200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), body);
    }

    /** The file's bytes, or null when the jar has no such file. */
    private static byte[] read(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(FOLDER + name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's " + name + " from the jar", e);
        }
    }

    private static ApiReply notFound(String name) {
        return ApiReply.json(404, ConsoleRoutes.error("the console has no asset '" + name + "'"));
    }
}
