package io.localvpc.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 item 8: what is not valid HTTP on the API port is answered in AWS's EC2 error format (JSON on the admin
 * paths), never with a JSON body on an AWS path, a Java exception text or silence; every answer names a request id.
 */
@ExtendWith(LocalVpcExtension.class)
class ApiPortHttpErrorsTest {
    private static final String FORM = "Action=DescribeVpcs&Version=2016-11-15";

    private static void isEc2Error(RawHttp.Answer a, int status, String code) {
        assertEquals(status, a.status(), a.text());
        assertTrue(a.body().startsWith("<?xml") && a.body().contains("<Code>" + code + "</Code>") && a.body().contains("<RequestID>"), a.text());
        assertNotNull(a.header("x-amzn-RequestId"), a.text());
    }

    @Test
    void oversizedHeaders(URI e) throws Exception {
        String big = "X-Filler: " + "a".repeat(20_000) + "\r\n";
        isEc2Error(RawHttp.send(e, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + big + "Content-Length: " + FORM.length() + "\r\n\r\n" + FORM, 5000),
                431, "RequestHeaderFieldsTooLarge");
    }

    @Test
    void badChunking(URI e) throws Exception {
        isEc2Error(RawHttp.send(e, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" + FORM + "\r\n0\r\n\r\n", 5000),
                400, "MalformedHttpRequest");
    }

    @Test
    void nulInAHeader(URI e) throws Exception {
        RawHttp.Answer a = RawHttp.send(e, ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad: a\u0000b\r\nContent-Length: " + FORM.length()
                + "\r\n\r\n" + FORM).getBytes(StandardCharsets.ISO_8859_1), 5000);
        assertTrue(a.status() == 400 || a.status() == 200, a.text());
        assertTrue(a.body().startsWith("<?xml"), "an AWS answer, not JSON: " + a.text());
    }

    @Test
    void unknownHttpVersion(URI e) throws Exception {
        isEc2Error(RawHttp.send(e, "POST / HTTP/9.9\r\nHost: 127.0.0.1\r\nContent-Length: " + FORM.length() + "\r\n\r\n" + FORM, 5000),
                505, "HttpVersionNotSupported");
    }

    @Test
    void bodyTooLarge(URI e) throws Exception {
        isEc2Error(RawHttp.send(e, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 999999999\r\n\r\n" + FORM, 5000),
                413, "RequestEntityTooLarge");
    }

    @Test
    void adminPathsAnswerJson(URI e) throws Exception {
        RawHttp.Answer a = RawHttp.send(e, "GET /_localvpc/health HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n", 5000);
        assertEquals(505, a.status(), a.text());
        assertTrue(a.body().startsWith("{\"error\""), a.text());
    }
}
