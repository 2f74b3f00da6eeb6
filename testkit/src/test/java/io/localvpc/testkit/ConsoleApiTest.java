package io.localvpc.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

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
