package io.localvpc.core.ops.elbv2;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.TargetGroup;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AWS's NLB health-check defaults and the checks on what CreateTargetGroup and ModifyTargetGroup may set. */
class HealthCheckSettingsTest {
    private static HealthCheckSettings.Given given(String protocol, String port, String path, String matcher, Integer interval, Integer timeout,
                                                   Integer healthy, Integer unhealthy) {
        return new HealthCheckSettings.Given(null, protocol, port, path, matcher, interval, timeout, healthy, unhealthy);
    }

    private static String refusal(String code, HealthCheckSettings.Given g) {
        AwsException e = assertThrows(AwsException.class, () -> HealthCheckSettings.create(g));
        assertEquals(code, e.code(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void tcpDefaultsAreAwsNlbDefaults() {
        TargetGroup.HealthCheck h = HealthCheckSettings.create(HealthCheckSettings.Given.NONE);
        assertEquals(new TargetGroup.HealthCheck(true, "TCP", "traffic-port", null, null, 30, 10, 5, 2), h);
    }

    @Test
    void httpChecksGetAPathAMatcherAndASixSecondTimeout() {
        TargetGroup.HealthCheck h = HealthCheckSettings.create(given("HTTP", null, null, null, null, null, null, null));
        assertEquals("/", h.path());
        assertEquals("200-399", h.matcher());
        assertEquals(6, h.timeoutSeconds());
        assertEquals(10, HealthCheckSettings.create(given("HTTPS", null, null, null, null, null, null, null)).timeoutSeconds());
    }

    @Test
    void rangesAndCombinationsAreRefusedAsAwsRefusesThem() {
        refusal("ValidationError", given("UDP", null, null, null, null, null, null, null));
        refusal("ValidationError", given(null, "0", null, null, null, null, null, null));
        refusal("ValidationError", given(null, "http", null, null, null, null, null, null));
        refusal("ValidationError", given(null, null, null, null, 4, null, null, null));
        refusal("ValidationError", given(null, null, null, null, 301, null, null, null));
        refusal("ValidationError", given(null, null, null, null, null, 1, null, null));
        refusal("ValidationError", given(null, null, null, null, null, null, 1, null));
        refusal("ValidationError", given(null, null, null, null, null, null, null, 11));
        String longer = refusal("ValidationError", given(null, null, null, null, 10, 20, null, null));
        assertTrue(longer.contains("interval"), longer);
        refusal("InvalidConfigurationRequest", given("TCP", null, "/health", null, null, null, null, null));
        refusal("InvalidConfigurationRequest", given("TCP", null, null, "200", null, null, null, null));
        refusal("ValidationError", given("HTTP", null, "health", null, null, null, null, null));
        refusal("ValidationError", given("HTTP", null, null, "199", null, null, null, null));
        refusal("ValidationError", given("HTTP", null, null, "300-200", null, null, null, null));
        refusal("ValidationError", given("HTTP", null, null, "2xx", null, null, null, null));
        refusal("ValidationError", new HealthCheckSettings.Given(false, null, null, null, null, null, null, null, null));
    }

    @Test
    void modifyKeepsWhatIsNotGivenAndResetsTheTimeoutWithTheProtocol() {
        TargetGroup.HealthCheck tcp = HealthCheckSettings.create(given(null, "9000", null, null, 10, 5, 3, 3));
        TargetGroup.HealthCheck interval = HealthCheckSettings.modify(tcp, given(null, null, null, null, 20, null, null, null));
        assertEquals(new TargetGroup.HealthCheck(true, "TCP", "9000", null, null, 20, 5, 3, 3), interval);
        TargetGroup.HealthCheck http = HealthCheckSettings.modify(tcp, given("HTTP", null, "/ping", "200,204", null, null, null, null));
        assertEquals(new TargetGroup.HealthCheck(true, "HTTP", "9000", "/ping", "200,204", 10, 6, 3, 3), http);
        TargetGroup.HealthCheck back = HealthCheckSettings.modify(http, given("TCP", null, null, null, null, null, null, null));
        assertNull(back.path());
        assertNull(back.matcher());
    }

    @Test
    void matcherMatchesCodesListsAndRanges() {
        assertTrue(HealthCheckSettings.matches("200", 200));
        assertFalse(HealthCheckSettings.matches("200", 201));
        assertTrue(HealthCheckSettings.matches("200,204", 204));
        assertTrue(HealthCheckSettings.matches("200-399", 302));
        assertFalse(HealthCheckSettings.matches("200-399", 500));
    }
}
