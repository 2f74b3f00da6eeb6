package io.localvpc.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static io.localvpc.bench.ApiBenchmark.check;
import static io.localvpc.bench.ApiBenchmark.fmt;
import static io.localvpc.bench.ApiBenchmark.row;

/**
 * CreateVpcEndpoint throughput, and DescribeVpcEndpoints latency with 500 endpoints in the account
 * (all of them, by id, and filtered), driven by the raw HTTP load generator.
 */
final class EndpointScenario {
    private static final int PER_VPC = 50; // AWS's quota of interface endpoints per VPC

    private EndpointScenario() {
    }

    static void run(Path jar, List<String> jvm) throws Exception {
        try (LaunchedServer server = LaunchedServer.start(jar, jvm)) {
            int port = server.port;
            // JIT warm-up, not reported: the same requests in a region the measured runs do not use.
            createThroughput(port, "ap-south-1", "Gateway", 1000, false);
            createThroughput(port, "ap-south-1", "Interface", 500, false);
            createThroughput(port, "us-west-2", "Gateway", 2000);
            createThroughput(port, "eu-west-1", "Interface", 2000);
            describeWith500(port);
            row("RSS after the endpoint scenarios (4,500 endpoints in all)", fmt(server.rssMiB()) + " MiB");
        }
    }

    /** {@code count} creates over 8 connections, spread over VPCs of one subnet each (50 per VPC). */
    private static void createThroughput(int port, String region, String type, int count) throws Exception {
        createThroughput(port, region, type, count, true);
    }

    private static void createThroughput(int port, String region, String type, int count, boolean report) throws Exception {
        String[][] layout = layout(port, region, (count + PER_VPC - 1) / PER_VPC);
        String service = type.equals("Gateway") ? "com.amazonaws." + region + ".s3" : "com.amazonaws." + region + ".sqs";
        RawHttpLoad.Result r = RawHttpLoad.run(port, 8, count, i -> RawHttpLoad.request(port,
                createForm(layout[i / PER_VPC], type, service), region));
        check(r);
        if (!report) return;
        row("CreateVpcEndpoint throughput, " + type + " (" + count + " creates, 8 connections)", fmt(r.perSecond()) + " creates/s (p50 "
                + fmt(r.micros(50)) + " µs, p99 " + fmt(r.micros(99)) + " µs)");
    }

    private static String createForm(String[] vpcAndSubnet, String type, String service) {
        String form = "Action=CreateVpcEndpoint&Version=2016-11-15&VpcId=" + vpcAndSubnet[0] + "&VpcEndpointType=" + type + "&ServiceName=" + service;
        if (type.equals("Interface")) form += "&SubnetId.1=" + vpcAndSubnet[1] + "&PrivateDnsEnabled=false";
        return form;
    }

    /** {@code vpcs} VPCs 10.v.0.0/16, each with one /20 subnet: {vpcId, subnetId}. */
    private static String[][] layout(int port, String region, int vpcs) throws IOException {
        String[][] out = new String[vpcs][];
        for (int v = 0; v < vpcs; v++) {
            String vpc = RawHttpLoad.xmlValue(RawHttpLoad.call(port, "Action=CreateVpc&Version=2016-11-15&CidrBlock=10." + v + ".0.0%2F16", region).body(), "vpcId");
            String subnet = RawHttpLoad.xmlValue(RawHttpLoad.call(port, "Action=CreateSubnet&Version=2016-11-15&VpcId=" + vpc
                    + "&CidrBlock=10." + v + ".0.0%2F20", region).body(), "subnetId");
            out[v] = new String[]{vpc, subnet};
        }
        return out;
    }

    private static void describeWith500(int port) throws Exception {
        String region = "us-east-1";
        String[][] layout = layout(port, region, 10);
        String firstId = null;
        for (int i = 0; i < 500; i++) {
            String xml = RawHttpLoad.call(port, createForm(layout[i / PER_VPC], "Interface", "com.amazonaws.us-east-1.sqs"), region).body();
            if (firstId == null) firstId = RawHttpLoad.xmlValue(xml, "vpcEndpointId");
        }
        describe(port, "all 500", "Action=DescribeVpcEndpoints&Version=2016-11-15", 500);
        describe(port, "by one id", "Action=DescribeVpcEndpoints&Version=2016-11-15&VpcEndpointId.1=" + firstId, 1);
        describe(port, "filtered by vpc-id (50 match)", "Action=DescribeVpcEndpoints&Version=2016-11-15&Filter.1.Name=vpc-id&Filter.1.Value.1="
                + layout[3][0], 50);
    }

    private static void describe(int port, String what, String form, int expected) throws Exception {
        int got = count(RawHttpLoad.call(port, form).body());
        if (got != expected) throw new IllegalStateException(what + ": expected " + expected + " endpoints, got " + got);
        byte[] req = RawHttpLoad.request(port, form);
        RawHttpLoad.run(port, 1, 200, i -> req);
        RawHttpLoad.Result r = RawHttpLoad.run(port, 1, expected == 500 ? 1000 : 3000, i -> req);
        check(r);
        row("DescribeVpcEndpoints with 500 endpoints, " + what + " (1 connection, round trip)", "p50 " + fmt(r.micros(50)) + " µs, p99 "
                + fmt(r.micros(99)) + " µs, " + fmt(r.perSecond()) + " describes/s");
    }

    private static int count(String xml) {
        int n = 0;
        for (int i = xml.indexOf("<vpcEndpointId>"); i >= 0; i = xml.indexOf("<vpcEndpointId>", i + 1)) n++;
        return n;
    }
}
