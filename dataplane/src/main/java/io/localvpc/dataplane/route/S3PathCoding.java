package io.localvpc.dataplane.route;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * How S3 reads a name out of a request path and how localvpc writes it back for the embedded S3. S3 decodes
 * {@code %XX} escapes as UTF-8 and, as a legacy of form encoding, a {@code +} as a space (its console's object URLs
 * spell {@code has space.txt} as {@code has+space.txt}); the embedded S3 reads paths the same way. Writing escapes
 * every byte but the unreserved characters (and {@code /} between key segments), so what the embedded S3 decodes
 * is exactly the name that was judged.
 */
final class S3PathCoding {
    private static final String HEX = "0123456789ABCDEF";

    private S3PathCoding() {
    }

    /** @throws InvalidS3Address for a truncated or non-hex escape */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new InvalidS3Address("InvalidURI", "Couldn't parse the specified URI: it is not valid percent-encoding ('"
                            + raw.substring(i, Math.min(raw.length(), i + 3)) + "' is not an escape).");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else if (c < 0x80) {
                out.write(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
                out.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** {@code name} escaped for a path; {@code keepSlash} leaves the slashes between key segments as they are. */
    static String encode(String name, boolean keepSlash) {
        StringBuilder b = new StringBuilder(name.length() + 8);
        for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'
                    || c == '~' || (keepSlash && c == '/')) {
                b.append((char) c);
            } else {
                b.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            }
        }
        return b.toString();
    }
}
