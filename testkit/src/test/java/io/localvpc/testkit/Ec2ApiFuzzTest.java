package io.localvpc.testkit;

import io.localvpc.api.ec2.Ec2Families;
import io.localvpc.api.ec2.Ec2Model;
import io.localvpc.api.ec2.Operation;
import io.localvpc.api.wire.ServiceModel;
import io.localvpc.api.wire.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bounded fuzzing of the EC2 Query API on loopback (issue 10): requests built from the model for every served
 * action, with values drawn from what breaks parsers (huge and negative numbers, control characters, long and
 * empty strings, malformed ids and CIDRs, unknown keys, odd list indexes, broken credential scopes). Every answer
 * must be a 2xx or 4xx, well-formed XML 1.0 in EC2's shape (the action's response, or Response/Errors/Error with a
 * code and a RequestID equal to the x-amzn-RequestId header), within 10 s. The count is
 * {@code -Dlocalvpc.fuzz.ec2=N} (default 5,000 in CI; the issue's 20,000 take about 25 s).
 */
@ExtendWith(LocalVpcExtension.class)
class Ec2ApiFuzzTest {
    private static final long SEED = Long.getLong("localvpc.fuzz.seed", 20261206L);
    private static final int COUNT = Integer.getInteger("localvpc.fuzz.ec2", 5000);
    private static final String[] NASTY = {
            "", " ", "x", "0", "-1", "5", "1000", "4294967739", "-4294967274", "2147483648", "99999999999999999999", "1e3", "0x10",
            "true", "false", "maybe", "null", "a\u0001b", "\u0000", "\uFFFE", "\uD800", "é\uD83D\uDE00", "<x>&amp;</x>", "]]>",
            "%zz", "a".repeat(5000), "vpc-", "vpc-0123456789abcdef0", "subnet-12345678", "sg-zzz", "i-", "rtb-0", "eni-1",
            "vpce-0123456789abcdef0", "pl-63a5400a", "10.0.0.0/16", "10.0.0.0/33", "999.0.0.0/99", "0.0.0.0/0", "::/0",
            "2001:db8::/56", "us-east-1a", "use1-az1", "mars-1a", "com.amazonaws.us-east-1.s3", "com.amazonaws.us-east-1.sqs",
            "Interface", "Gateway", "gateway", "tcp", "-1", "icmp", "300", "allow", "deny", "{\"Statement\":[]}", "{", "*",
            "default", "dedicated", "ipv4", "dualstack", "vpc", "standard", "private", "public"};

    private final Random random = new Random(SEED);
    private final ServiceModel model = Ec2Model.get();

    @Test
    void fuzzedRequestsGetNo5xxNoMalformedAnswerAndNoHang(URI endpoint) throws Exception {
        List<String> actions = new ArrayList<>();
        for (Operation op : Ec2Families.registry(model).all()) actions.add(op.name());
        actions.sort(null);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        DocumentBuilder xml = DocumentBuilderFactory.newInstance().newDocumentBuilder();
        xml.setErrorHandler(null);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < COUNT && failures.size() < 20; i++) {
            String action = random.nextInt(40) == 0 ? pick(new String[]{"CreateVpcs", "", "describevpcs", "GetCallerIdentity"}) : actions.get(random.nextInt(actions.size()));
            Map<String, String> params = new LinkedHashMap<>();
            if (random.nextInt(50) != 0) params.put("Action", action);
            if (random.nextInt(10) != 0) params.put("Version", "2016-11-15");
            model.operation(action).map(ServiceModel.Operation::input).ifPresent(in -> fill(params, in, "", 0));
            if (random.nextInt(8) == 0) params.put(pick(new String[]{"Bogus", "Filter.1.Name", "Filter.1.Value.1", "MaxResults", "DryRun", "ClientToken"}), pick(NASTY));
            String body = encode(params);
            HttpRequest.Builder req = HttpRequest.newBuilder(endpoint.resolve("/")).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            String auth = authorization();
            try {
                if (auth != null) req.header("Authorization", auth);
            } catch (IllegalArgumentException notSendable) {
                auth = null; // the HTTP client refuses control characters in headers; send the request unsigned
            }
            String what = "#" + i + " " + action + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body) + " auth=" + auth;
            HttpResponse<byte[]> r;
            try {
                r = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
                failures.add("hang: " + what);
                continue;
            }
            byStatus.merge(r.statusCode(), 1, Integer::sum);
            String problem = check(xml, action, r);
            if (problem != null) failures.add(problem + ": " + what);
        }
        System.out.println("EC2 API fuzz: " + COUNT + " requests (seed " + SEED + "), answers by status " + byStatus + ", failures " + failures.size());
        assertEquals(List.of(), failures);
    }

    /** Why an answer is not what AWS would send (null when it is fine). */
    private static String check(DocumentBuilder xml, String action, HttpResponse<byte[]> r) {
        if (r.statusCode() >= 500) return "status " + r.statusCode();
        Document doc;
        try {
            doc = xml.parse(new ByteArrayInputStream(r.body()));
        } catch (Exception e) {
            return "not well-formed XML (" + e.getMessage() + ") " + new String(r.body(), StandardCharsets.UTF_8);
        }
        Element root = doc.getDocumentElement();
        String header = r.headers().firstValue("x-amzn-RequestId").orElse(null);
        if (r.statusCode() < 300) {
            if (!root.getTagName().equals(action + "Response")) return "200 with root " + root.getTagName();
            String id = text(root, "requestId");
            return id != null && id.equals(header) ? null : "request id " + id + " vs header " + header;
        }
        if (!root.getTagName().equals("Response")) return r.statusCode() + " with root " + root.getTagName();
        String code = text(root, "Code");
        String id = text(root, "RequestID");
        if (code == null || code.isEmpty()) return "error without a code";
        if (text(root, "Message") == null) return "error without a message";
        if (id == null || !id.equals(header)) return "error request id " + id + " vs header " + header;
        return null;
    }

    private static String text(Element root, String tag) {
        var nodes = root.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    /** Members of a shape as query keys, each present with some probability, values from NASTY or shaped like the type. */
    private void fill(Map<String, String> params, Shape shape, String prefix, int depth) {
        for (Shape.Member m : shape.members().values()) {
            if (random.nextInt(3) != 0 || depth > 3) continue;
            String key = prefix + m.queryKey();
            Shape s = m.shape();
            switch (s.type()) {
                case STRUCTURE -> fill(params, s, key + ".", depth + 1);
                case LIST -> {
                    int items = random.nextInt(3);
                    for (int i = 1; i <= items; i++) {
                        int index = random.nextInt(20) == 0 ? pick(new int[]{0, 99999, 100000}) : i;
                        String itemKey = key + "." + index;
                        if (s.listMember().type() == Shape.Type.STRUCTURE) fill(params, s.listMember(), itemKey + ".", depth + 1);
                        else params.put(itemKey, scalar(s.listMember()));
                    }
                }
                default -> params.put(key, scalar(s));
            }
        }
    }

    private String scalar(Shape s) {
        if (random.nextInt(3) == 0) return pick(NASTY);
        return switch (s.type()) {
            case INTEGER, LONG -> Integer.toString(random.nextInt(2000) - 100);
            case BOOLEAN -> random.nextBoolean() ? "true" : "false";
            default -> pick(NASTY);
        };
    }

    private String authorization() {
        return switch (random.nextInt(12)) {
            case 0 -> null;
            case 1 -> "AWS4-HMAC-SHA256 Credential=////, SignedHeaders=host, Signature=0";
            case 2 -> "AWS4-HMAC-SHA256 Credential=test/20261206/" + pick(new String[]{"eu-west-1", "mars-1", "", "US-EAST-1"}) + "/ec2/aws4_request";
            case 3 -> "AWS4-HMAC-SHA256 Credential=111122223333/20261206/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0";
            case 4 -> pick(NASTY);
            default -> "AWS4-HMAC-SHA256 Credential=test/20261206/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0";
        };
    }

    private static String encode(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (sb.length() > 0) sb.append('&');
            sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private int pick(int[] options) {
        return options[random.nextInt(options.length)];
    }
}
