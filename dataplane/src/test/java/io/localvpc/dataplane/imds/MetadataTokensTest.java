package io.localvpc.dataplane.imds;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IMDSv2 tokens: good only at the instance they were issued to, before they expire, and only from this process. */
class MetadataTokensTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final MetadataTokens tokens = new MetadataTokens();

    @Test
    void aTokenIsItsInstancesUntilItExpires() {
        String token = tokens.issue("i-0123456789abcdef0", NOW.plusSeconds(60));
        assertTrue(tokens.valid(token, "i-0123456789abcdef0", NOW));
        assertTrue(tokens.valid(token, "i-0123456789abcdef0", NOW.plusSeconds(59)));
        assertFalse(tokens.valid(token, "i-0123456789abcdef0", NOW.plusSeconds(60)), "expired at its TTL");
        assertFalse(tokens.valid(token, "i-0fedcba9876543210", NOW), "another instance's token");
    }

    @Test
    void forgedOrForeignTokensAreRefused() {
        String token = tokens.issue("i-0123456789abcdef0", NOW.plusSeconds(60));
        int dot = token.indexOf('.');
        // The claim rewritten to last longer, with the old signature: refused.
        String longer = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("i-0123456789abcdef0:" + NOW.plusSeconds(99_999).getEpochSecond()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertFalse(tokens.valid(longer + token.substring(dot), "i-0123456789abcdef0", NOW));
        assertFalse(new MetadataTokens().valid(token, "i-0123456789abcdef0", NOW), "another process's key");
        for (String junk : new String[]{"", ".", "abc", "!!!.???", token + "x"}) {
            assertFalse(tokens.valid(junk, "i-0123456789abcdef0", NOW), junk);
        }
        assertFalse(tokens.valid(null, "i-0123456789abcdef0", NOW));
    }
}
