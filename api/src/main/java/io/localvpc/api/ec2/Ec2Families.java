package io.localvpc.api.ec2;

import io.localvpc.api.ec2.family.AddressHandlers;
import io.localvpc.api.ec2.family.ClassicLinkHandlers;
import io.localvpc.api.ec2.family.FlowLogHandlers;
import io.localvpc.api.ec2.family.InstanceAttributeHandlers;
import io.localvpc.api.ec2.family.InstanceMetadataOptionsHandlers;
import io.localvpc.api.ec2.family.InstanceHandlers;
import io.localvpc.api.ec2.family.InstanceProfileAssociationHandlers;
import io.localvpc.api.ec2.family.InstanceTypeHandlers;
import io.localvpc.api.ec2.family.InternetGatewayHandlers;
import io.localvpc.api.ec2.family.NatGatewayHandlers;
import io.localvpc.api.ec2.family.NetworkAclHandlers;
import io.localvpc.api.ec2.family.NetworkInsightsHandlers;
import io.localvpc.api.ec2.family.NetworkInterfaceHandlers;
import io.localvpc.api.ec2.family.PrefixListHandlers;
import io.localvpc.api.ec2.family.RegionHandlers;
import io.localvpc.api.ec2.family.RouteTableHandlers;
import io.localvpc.api.ec2.family.SecurityGroupHandlers;
import io.localvpc.api.ec2.family.SubnetHandlers;
import io.localvpc.api.ec2.family.TagHandlers;
import io.localvpc.api.ec2.family.VpcEndpointConnectionHandlers;
import io.localvpc.api.ec2.family.VpcEndpointConnectionNotificationHandlers;
import io.localvpc.api.ec2.family.VpcEndpointHandlers;
import io.localvpc.api.ec2.family.VpcEndpointServiceConfigurationHandlers;
import io.localvpc.api.ec2.family.VpcEndpointServiceHandlers;
import io.localvpc.api.ec2.family.VpcHandlers;
import io.localvpc.api.wire.ServiceModel;
import io.localvpc.core.flowlogs.FlowLogDestinations;

import java.util.List;

/** Every resource family of the EC2 API localvpc serves, in the order the README lists them. */
public final class Ec2Families {
    private Ec2Families() {
    }

    public static List<Ec2Family> all() {
        return all(FlowLogDestinations.NONE);
    }

    /** With the destinations flow logs are checked against (the running data plane's embedded S3). */
    public static List<Ec2Family> all(FlowLogDestinations flowLogDestinations) {
        return List.of(
                new VpcHandlers(),
                new SubnetHandlers(),
                new RouteTableHandlers(),
                new InternetGatewayHandlers(),
                new NatGatewayHandlers(),
                new AddressHandlers(),
                new SecurityGroupHandlers(),
                new NetworkAclHandlers(),
                new NetworkInterfaceHandlers(),
                new InstanceHandlers(),
                new InstanceProfileAssociationHandlers(),
                new InstanceAttributeHandlers(),
                new InstanceMetadataOptionsHandlers(),
                new InstanceTypeHandlers(),
                new TagHandlers(),
                new RegionHandlers(),
                new PrefixListHandlers(),
                new VpcEndpointServiceHandlers(),
                new VpcEndpointHandlers(),
                new VpcEndpointServiceConfigurationHandlers(),
                new VpcEndpointConnectionHandlers(),
                new VpcEndpointConnectionNotificationHandlers(),
                new NetworkInsightsHandlers(),
                new FlowLogHandlers(flowLogDestinations),
                new ClassicLinkHandlers());
    }

    public static OperationRegistry registry(ServiceModel model) {
        return registry(model, FlowLogDestinations.NONE);
    }

    public static OperationRegistry registry(ServiceModel model, FlowLogDestinations flowLogDestinations) {
        OperationRegistry registry = new OperationRegistry(model);
        for (Ec2Family f : all(flowLogDestinations)) f.register(registry);
        return registry;
    }
}
