package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.catalog.Region;
import io.localvpc.core.catalog.Regions;
import io.localvpc.core.model.NetworkAcl;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.state.Journal;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.core.state.View;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubnetOpsTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-west-1");

    private static String code(Runnable r) {
        return assertThrows(AwsException.class, r::run).code();
    }

    @Test
    void zoneByNameByIdOrFirst() {
        Region region = Regions.require("us-west-1");
        assertEquals("us-west-1a", SubnetOps.zone(region, null, null).name());
        assertEquals("us-west-1c", SubnetOps.zone(region, "us-west-1c", null).name());
        assertEquals("us-west-1c", SubnetOps.zone(region, null, "usw1-az2").name());
        assertEquals("us-west-1c", SubnetOps.zone(region, "us-west-1c", "usw1-az2").name());
        assertEquals("InvalidParameterValue", code(() -> SubnetOps.zone(region, "us-west-1b", null)));
        assertEquals("InvalidParameterValue", code(() -> SubnetOps.zone(region, null, "use1-az1")));
        assertEquals("InvalidParameterCombination", code(() -> SubnetOps.zone(region, "us-west-1a", "usw1-az2")));
    }

    @Test
    void subnetCidrMustBeExactAndSixteenToTwentyEight() {
        assertEquals("10.0.0.0/16", SubnetOps.parseSubnetCidr("10.0.0.0/16").toString());
        assertEquals("10.0.0.16/28", SubnetOps.parseSubnetCidr("10.0.0.16/28").toString());
        assertEquals("InvalidSubnet.Range", code(() -> SubnetOps.parseSubnetCidr("10.0.0.0/15")));
        assertEquals("InvalidSubnet.Range", code(() -> SubnetOps.parseSubnetCidr("10.0.0.0/29")));
        assertEquals("InvalidParameterValue", code(() -> SubnetOps.parseSubnetCidr("10.0.0.8/24")));
        assertEquals("InvalidParameterValue", code(() -> SubnetOps.parseSubnetCidr("10.0.0.0")));
        assertEquals("InvalidParameterValue", code(() -> SubnetOps.parseSubnetCidr("10.0.0.256/24")));
    }

    @Test
    void defaultVpcSubnetsAreSlash20sInEveryZoneAndInTheDefaultAcl() {
        try (Store store = new Store(Journal.NONE, Clock.systemUTC(), DefaultVpc::create)) {
            View view = store.view(SCOPE);
            List<Subnet> subnets = List.copyOf(view.all(Subnet.class));
            assertEquals(List.of("172.31.0.0/20", "172.31.16.0/20"), subnets.stream().map(Subnet::cidrBlock).sorted().toList());
            assertTrue(subnets.stream().allMatch(s -> s.defaultForAz() && s.mapPublicIpOnLaunch()));
            NetworkAcl acl = VpcOps.defaultNetworkAcl(view, subnets.get(0).vpcId()).orElseThrow();
            assertEquals(2, acl.associations().size());
        }
    }

    @Test
    void aFailedCreateLeavesNothingBehind() {
        try (Store store = new Store(Journal.NONE, Clock.systemUTC(), tx -> { })) {
            String vpcId = store.write(SCOPE, tx -> VpcOps.create(tx, "10.0.0.0/16", null, false).id());
            store.write(SCOPE, tx -> SubnetOps.create(tx, vpcId, "10.0.0.0/24", null, null));
            assertEquals("InvalidSubnet.Conflict", code(() -> store.write(SCOPE, tx -> SubnetOps.create(tx, vpcId, "10.0.0.0/25", null, null))));
            View view = store.view(SCOPE);
            assertEquals(1, view.all(Subnet.class).size());
            assertEquals(1, VpcOps.defaultNetworkAcl(view, vpcId).orElseThrow().associations().size());
        }
    }
}
