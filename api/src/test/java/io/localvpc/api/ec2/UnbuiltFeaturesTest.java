package io.localvpc.api.ec2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.wire.QueryDecoder;
import io.localvpc.api.wire.ServiceModel;
import io.localvpc.api.wire.Shape;
import io.localvpc.core.AwsException;
import io.localvpc.core.state.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class UnbuiltFeaturesTest {
    private static final ServiceModel MODEL = Ec2Model.get();

    static Ec2Request request(String action, String... keyValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) params.put(keyValues[i], keyValues[i + 1]);
        if (action.equals("RunInstances")) params.putAll(Map.of("MinCount", "1", "MaxCount", "1"));
        Shape input = MODEL.operation(action).orElseThrow().input();
        ObjectNode decoded = QueryDecoder.decode(input, params);
        return new Ec2Request(action, new Scope("000000000000", "us-east-1"), "r-1", input, decoded);
    }

    /** A typo in the table would silently accept what it means to refuse: every path must name a model member. */
    @Test
    void everyEntryNamesAMemberOfItsAction() {
        UnbuiltFeatures.entries().forEach((action, entries) -> {
            Shape shape = MODEL.operation(action).orElseThrow(() -> new AssertionError(action + " is not in the model")).input();
            for (UnbuiltFeatures.Entry e : entries) {
                Shape at = shape;
                for (String step : e.path().split("\\.")) {
                    String name = step.replace("[]", "");
                    Shape.Member m = at.member(name);
                    if (m == null) fail(action + ": " + e.path() + " — " + at.name() + " has no member " + name);
                    at = step.endsWith("[]") ? m.shape().listMember() : m.shape();
                }
            }
        });
    }

    /** What Terraform, Ansible and the SDKs send on every call: values that ask for nothing. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CreateVpc | CidrBlock=10.0.0.0/16 | AmazonProvidedIpv6CidrBlock=false",
            "CreateVpc | CidrBlock=10.0.0.0/16 | Ipv4NetmaskLength=0",
            "CreateSubnet | VpcId=vpc-1 | Ipv6Native=false",
            "ModifySubnetAttribute | SubnetId=subnet-1 | AssignIpv6AddressOnCreation.Value=false",
            "ModifySubnetAttribute | SubnetId=subnet-1 | PrivateDnsHostnameTypeOnLaunch=ip-name",
            "ModifyVpcAttribute | VpcId=vpc-1 | EnableNetworkAddressUsageMetrics.Value=false",
            "AllocateAddress | Domain=vpc | PublicIpv4Pool=amazon",
            "CreateNatGateway | SubnetId=subnet-1 | AvailabilityMode=zonal",
            "CreateNetworkInterface | SubnetId=subnet-1 | Ipv6AddressCount=0",
            "RunInstances | ImageId=ami-1 | NetworkInterface.1.InterfaceType=interface",
            "RunInstances | ImageId=ami-1 | NetworkInterface.1.Ipv6AddressCount=0",
            "StopInstances | InstanceId.1=i-1 | Hibernate=false",
    })
    void neutralValuesAreAccepted(String action, String required, String neutral) {
        String[] r = required.split("=", 2);
        String[] n = neutral.split("=", 2);
        assertDoesNotThrow(() -> UnbuiltFeatures.check(request(action, r[0], r[1], n[0], n[1])), () -> action + " " + neutral);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CreateVpc | CidrBlock=10.0.0.0/16 | AmazonProvidedIpv6CidrBlock=true | AmazonProvidedIpv6CidrBlock",
            "CreateVpc | CidrBlock=10.0.0.0/16 | Ipv6CidrBlock=2001:db8::/56 | Ipv6CidrBlock",
            "CreateSubnet | VpcId=vpc-1 | Ipv6Native=true | Ipv6Native",
            "ModifySubnetAttribute | SubnetId=subnet-1 | PrivateDnsHostnameTypeOnLaunch=resource-name | PrivateDnsHostnameTypeOnLaunch",
            "ModifyVpcAttribute | VpcId=vpc-1 | EnableNetworkAddressUsageMetrics.Value=true | EnableNetworkAddressUsageMetrics.Value",
            "AllocateAddress | Domain=vpc | PublicIpv4Pool=ipv4pool-ec2-1 | PublicIpv4Pool",
            "CreateNatGateway | SubnetId=subnet-1 | AvailabilityMode=regional | AvailabilityMode",
            "RunInstances | ImageId=ami-1 | NetworkInterface.1.InterfaceType=efa | NetworkInterface.N.InterfaceType",
            "StopInstances | InstanceId.1=i-1 | Hibernate=true | Hibernate",
            "CreateRoute | RouteTableId=rtb-1 | TransitGatewayId=tgw-1 | TransitGatewayId",
    })
    void valuesThatAskForUnbuiltThingsAreRefusedByName(String action, String required, String asking, String named) {
        String[] r = required.split("=", 2);
        String[] a = asking.split("=", 2);
        AwsException e = assertThrows(AwsException.class,
                () -> UnbuiltFeatures.check(request(action, r[0], r[1], a[0], a[1])));
        assertEquals("UnsupportedOperation", e.code());
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void actionsWithoutEntriesPass() {
        assertDoesNotThrow(() -> UnbuiltFeatures.check(request("DescribeVpcs")));
        assertTrue(UnbuiltFeatures.entries().values().stream().mapToLong(List::size).sum() > 50);
    }
}
