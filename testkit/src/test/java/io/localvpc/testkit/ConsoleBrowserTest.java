package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

import javax.net.ssl.SSLSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: the console in a real headless Chromium. A two-zone VPC with endpoints is built through the EC2 API;
 * the page must draw every subnet, endpoint and interface, follow changes without a reload, take a zone out of the
 * endpoint's DNS answers with its switch, trace as {@code POST /_localvpc/trace} does, and show connections made
 * through the proxy in live flows within a second, refused ones with their deciding hop; and it must pass axe-core
 * with no serious violation.
 */
@ExtendWith(LocalVpcExtension.class)
class ConsoleBrowserTest {
    private static final String S3_HOST = DataPlaneTest.S3_HOST;
    private static final String OWN_ACCOUNT = "111122223333";
    private static final String DEFAULT_ACCOUNT = "000000000000";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static ConsoleBrowser browser;
    private Admin admin;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = ConsoleBrowser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) browser.close();
    }

    /** Zone faults belong to the whole localvpc: never leave one down for the next test. */
    @AfterEach
    void allZonesUp() {
        if (admin != null) admin.downZones().forEach(admin::zoneUp);
    }

    /** The network a user would build: two zones, an S3 interface endpoint in both, a DynamoDB gateway endpoint on the table. */
    private record Network(Layouts.PrivateVpc vpc, VpcEndpoint s3, String dynamoDb, Map<String, NetworkInterface> eniByZone, List<Subnet> subnets) {
    }

    private Network build(Ec2Client ec2, URI endpoint, String prefix) {
        admin = new Admin(endpoint);
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc(prefix);
        VpcEndpoint s3 = net.s3InterfaceEndpoint(vpc.vpcId(), List.of(vpc.subnetA(), vpc.subnetB()));
        String dynamoDb = ec2.createVpcEndpoint(r -> r.vpcId(vpc.vpcId()).serviceName("com.amazonaws.us-east-1.dynamodb")
                .vpcEndpointType(VpcEndpointType.GATEWAY).routeTableIds(vpc.routeTableId())).vpcEndpoint().vpcEndpointId();
        Map<String, NetworkInterface> byZone = s3.networkInterfaceIds().stream().map(net::describeEni)
                .collect(Collectors.toMap(NetworkInterface::availabilityZone, e -> e));
        List<Subnet> subnets = ec2.describeSubnets(r -> r.filters(NetworkFixtures.filter("vpc-id", vpc.vpcId()))).subnets();
        return new Network(vpc, s3, dynamoDb, byZone, subnets);
    }

    /** Opens the console on an account's us-east-1 (the page remembers the last one picked in the tab). */
    private static void openConsole(URI endpoint, String account) {
        browser.open(endpoint);
        browser.await(By.cssSelector("#scope option[value='" + account + "/us-east-1']"));
        new Select(browser.driver().findElement(By.id("scope"))).selectByValue(account + "/us-east-1");
    }

    private static WebElement vpcCard(String vpcId) {
        return browser.await(By.cssSelector("article.vpc[data-vpc-id='" + vpcId + "']"));
    }

    @Test
    void thePictureShowsEverySubnetEndpointAndInterface(URI endpoint) throws Exception {
        // An account of its own, picked in the page, so the picture (and its screenshot) holds this network alone.
        Network n;
        try (Ec2Client ec2 = LocalVpcExtension.ec2(endpoint, OWN_ACCOUNT, Region.US_EAST_1)) {
            n = build(ec2, endpoint, "10.60");
        }
        openConsole(endpoint, OWN_ACCOUNT);
        WebElement vpc = vpcCard(n.vpc().vpcId());
        assertEquals(2, browser.driver().findElements(By.cssSelector("article.vpc")).size(), "this account's VPC and its default VPC");

        assertEquals(2, n.subnets().size());
        for (Subnet s : n.subnets()) {
            WebElement zone = vpc.findElement(By.cssSelector("section.zone[data-zone='" + s.availabilityZone() + "']"));
            WebElement subnet = zone.findElement(By.cssSelector(".subnet[data-subnet-id='" + s.subnetId() + "']"));
            assertEquals("private", subnet.getAttribute("data-exposure"), "only the local route: a private subnet");
            assertTrue(subnet.getText().contains(s.cidrBlock()), subnet.getText());
            assertEquals(n.vpc().routeTableId(), subnet.getAttribute("data-route-table-id"));
        }
        // Each interface of the interface endpoint sits in its own subnet, in its own zone's column.
        for (NetworkInterface eni : n.eniByZone().values()) {
            WebElement inSubnet = vpc.findElement(By.cssSelector(".subnet[data-subnet-id='" + eni.subnetId() + "'] [data-eni-id='" + eni.networkInterfaceId() + "']"));
            assertEquals(n.s3().vpcEndpointId(), inSubnet.getAttribute("data-endpoint-id"));
            assertTrue(inSubnet.getText().contains(eni.privateIpAddress()), inSubnet.getText());
        }
        // The gateway endpoint at the VPC's edge and on its route table.
        WebElement gateway = vpc.findElement(By.cssSelector(".edge [data-endpoint-id='" + n.dynamoDb() + "']"));
        assertTrue(gateway.getText().contains("com.amazonaws.us-east-1.dynamodb"), gateway.getText());
        WebElement table = vpc.findElement(By.cssSelector(".route-table[data-route-table-id='" + n.vpc().routeTableId() + "']"));
        assertTrue(table.getText().contains(n.dynamoDb()), "the prefix-list route to the gateway endpoint: " + table.getText());
        for (String instance : List.of(n.vpc().instanceA(), n.vpc().instanceB())) {
            vpc.findElement(By.cssSelector(".subnet [data-instance-id='" + instance + "']"));
        }
        // Both endpoints have a card; the interface endpoint's lists each interface with its zone and switch.
        WebElement card = browser.await(By.cssSelector("article.endpoint-card[data-endpoint-id='" + n.s3().vpcEndpointId() + "']"));
        for (NetworkInterface eni : n.eniByZone().values()) {
            WebElement row = card.findElement(By.cssSelector("tr[data-eni-id='" + eni.networkInterfaceId() + "']"));
            assertTrue(row.getText().contains(eni.availabilityZone()) && row.getText().contains(eni.privateIpAddress()), row.getText());
            assertEquals("true", row.findElement(By.cssSelector("button.zone-switch")).getAttribute("aria-checked"));
        }
        for (var dns : n.s3().dnsEntries()) assertTrue(card.getText().contains(dns.dnsName()), "DNS name " + dns.dnsName() + " in " + card.getText());
        assertTrue(card.findElement(By.cssSelector("pre.policy")).getText().contains("\"Effect\": \"Allow\""), "the policy, formatted");
        browser.await(By.cssSelector("article.endpoint-card[data-endpoint-id='" + n.dynamoDb() + "']"));
        // The bill: the interface endpoint by the hour in each of its two zones, the gateway endpoint free, and the total
        // as GET /_localvpc/cost gives it; live flows are there, empty while nothing connected.
        WebElement interfaceLine = browser.await(By.cssSelector("#cost-panel tr.cost-line[data-resource='" + n.s3().vpcEndpointId() + "']"));
        assertTrue(interfaceLine.getText().contains("1 h × 2 zones") && interfaceLine.getText().contains("$0.02"), interfaceLine.getText());
        WebElement gatewayLine = browser.await(By.cssSelector("#cost-panel tr.cost-line[data-resource='" + n.dynamoDb() + "']"));
        assertTrue(gatewayLine.getText().endsWith("$0.00"), gatewayLine.getText());
        JsonNode bill = JSON.readTree(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                endpoint.resolve("/_localvpc/cost?account=" + OWN_ACCOUNT + "&region=us-east-1")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(0, bill.path("total").decimalValue().compareTo(new java.math.BigDecimal(
                browser.await(By.id("cost-total")).getAttribute("data-total"))), "the page's total is the bill's");
        assertTrue(browser.driver().findElement(By.id("flows-panel")).findElements(By.cssSelector("[data-placeholder]")).isEmpty());
        browser.await(By.cssSelector("#flows-panel table.flows"));

        Path shot = browser.screenshot("network");
        assertTrue(Files.size(shot) > 10_000, "a screenshot of the page: " + shot.toAbsolutePath());
        assertEquals(List.of(), browser.seriousAccessibilityViolations());
    }

    @Test
    void thePageFollowsTheStateWithoutAReload(Ec2Client ec2, URI endpoint) {
        Network n = build(ec2, endpoint, "10.61");
        openConsole(endpoint, DEFAULT_ACCOUNT);
        vpcCard(n.vpc().vpcId());
        browser.script("window.__sameDocument = true");

        Layouts net = new Layouts(ec2);
        String subnet = net.subnet(n.vpc().vpcId(), "10.61.3.0/24", Layouts.ZONE_B);
        String instance = net.instance(subnet);
        browser.await(By.cssSelector(".subnet[data-subnet-id='" + subnet + "'] [data-instance-id='" + instance + "']"));

        // An internet gateway and a default route to it make the table's subnets public.
        String igw = net.internetGateway(n.vpc().vpcId());
        net.routeToGateway(n.vpc().routeTableId(), "0.0.0.0/0", igw);
        browser.await("subnet A drawn public", d -> "public".equals(d.findElement(
                By.cssSelector(".subnet[data-subnet-id='" + n.vpc().subnetA() + "']")).getAttribute("data-exposure")));
        browser.await(By.cssSelector("article.vpc[data-vpc-id='" + n.vpc().vpcId() + "'] .edge [data-igw-id='" + igw + "']"));

        By s3Interfaces = By.cssSelector(".subnet [data-endpoint-id='" + n.s3().vpcEndpointId() + "']");
        assertEquals(2, browser.driver().findElements(s3Interfaces).size(), "one interface per subnet before the endpoint is deleted");
        ec2.deleteVpcEndpoints(r -> r.vpcEndpointIds(n.s3().vpcEndpointId()));
        browser.await("the deleted endpoint's interfaces gone from the picture", d -> d.findElements(s3Interfaces).isEmpty());
        assertEquals(Boolean.TRUE, browser.script("return window.__sameDocument === true"), "the page was not reloaded");
    }

    @Test
    void aZoneSwitchedOffInThePageLeavesTheEndpointsDnsAnswers(Ec2Client ec2, URI endpoint) throws Exception {
        Network n = build(ec2, endpoint, "10.62");
        String zoneA = new Layouts(ec2).zoneIdOf(n.vpc().subnetA());
        NetworkInterface eniA = n.eniByZone().get(Layouts.ZONE_A);
        NetworkInterface eniB = n.eniByZone().get(Layouts.ZONE_B);
        InetSocketAddress resolver = admin.resolver(n.vpc().vpcId());
        List<String> both = List.of(eniA.privateIpAddress(), eniB.privateIpAddress()).stream().sorted().toList();
        assertEquals(both, DnsQueries.dnsjava(resolver, S3_HOST, false));

        openConsole(endpoint, DEFAULT_ACCOUNT);
        By switchA = By.cssSelector("article.endpoint-card[data-endpoint-id='" + n.s3().vpcEndpointId() + "'] tr[data-eni-id='"
                + eniA.networkInterfaceId() + "'] button.zone-switch");
        browser.click(switchA);
        browser.await("the switch shows " + zoneA + " down", d -> "false".equals(d.findElement(switchA).getAttribute("aria-checked")));
        assertEquals(List.of(zoneA), admin.downZones());
        assertEquals(List.of(eniB.privateIpAddress()), DnsQueries.dnsjava(resolver, S3_HOST, false), "zone A's interface left the answer");
        browser.await(By.cssSelector("article.vpc[data-vpc-id='" + n.vpc().vpcId() + "'] section.zone.down[data-zone-id='" + zoneA + "']"));

        browser.click(switchA);
        browser.await("the switch shows " + zoneA + " in service", d -> "true".equals(d.findElement(switchA).getAttribute("aria-checked")));
        assertEquals(List.of(), admin.downZones());
        assertEquals(both, DnsQueries.dnsjava(resolver, S3_HOST, false));
    }

    @Test
    void theTraceFormAnswersAsTheAdminTrace(Ec2Client ec2, URI endpoint) throws Exception {
        Network n = build(ec2, endpoint, "10.63");
        openConsole(endpoint, DEFAULT_ACCOUNT);
        vpcCard(n.vpc().vpcId());

        List<String> delivered = traceInPage(n.vpc().instanceA(), S3_HOST, 443);
        Admin.Trace expected = admin.trace(n.vpc().instanceA(), S3_HOST, 443);
        assertTrue(expected.delivered(), expected.text());
        assertEquals(lines(expected), delivered);
        assertEquals("delivered", browser.driver().findElement(By.cssSelector("#trace-result .verdict")).getAttribute("data-verdict"));

        // No route to the internet: refused, and the deciding hop is the one marked.
        List<String> refused = traceInPage(n.vpc().instanceB(), "203.0.113.9", 443);
        Admin.Trace no = admin.trace(n.vpc().instanceB(), "203.0.113.9", 443);
        assertFalse(no.delivered(), no.text());
        assertEquals(lines(no), refused);
        WebElement deciding = browser.driver().findElement(By.cssSelector("#trace-result li.hop.deciding"));
        assertEquals("✗ " + no.decidingHop().get("text").asText(), deciding.getText());

        // With a request on the flow: the policies' answer as the admin trace gives it.
        String object = "arn:aws:s3:::reports/a.csv";
        List<String> withPolicy = traceInPage(n.vpc().instanceA(), S3_HOST, 443, "s3:GetObject", object);
        Admin.Trace decided = admin.trace(n.vpc().instanceA(), S3_HOST, 443, "s3:GetObject", object);
        assertEquals(lines(decided), withPolicy);
        JsonNode policy = decided.json().get("policy");
        assertEquals((policy.get("allowed").asBoolean() ? "✓" : "✗") + " s3:GetObject on " + object + ": " + policy.get("reason").asText(),
                browser.driver().findElement(By.cssSelector("#trace-result .policy-verdict")).getText());
        browser.screenshot("trace", By.id("trace"));
        assertEquals(List.of(), browser.seriousAccessibilityViolations());
    }

    private static List<String> traceInPage(String source, String destination, int port) {
        return traceInPage(source, destination, port, "", "");
    }

    /** Fills the form as a person would, sends it, and reads the hops the page shows. */
    private static List<String> traceInPage(String source, String destination, int port, String action, String resource) {
        var d = browser.driver();
        String before = d.findElement(By.id("trace-result")).getText();
        for (String[] field : new String[][]{{"trace-source", source}, {"trace-destination", destination}, {"trace-port", String.valueOf(port)},
                {"trace-action", action}, {"trace-resource", resource}}) {
            WebElement input = d.findElement(By.id(field[0]));
            input.clear();
            input.sendKeys(field[1]);
        }
        d.findElement(By.id("trace-submit")).click();
        String header = source + " → " + destination + ":" + port;
        browser.await("the trace of " + header, x -> {
            List<WebElement> v = x.findElements(By.cssSelector("#trace-result .verdict"));
            return !v.isEmpty() && v.get(0).getText().endsWith(header) && !x.findElement(By.id("trace-result")).getText().equals(before);
        });
        List<String> hops = new ArrayList<>();
        for (WebElement li : d.findElements(By.cssSelector("#trace-result ol.hops > li"))) hops.add(li.getText());
        return hops;
    }

    /** The hops as `localvpc trace` prints them: a mark and the hop's sentence. */
    private static List<String> lines(Admin.Trace t) {
        List<String> out = new ArrayList<>();
        for (JsonNode h : t.json().get("hops")) out.add((h.get("passed").asBoolean() ? "✓ " : "✗ ") + h.get("text").asText());
        return out;
    }

    /** The bound issue 15 sets: a connection shows in live flows within a second of being made. */
    private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);

    /**
     * Live flows: a connection made through the proxy (HTTP CONNECT to S3, answered by its interface endpoint) shows
     * within a second of the connection being made, accepted, with its source, destination, path and then its bytes
     * and close; a refused one (SOCKS5, no route) shows within a second too, marked, with the hop that refused it as
     * the admin trace names it; the filters keep what they say.
     */
    @Test
    void connectionsThroughTheProxyShowInLiveFlowsWithTheirVerdict(LocalVpc lv, Ec2Client ec2, URI endpoint) throws Exception {
        Network n = build(ec2, endpoint, "10.65");
        String instanceA = n.vpc().instanceA();
        String instanceB = n.vpc().instanceB();
        openConsole(endpoint, DEFAULT_ACCOUNT);
        vpcCard(n.vpc().vpcId());
        browser.await(By.cssSelector("#flows-panel table.flows"));
        String caPem = admin.caPem();
        NetworkInterface eniA = n.eniByZone().get(Layouts.ZONE_A);

        By acceptedRow = By.cssSelector("tr.flow[data-source='" + instanceA + "'][data-verdict='ACCEPT']");
        try (SSLSocket s3 = new Workload(instanceA, lv.proxyAddress(), caPem).openTls(S3_HOST, 443)) {
            FlowRow row = browser.awaitWithin(WITHIN_A_SECOND, "the connection to S3 in live flows", d -> FlowRow.find(d, acceptedRow));
            assertEquals("open", row.state());
            assertTrue(row.destination().contains(S3_HOST + ":443"), row.toString());
            assertTrue(row.destination().contains(eniA.privateIpAddress()), "the address the VPC's DNS gave, the interface in the source's zone: " + row);
            assertEquals("interface endpoint " + n.s3().vpcEndpointId() + " (" + eniA.networkInterfaceId() + " in "
                    + new Layouts(ec2).zoneIdOf(n.vpc().subnetA()) + ")", row.path());
            assertTrue(row.source().contains(new Layouts(ec2).privateIpOf(instanceA)), row.toString());
            assertEquals(null, row.deciding());
            int status = Workload.roundTrip(s3, S3_HOST); // one request and its answer, so bytes move both ways
            assertTrue(status >= 200 && status < 600, "S3 answered over the flow: " + status);
            browser.await("bytes both ways while the connection is open", d -> {
                FlowRow r = FlowRow.find(d, acceptedRow);
                return r != null && r.state().equals("open") && r.bytesOut() > 0 && r.bytesIn() > 0;
            });
        }
        FlowRow closed = browser.await("the flow closed with the connection", d -> {
            FlowRow r = FlowRow.find(d, acceptedRow);
            return r != null && r.state().equals("closed") ? r : null;
        });
        JsonNode recorded = onlyFlow(admin.flows(DEFAULT_ACCOUNT, "instance=" + instanceA));
        assertEquals(recorded.get("bytesOut").asLong(), closed.bytesOut(), "the page shows the recorder's totals");
        assertEquals(recorded.get("bytesIn").asLong(), closed.bytesIn());

        // Refused: instance B's table has no route to the internet.
        Workload.SocksReply refused = new Workload(instanceB, lv.proxyAddress(), caPem).socks5("203.0.113.9", 443);
        assertTrue(refused.code() != 0, "refused by the proxy");
        By refusedRow = By.cssSelector("tr.flow.refused[data-source='" + instanceB + "'][data-verdict='REJECT']");
        FlowRow rejected = browser.awaitWithin(WITHIN_A_SECOND, "the refused connection in live flows", d -> FlowRow.find(d, refusedRow));
        Admin.Trace trace = admin.trace(instanceB, "203.0.113.9", 443);
        assertEquals("✗ " + trace.decidingHop().get("text").asText(), rejected.deciding());
        assertEquals(trace.decidingHop().get("resource").asText(), rejected.decidingResource());
        assertEquals("closed", rejected.state());
        assertTrue(rejected.destination().contains("203.0.113.9:443"), rejected.toString());

        // Filters: by verdict, by instance, by VPC.
        pick("flows-verdict", "REJECT");
        browser.await("only refused flows", d -> d.findElements(acceptedRow).isEmpty() && !d.findElements(refusedRow).isEmpty()
                && d.findElements(By.cssSelector("tr.flow[data-verdict='ACCEPT']")).isEmpty());
        pick("flows-verdict", "");
        pick("flows-instance", instanceA);
        browser.await("only instance A's flows", d -> !d.findElements(acceptedRow).isEmpty() && d.findElements(refusedRow).isEmpty());
        pick("flows-instance", "");
        pick("flows-vpc", n.vpc().vpcId());
        browser.await("this VPC's flows", d -> !d.findElements(acceptedRow).isEmpty() && !d.findElements(refusedRow).isEmpty()
                && d.findElements(By.cssSelector("tr.flow")).stream().allMatch(r -> n.vpc().vpcId().equals(r.getAttribute("data-vpc-id"))));
        String otherVpc = new Layouts(ec2).vpc("10.66.0.0/16");
        browser.await(By.cssSelector("#flows-vpc option[value='" + otherVpc + "']"));
        pick("flows-vpc", otherVpc);
        browser.await("no flows from a VPC that made none", d -> d.findElements(By.cssSelector("tr.flow")).isEmpty()
                && d.findElement(By.id("flows-panel")).getText().contains("No flow matches the filters."));
        pick("flows-vpc", "");
        browser.await(refusedRow);

        browser.screenshot("flows", By.id("flows"));
        assertEquals(List.of(), browser.seriousAccessibilityViolations());

        // Enough flows to scroll their table: a keyboard must reach it too, and axe-core checks that it can.
        Workload b = new Workload(instanceB, lv.proxyAddress(), caPem);
        for (int i = 0; i < 15; i++) assertTrue(b.socks5("203.0.113." + (20 + i), 443).code() != 0);
        browser.await("the flows table scrolls", d -> (Boolean) browser.script(
                "const s = document.querySelector('#flows-panel .flows-scroll'); return s.scrollHeight > s.clientHeight + 10;"));
        assertEquals(List.of(), browser.accessibilityViolations(java.util.Set.of("minor", "moderate", "serious", "critical")));
    }

    /** One row of live flows as the page shows it, read in one go (the page may redraw a row on its next poll). */
    private record FlowRow(String state, String source, String destination, String path, long bytesOut, long bytesIn,
                           String deciding, String decidingResource) {
        /** The first row {@code by} finds, or null. */
        static FlowRow find(org.openqa.selenium.WebDriver d, By by) {
            List<WebElement> rows = d.findElements(by);
            if (rows.isEmpty()) return null;
            WebElement r = rows.get(0);
            List<WebElement> hop = r.findElements(By.cssSelector(".deciding-hop"));
            return new FlowRow(r.getAttribute("data-state"), cell(r, "td.source"), cell(r, "td.destination"),
                    hop.isEmpty() ? cell(r, "td.path") : r.findElement(By.cssSelector("td.path")).getText().replace(hop.get(0).getText(), "").trim(),
                    number(cell(r, "td.bytes-out")), number(cell(r, "td.bytes-in")),
                    hop.isEmpty() ? null : hop.get(0).getText(), hop.isEmpty() ? null : hop.get(0).getAttribute("data-resource"));
        }

        private static String cell(WebElement r, String css) {
            return r.findElement(By.cssSelector(css)).getText();
        }

        private static long number(String shown) {
            return Long.parseLong(shown.replaceAll("[^0-9]", ""));
        }
    }

    private static JsonNode onlyFlow(JsonNode page) {
        assertEquals(1, page.get("flows").size(), page.toString());
        return page.get("flows").get(0);
    }

    private static void pick(String selectId, String value) {
        browser.await("option '" + value + "' of " + selectId, d -> {
            new Select(d.findElement(By.id(selectId))).selectByValue(value);
            return true;
        });
    }

    @Test
    void theConsolesPagesAreServedFromLocalvpcAlone(LocalVpc lv, URI endpoint) {
        browser.open(endpoint);
        browser.await(By.cssSelector("#scope option"));
        // Every resource the page loaded came from localvpc's own origin (no CDN, no external font).
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) browser.script("return performance.getEntriesByType('resource').map(e => e.name)");
        assertFalse(loaded.isEmpty());
        String origin = "http://" + endpoint.getHost() + ":" + lv.port() + "/";
        for (String url : loaded) assertTrue(url.startsWith(origin), url + " is not from " + origin);
    }

    /**
     * A page of another site, open in the same browser, tries what the console does: switch a zone (with JSON, so its
     * browser must ask first, and as a simple text/plain request it need not ask for), reset the state, read the
     * console's JSON, and show the console in a frame. localvpc refuses every one: nothing changes, and the frame
     * shows the refusal instead of the console.
     */
    @Test
    void aForeignPageCannotDoWhatTheConsoleDoes(Ec2Client ec2, URI endpoint) throws Exception {
        admin = new Admin(endpoint);
        String vpcId = new Layouts(ec2).vpc("10.64.0.0/16");
        String lv = "http://127.0.0.1:" + endpoint.getPort();
        String page = """
                <!doctype html><html lang="en"><head><title>elsewhere</title></head><body><pre id="out"></pre>
                <iframe id="frame" title="framed console" src="LV/"></iframe>
                <script>
                const lv = 'LV', results = {};
                async function attempt(name, send) {
                  try { const r = await send(); results[name] = r.type === 'opaque' ? 'sent, answer unreadable' : 'answered ' + r.status; }
                  catch (e) { results[name] = 'blocked'; }
                }
                (async () => {
                  await attempt('faultAsJson', () => fetch(lv + '/_localvpc/faults/az/use1-az1/down',
                      {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'}));
                  await attempt('faultAsText', () => fetch(lv + '/_localvpc/faults/az/use1-az1/down',
                      {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body: '{}'}));
                  await attempt('reset', () => fetch(lv + '/_localvpc/reset',
                      {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body: '{}'}));
                  await attempt('readPicture', () => fetch(lv + '/_localvpc/console/vpcs?account=000000000000&region=us-east-1'));
                  document.getElementById('out').textContent = JSON.stringify(results);
                  document.title = 'done';
                })();
                </script></body></html>""".replace("LV", lv);
        com.sun.net.httpserver.HttpServer foreign = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        foreign.createContext("/", exchange -> {
            byte[] body = page.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        foreign.start();
        try {
            // Another site altogether: localhost is not 127.0.0.1's site.
            browser.open(URI.create("http://localhost:" + foreign.getAddress().getPort() + "/"));
            browser.await("the foreign page's attempts", d -> "done".equals(d.getTitle()));
            JsonNode results = new com.fasterxml.jackson.databind.ObjectMapper().readTree(browser.driver().findElement(By.id("out")).getText());
            assertEquals("blocked", results.get("faultAsJson").asText(), "its browser asked first, and localvpc said no: " + results);
            assertEquals("blocked", results.get("readPicture").asText(), results.toString());
            assertEquals(List.of(), admin.downZones(), "no zone was switched: " + results);
            assertEquals(1, ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().size(), "nothing was reset");
            browser.driver().switchTo().frame("frame");
            try {
                // The refusal comes in EC2's XML error format (the page at / is on the EC2 API's path).
                String framed = browser.await("the framed answer", d -> d.getPageSource().contains("</Response>") ? d.getPageSource() : null);
                assertTrue(framed.contains("localvpc refused this request"), "the frame shows the refusal, not the console: " + framed);
                assertTrue(browser.driver().findElements(By.id("scope")).isEmpty());
            } finally {
                browser.driver().switchTo().defaultContent();
            }
        } finally {
            foreign.stop(0);
        }
    }
}
