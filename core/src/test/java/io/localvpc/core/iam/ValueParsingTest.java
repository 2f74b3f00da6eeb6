package io.localvpc.core.iam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The value readers behind the typed operators, and the keys a request context derives from its principal. */
class ValueParsingTest {

    @ParameterizedTest(name = "date {0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "2026-03-01T00:00:00Z, 1772323200000",
            "2026-03-01T00:00:00z, 1772323200000",
            "2026-03-01T00:00Z, 1772323200000",
            "2026-03-01T00:00:00.250Z, 1772323200250",
            "2026-03-01T05:30:00+05:30, 1772323200000",
            "2026-02-28T19:00:00-05:00, 1772323200000",
            "2026-03-01T00:00:00, 1772323200000",
            "2026-03-01, 1772323200000",
            "2026-03, 1772323200000",
            "2026, 1767225600000",
            "1772323200, 1772323200000",
            "0, 0",
            "' 2026-03-01 ', 1772323200000",
            "2026-02-30, null",
            "2026-3-1, null",
            "tomorrow, null",
            "'', null",
            "99999999999999999999, null"
    })
    void dates(String text, Long epochMillis) {
        assertEquals(epochMillis, Dates.parse(text));
    }

    @ParameterizedTest(name = "{0} contains {1} -> {2}")
    @CsvSource({
            "10.0.0.0/8, 10.255.255.255, true",
            "10.0.0.0/8, 11.0.0.0, false",
            "10.0.0.0/8, 10.0.0.0/16, true",
            "10.0.0.0/16, 10.0.0.0/8, false",
            "10.1.2.3/8, 10.9.9.9, true",
            "0.0.0.0/0, 255.255.255.255, true",
            "192.0.2.1/32, 192.0.2.1, true",
            "192.0.2.1/31, 192.0.2.0, true",
            "192.0.2.1/31, 192.0.2.2, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "2001:db8::/127, 2001:db8::1, true",
            "2001:db8::/127, 2001:db8::2, false",
            "2001:db8:0:0:0:0:0:1/128, 2001:db8::1, true",
            "::ffff:0:0/96, ::ffff:10.1.2.3, true",
            "::/0, 10.0.0.1, false",
            "0.0.0.0/0, ::1, false",
            "fe80::/10, FE80::1, true"
    })
    void cidrs(String block, String address, boolean contains) {
        assertEquals(contains, Cidr.parse(block).contains(Cidr.parse(address)));
    }

    @ParameterizedTest(name = "not an address: {0}")
    @CsvSource({"10.0.0", "10.0.0.0.0", "10.0.0.256", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/33", "::1/129", "1:2:3:4:5:6:7:8:9",
            "1::2::3", "12345::", "g::1", "localhost", "10.0.0.-1"})
    void badAddresses(String text) {
        assertNull(Cidr.parse(text));
    }

    @ParameterizedTest(name = "number {0}")
    @CsvSource(nullValues = "null", value = {"10, 10", "-3.5, -3.5", "+4, 4", "1e3, 1000", "abc, null", "'', null", "1-2, null", "0x10, null"})
    void numbers(String text, String expected) {
        assertEquals(expected == null ? null : new java.math.BigDecimal(expected).stripTrailingZeros(),
                Numbers.parse(text) == null ? null : Numbers.parse(text).stripTrailingZeros());
    }

    @Test
    void userContextDerivesPrincipalKeys() {
        RequestContext ctx = RequestContext.builder().principal("arn:aws:iam::111122223333:user/division/alice").action("s3:GetObject").build();
        assertEquals(List.of("alice"), ctx.values("aws:username"));
        assertEquals(List.of("111122223333"), ctx.values("AWS:PrincipalAccount"));
        assertEquals(List.of("arn:aws:iam::111122223333:user/division/alice"), ctx.values("aws:principalarn"));
        assertEquals(List.of("User"), ctx.values("aws:PrincipalType"));
        assertEquals("111122223333", ctx.principalAccount());
        assertEquals("*", ctx.resource());
    }

    @Test
    void roleSessionHasNoUserNameAndMatchesItsRole() {
        RequestContext ctx = RequestContext.builder().principal("arn:aws:sts::111122223333:assumed-role/builder/s1").action("s3:GetObject").build();
        assertEquals(List.of(), ctx.values("aws:username"));
        assertEquals(List.of("AssumedRole"), ctx.values("aws:PrincipalType"));
        assertEquals("arn:aws:iam::111122223333:role/builder", ctx.principalRoleArn());
    }

    @Test
    void givenKeysWinOverDerivedOnesAndEmptyKeysAreAbsent() {
        RequestContext ctx = RequestContext.builder().principal("arn:aws:iam::111122223333:user/alice").action("s3:GetObject")
                .key("aws:username", "override").key("aws:TagKeys", List.of()).build();
        assertEquals(List.of("override"), ctx.values("aws:username"));
        assertNull(ctx.value("aws:tagkeys"));
        RequestContext anon = RequestContext.builder().anonymous().action("s3:GetObject").build();
        assertNull(anon.principalAccount());
        assertEquals(List.of(), anon.values("aws:PrincipalArn"));
    }
}
