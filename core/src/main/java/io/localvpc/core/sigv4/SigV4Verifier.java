package io.localvpc.core.sigv4;

import io.localvpc.core.AwsException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks AWS Signature Version 4 as AWS does, for the API port and the endpoint front alike: the
 * {@code Authorization: AWS4-HMAC-SHA256 …} header or a presigned URL's {@code X-Amz-*} parameters, the key's secret
 * (and a session's token), the request time (15 minutes either way) and a presigned URL's expiry. The signature is
 * compared in constant time; secrets never leave this class but as HMAC keys.
 */
public final class SigV4Verifier {
    /** How far a request's time may be from the server's, as AWS allows. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final long MAX_PRESIGNED_SECONDS = 604_800;
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final SigningSecrets secrets;
    private final Clock clock;

    public SigV4Verifier(SigningSecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Verifies {@code r}, whose service canonicalizes paths by {@code encoding} ({@link UriEncoding#S3} for S3). */
    public SigV4Outcome verify(SigV4Request r, UriEncoding encoding) {
        String authorization = r.header("authorization");
        Map<String, String> query = presignedParameters(r.rawQuery());
        boolean s3 = encoding == UriEncoding.S3;
        if (authorization != null) {
            if (!authorization.startsWith(SigV4Canonical.ALGORITHM + " ")) return refused(SigV4Failure.Kind.UNSUPPORTED_ALGORITHM, null, null);
            return verifyHeader(r, encoding, authorization.substring(SigV4Canonical.ALGORITHM.length() + 1), s3);
        }
        if (query.containsKey("X-Amz-Credential") || query.containsKey("X-Amz-Signature") || query.containsKey("X-Amz-Algorithm")) {
            return verifyPresigned(r, encoding, query, s3);
        }
        if (query.containsKey("AWSAccessKeyId") && query.containsKey("Signature")) return refused(SigV4Failure.Kind.UNSUPPORTED_ALGORITHM, null, null);
        return SigV4Outcome.UNSIGNED;
    }

    private SigV4Outcome verifyHeader(SigV4Request r, UriEncoding encoding, String fields, boolean s3) {
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : fields.split(",")) {
            String p = part.strip();
            if (p.startsWith("Credential=")) credential = p.substring("Credential=".length());
            else if (p.startsWith("SignedHeaders=")) signedHeaders = p.substring("SignedHeaders=".length());
            else if (p.startsWith("Signature=")) signature = p.substring("Signature=".length());
        }
        if (credential == null || signedHeaders == null || signature == null) {
            return incomplete("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization="
                    + SigV4Canonical.ALGORITHM + " " + shorten(fields), false);
        }
        String amzDate = r.header("x-amz-date");
        Instant requestTime = amzDate != null ? parseAmzDate(amzDate) : parseHttpDate(r.header("date"));
        if (requestTime == null) {
            return incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.", false);
        }
        if (amzDate == null) amzDate = AMZ_DATE.format(requestTime);
        String payloadHash = r.header("x-amz-content-sha256");
        if (payloadHash == null) {
            if (s3) return refused(SigV4Failure.Kind.MISSING_CONTENT_SHA256, null, null);
            if (r.body() == null) return new SigV4Outcome.Unverifiable(keyOf(credential));
            payloadHash = SigV4Canonical.hexSha256(r.body());
        }
        return check(r, encoding, credential, List.of(signedHeaders.split(";")), signature, amzDate, requestTime, payloadHash,
                r.header("x-amz-security-token"), null, s3);
    }

    private SigV4Outcome verifyPresigned(SigV4Request r, UriEncoding encoding, Map<String, String> q, boolean s3) {
        for (String name : List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders")) {
            if (!q.containsKey(name)) {
                return incomplete("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, "
                        + "X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.", true);
            }
        }
        if (!SigV4Canonical.ALGORITHM.equals(q.get("X-Amz-Algorithm"))) return refused(SigV4Failure.Kind.UNSUPPORTED_ALGORITHM, null, null);
        Instant requestTime = parseAmzDate(q.get("X-Amz-Date"));
        if (requestTime == null) {
            return incomplete("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"", true);
        }
        long expires = 0;
        String expiresText = q.get("X-Amz-Expires");
        if (expiresText != null) {
            try {
                expires = Long.parseLong(expiresText);
            } catch (NumberFormatException e) {
                expires = -1;
            }
            if (expires < 0) return incomplete("X-Amz-Expires should be a number", true);
            if (expires > MAX_PRESIGNED_SECONDS) {
                return incomplete("X-Amz-Expires must be less than a week (in seconds) that is 604800", true);
            }
        } else if (s3) {
            return incomplete("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, "
                    + "X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.", true);
        }
        String payloadHash;
        if (s3) {
            payloadHash = q.getOrDefault("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD");
        } else if (r.header("x-amz-content-sha256") != null) {
            payloadHash = r.header("x-amz-content-sha256");
        } else if (r.body() != null) {
            payloadHash = SigV4Canonical.hexSha256(r.body());
        } else {
            return new SigV4Outcome.Unverifiable(keyOf(q.get("X-Amz-Credential")));
        }
        return check(r, encoding, q.get("X-Amz-Credential"), List.of(q.get("X-Amz-SignedHeaders").split(";")), q.get("X-Amz-Signature"),
                q.get("X-Amz-Date"), requestTime, payloadHash, q.get("X-Amz-Security-Token"), expiresText == null ? null : expires, s3);
    }

    private SigV4Outcome check(SigV4Request r, UriEncoding encoding, String credential, List<String> signedHeaders, String signature,
                               String amzDate, Instant requestTime, String payloadHash, String sessionToken, Long expiresSeconds, boolean s3) {
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || !scope[4].equals("aws4_request") || Arrays.stream(scope).anyMatch(String::isEmpty)) {
            return incomplete("Credential should be scoped to a valid region and service: the credential '" + shorten(credential)
                    + "' is not of the form <access key>/<date>/<region>/<service>/aws4_request.", expiresSeconds != null);
        }
        String accessKeyId = scope[0];
        Optional<SigningSecret> secret;
        try {
            secret = secrets.find(accessKeyId);
        } catch (AwsException refused) {
            SigV4Failure.Kind kind = refused.code().startsWith("ExpiredToken") ? SigV4Failure.Kind.EXPIRED_TOKEN : SigV4Failure.Kind.UNKNOWN_KEY;
            return refused(kind, null, accessKeyId, Map.of("AWSAccessKeyId", accessKeyId));
        }
        if (secret.isEmpty()) return refused(SigV4Failure.Kind.UNKNOWN_KEY, null, accessKeyId, Map.of("AWSAccessKeyId", accessKeyId));
        if (secret.get().sessionToken() != null && (sessionToken == null || !constantTimeEquals(sessionToken, secret.get().sessionToken()))) {
            return refused(SigV4Failure.Kind.INVALID_TOKEN, null, accessKeyId, Map.of());
        }
        Instant now = clock.instant();
        if (expiresSeconds != null) {
            Instant expiry = requestTime.plusSeconds(expiresSeconds);
            if (now.isAfter(expiry)) {
                Map<String, String> details = new LinkedHashMap<>();
                details.put("X-Amz-Expires", String.valueOf(expiresSeconds));
                details.put("Expires", expiry.toString());
                details.put("ServerTime", now.toString());
                return refused(SigV4Failure.Kind.PRESIGNED_EXPIRED, "Signature expired: " + amzDate + " is now earlier than "
                        + AMZ_DATE.format(now.minusSeconds(expiresSeconds)) + " (" + AMZ_DATE.format(now) + " - " + expiresSeconds + " sec.)", accessKeyId, details);
            }
        }
        if (expiresSeconds == null || requestTime.isAfter(now)) {
            SigV4Outcome skewed = skew(amzDate, requestTime, now, accessKeyId);
            if (skewed != null) return skewed;
        }
        String canonical = SigV4Canonical.canonicalRequest(r, encoding, signedHeaders, payloadHash);
        String credentialScope = scope[1] + "/" + scope[2] + "/" + scope[3] + "/aws4_request";
        String stringToSign = SigV4Canonical.stringToSign(amzDate, credentialScope, canonical);
        String expected = SigV4Canonical.signature(signingKey(secret.get().secretAccessKey(), scope[1], scope[2], scope[3]), stringToSign);
        if (!amzDate.startsWith(scope[1]) || !constantTimeEquals(expected, signature.toLowerCase(java.util.Locale.ROOT))) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("AWSAccessKeyId", accessKeyId);
            details.put("StringToSign", stringToSign);
            details.put("SignatureProvided", signature);
            details.put("StringToSignBytes", spacedHex(stringToSign));
            details.put("CanonicalRequest", canonical);
            details.put("CanonicalRequestBytes", spacedHex(canonical));
            return refused(SigV4Failure.Kind.MISMATCH, null, accessKeyId, details);
        }
        return new SigV4Outcome.Verified(accessKeyId);
    }

    /** A derived key by what it is derived from; AWS's SDKs keep them for a day too, as four HMACs per request add up. */
    private record KeyScope(String secret, String date, String region, String service) {
        @Override
        public String toString() {
            return "KeyScope[" + date + "/" + region + "/" + service + "]";
        }
    }

    private final java.util.concurrent.ConcurrentHashMap<KeyScope, byte[]> signingKeys = new java.util.concurrent.ConcurrentHashMap<>();

    private byte[] signingKey(String secret, String date, String region, String service) {
        KeyScope k = new KeyScope(secret, date, region, service);
        byte[] key = signingKeys.get(k);
        if (key != null) return key;
        if (signingKeys.size() > 4096) signingKeys.clear(); // keys of old dates and retired secrets are not kept forever
        key = SigV4Canonical.signingKey(secret, date, region, service);
        signingKeys.put(k, key);
        return key;
    }

    private static SigV4Outcome skew(String amzDate, Instant requestTime, Instant now, String accessKeyId) {
        Duration off = Duration.between(now, requestTime);
        if (off.abs().compareTo(MAX_SKEW) <= 0) return null;
        String detail = off.isNegative()
                ? "Signature expired: " + amzDate + " is now earlier than " + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)"
                : "Signature not yet current: " + amzDate + " is still later than " + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " + 15 min.)";
        Map<String, String> details = new LinkedHashMap<>();
        details.put("RequestTime", amzDate);
        details.put("ServerTime", now.toString());
        details.put("MaxAllowedSkewMilliseconds", String.valueOf(MAX_SKEW.toMillis()));
        return refused(SigV4Failure.Kind.SKEWED, detail, accessKeyId, details);
    }

    /** The X-Amz-* parameters of a query string, decoded (others are not needed to tell how a request is signed). */
    private static Map<String, String> presignedParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty() || !(rawQuery.contains("X-Amz-") || rawQuery.contains("AWSAccessKeyId"))) return Map.of();
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : rawQuery.split("&")) {
            int eq = part.indexOf('=');
            String name = SigV4Canonical.percentDecode(eq < 0 ? part : part.substring(0, eq));
            if (name.startsWith("X-Amz-") || name.equals("AWSAccessKeyId") || name.equals("Signature")) {
                out.putIfAbsent(name, eq < 0 ? "" : SigV4Canonical.percentDecode(part.substring(eq + 1)));
            }
        }
        return out;
    }

    private static Instant parseAmzDate(String text) {
        try {
            return ZonedDateTime.parse(text, AMZ_DATE).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Instant parseHttpDate(String text) {
        if (text == null) return null;
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** S3's {@code StringToSignBytes}: each byte in two hex digits, separated by spaces. */
    private static String spacedHex(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    private static String keyOf(String credential) {
        if (credential == null) return null;
        int slash = credential.indexOf('/');
        return slash < 0 ? credential : credential.substring(0, slash);
    }

    private static SigV4Outcome incomplete(String message, boolean presigned) {
        return new SigV4Outcome.Refused(new SigV4Failure(SigV4Failure.Kind.INCOMPLETE, message, null, presigned, Map.of()));
    }

    private static SigV4Outcome refused(SigV4Failure.Kind kind, String detail, String accessKeyId) {
        return refused(kind, detail, accessKeyId, Map.of());
    }

    private static SigV4Outcome refused(SigV4Failure.Kind kind, String detail, String accessKeyId, Map<String, String> details) {
        return new SigV4Outcome.Refused(new SigV4Failure(kind, detail, accessKeyId, false, details));
    }


    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
