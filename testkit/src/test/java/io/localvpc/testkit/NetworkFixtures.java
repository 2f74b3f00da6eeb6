package io.localvpc.testkit;

import io.localvpc.core.catalog.Regions;
import io.localvpc.core.model.NetworkInterface;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.Subnet;
import io.localvpc.core.ops.SubnetAddresses;
import io.localvpc.core.ops.VpcOps;
import io.localvpc.core.state.Scope;
import io.localvpc.server.LocalVpc;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Subnets, security groups and service-managed interfaces written straight into the store, so the network
 * interface and instance tests do not depend on the Subnets and Security groups families' own APIs.
 */
final class NetworkFixtures {
    static final Scope DEFAULT_SCOPE = new Scope("000000000000", "us-east-1");

    private NetworkFixtures() {
    }

    static Subnet subnet(LocalVpc lv, Scope scope, String vpcId, String cidr, String az, boolean mapPublicIp) {
        String zoneId = Regions.require(scope.region()).zoneByName(az).orElseThrow().id();
        return lv.store().write(scope, tx -> tx.put(new Subnet(tx.newId("subnet"), scope.account(), vpcId, cidr, az, zoneId, false, mapPublicIp, tx.now())));
    }

    static Subnet subnet(LocalVpc lv, String vpcId, String cidr) {
        return subnet(lv, DEFAULT_SCOPE, vpcId, cidr, "us-east-1a", false);
    }

    static String securityGroup(LocalVpc lv, String vpcId, String name) {
        return lv.store().write(DEFAULT_SCOPE, tx -> tx.put(new SecurityGroup(tx.newId("sg"), DEFAULT_SCOPE.account(), vpcId, name, name, List.of()))).id();
    }

    static String defaultGroup(LocalVpc lv, Scope scope, String vpcId) {
        return VpcOps.defaultSecurityGroup(lv.store().view(scope), vpcId).orElseThrow().id();
    }

    /** An interface as a VPC endpoint would own it (requester-managed). */
    static String endpointInterface(LocalVpc lv, Subnet subnet, String endpointId) {
        String group = defaultGroup(lv, DEFAULT_SCOPE, subnet.vpcId());
        return lv.store().write(DEFAULT_SCOPE, tx -> {
            String ip = SubnetAddresses.allocate(tx, subnet, null);
            return tx.put(new NetworkInterface(tx.newId("eni"), DEFAULT_SCOPE.account(), subnet.vpcId(), subnet.id(), subnet.availabilityZone(),
                    "VPC Endpoint Interface " + endpointId, "vpc_endpoint", ip, List.of(), List.of(group),
                    SubnetAddresses.newMacAddress(), true, true, "727180483921", null, null, tx.now())).id();
        });
    }

    /** A clock tests move by hand, to walk instances through their timed states. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-15T10:00:00Z");

        void advance(java.time.Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
