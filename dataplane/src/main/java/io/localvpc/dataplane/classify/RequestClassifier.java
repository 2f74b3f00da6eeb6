package io.localvpc.dataplane.classify;

import io.localvpc.dataplane.route.AwsHost;
import io.localvpc.dataplane.tls.RequestHead;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a request arriving at an endpoint into the question AWS's authorization layer asks about it: service,
 * action, resource ARNs, principal and condition keys. Protocols:
 * <ul>
 *   <li>S3 REST, path-style and virtual-hosted, on public and interface-endpoint names ({@link S3Classifier});</li>
 *   <li>AWS JSON by {@code X-Amz-Target}: DynamoDB, DynamoDB Streams, SQS ({@link JsonClassifier});</li>
 *   <li>AWS Query by {@code Action=} in the query string or a form body: SQS, SNS, STS ({@link QueryClassifier});</li>
 *   <li>every other service from the SDK models localvpc ships, in any of the JSON, Query, EC2, REST-JSON, REST-XML
 *       and RPC v2 CBOR protocols ({@link ModelClassifier}), and API Gateway calls ({@link ExecuteApi}).</li>
 * </ul>
 * Stateless and thread-safe; does no I/O, so it may run on an event loop.
 *
 * <p>The body: the DynamoDB and SQS JSON protocols and the Query protocol name their target (table, queue, topic,
 * role) in the body, and S3 {@code DeleteObjects} its keys. Ask {@link #bodyBytesWanted(RequestHead)} before
 * forwarding; when it is positive, buffer up to that many bytes (fewer if the body is shorter) and pass them as
 * {@link RequestBody#complete(byte[])} or {@link RequestBody#prefix(byte[])}. Classifying with
 * {@link RequestBody#absent()} works for every request whose target is in the head, and answers
 * {@link Unclassifiable} (saying so) for the others.
 */
public final class RequestClassifier {

    /** How much of a JSON or Query body is buffered: targets sit near the start of realistic requests. */
    public static final int JSON_BODY_BYTES = 64 * 1024;
    /** A DynamoDB request whole: its largest (a batch or transaction of 400 KB items) stays under 16 MiB. */
    public static final int DYNAMODB_BODY_BYTES = 16 * 1024 * 1024;
    /** A {@code DeleteObjects} document: up to 1,000 keys of up to 1,024 bytes, escaped. */
    public static final int DELETE_OBJECTS_BODY_BYTES = 2 * 1024 * 1024;
    /** A {@code CreateBucketConfiguration} (for {@code s3:LocationConstraint}). */
    public static final int CREATE_BUCKET_BODY_BYTES = 8 * 1024;

    private final String defaultAccountId;
    private final String defaultRegion;
    private final PrincipalDirectory directory;
    private final PartitionKeyLookup partitionKeys;

    /**
     * @param defaultAccountId the account of access keys that are neither configured nor 12 digits
     *                         ({@code LOCALVPC_ACCOUNT_ID}, {@code 000000000000} by default)
     * @param defaultRegion    the region when neither the signature nor the host name gives one
     * @param directory        configured access keys
     */
    public RequestClassifier(String defaultAccountId, String defaultRegion, PrincipalDirectory directory) {
        this(defaultAccountId, defaultRegion, directory, PartitionKeyLookup.NONE);
    }

    /** As above, knowing DynamoDB tables' partition keys (localvpc's own DynamoDB's) for {@code dynamodb:LeadingKeys}. */
    public RequestClassifier(String defaultAccountId, String defaultRegion, PrincipalDirectory directory, PartitionKeyLookup partitionKeys) {
        this.partitionKeys = Objects.requireNonNull(partitionKeys, "partitionKeys");
        if (!Principal.isAccountId(defaultAccountId)) {
            throw new IllegalArgumentException("the default account id is 12 digits, got " + defaultAccountId);
        }
        this.defaultAccountId = defaultAccountId;
        this.defaultRegion = Objects.requireNonNull(defaultRegion, "defaultRegion");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * The principal an access key stands for: the configured one; else, by localvpc's convention, the root of the
     * account a 12-digit key spells, or of the default account. A null key (unsigned request) is anonymous.
     */
    public Principal principalFor(String accessKeyId) {
        if (accessKeyId == null) {
            return Principal.anonymous();
        }
        return directory.find(accessKeyId).orElseGet(() ->
                Principal.root(Principal.isAccountId(accessKeyId) ? accessKeyId : defaultAccountId));
    }

    /**
     * Not done while the DynamoDB tables' partition keys are still being read (localvpc starting): a DynamoDB
     * request is judged once it is. Null when there is nothing to wait for.
     */
    public java.util.concurrent.CompletableFuture<?> waitBeforeClassifying(RequestHead head) {
        String amzTarget = head.headers().get("X-Amz-Target");
        if (amzTarget == null || !amzTarget.startsWith("DynamoDB_20120810.")) return null;
        java.util.concurrent.CompletableFuture<?> ready = partitionKeys.ready().toCompletableFuture();
        return ready.isDone() ? null : ready;
    }

    /**
     * How many body bytes {@link #classify} needs to classify this request, or 0 when the head is enough.
     */
    public int bodyBytesWanted(RequestHead head) {
        String amzTarget = head.headers().get("X-Amz-Target");
        if (amzTarget != null) {
            // DynamoDB's condition keys (dynamodb:LeadingKeys, dynamodb:Attributes) come from every item and key of
            // the request, which may lie anywhere in it: the whole body is read, up to DynamoDB's own limit.
            return amzTarget.startsWith("DynamoDB_20120810.") ? DYNAMODB_BODY_BYTES : JSON_BODY_BYTES;
        }
        Target target = Target.of(head);
        if (isS3(head, target)) {
            if (head.method().equals(HttpMethod.POST) && target.query.containsKey("delete")) {
                return DELETE_OBJECTS_BODY_BYTES;
            }
            if (head.method().equals(HttpMethod.PUT) && target.query.isEmpty() && target.addressesBucketOnly()) {
                return CREATE_BUCKET_BODY_BYTES;
            }
            return 0;
        }
        return isForm(head) || hasJsonBody(head) ? JSON_BODY_BYTES : 0;
    }

    /**
     * Whether a refusal of this request is written in JSON ({@code __type}): the JSON protocols, and REST-JSON
     * services by their model; XML otherwise.
     */
    public static boolean answersInJson(RequestHead head, String service) {
        if (head.headers().contains("X-Amz-Target")) {
            return true;
        }
        String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            return true;
        }
        for (ServiceModels.Model m : ServiceModels.byServiceName(service)) {
            if (m.protocol().equals("rest-json")) {
                return true;
            }
        }
        return false;
    }

    /** A REST-JSON request with a body that may name its resource (e.g. Lambda's CreateFunction). */
    static boolean hasJsonBody(RequestHead head) {
        String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        return !head.method().equals(HttpMethod.GET) && !head.method().equals(HttpMethod.HEAD) && type != null
                && type.toLowerCase(java.util.Locale.ROOT).contains("json");
    }

    /**
     * Classifies a request.
     *
     * @param head            the request head as the endpoint listener parsed it
     * @param body            the body bytes buffered per {@link #bodyBytesWanted}, or {@link RequestBody#absent()}
     * @param resourceAccount the account owning resources the request names without an account, e.g. the table
     *                        of a DynamoDB {@code TableName} or a queue created by {@code QueueName} (the endpoint
     *                        owner's account)
     */
    public Classification classify(RequestHead head, RequestBody body, String resourceAccount) {
        Objects.requireNonNull(body, "body");
        if (!Principal.isAccountId(resourceAccount)) {
            throw new IllegalArgumentException("the resource account id is 12 digits, got " + resourceAccount);
        }
        Target target = Target.of(head);
        Signature signature = Signature.of(head, target.query);
        String region = signature.scopeRegion() != null ? signature.scopeRegion()
                : target.host.region() != null ? target.host.region() : defaultRegion;
        Context c = new Context(head, body, target.rawPath, target.query, signature, target.host, region,
                resourceAccount, principalFor(signature.accessKeyId()), partitionKeys);
        String amzTarget = head.headers().get("X-Amz-Target");
        if (amzTarget != null) {
            return JsonClassifier.classify(c, amzTarget);
        }
        if (isS3(target, signature)) {
            return S3Classifier.classify(c);
        }
        String service = target.host.service() != null ? target.host.service() : signature.scopeService();
        if (service == null) {
            return new Unclassifiable(null, "neither the host name '" + head.host()
                    + "' nor a SigV4 credential scope says which service the request is for");
        }
        String apiId = ExecuteApi.apiId(c, target.host.service());
        if (apiId != null) {
            return ExecuteApi.classify(c, apiId);
        }
        if (head.headers().contains("smithy-protocol")) {
            Classification cbor = ModelClassifier.cbor(c);
            if (cbor != null) {
                return cbor;
            }
        }
        if (!isForm(head) && !target.query.containsKey("Action")) {
            Classification rest = ModelClassifier.rest(c, service);
            if (rest != null) {
                return rest;
            }
        }
        return QueryClassifier.classify(c, service);
    }

    private static boolean isS3(RequestHead head, Target target) {
        return target.host.service() != null ? target.host.service().equals("s3") : isS3(target, Signature.of(head, target.query));
    }

    private static boolean isS3(Target target, Signature signature) {
        String hostService = target.host.service();
        if (hostService != null) {
            return hostService.equals("s3");
        }
        return "s3".equals(signature.scopeService());
    }

    static boolean isForm(RequestHead head) {
        String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        return head.method().equals(HttpMethod.POST) && type != null
                && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** The request target split into path and decoded query, and the host name read. */
    private record Target(String rawPath, Map<String, List<String>> query, AwsHost host) {

        static Target of(RequestHead head) {
            String uri = head.uri();
            if (uri.startsWith("http://") || uri.startsWith("https://")) { // absolute-form
                int slash = uri.indexOf('/', uri.indexOf("//") + 2);
                uri = slash < 0 ? "/" : uri.substring(slash);
            }
            int q = uri.indexOf('?');
            String rawPath = q < 0 ? uri : uri.substring(0, q);
            Map<String, List<String>> query = q < 0 ? Map.of()
                    : FormParameters.decode(uri.substring(q + 1));
            return new Target(rawPath.isEmpty() ? "/" : rawPath, query, AwsHost.parse(head.host()));
        }

        /** Whether an S3 request names a bucket and no key ({@code PUT} of it is {@code CreateBucket}). */
        boolean addressesBucketOnly() {
            if (host.bucket() != null) {
                return rawPath.length() <= 1;
            }
            String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
            int slash = p.indexOf('/');
            return !p.isEmpty() && (slash < 0 || slash == p.length() - 1);
        }
    }
}
