package io.localvpc.bench;

import io.localvpc.core.sigv4.SigV4Canonical;
import io.localvpc.core.sigv4.SigV4Outcome;
import io.localvpc.core.sigv4.SigV4Verifier;
import io.localvpc.core.sigv4.SigningSecret;
import io.localvpc.core.sigv4.SigV4Request;
import io.localvpc.core.sigv4.UriEncoding;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The API port's throughput with {@code --verify-signatures} against without, side by side: two launched servers,
 * the same correctly signed DescribeVpcs sent to each in alternating rounds over the same number of connections, so
 * the ratio is what verification costs (a canonical request, a SHA-256 of the body and five HMACs per call).
 * Usage: {@code SignatureBenchmark <launcher> [requests per round] [rounds] [connections]}.
 */
public final class SignatureBenchmark {
    private SignatureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of(args.length > 0 ? args[0] : "./localvpc");
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int connections = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        inProcess();
        try (LaunchedServer off = LaunchedServer.start(launcher, List.of());
             LaunchedServer on = LaunchedServer.start(launcher, List.of(), "--verify-signatures", "--root-secret", "bench-secret")) {
            byte[] toOff = signed(off.port, "bench-secret");
            byte[] toOn = signed(on.port, "bench-secret");
            RawHttpLoad.run(off.port, connections, requests, i -> toOff); // JIT warm-up, not counted
            RawHttpLoad.run(on.port, connections, requests, i -> toOn);
            System.out.println("| round | off: calls/s (p50 µs) | on: calls/s (p50 µs) | on / off |");
            System.out.println("| --- | --- | --- | --- |");
            for (int r = 1; r <= rounds; r++) {
                // Which server goes first alternates, so a machine getting busier or quieter favours neither.
                RawHttpLoad.Result a;
                RawHttpLoad.Result b;
                if (r % 2 == 1) {
                    a = RawHttpLoad.run(off.port, connections, requests, i -> toOff);
                    b = RawHttpLoad.run(on.port, connections, requests, i -> toOn);
                } else {
                    b = RawHttpLoad.run(on.port, connections, requests, i -> toOn);
                    a = RawHttpLoad.run(off.port, connections, requests, i -> toOff);
                }
                ApiBenchmark.check(a);
                ApiBenchmark.check(b);
                System.out.println("| " + r + " | " + ApiBenchmark.fmt(a.perSecond()) + " (" + ApiBenchmark.fmt(a.micros(50)) + ") | "
                        + ApiBenchmark.fmt(b.perSecond()) + " (" + ApiBenchmark.fmt(b.micros(50)) + ") | "
                        + String.format(java.util.Locale.ROOT, "%.2f", b.perSecond() / a.perSecond()) + " |");
            }
        }
    }

    /** The verifier alone, on this thread: what one verification costs without sockets, parsing or a busy server. */
    private static void inProcess() {
        SigV4Verifier verifier = new SigV4Verifier(key -> Optional.of(new SigningSecret("bench-secret", null)), Clock.systemUTC());
        String[] text = new String(signed(4580, "bench-secret"), StandardCharsets.ISO_8859_1).split("\r\n\r\n", 2);
        Map<String, List<String>> headers = new HashMap<>();
        for (String line : text[0].split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), List.of(line.substring(colon + 1).trim()));
        }
        SigV4Request request = new SigV4Request("POST", "/", null, headers, text[1].getBytes(StandardCharsets.ISO_8859_1));
        for (int round = 0; round < 3; round++) {
            int n = 200_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (!(verifier.verify(request, UriEncoding.DOUBLE) instanceof SigV4Outcome.Verified)) throw new IllegalStateException("not verified");
            }
            System.out.println("| verifier alone, round " + (round + 1) + " | " + ApiBenchmark.fmt((System.nanoTime() - t0) / 1e3 / n) + " µs per request |");
        }
    }

    /** DescribeVpcs as the root convention's key {@code test} signs it now (good for 15 minutes). */
    private static byte[] signed(int port, String secret) {
        byte[] body = "Action=DescribeVpcs&Version=2016-11-15".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now);
        String date = amzDate.substring(0, 8);
        String host = "127.0.0.1:" + port;
        String contentType = "application/x-www-form-urlencoded; charset=utf-8";
        Map<String, List<String>> headers = Map.of("host", List.of(host), "content-type", List.of(contentType), "x-amz-date", List.of(amzDate));
        List<String> signedHeaders = List.of("content-type", "host", "x-amz-date");
        String canonical = SigV4Canonical.canonicalRequest(new SigV4Request("POST", "/", null, headers, body), UriEncoding.DOUBLE, signedHeaders,
                SigV4Canonical.hexSha256(body));
        String scope = date + "/us-east-1/ec2/aws4_request";
        String signature = SigV4Canonical.signature(SigV4Canonical.signingKey(secret, date, "us-east-1", "ec2"),
                SigV4Canonical.stringToSign(amzDate, scope, canonical));
        String head = "POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: " + contentType + "\r\nX-Amz-Date: " + amzDate + "\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=test/" + scope + ", SignedHeaders=" + String.join(";", signedHeaders)
                + ", Signature=" + signature + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }
}
