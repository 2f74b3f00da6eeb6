package io.localvpc.api.query;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Describe filter values: AWS's {@code *}, {@code ?} and backslash escapes; matching is never exponential (issue 10). */
class FilterWildcardTest {

    @Test
    void literalValuesMatchExactly() {
        assertTrue(FilterWildcard.of("vpc-1").matches("vpc-1"));
        assertFalse(FilterWildcard.of("vpc-1").matches("vpc-12"));
        assertFalse(FilterWildcard.of("vpc-1").matches("VPC-1"));
        assertTrue(FilterWildcard.of("").matches(""));
        assertFalse(FilterWildcard.of("").matches("a"));
    }

    @Test
    void starMatchesAnyRunIncludingNone() {
        FilterWildcard w = FilterWildcard.of("web-*");
        assertTrue(w.matches("web-"));
        assertTrue(w.matches("web-prod"));
        assertFalse(w.matches("web"));
        assertTrue(FilterWildcard.of("*").matches(""));
        assertTrue(FilterWildcard.of("*-prod-*").matches("eu-prod-1"));
        assertTrue(FilterWildcard.of("a*b*c").matches("abc"));
        assertTrue(FilterWildcard.of("a*b*c").matches("axxbyyc"));
        assertFalse(FilterWildcard.of("a*b*c").matches("axxbyy"));
        assertTrue(FilterWildcard.of("**a**").matches("a"));
        assertTrue(FilterWildcard.of("*ab").matches("aab"), "the star must give back what it took greedily");
        assertTrue(FilterWildcard.of("*aab").matches("aaab"));
    }

    @Test
    void questionMarkMatchesExactlyOne() {
        FilterWildcard w = FilterWildcard.of("10.0.?.0/24");
        assertTrue(w.matches("10.0.1.0/24"));
        assertFalse(w.matches("10.0.12.0/24"));
        assertFalse(w.matches("10.0..0/24"));
        assertTrue(FilterWildcard.of("?*").matches("x"));
        assertFalse(FilterWildcard.of("?*").matches(""));
        assertTrue(FilterWildcard.of("*?").matches("xyz"));
    }

    @Test
    void backslashMakesTheWildcardsAndItselfLiteral() {
        // EC2's own example: \*amazon\?\\ searches for the literal string *amazon?\
        FilterWildcard w = FilterWildcard.of("\\*amazon\\?\\\\");
        assertTrue(w.matches("*amazon?\\"));
        assertFalse(w.matches("xamazony\\"));
        assertTrue(FilterWildcard.of("a\\*b*").matches("a*bcd"));
        assertFalse(FilterWildcard.of("a\\*b*").matches("axbcd"));
        assertTrue(FilterWildcard.of("a\\?").matches("a?"));
        assertFalse(FilterWildcard.of("a\\?").matches("ab"));
    }

    @Test
    void aBackslashBeforeAnythingElseIsItselfLiteral() {
        assertTrue(FilterWildcard.of("C:\\temp").matches("C:\\temp"));
        assertTrue(FilterWildcard.of("end\\").matches("end\\"));
        assertTrue(FilterWildcard.of("C:\\t*").matches("C:\\temp"));
    }

    @Test
    void adversarialPatternsTakePolynomiallyManySteps() {
        // 40 stars between a's and a text of a's with no b: the old recursive matcher tried every way of
        // splitting the text among the stars (billions of ways); the greedy one stays within |p|·|t| steps.
        String pattern = "*a".repeat(40) + "*b";
        String text = "a".repeat(5_000);
        long[] steps = {0};
        assertFalse(FilterWildcard.of(pattern).match(text, steps));
        long bound = (long) (pattern.length() + 1) * (text.length() + 1);
        assertTrue(steps[0] <= bound, steps[0] + " steps for a " + pattern.length() + "-character pattern and a "
                + text.length() + "-character text, more than " + bound);

        long[] matching = {0};
        assertTrue(FilterWildcard.of(pattern).match(text + "b", matching));
        assertTrue(matching[0] <= (long) (pattern.length() + 1) * (text.length() + 2), String.valueOf(matching[0]));
    }

    @Test
    void stepsGrowLinearlyWithTheTextForAFixedPattern() {
        // Doubling the text at most doubles the work (plus the pattern's length): no blow-up hidden in a constant.
        FilterWildcard w = FilterWildcard.of("*a*a*a*a*a*a*b");
        long[] small = {0}, large = {0};
        w.match("a".repeat(1_000), small);
        w.match("a".repeat(2_000), large);
        assertTrue(large[0] <= 2 * small[0] + 14, small[0] + " then " + large[0]);
        assertEquals(false, w.matches("a".repeat(2_000)));
    }
}
