package io.localvpc.core.sigv4;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The arithmetic of AWS Signature Version 4: the canonical request, the string to sign, the signing key and the
 * signature. Pure functions of their arguments (no clock, no secrets kept).
 */
public final class SigV4Canonical {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final HexFormat HEX = HexFormat.of();

    private SigV4Canonical() {
    }

    /**
     * The canonical request: method, canonical URI, canonical query (without {@code X-Amz-Signature}), the signed
     * headers with their values, the signed header list and the payload hash, one per line.
     */
    public static String canonicalRequest(SigV4Request r, UriEncoding encoding, List<String> signedHeaders, String payloadHash) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(r.method()).append('\n');
        sb.append(canonicalUri(r.rawPath(), encoding)).append('\n');
        sb.append(canonicalQuery(r.rawQuery())).append('\n');
        for (String name : signedHeaders) {
            String value = r.header(name);
            sb.append(name).append(':').append(value == null ? "" : trimAll(value)).append('\n');
        }
        sb.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash);
        return sb.toString();
    }

    public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + hexSha256(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")}. */
    public static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, service);
        return hmac(k, "aws4_request");
    }

    public static String signature(byte[] signingKey, String stringToSign) {
        return HEX.formatHex(hmac(signingKey, stringToSign));
    }

    public static String hexSha256(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path as the service canonicalizes it: decoded, normalized if the service does, encoded once or twice. */
    static String canonicalUri(String rawPath, UriEncoding encoding) {
        if (rawPath == null || rawPath.isEmpty()) return "/";
        String path = percentDecode(rawPath);
        if (encoding.normalize) path = normalize(path);
        String out = encodePath(path);
        for (int i = 1; i < encoding.times; i++) out = encodePath(out);
        return out.isEmpty() ? "/" : out;
    }

    /** Parameters sorted by encoded name, then value; each name and value decoded and encoded again by SigV4's rule. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return "";
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String name = encode(percentDecode(eq < 0 ? part : part.substring(0, eq)), true);
            if (name.equals("X-Amz-Signature")) continue;
            String value = eq < 0 ? "" : encode(percentDecode(part.substring(eq + 1)), true);
            pairs.add(new String[] {name, value});
        }
        pairs.sort((a, b) -> {
            int c = a[0].compareTo(b[0]);
            return c != 0 ? c : a[1].compareTo(b[1]);
        });
        StringBuilder sb = new StringBuilder();
        for (String[] p : pairs) {
            if (sb.length() > 0) sb.append('&');
            sb.append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    /** Leading and trailing spaces removed and runs of spaces made one, as SigV4 canonicalizes header values. */
    static String trimAll(String value) {
        String t = value.strip();
        if (t.indexOf("  ") < 0 && t.indexOf('\t') < 0) return t;
        return t.replaceAll("[ \\t]+", " ");
    }

    private static String normalize(String path) {
        boolean trailing = path.endsWith("/") && path.length() > 1;
        List<String> out = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) continue;
            if (segment.equals("..")) {
                if (!out.isEmpty()) out.remove(out.size() - 1);
                continue;
            }
            out.add(segment);
        }
        String joined = "/" + String.join("/", out);
        return trailing && !joined.equals("/") ? joined + "/" : joined;
    }

    private static String encodePath(String path) {
        return encode(path, false);
    }

    /** SigV4's URI encoding: unreserved characters kept, everything else {@code %XX} in upper case; '/' kept in paths. */
    static String encode(String text, boolean encodeSlash) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~'
                    || c == '/' && !encodeSlash) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    /** %XX sequences decoded to bytes (read as UTF-8); '+' stays '+', a stray '%' stays as it is. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** One Mac per thread: looking the algorithm up costs more than the HMAC of a canonical request. */
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = MAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
