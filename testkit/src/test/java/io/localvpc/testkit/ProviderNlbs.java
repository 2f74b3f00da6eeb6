package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;

/** A provider's Network Load Balancer for endpoint-service tests, made through the ELBv2 API in the provider's account. */
final class ProviderNlbs {
    private ProviderNlbs() {
    }

    /** An internal NLB named {@code name} in {@code account}, with a node in each subnet; its ARN. */
    static String create(LocalVpc lv, String account, String name, String... subnetIds) {
        try (ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.builder().endpointOverride(lv.endpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account, LocalVpcExtension.SECRET))).build()) {
            return elb.createLoadBalancer(r -> r.name(name).type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(subnetIds))
                    .loadBalancers().get(0).loadBalancerArn();
        }
    }
}
