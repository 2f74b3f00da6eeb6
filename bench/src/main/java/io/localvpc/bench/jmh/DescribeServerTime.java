package io.localvpc.bench.jmh;

import io.localvpc.api.ApiCall;
import io.localvpc.api.ApiDispatcher;
import io.localvpc.api.CallerDirectory;
import io.localvpc.api.ApiReply;
import io.localvpc.api.ec2.Ec2Api;
import io.localvpc.core.ops.DefaultVpc;
import io.localvpc.core.state.Journal;
import io.localvpc.core.state.Store;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Server time of Describe calls, without sockets: the EC2 API handling a request end to end (decode,
 * snapshot read, filter, render, XML) over a state of 10,000 subnets, or 500 VPC endpoints.
 * Run: bench/jmh.sh DescribeServerTime
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DescribeServerTime {
    private ApiDispatcher api;
    private ApiCall filteredSubnets;
    private ApiCall subnetById;
    private ApiCall allEndpoints;
    private ApiCall endpointsByVpc;

    @Setup
    public void setUp() {
        api = new ApiDispatcher(new Ec2Api(new Store(Journal.NONE, Clock.systemUTC(), DefaultVpc::create), "000000000000", "us-east-1"),
                CallerDirectory.none(), "000000000000");
        String[] vpcs = new String[3];
        for (int v = 0; v < 3; v++) vpcs[v] = value(call("Action=CreateVpc&Version=2016-11-15&CidrBlock=10." + v + ".0.0%2F16"), "vpcId");
        String someSubnet = null;
        for (int i = 0; i < 10_000; i++) {
            int v = i % 3;
            int k = i / 3;
            String id = value(call("Action=CreateSubnet&Version=2016-11-15&VpcId=" + vpcs[v] + "&CidrBlock=10." + v + "." + (k * 16 / 256) + "."
                    + (k * 16 % 256) + "%2F28"), "subnetId");
            if (i == 5000) someSubnet = id;
        }
        StringBuilder f = new StringBuilder("Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=cidr-block");
        for (int j = 1; j <= 10; j++) f.append("&Filter.1.Value.").append(j).append("=10.0.").append(j).append(".0%2F28");
        filteredSubnets = form(f.toString());
        subnetById = form("Action=DescribeSubnets&Version=2016-11-15&SubnetId.1=" + someSubnet);

        String[] endpointVpcs = new String[10];
        for (int v = 0; v < 10; v++) {
            String vpc = value(call("Action=CreateVpc&Version=2016-11-15&CidrBlock=10." + (100 + v) + ".0.0%2F16"), "vpcId");
            String subnet = value(call("Action=CreateSubnet&Version=2016-11-15&VpcId=" + vpc + "&CidrBlock=10." + (100 + v) + ".0.0%2F20"), "subnetId");
            endpointVpcs[v] = vpc;
            for (int e = 0; e < 50; e++) {
                call("Action=CreateVpcEndpoint&Version=2016-11-15&VpcId=" + vpc + "&VpcEndpointType=Interface&ServiceName=com.amazonaws.us-east-1.sqs"
                        + "&SubnetId.1=" + subnet + "&PrivateDnsEnabled=false");
            }
        }
        allEndpoints = form("Action=DescribeVpcEndpoints&Version=2016-11-15");
        endpointsByVpc = form("Action=DescribeVpcEndpoints&Version=2016-11-15&Filter.1.Name=vpc-id&Filter.1.Value.1=" + endpointVpcs[3]);
        check(api.handle(filteredSubnets), "<subnetId>", 10);
        check(api.handle(allEndpoints), "<vpcEndpointId>", 500);
    }

    @Benchmark
    public ApiReply describeSubnetsFilter10Of10000() {
        return api.handle(filteredSubnets);
    }

    @Benchmark
    public ApiReply describeSubnetsOneIdOf10000() {
        return api.handle(subnetById);
    }

    @Benchmark
    public ApiReply describeVpcEndpointsAll500() {
        return api.handle(allEndpoints);
    }

    @Benchmark
    public ApiReply describeVpcEndpointsFilterVpc50Of500() {
        return api.handle(endpointsByVpc);
    }

    private String call(String form) {
        ApiReply r = api.handle(form(form));
        if (r.status() != 200) throw new IllegalStateException(form + " → " + r.bodyText());
        return r.bodyText();
    }

    private static ApiCall form(String body) {
        return new ApiCall("POST", "/", null, Map.of(), body.getBytes(StandardCharsets.UTF_8), "bench");
    }

    private static String value(String xml, String element) {
        int s = xml.indexOf("<" + element + ">");
        return xml.substring(s + element.length() + 2, xml.indexOf("</" + element + ">", s));
    }

    private static void check(ApiReply r, String marker, int expected) {
        String xml = r.bodyText();
        int n = 0;
        for (int i = xml.indexOf(marker); i >= 0; i = xml.indexOf(marker, i + 1)) n++;
        if (n != expected) throw new IllegalStateException("expected " + expected + " items, got " + n);
    }
}
