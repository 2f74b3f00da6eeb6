package io.localvpc.core.net;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ipv6CidrTest {

    private static String canonical(String text) {
        return Ipv6Cidr.parse(text).orElseThrow(() -> new AssertionError("not parsed: " + text)).toString();
    }

    @Test
    void canonicalFormIsLowercaseWithLongestZeroRunCompressed() {
        assertEquals("::/0", canonical("::/0"));
        assertEquals("2001:db8::/32", canonical("2001:DB8::/32"));
        assertEquals("2001:db8::/32", canonical("2001:0db8:0000:0000:0000:0000:0000:0000/32"));
        assertEquals("2001:db8:0:1::/64", canonical("2001:db8:0:1:0:0:0:0/64"));
        assertEquals("2001:db8::1:0:0:1/128", canonical("2001:db8:0:0:1:0:0:1/128"));
        assertEquals("::1/128", canonical("::1/128"));
        assertEquals("fe80::/10", canonical("fe80::/10"));
    }

    @Test
    void hostBitsAreCleared() {
        assertEquals("2001:db8::/32", canonical("2001:db8:1234::1/32"));
        assertEquals("2001:db8:0:1::/64", canonical("2001:db8:0:1:ffff::/64"));
        assertEquals("2001:db8::8000:0/97", canonical("2001:db8::ffff:ffff/97"));
    }

    @Test
    void malformedTextIsRefused() {
        for (String bad : new String[]{"2001:db8::", "2001:db8:::/32", "2001:db8::1::2/64", "::/129", "10.0.0.0/8", "g::/16",
                "1:2:3:4:5:6:7/64", "1:2:3:4:5:6:7:8:9/64", "12345::/16", "::/", "::/-1", ":1::/16"}) {
            assertTrue(Ipv6Cidr.parse(bad).isEmpty(), bad);
        }
    }
}
