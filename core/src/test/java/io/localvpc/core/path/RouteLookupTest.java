package io.localvpc.core.path;

import io.localvpc.core.model.ManagedPrefixList;
import io.localvpc.core.model.Route;
import io.localvpc.core.model.RouteTable;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.model.Vpc;
import io.localvpc.core.model.VpcEndpoint;
import io.localvpc.core.net.Ipv4;
import io.localvpc.core.ops.PrefixListOps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Longest prefix match over CIDR routes and prefix-list routes, with AWS's tie-breaks. */
class RouteLookupTest {
    /** AWS's real S3 prefix list in us-east-1, whose CIDRs include 3.5.0.0/19, 52.216.0.0/15 and 54.231.0.0/16. */
    static final String S3_PL = "pl-63a5400a";

    private final PathWorld w = new PathWorld();
    private final Vpc vpc = w.vpc("10.0.0.0/16");
    private final Subnet nat = w.subnet(vpc, "10.0.0.0/24", "us-east-1a");
    private final RouteTable table = w.table(vpc);
    private final String igw = w.internetGateway(vpc);
    private final String natId = w.publicNat(nat).id();
    private final ManagedPrefixList office = w.write(tx -> PrefixListOps.create(tx, "office", "IPv4", 5, List.of(
            new ManagedPrefixList.Entry("192.168.10.0/24", "office"), new ManagedPrefixList.Entry("172.16.0.0/12", "lab"),
            new ManagedPrefixList.Entry("18.34.0.0/19", "same as an S3 range"))));
    private final VpcEndpoint s3;

    RouteLookupTest() {
        w.route(table, "0.0.0.0/0", igw, null);
        w.route(table, "54.231.0.0/17", null, natId);     // more specific than S3's 54.231.0.0/16
        w.route(table, "52.216.0.0/15", null, natId);     // exactly one of S3's ranges
        w.prefixListRoute(table, office.id(), igw);
        s3 = w.gatewayEndpoint(vpc, "com.amazonaws.us-east-1.s3", table);
    }

    private RouteLookup lookup() {
        return RouteLookup.compile(w.view(), w.view().find(RouteTable.class, table.id()).orElseThrow());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "10.0.3.7,       10.0.0.0/16",   // inside the VPC: local
            "10.0.0.1,       10.0.0.0/16",
            "8.8.8.8,        0.0.0.0/0",     // nothing more specific
            "3.5.1.1,        S3",            // S3's 3.5.0.0/19 beats 0.0.0.0/0
            "54.231.200.1,   S3",            // S3's 54.231.0.0/16 (54.231.0.0/17 does not cover .200)
            "54.231.10.1,    54.231.0.0/17", // a more specific CIDR route beats the prefix list
            "52.217.4.4,     52.216.0.0/15", // equal length: the CIDR route beats the prefix-list route
            "192.168.10.9,   OFFICE",        // customer-managed prefix list
            "172.20.0.1,     OFFICE",
            "192.168.11.1,   0.0.0.0/0",
            "18.34.0.5,      S3_OR_OFFICE",  // both lists hold 18.34.0.0/19: a prefix-list route either way
    })
    void longestPrefixWins(String address, String expected) {
        Route r = lookup().lookup(Ipv4.parse(address));
        switch (expected) {
            case "S3" -> assertEquals(S3_PL, r.destinationPrefixListId());
            case "OFFICE" -> assertEquals(office.id(), r.destinationPrefixListId());
            case "S3_OR_OFFICE" -> assertTrue(List.of(S3_PL, office.id()).contains(r.destinationPrefixListId()), r.toString());
            default -> assertEquals(expected, r.destinationCidrBlock());
        }
    }

    @Test
    void theS3RouteIsTheGatewayEndpointsAndCoversEveryS3Range() {
        List<String> cidrs = PrefixListOps.cidrsOf(w.view(), S3_PL).orElseThrow();
        assertTrue(cidrs.contains("3.5.0.0/19") && cidrs.contains("54.231.0.0/16"), cidrs.toString());
        for (String cidr : cidrs) {
            long base = Ipv4.parse(cidr.substring(0, cidr.indexOf('/')));
            Route r = lookup().lookup(base + 1);
            if (cidr.equals("52.216.0.0/15") || cidr.startsWith("54.231.") || cidr.equals("18.34.0.0/19")) continue; // overridden above, or shared with the office list
            assertEquals(s3.id(), r.gatewayId(), cidr);
        }
    }

    @Test
    void noMatchingRouteIsNull() {
        RouteTable onlyLocal = w.table(vpc);
        RouteLookup l = RouteLookup.compile(w.view(), onlyLocal);
        assertNull(l.lookup(Ipv4.parse("8.8.8.8")));
        assertNull(l.lookup(Ipv4.parse("3.5.1.1")), "no gateway endpoint on this table");
        assertEquals("10.0.0.0/16", l.lookup(Ipv4.parse("10.0.255.255")).destinationCidrBlock());
        assertNull(l.lookup(Ipv4.parse("10.1.0.0")));
    }

    @Test
    void atEqualLengthLocalBeatsACidrRouteWhichBeatsAPrefixListRoute() {
        // Records written by hand: the ops refuse a second route to the VPC's own CIDR, but the rank must still hold.
        ManagedPrefixList vpcRange = w.write(tx -> PrefixListOps.create(tx, "vpc-range", "IPv4", 2,
                List.of(new ManagedPrefixList.Entry("10.0.0.0/16", null), new ManagedPrefixList.Entry("100.64.0.0/16", null))));
        Route pl = new Route(null, null, vpcRange.id(), igw, null, null, null, null, Route.ORIGIN_CREATE_ROUTE);
        Route cidrToNat = new Route("10.0.0.0/16", null, null, null, natId, null, null, null, Route.ORIGIN_CREATE_ROUTE);
        Route local = Route.local("10.0.0.0/16");
        Route cidr100 = new Route("100.64.0.0/16", null, null, null, natId, null, null, null, Route.ORIGIN_CREATE_ROUTE);
        for (List<Route> order : List.of(List.of(pl, cidrToNat, local, cidr100), List.of(local, pl, cidrToNat, cidr100), List.of(cidr100, cidrToNat, pl, local))) {
            RouteTable t = new RouteTable("rtb-0123456789abcdef0", "000000000000", vpc.id(), order, List.of());
            RouteLookup l = RouteLookup.compile(w.view(), t);
            assertEquals(local, l.lookup(Ipv4.parse("10.0.1.1")), order.toString());
            assertEquals(cidr100, l.lookup(Ipv4.parse("100.64.1.1")), order.toString());
        }
        RouteTable noLocal = new RouteTable("rtb-0123456789abcdef1", "000000000000", vpc.id(), List.of(pl, cidrToNat), List.of());
        assertEquals(cidrToNat, RouteLookup.compile(w.view(), noLocal).lookup(Ipv4.parse("10.0.1.1")));
    }

    @Test
    void anUnknownPrefixListAndIpv6RoutesMatchNothing() {
        Route gone = new Route(null, null, "pl-0123456789abcdef0", igw, null, null, null, null, Route.ORIGIN_CREATE_ROUTE);
        Route v6 = new Route(null, "::/0", null, igw, null, null, null, null, Route.ORIGIN_CREATE_ROUTE);
        RouteLookup l = RouteLookup.compile(w.view(), new RouteTable("rtb-0123456789abcdef2", "000000000000", vpc.id(), List.of(gone, v6), List.of()));
        assertNull(l.lookup(Ipv4.parse("1.2.3.4")));
        assertNull(l.lookup(0));
    }
}
