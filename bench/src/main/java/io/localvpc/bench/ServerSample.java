package io.localvpc.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a server process holds, read from outside it: its live heap after a full GC ({@code jcmd GC.run}, then
 * {@code GC.heap_info}), its resident set, its open file descriptors and its threads ({@code /proc}).
 */
public record ServerSample(double heapMiB, double rssMiB, long files, long threads) {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    public static ServerSample of(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        long usedKiB = 0;
        // the generations' lines come first; metaspace's "used" lines are not heap
        String info = jcmd(pid, "GC.heap_info");
        String heapPart = info.contains("Metaspace") ? info.substring(0, info.indexOf("Metaspace")) : info;
        Matcher m = USED.matcher(heapPart);
        while (m.find()) usedKiB += Long.parseLong(m.group(1));
        double rss = 0;
        long threads = 0;
        for (String l : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (l.startsWith("VmRSS:")) rss = Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
            if (l.startsWith("Threads:")) threads = Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
        long files;
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            files = fds.count();
        }
        return new ServerSample(usedKiB / 1024.0, rss, files, threads);
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("jcmd " + command + " failed: " + out);
        return out;
    }
}
