package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** ELBv2 clients pointed at a running localvpc, and the waits and error checks the NLB tests share. */
final class Elbv2Clients {
    private Elbv2Clients() {
    }

    static ElasticLoadBalancingV2Client elb(LocalVpc lv) {
        return ElasticLoadBalancingV2Client.builder().endpointOverride(lv.endpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", LocalVpcExtension.SECRET))).build();
    }

    /** The call fails with this ELBv2 error code; returns the message. */
    static String refused(String code, Runnable call) {
        ElasticLoadBalancingV2Exception e = assertThrows(ElasticLoadBalancingV2Exception.class, call::run);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(400, e.statusCode(), e.getMessage());
        return e.awsErrorDetails().errorMessage();
    }

    /** Waits (up to {@code seconds}) for the target's health to reach {@code state}; returns it. */
    static TargetHealth awaitHealth(String what, String state, int seconds, Supplier<TargetHealth> read) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(seconds));
        TargetHealth last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = read.get();
            } catch (SdkException e) {
                fail(what + ": " + e.getMessage());
            }
            if (last.stateAsString().equals(state)) return last;
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        fail(what + " never became " + state + " within " + seconds + " s; last: " + last);
        return null;
    }
}
