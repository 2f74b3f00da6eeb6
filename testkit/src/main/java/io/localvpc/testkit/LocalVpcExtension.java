package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.net.URI;

/**
 * Starts a real localvpc (in memory, on a free loopback port) once per test class and hands tests
 * what they ask for as parameters: the {@link LocalVpc} itself, its endpoint {@link URI}, or an
 * {@link Ec2Client} already pointed at it (account 000000000000, us-east-1).
 * <pre>{@code
 * @ExtendWith(LocalVpcExtension.class)
 * class MyTest {
 *     @Test void t(Ec2Client ec2) { ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")); }
 * }
 * }</pre>
 */
public final class LocalVpcExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LocalVpcExtension.class);
    /** The secret {@link #ec2} signs with, and so the root secret of a server that verifies signatures. */
    public static final String SECRET = "secret";

    private final boolean verifySignatures;

    public LocalVpcExtension() {
        this(false);
    }

    private LocalVpcExtension(boolean verifySignatures) {
        this.verifySignatures = verifySignatures;
    }

    /**
     * A localvpc started with {@code --verify-signatures} (root keys sign with {@link #SECRET}), for
     * {@code @RegisterExtension static LocalVpcExtension localvpc = LocalVpcExtension.verifyingSignatures();}.
     */
    public static LocalVpcExtension verifyingSignatures() {
        return new LocalVpcExtension(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalVpc.Builder builder = LocalVpc.builder().port(0).inMemory();
        if (verifySignatures) builder.verifySignatures(SECRET);
        LocalVpc server = builder.start();
        context.getStore(NS).put("server", server);
        context.getStore(NS).put("ec2", ec2(server.endpoint(), "test", Region.US_EAST_1));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Ec2Client ec2 = context.getStore(NS).remove("ec2", Ec2Client.class);
        if (ec2 != null) ec2.close();
        LocalVpc server = context.getStore(NS).remove("server", LocalVpc.class);
        if (server != null) server.close();
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> t = p.getParameter().getType();
        return t == LocalVpc.class || t == Ec2Client.class || t == URI.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        Class<?> t = p.getParameter().getType();
        LocalVpc server = e.getStore(NS).get("server", LocalVpc.class);
        if (t == LocalVpc.class) return server;
        if (t == URI.class) return server.endpoint();
        return e.getStore(NS).get("ec2", Ec2Client.class);
    }

    /**
     * An EC2 client for any account and region: a 12-digit access key id is taken as the account id
     * by localvpc, any other key means the default account.
     */
    public static Ec2Client ec2(URI endpoint, String accessKeyId, Region region) {
        return Ec2Client.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, SECRET)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
