package io.localvpc.server.cli;

import io.localvpc.server.LocalVpc;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * {@code localvpc warmup}: starts an in-memory server, sends it a few typical calls and stops. The
 * launcher runs it once per build under {@code -XX:ArchiveClassesAtExit} so that later starts load
 * their classes from a class-data-sharing archive (about half the start-up time).
 */
@Command(name = "warmup", hidden = true, description = "Exercise a throwaway server once (used by the launcher to build its class-data archive).")
final class WarmupCommand implements Runnable {
    private static final String[] CALLS = {
            "Action=DescribeVpcs&Version=2016-11-15",
            "Action=CreateVpc&Version=2016-11-15&CidrBlock=10.0.0.0%2F16&TagSpecification.1.ResourceType=vpc&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=w",
            "Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=tag%3AName&Filter.1.Value.1=w",
            "Action=DescribeSubnets&Version=2016-11-15",
            "Action=DescribeRouteTables&Version=2016-11-15",
            "Action=DescribeSecurityGroups&Version=2016-11-15",
            "Action=DescribeVpcEndpoints&Version=2016-11-15",
            "Action=DescribeNoSuchThing&Version=2016-11-15",
    };

    @Override
    public void run() {
        try (LocalVpc server = LocalVpc.builder().port(0).inMemory().start()) {
            for (String form : CALLS) call(server.port(), form);
        } catch (IOException e) {
            throw new IllegalStateException("warm-up failed: " + e.getMessage(), e);
        }
    }

    private static void call(int port, String form) throws IOException {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            in.readAllBytes();
        }
    }
}
