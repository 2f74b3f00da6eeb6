package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import io.localvpc.server.LocalVpc;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: the console's read-only JSON and its files, over plain HTTP. What it reports is derived from the state
 * (public or private by the routes, route states, zone faults), looking never sets up an account or region, and the
 * page and its assets come from the jar with nothing fetched from elsewhere.
 */
@ExtendWith(LocalVpcExtension.class)
class ConsoleApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private Admin admin;

    @AfterEach
    void allZonesUp() {
        if (admin != null) admin.downZones().forEach(admin::zoneUp);
    }

    private HttpResponse<String> get(URI endpoint, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(endpoint.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(URI endpoint, String path) throws Exception {
        HttpResponse<String> r = get(endpoint, path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
        return JSON.readTree(r.body());
    }

    private static JsonNode byId(JsonNode list, String id) {
        for (JsonNode n : list) if (id.equals(n.path("id").asText())) return n;
        throw new AssertionError("no " + id + " in " + list);
    }

    @Test
    void aSubnetIsPublicWhileItsTableHasAnActiveRouteToAnInternetGateway(Ec2Client ec2, URI endpoint) throws Exception {
        Layouts net = new Layouts(ec2);
        String vpcId = net.vpc("10.70.0.0/16");
        String pub = net.subnet(vpcId, "10.70.1.0/24", Layouts.ZONE_A);
        String priv = net.subnet(vpcId, "10.70.2.0/24", Layouts.ZONE_B);
        String rtb = net.routeTable(vpcId, pub);
        String igw = net.internetGateway(vpcId);
        net.routeToGateway(rtb, "0.0.0.0/0", igw);
        String nat = net.natGateway(pub);
        String privateTable = net.routeTable(vpcId, priv);
        net.routeToNat(privateTable, "0.0.0.0/0", nat);

        String path = "/_localvpc/console/vpcs?account=000000000000&region=us-east-1";
        JsonNode vpc = byId(json(endpoint, path).get("vpcs"), vpcId);
        assertEquals("public", byId(vpc.get("subnets"), pub).get("exposure").asText());
        assertEquals("route 0.0.0.0/0 → " + igw, byId(vpc.get("subnets"), pub).get("exposureReason").asText());
        assertEquals("private", byId(vpc.get("subnets"), priv).get("exposure").asText());
        assertEquals(List.of("us-east-1a", "us-east-1b"), names(vpc.get("zones"), "name"));
        assertEquals(List.of(igw), names(vpc.get("internetGateways"), "id"));
        JsonNode natNode = byId(vpc.get("natGateways"), nat);
        assertEquals(pub, natNode.get("subnetId").asText());
        assertEquals("available", natNode.get("state").asText());
        JsonNode route = byId(vpc.get("routeTables"), privateTable).get("routes").get(1);
        assertEquals("nat-gateway", route.get("targetKind").asText());
        assertEquals("active", route.get("state").asText());
        // Not modelled yet: always there, always empty.
        assertEquals(0, vpc.get("loadBalancers").size());
        assertEquals(0, vpc.get("endpointServices").size());

        // A deleted NAT gateway no longer forwards: the route to it is a blackhole, as DescribeRouteTables says.
        ec2.deleteNatGateway(r -> r.natGatewayId(nat));
        vpc = byId(json(endpoint, path).get("vpcs"), vpcId);
        assertEquals("blackhole", byId(vpc.get("routeTables"), privateTable).get("routes").get(1).get("state").asText());
        // Without its route to the internet gateway the subnet is private.
        ec2.deleteRoute(r -> r.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0"));
        vpc = byId(json(endpoint, path).get("vpcs"), vpcId);
        assertEquals("private", byId(vpc.get("subnets"), pub).get("exposure").asText());
    }

    private static List<String> names(JsonNode list, String field) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Test
    void interfacesAreListedWithTheirZoneAndItsFault(Ec2Client ec2, URI endpoint) throws Exception {
        admin = new Admin(endpoint);
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.71");
        VpcEndpoint e = net.s3InterfaceEndpoint(vpc.vpcId(), List.of(vpc.subnetA(), vpc.subnetB()));
        String zoneA = net.zoneIdOf(vpc.subnetA());
        admin.zoneDown(zoneA);

        JsonNode card = byId(byId(json(endpoint, "/_localvpc/console/vpcs?account=000000000000&region=us-east-1").get("vpcs"), vpc.vpcId())
                .get("endpoints"), e.vpcEndpointId());
        assertEquals("Interface", card.get("type").asText());
        assertEquals("available", card.get("state").asText());
        assertEquals(e.dnsEntries().size(), card.get("dnsNames").size());
        assertEquals(e.policyDocument(), card.get("policy").asText());
        for (JsonNode eni : card.get("interfaces")) {
            boolean inA = eni.get("subnetId").asText().equals(vpc.subnetA());
            assertEquals(inA ? zoneA : net.zoneIdOf(vpc.subnetB()), eni.get("zoneId").asText());
            assertEquals(inA, eni.get("zoneDown").asBoolean(), eni.toString());
        }
    }

    @Test
    void lookingNeverSetsUpAnAccountOrRegion(URI endpoint) throws Exception {
        JsonNode before = json(endpoint, "/_localvpc/console/scopes");
        HttpResponse<String> unused = get(endpoint, "/_localvpc/console/vpcs?account=999988887777&region=eu-west-1");
        assertEquals(404, unused.statusCode(), unused.body());
        assertTrue(unused.body().contains("999988887777 has no resources in eu-west-1"), unused.body());
        assertEquals(before.get("scopes"), json(endpoint, "/_localvpc/console/scopes").get("scopes"), "no scope was set up by looking");
        assertFalse(get(endpoint, "/_localvpc/state").body().contains("999988887777"));

        assertEquals(400, get(endpoint, "/_localvpc/console/vpcs?account=12&region=us-east-1").statusCode());
        assertEquals(400, get(endpoint, "/_localvpc/console/vpcs?account=000000000000&region=mars-1").statusCode());
        assertEquals(400, get(endpoint, "/_localvpc/console/vpcs").statusCode());
        assertEquals(404, get(endpoint, "/_localvpc/console/nothing").statusCode());
    }

    @Test
    void scopesListEveryAccountAndRegionInUse(URI endpoint) throws Exception {
        try (Ec2Client other = LocalVpcExtension.ec2(endpoint, "444455556666", Region.EU_WEST_1)) {
            other.createVpc(r -> r.cidrBlock("10.72.0.0/16"));
        }
        JsonNode scopes = json(endpoint, "/_localvpc/console/scopes");
        assertEquals("000000000000", scopes.get("defaultScope").get("account").asText());
        JsonNode found = null;
        for (JsonNode s : scopes.get("scopes")) if (s.get("account").asText().equals("444455556666")) found = s;
        assertTrue(found != null, scopes.toString());
        assertEquals("eu-west-1", found.get("region").asText());
        assertEquals(2, found.get("vpcs").asInt(), "the default VPC and the new one");
    }

    /**
     * Live flows over plain HTTP: a connection through the proxy is recorded with its source, destination, path,
     * verdict and bytes, open until it closes; a refused one (a stopping instance) names its VPC and the deciding
     * hop; filters and a cursor narrow what is answered; nothing is set up by asking.
     */
    @Test
    void flowsAreRecordedAsConnectionsAreDecidedAndRead(LocalVpc lv, Ec2Client ec2, URI endpoint) throws Exception {
        admin = new Admin(endpoint);
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.73");
        String gateway = net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        String ca = admin.caPem();
        String inVpc = "vpc=" + vpc.vpcId();
        Instance a = net.describeInstance(vpc.instanceA());
        Admin.Trace expected = admin.trace(vpc.instanceA(), DataPlaneTest.S3_HOST, 443);

        try (SSLSocket s3 = new Workload(vpc.instanceA(), lv.proxyAddress(), ca).openTls(DataPlaneTest.S3_HOST, 443)) {
            JsonNode open = onlyFlow(admin.flows("000000000000", inVpc));
            assertEquals("open", open.get("state").asText());
            assertTrue(open.get("ended").isNull());
            assertEquals("http-connect", open.get("protocol").asText());
            assertEquals(vpc.instanceA(), open.get("source").get("id").asText());
            assertEquals(a.networkInterfaces().get(0).networkInterfaceId(), open.get("source").get("networkInterfaceId").asText());
            assertEquals(a.privateIpAddress(), open.get("source").get("address").asText());
            assertEquals(vpc.vpcId(), open.get("source").get("vpcId").asText());
            assertEquals(DataPlaneTest.S3_HOST, open.get("destination").get("name").asText());
            assertEquals(expected.json().get("target").get("address").asText(), open.get("destination").get("address").asText(),
                    "the S3 address the VPC's DNS gave, as the trace has it");
            assertEquals(443, open.get("destination").get("port").asInt());
            assertEquals("gateway endpoint " + gateway, open.get("path").asText());
            assertEquals("ACCEPT", open.get("verdict").asText());
            assertTrue(open.get("decidingHop").isNull());
            Workload.roundTrip(s3, DataPlaneTest.S3_HOST);
        }
        JsonNode closed = awaitFlow(inVpc, f -> f.get("state").asText().equals("closed"));
        assertFalse(closed.get("ended").isNull());
        assertTrue(closed.get("bytesOut").asLong() > 0 && closed.get("bytesIn").asLong() > 0, "a TLS handshake and a request each way: " + closed);

        long cursor = admin.flows("000000000000", inVpc).get("cursor").asLong();
        assertEquals(0, admin.flows("000000000000", inVpc + "&after=" + cursor).get("flows").size(), "nothing new, nothing open");

        // A stopping instance is refused at its source; its flow still names its VPC and interface.
        ec2.stopInstances(r -> r.instanceIds(vpc.instanceB()));
        Workload.SocksReply refused = new Workload(vpc.instanceB(), lv.proxyAddress(), ca).socks5(DataPlaneTest.S3_HOST, 443);
        assertTrue(refused.code() != 0);
        JsonNode rejected = onlyFlow(admin.flows("000000000000", inVpc + "&after=" + cursor));
        assertEquals("REJECT", rejected.get("verdict").asText());
        assertEquals("closed", rejected.get("state").asText());
        assertEquals("socks5", rejected.get("protocol").asText());
        assertEquals(vpc.vpcId(), rejected.get("source").get("vpcId").asText());
        assertEquals(net.describeInstance(vpc.instanceB()).privateIpAddress(), rejected.get("source").get("address").asText());
        assertEquals("SOURCE", rejected.get("decidingHop").get("kind").asText());
        assertEquals(vpc.instanceB(), rejected.get("decidingHop").get("resource").asText());
        assertTrue(rejected.get("decidingHop").get("text").asText().contains(vpc.instanceB()), rejected.toString());
        assertTrue(rejected.get("path").isNull(), "refused before any route: " + rejected);
        assertTrue(rejected.get("destination").get("address").isNull(), "never resolved: " + rejected);

        assertEquals(List.of(vpc.instanceB()), sources(admin.flows("000000000000", inVpc + "&verdict=reject")));
        assertEquals(List.of(vpc.instanceA()), sources(admin.flows("000000000000", inVpc + "&instance=" + a.networkInterfaces().get(0).networkInterfaceId())));
        assertEquals(List.of(vpc.instanceB(), vpc.instanceA()), sources(admin.flows("000000000000", inVpc + "&vpc=&instance=&verdict=")),
                "empty filters are no filters; newest first");

        for (String bad : new String[]{"verdict=DROP", "after=-1", "after=soon"}) {
            HttpResponse<String> r = get(endpoint, "/_localvpc/console/flows?account=000000000000&region=us-east-1&" + bad);
            assertEquals(400, r.statusCode(), bad + ": " + r.body());
            assertTrue(r.body().contains("\"error\""), r.body());
        }
        assertEquals(400, get(endpoint, "/_localvpc/console/flows?account=12&region=us-east-1").statusCode());
        assertEquals(400, get(endpoint, "/_localvpc/console/flows?account=000000000000").statusCode());

        JsonNode before = json(endpoint, "/_localvpc/console/scopes");
        JsonNode none = json(endpoint, "/_localvpc/console/flows?account=999988887777&region=eu-west-1");
        assertEquals(0, none.get("flows").size());
        assertEquals(before.get("scopes"), json(endpoint, "/_localvpc/console/scopes").get("scopes"), "no scope was set up by asking");
    }

    /** A reset forgets the flows with the resources they name, and says so to a reader that holds them (its own server). */
    @Test
    void aResetForgetsTheFlows() throws Exception {
        try (LocalVpc lv = LocalVpc.builder().settings(io.localvpc.server.Settings.defaults().withPort(0).withInMemory(true)).start();
             Ec2Client ec2 = LocalVpcExtension.ec2(lv.endpoint(), "test", Region.US_EAST_1)) {
            Admin own = new Admin(lv.endpoint());
            Layouts.PrivateVpc vpc = new Layouts(ec2).privateVpc("10.74");
            assertTrue(new Workload(vpc.instanceA(), lv.proxyAddress(), own.caPem()).socks5("203.0.113.9", 443).code() != 0);
            JsonNode before = own.flows("000000000000", "");
            assertEquals(1, before.get("flows").size(), before.toString());

            HttpResponse<String> reset = http.send(HttpRequest.newBuilder(lv.endpoint().resolve("/_localvpc/reset"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reset.statusCode(), reset.body());
            JsonNode after = own.flows("000000000000", "after=" + before.get("cursor").asLong());
            assertEquals(0, after.get("flows").size(), after.toString());
            assertEquals(before.get("epoch").asLong() + 1, after.get("epoch").asLong(), "a reader holding flows learns they are gone");
            assertEquals(0, own.flows("000000000000", "").get("flows").size());
        }
    }

    private static JsonNode onlyFlow(JsonNode page) {
        assertEquals(1, page.get("flows").size(), page.toString());
        return page.get("flows").get(0);
    }

    private static List<String> sources(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("flows").forEach(f -> out.add(f.get("source").get("id").asText()));
        return out;
    }

    /** The one flow of the query once it passes {@code test}: a connection's close reaches the recorder as its socket closes. */
    private JsonNode awaitFlow(String query, java.util.function.Predicate<JsonNode> test) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        JsonNode f = onlyFlow(admin.flows("000000000000", query));
        while (!test.test(f) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            f = onlyFlow(admin.flows("000000000000", query));
        }
        assertTrue(test.test(f), f.toString());
        return f;
    }

    @Test
    void thePageAndItsAssetsComeFromTheJarAndNameNothingElsewhere(URI endpoint) throws Exception {
        HttpResponse<String> page = get(endpoint, "/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html;charset=UTF-8", page.headers().firstValue("content-type").orElse(""));
        assertTrue(page.body().contains("Content-Security-Policy"), "the page allows its own origin only");
        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        List<String> assets = new ArrayList<>();
        while (refs.find()) {
            String ref = refs.group(1);
            if (ref.startsWith("#")) continue;
            assertTrue(ref.startsWith("/_localvpc/console/assets/"), "the page refers to " + ref);
            assets.add(ref);
        }
        assertTrue(assets.size() >= 3, assets.toString());
        List<String> modules = new ArrayList<>(assets);
        for (int i = 0; i < modules.size(); i++) {
            HttpResponse<String> a = get(endpoint, modules.get(i));
            assertEquals(200, a.statusCode(), modules.get(i));
            String type = a.headers().firstValue("content-type").orElse("");
            if (modules.get(i).endsWith(".js")) {
                assertEquals("text/javascript;charset=UTF-8", type);
                // Follow the module graph: every import is another asset of the jar.
                Matcher imports = Pattern.compile("from '\\./([a-z0-9-]+\\.js)'").matcher(a.body());
                while (imports.find()) {
                    String next = "/_localvpc/console/assets/" + imports.group(1);
                    if (!modules.contains(next)) modules.add(next);
                }
            }
            // XML namespace names are identifiers, never fetched.
            String body = a.body().replace("http://www.w3.org/2000/svg", "");
            assertFalse(Pattern.compile("https?://").matcher(body).find(), modules.get(i) + " names an address elsewhere");
        }
        assertTrue(modules.size() > assets.size(), "the modules import each other: " + modules);

        assertEquals(404, get(endpoint, "/_localvpc/console/assets/missing.js").statusCode());
        assertEquals(404, get(endpoint, "/_localvpc/console/assets/..%2Fconsole%2FConsoleRoutes.class").statusCode());
        assertEquals(404, get(endpoint, "/_localvpc/console/assets/index.html").statusCode(), "the page is served at / only");
    }
}
