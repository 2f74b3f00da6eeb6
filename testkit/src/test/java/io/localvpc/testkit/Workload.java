package io.localvpc.testkit;

import org.apache.http.impl.execchain.TunnelRefusedException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache.ProxyConfiguration;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A program "inside" an instance: its connections go through localvpc's workload proxy with the instance
 * (or ENI) id as the proxy user, and it trusts only localvpc's CA, exactly what {@code localvpc exec} sets up
 * for real programs.
 */
final class Workload {
    static final String REFUSED_HEADER = "X-Localvpc-Refused";
    private final String identity;
    private final InetSocketAddress proxy;
    private final TrustManager[] trust;

    Workload(String identity, InetSocketAddress proxy, String caPem) {
        this.identity = identity;
        this.proxy = proxy;
        this.trust = trustOnly(caPem);
    }

    String identity() {
        return identity;
    }

    /** An S3 client (SDK v2, Apache HTTP client, its default endpoints) as an application on the instance would build it. */
    S3Client s3(boolean pathStyle) {
        return s3(pathStyle, false, null);
    }

    /**
     * An S3 client that uses S3's regional name in us-east-1 ({@code s3.us-east-1.amazonaws.com}). The SDK's
     * default there is the legacy global name {@code s3.amazonaws.com}, which AWS PrivateLink for S3 does not
     * serve (private DNS covers the regional names only), so AWS tells users of interface endpoints to set
     * {@code s3_us_east_1_regional_endpoint = regional} in their config, as this client does.
     */
    S3Client s3ForInterfaceEndpoint(boolean pathStyle) {
        return s3(pathStyle, true, null);
    }

    /**
     * An S3 client sent to an interface endpoint's own name, as AWS documents for S3 over PrivateLink:
     * {@code --endpoint-url https://bucket.vpce-….s3.us-east-1.vpce.amazonaws.com}, path style.
     */
    S3Client s3Via(URI endpointUrl) {
        return s3(true, true, endpointUrl);
    }

    private S3Client s3(boolean pathStyle, boolean regionalUsEast1, URI endpointOverride) {
        ApacheHttpClient.Builder http = ApacheHttpClient.builder()
                .proxyConfiguration(ProxyConfiguration.builder()
                        .endpoint(URI.create("http://127.0.0.1:" + proxy.getPort()))
                        .username(identity).password("anything")
                        .useSystemPropertyValues(false).useEnvironmentVariableValues(false)
                        .build())
                .tlsTrustManagersProvider(() -> trust);
        S3ClientBuilder b = S3Client.builder();
        if (endpointOverride != null) b.endpointOverride(endpointOverride);
        return b.region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "secret")))
                .forcePathStyle(pathStyle)
                .httpClientBuilder(http) // built and closed by the S3 client, so closing it closes its connections
                .overrideConfiguration(o -> o.defaultProfileFile(config(regionalUsEast1)).defaultProfileName("default"))
                .build();
    }

    /** An S3 client like {@link #s3(boolean)} signing with the given access key (strict mode: a configured user's). */
    S3Client s3As(String accessKeyId, boolean pathStyle) {
        return S3Client.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret")))
                .forcePathStyle(pathStyle)
                .httpClientBuilder(proxiedHttp())
                .overrideConfiguration(o -> o.defaultProfileFile(config(false)).defaultProfileName("default"))
                .build();
    }

    /**
     * An S3 client whose credentials come from {@code credentials} (the instance metadata service, say), as an
     * application on the instance builds it with the SDK's default credential chain.
     */
    S3Client s3With(software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials) {
        return S3Client.builder().region(Region.US_EAST_1).credentialsProvider(credentials).forcePathStyle(true)
                .httpClientBuilder(proxiedHttp())
                .overrideConfiguration(o -> o.defaultProfileFile(config(false)).defaultProfileName("default"))
                .build();
    }

    /** A DynamoDB client (SDK v2, its default endpoint dynamodb.us-east-1.amazonaws.com) as an application on the instance would build it. */
    DynamoDbClient dynamoDb() {
        return dynamoDb(null);
    }

    /** A DynamoDB client like {@link #dynamoDb()} sent to {@code endpointUrl} (an interface endpoint's own name), when not null. */
    DynamoDbClient dynamoDb(URI endpointUrl) {
        return dynamoDb(endpointUrl, "AKIAIOSFODNN7EXAMPLE");
    }

    /** A DynamoDB client like {@link #dynamoDb(URI)} signing with the given access key (12 digits: that account's root). */
    DynamoDbClient dynamoDb(URI endpointUrl, String accessKeyId) {
        software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder b = DynamoDbClient.builder();
        if (endpointUrl != null) b.endpointOverride(endpointUrl);
        return b.region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret")))
                .httpClientBuilder(proxiedHttp())
                .overrideConfiguration(o -> o.defaultProfileFile(config(false)).defaultProfileName("default"))
                .build();
    }

    /**
     * The Apache HTTP client every SDK client on the instance uses: through the proxy as this identity, trusting localvpc's
     * CA. Given as a builder, so the SDK client owns it and closing that client closes its connections.
     */
    private ApacheHttpClient.Builder proxiedHttp() {
        return ApacheHttpClient.builder()
                .proxyConfiguration(ProxyConfiguration.builder()
                        .endpoint(URI.create("http://127.0.0.1:" + proxy.getPort()))
                        .username(identity).password("anything")
                        .useSystemPropertyValues(false).useEnvironmentVariableValues(false)
                        .build())
                .tlsTrustManagersProvider(() -> trust);
    }

    /** The ~/.aws/config the program would have: empty, or asking for the regional S3 name in us-east-1. */
    private static ProfileFile config(boolean regionalUsEast1) {
        String text = "[default]\n" + (regionalUsEast1 ? "s3_us_east_1_regional_endpoint = regional\n" : "");
        return ProfileFile.builder().type(ProfileFile.Type.CONFIGURATION)
                .content(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).build();
    }

    /** The proxy's answer to a CONNECT: status, headers (names lower-cased) and body. */
    record ProxyReply(int status, Map<String, String> headers, String body) {
        String refusal() {
            return headers.get("x-localvpc-refused");
        }
    }

    /** A raw HTTP CONNECT through the proxy; a refusal is answered and the connection closed. */
    ProxyReply connect(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(proxy, 5_000);
            s.setSoTimeout(10_000);
            sendConnect(s, host, port);
            return readReply(s.getInputStream());
        }
    }

    /** An open HTTP CONNECT tunnel, after the proxy's 200; a refusal fails with its status and reason. The caller closes it. */
    Socket tunnel(String host, int port) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(proxy, 5_000);
            s.setSoTimeout(10_000);
            sendConnect(s, host, port);
            ProxyReply reply = readHead(s.getInputStream(), false);
            if (reply.status() != 200) throw new IOException("CONNECT " + host + ":" + port + " answered " + reply.status() + ": " + reply.refusal());
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /**
     * An open TLS connection to an AWS service through the proxy, past the handshake (so the path and the
     * endpoint listener both accepted it). The caller closes it.
     */
    SSLSocket openTls(String host, int port) throws Exception {
        Socket s = tunnel(host, port);
        try {
            return tls(s, host, port);
        } catch (Exception e) {
            s.close();
            throw e;
        }
    }

    /**
     * A SOCKS5 CONNECT (RFC 1928) with the identity as user name (RFC 1929), the way {@code socks5h://} clients
     * do it: the proxy resolves the name. Returns the reply code (0 = succeeded) and, on success, the open socket.
     */
    record SocksReply(int code, Socket socket) {
    }

    SocksReply socks5(String host, int port) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(proxy, 5_000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(new byte[]{5, 1, 2});
            byte[] method = in.readNBytes(2);
            if (method.length != 2 || method[1] != 2) throw new IOException("the proxy did not choose user name/password authentication");
            byte[] user = identity.getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream auth = new ByteArrayOutputStream();
            auth.write(1);
            auth.write(user.length);
            auth.write(user);
            auth.write(1);
            auth.write('x');
            out.write(auth.toByteArray());
            byte[] authReply = in.readNBytes(2);
            if (authReply.length != 2 || authReply[1] != 0) throw new IOException("the proxy refused the credentials");
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream connect = new ByteArrayOutputStream();
            connect.write(new byte[]{5, 1, 0, 3, (byte) name.length});
            connect.write(name);
            connect.write(new byte[]{(byte) (port >> 8), (byte) port});
            out.write(connect.toByteArray());
            byte[] head = in.readNBytes(4);
            if (head.length != 4) throw new IOException("the proxy closed without a CONNECT reply");
            int addressLength = switch (head[3]) {
                case 1 -> 4;
                case 4 -> 16;
                default -> in.read();
            };
            in.readNBytes(addressLength + 2);
            if (head[1] != 0) {
                s.close();
                return new SocksReply(head[1], null);
            }
            return new SocksReply(0, s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** TLS over an already open tunnel, trusting only localvpc's CA; the handshake is done when this returns. */
    SSLSocket tls(Socket tunnel, String host, int port) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust, null);
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(tunnel, host, port, true);
        ssl.setSoTimeout(10_000);
        ssl.startHandshake();
        return ssl;
    }

    /** Sends one HTTP/1.1 request on an open connection and reads its status; the connection stays open. */
    static int roundTrip(Socket s, String host) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readHead(s.getInputStream(), true).status();
    }

    /**
     * The refusal reason the proxy answered to the SDK's CONNECT, or null. Apache HttpClient hands a refused
     * CONNECT's response to the SDK as if the service had answered (so S3 clients see an S3Exception with the
     * proxy's status); other clients surface it as a {@link TunnelRefusedException}.
     */
    static String refusalIn(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException service && service.awsErrorDetails() != null
                    && service.awsErrorDetails().sdkHttpResponse() != null) {
                return service.awsErrorDetails().sdkHttpResponse().firstMatchingHeader(REFUSED_HEADER).orElse(null);
            }
            if (t instanceof TunnelRefusedException refused && refused.getResponse().getFirstHeader(REFUSED_HEADER) != null) {
                return refused.getResponse().getFirstHeader(REFUSED_HEADER).getValue();
            }
        }
        return null;
    }

    private void sendConnect(Socket s, String host, int port) throws IOException {
        String auth = Base64.getEncoder().encodeToString((identity + ":x").getBytes(StandardCharsets.UTF_8));
        String request = "CONNECT " + host + ":" + port + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nProxy-Authorization: Basic " + auth + "\r\n\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    private static ProxyReply readReply(InputStream in) throws IOException {
        return readHead(in, true);
    }

    /** Reads a status line and headers, then (if asked) a Content-Length body. */
    private static ProxyReply readHead(InputStream in, boolean withBody) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) throw new IOException("the connection closed before any answer");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        String body = "";
        if (withBody && headers.containsKey("content-length")) {
            byte[] b = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            body = new String(b, StandardCharsets.UTF_8);
        } else if (withBody && "chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0; size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                b.write(in.readNBytes(size));
                line(in);
            }
            for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                // trailers are not needed
            }
            body = b.toString(StandardCharsets.UTF_8);
        }
        return new ProxyReply(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
    }

    /** One CRLF-terminated line, byte by byte so nothing past the head is consumed; null at end of stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') break;
            if (c != '\r') b.write(c);
        }
        if (c == -1 && b.size() == 0) return null;
        return b.toString(StandardCharsets.UTF_8);
    }

    /** Trust managers that trust localvpc's CA and nothing else (not the JDK's default roots). */
    private static TrustManager[] trustOnly(String caPem) {
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("localvpc-ca", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf.getTrustManagers();
        } catch (Exception e) {
            throw new AssertionError("localvpc's CA certificate does not load: " + e, e);
        }
    }
}
