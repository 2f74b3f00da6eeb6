package io.localvpc.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 item 2: no web page can drive localvpc. What a browser sends on a page's behalf (a foreign Origin,
 * Sec-Fetch-Site: cross-site, a rebound Host name, a simple form or text/plain POST, an image's GET) is refused
 * with the caller's own error format; what AWS clients and localvpc's own CLI send still works.
 */
@ExtendWith(LocalVpcExtension.class)
class CrossSiteRequestTest {

    private static String post(URI e, String path, String headers, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + e.getPort() + "\r\n" + headers + "Content-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static int vpcsTagged(Ec2Client ec2, String value) {
        return ec2.describeVpcs(r -> r.filters(Filter.builder().name("tag:probe").values(value).build())).vpcs().size();
    }

    @Test
    void aPageCannotResetState(Ec2Client ec2, URI e) throws Exception {
        ec2.createVpc(r -> r.cidrBlock("10.90.0.0/16").tagSpecifications(t -> t.resourceType("vpc").tags(g -> g.key("probe").value("kept"))));
        RawHttp.Answer a = RawHttp.send(e, post(e, "/_localvpc/reset", "Origin: http://attacker.example\r\nContent-Type: text/plain\r\n", "{}"), 5000);
        assertEquals(403, a.status(), a.text());
        assertTrue(a.body().contains("attacker.example"), a.body());
        RawHttp.Answer noOrigin = RawHttp.send(e, post(e, "/_localvpc/reset", "Content-Type: text/plain\r\n", "{}"), 5000);
        assertEquals(403, noOrigin.status(), "a simple content type is what a cross-site form can send: " + noOrigin.text());
        assertEquals(1, vpcsTagged(ec2, "kept"), "nothing was reset");
    }

    @Test
    void aCrossSiteFormCannotCreateAVpc(Ec2Client ec2, URI e) throws Exception {
        String form = "Action=CreateVpc&Version=2016-11-15&CidrBlock=10.91.0.0%2F16&TagSpecification.1.ResourceType=vpc"
                + "&TagSpecification.1.Tag.1.Key=probe&TagSpecification.1.Tag.1.Value=form";
        RawHttp.Answer byOrigin = RawHttp.send(e, post(e, "/", "Origin: http://attacker.example\r\nContent-Type: application/x-www-form-urlencoded\r\n", form), 5000);
        assertEquals(403, byOrigin.status(), byOrigin.text());
        assertTrue(byOrigin.body().contains("<Code>AccessDenied</Code>"), "EC2's error format: " + byOrigin.body());
        RawHttp.Answer bySite = RawHttp.send(e, post(e, "/", "Sec-Fetch-Site: cross-site\r\nContent-Type: application/x-www-form-urlencoded\r\n", form), 5000);
        assertEquals(403, bySite.status(), bySite.text());
        RawHttp.Answer byImage = RawHttp.send(e, "GET /?" + form + " HTTP/1.1\r\nHost: 127.0.0.1:" + e.getPort() + "\r\nConnection: close\r\n\r\n", 5000);
        assertEquals(403, byImage.status(), byImage.text());
        assertTrue(byImage.body().contains("MissingAuthenticationToken"), byImage.body());
        assertEquals(0, vpcsTagged(ec2, "form"));
    }

    @Test
    void aRebindingPageCannotReadState(URI e) throws Exception {
        RawHttp.Answer a = RawHttp.send(e, "GET /_localvpc/state HTTP/1.1\r\nHost: attacker.example:" + e.getPort() + "\r\nConnection: close\r\n\r\n", 5000);
        assertEquals(403, a.status(), a.text());
        assertTrue(!a.body().contains("\"resources\""), a.body());
    }

    @Test
    void clientsAndOwnPagesStillWork(URI e) throws Exception {
        for (String host : new String[]{"127.0.0.1:" + e.getPort(), "localhost:" + e.getPort(), "[::1]:" + e.getPort(), "localhost"}) {
            RawHttp.Answer a = RawHttp.send(e, "GET /_localvpc/health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n", 5000);
            assertEquals(200, a.status(), host + ": " + a.text());
        }
        String own = "http://127.0.0.1:" + e.getPort();
        RawHttp.Answer sameOrigin = RawHttp.send(e, post(e, "/_localvpc/faults/az/use1-az1/up", "Origin: " + own + "\r\nSec-Fetch-Site: same-origin\r\nContent-Type: application/json\r\n", ""), 5000);
        assertEquals(200, sameOrigin.status(), sameOrigin.text());
        RawHttp.Answer signedGet = RawHttp.send(e, "GET /?Action=DescribeRegions&Version=2016-11-15 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 5000);
        assertEquals(200, signedGet.status(), "a read over GET is still fine: " + signedGet.text());
    }

    /**
     * Issue 15: the console's own requests, with the headers Chromium gives them on its page (a typed address, then
     * same-origin fetches; the two writes with JSON), pass; the same requests from a page of another site do not.
     */
    @Test
    void theConsolesOwnRequestsPassAndAnotherSitesDoNot(URI e) throws Exception {
        String own = "http://127.0.0.1:" + e.getPort();
        String host = "Host: 127.0.0.1:" + e.getPort() + "\r\n";
        String page = "GET / HTTP/1.1\r\n" + host + "Sec-Fetch-Site: none\r\nSec-Fetch-Mode: navigate\r\nConnection: close\r\n\r\n";
        RawHttp.Answer opened = RawHttp.send(e, page, 5000);
        assertEquals(200, opened.status(), opened.text());
        assertTrue(opened.body().contains("/_localvpc/console/assets/console.js"), opened.body());
        for (String path : new String[]{"/_localvpc/console/assets/console.js", "/_localvpc/console/scopes",
                "/_localvpc/console/vpcs?account=000000000000&region=us-east-1", "/_localvpc/console/flows?account=000000000000&region=us-east-1"}) {
            RawHttp.Answer a = RawHttp.send(e, "GET " + path + " HTTP/1.1\r\n" + host + "Sec-Fetch-Site: same-origin\r\nConnection: close\r\n\r\n", 5000);
            assertEquals(200, a.status(), path + ": " + a.text());
        }
        String ownWrite = "Origin: " + own + "\r\nSec-Fetch-Site: same-origin\r\nContent-Type: application/json\r\n";
        RawHttp.Answer fault = RawHttp.send(e, post(e, "/_localvpc/faults/az/use1-az2/up", ownWrite, "{}"), 5000);
        assertEquals(200, fault.status(), fault.text());
        RawHttp.Answer trace = RawHttp.send(e, post(e, "/_localvpc/trace", ownWrite, "{\"source\":\"i-0\",\"destination\":\"example.com\",\"port\":443}"), 5000);
        assertEquals(404, trace.status(), "the guard let it through; the trace knows no i-0: " + trace.text());

        String foreign = "Origin: http://localhost:8000\r\nSec-Fetch-Site: cross-site\r\n";
        RawHttp.Answer framed = RawHttp.send(e, "GET / HTTP/1.1\r\n" + host + "Sec-Fetch-Site: cross-site\r\nSec-Fetch-Dest: iframe\r\nConnection: close\r\n\r\n", 5000);
        assertEquals(403, framed.status(), "the console in another site's frame: " + framed.text());
        RawHttp.Answer read = RawHttp.send(e, "GET /_localvpc/console/vpcs?account=000000000000&region=us-east-1 HTTP/1.1\r\n" + host + foreign
                + "Connection: close\r\n\r\n", 5000);
        assertEquals(403, read.status(), read.text());
        assertFalse(read.body().contains("\"vpcs\""), read.body());
        RawHttp.Answer readFlows = RawHttp.send(e, "GET /_localvpc/console/flows?account=000000000000&region=us-east-1 HTTP/1.1\r\n" + host
                + foreign + "Connection: close\r\n\r\n", 5000);
        assertEquals(403, readFlows.status(), readFlows.text());
        assertFalse(readFlows.body().contains("\"flows\""), readFlows.body());
        RawHttp.Answer sameSite = RawHttp.send(e, "GET /_localvpc/console/scopes HTTP/1.1\r\n" + host + "Sec-Fetch-Site: same-site\r\nConnection: close\r\n\r\n", 5000);
        assertEquals(403, sameSite.status(), "another port of the same host is another origin: " + sameSite.text());
        RawHttp.Answer foreignFault = RawHttp.send(e, post(e, "/_localvpc/faults/az/use1-az2/down", foreign + "Content-Type: application/json\r\n", "{}"), 5000);
        assertEquals(403, foreignFault.status(), foreignFault.text());
        RawHttp.Answer textFault = RawHttp.send(e, post(e, "/_localvpc/faults/az/use1-az2/down", "Origin: " + own + "\r\nContent-Type: text/plain\r\n", "{}"), 5000);
        assertEquals(403, textFault.status(), "a state-changing admin call needs JSON even from the console's origin: " + textFault.text());
        RawHttp.Answer faults = RawHttp.send(e, "GET /_localvpc/faults HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n", 5000);
        assertTrue(faults.body().contains("\"downZones\":[]"), faults.body());
    }
}
