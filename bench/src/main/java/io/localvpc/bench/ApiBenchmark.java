package io.localvpc.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The end-to-end API benchmark: launches the runnable jar as {@code ./localvpc up} does and measures,
 * with a raw HTTP load generator, what BENCHMARKS.md records. Prints Markdown rows.
 * <pre>
 * bench/run.sh [subnets] ["JVM options"]   (launches ./localvpc up as a user does)
 * </pre>
 * (bench/run.sh does exactly that.)
 */
public final class ApiBenchmark {

    private ApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "./localvpc");
        int subnets = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        // Empty: the launcher's own JVM options; else e.g. "-XX:+UseSerialGC" for full JIT compilation.
        List<String> jvm = args.length > 2 && !args[2].isBlank() ? Arrays.asList(args[2].split(" ")) : List.of();
        System.out.println("| measurement | value |");
        System.out.println("| --- | --- |");
        startup(jar, jvm);
        try (LaunchedServer server = LaunchedServer.start(jar, jvm)) {
            subnetScenario(server.port, subnets);
            row("RSS after the subnet scenario (" + subnets + " subnets)", fmt(server.rssMiB()) + " MiB");
        }
        EndpointScenario.run(jar, jvm);
    }

    private static void startup(Path jar, List<String> jvm) throws Exception {
        List<Double> times = new ArrayList<>();
        double rss = 0;
        // One launch not counted: the launcher makes its class-data archive on the first start after a build.
        try (LaunchedServer warm = LaunchedServer.start(jar, jvm)) {
            warm.rssMiB();
        }
        for (int i = 0; i < 5; i++) {
            try (LaunchedServer s = LaunchedServer.start(jar, jvm)) {
                times.add(s.launchToFirstAnswerMillis);
                if (i == 4) {
                    Thread.sleep(5000);
                    rss = s.rssMiB();
                }
            }
        }
        times.sort(Double::compare);
        row("launch to first answered API call (5 launches: min / median / max)",
                fmt(times.get(0)) + " / " + fmt(times.get(2)) + " / " + fmt(times.get(4)) + " ms");
        row("idle RSS (5 s after the first call, the embedded S3 started)", fmt(rss) + " MiB");
    }

    private static void subnetScenario(int port, int total) throws Exception {
        int vpcCount = Math.max(1, (total + 3999) / 4000);
        String[] vpcs = new String[vpcCount];
        for (int v = 0; v < vpcCount; v++) {
            String xml = RawHttpLoad.call(port, "Action=CreateVpc&Version=2016-11-15&CidrBlock=10." + v + ".0.0/16").body();
            vpcs[v] = RawHttpLoad.xmlValue(xml, "vpcId");
        }
        // Subnet i: VPC i % n, the (i / n)-th /28 of that VPC's 10.v.0.0/16.
        RawHttpLoad.Result create = RawHttpLoad.run(port, 8, total, i -> {
            int v = i % vpcCount;
            int k = i / vpcCount;
            String cidr = "10." + v + "." + (k * 16 / 256) + "." + (k * 16 % 256) + "/28";
            return RawHttpLoad.request(port, "Action=CreateSubnet&Version=2016-11-15&VpcId=" + vpcs[v] + "&CidrBlock=" + cidr.replace("/", "%2F"));
        });
        check(create);
        row("CreateSubnet throughput (" + total + " subnets, 8 connections)", fmt(create.perSecond()) + " creates/s (p50 "
                + fmt(create.micros(50)) + " µs, p99 " + fmt(create.micros(99)) + " µs)");

        StringBuilder filter = new StringBuilder("Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=cidr-block");
        for (int j = 1; j <= 10; j++) filter.append("&Filter.1.Value.").append(j).append("=10.0.").append(j).append(".0%2F28");
        byte[] filtered = RawHttpLoad.request(port, filter.toString());
        RawHttpLoad.run(port, 1, 500, i -> filtered);
        RawHttpLoad.Result describe = RawHttpLoad.run(port, 1, 3000, i -> filtered);
        check(describe);
        int matched = countItems(RawHttpLoad.call(port, filter.toString()).body());
        row("DescribeSubnets, filter matching " + matched + " of " + (total + 6) + " subnets (1 connection, round trip)",
                "p50 " + fmt(describe.micros(50)) + " µs, p99 " + fmt(describe.micros(99)) + " µs, " + fmt(describe.perSecond()) + " calls/s");

        String oneId = RawHttpLoad.xmlValue(RawHttpLoad.call(port, filter.toString()).body(), "subnetId");
        byte[] byId = RawHttpLoad.request(port, "Action=DescribeSubnets&Version=2016-11-15&SubnetId.1=" + oneId);
        RawHttpLoad.Result ids = RawHttpLoad.run(port, 1, 3000, i -> byId);
        check(ids);
        row("DescribeSubnets by one id among " + (total + 6) + " (1 connection, round trip)",
                "p50 " + fmt(ids.micros(50)) + " µs, p99 " + fmt(ids.micros(99)) + " µs");
    }

    static int countItems(String xml) {
        int n = 0;
        for (int i = xml.indexOf("<subnetId>"); i >= 0; i = xml.indexOf("<subnetId>", i + 1)) n++;
        return n;
    }

    static void check(RawHttpLoad.Result r) {
        if (r.errors() > 0) throw new IllegalStateException(r.errors() + " requests failed; first: " + r.firstError());
    }

    static void row(String what, String value) {
        System.out.println("| " + what + " | " + value + " |");
        System.out.flush();
    }

    static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
