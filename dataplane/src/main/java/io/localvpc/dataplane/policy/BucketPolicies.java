package io.localvpc.dataplane.policy;

import io.localvpc.core.iam.PolicyDocument;
import io.localvpc.core.iam.PolicyException;
import io.localvpc.core.iam.PolicyKind;
import io.localvpc.core.model.BucketPolicy;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import io.localvpc.dataplane.classify.ClassifiedRequest;
import io.localvpc.dataplane.origin.FlowOrigin;
import io.localvpc.dataplane.tls.ServiceErrors;
import io.localvpc.dataplane.tls.RequestVerdict;
import io.localvpc.dataplane.vpc.ScopeLocator;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * PutBucketPolicy, GetBucketPolicy and DeleteBucketPolicy, served by localvpc (which enforces bucket
 * policies) rather than by the S3 backend. A policy is kept in the state store, in the scope of the
 * account and region of the request that set it.
 *
 * <p>Requests arrive on an event loop, which must not wait: what commits to the store (SQLite, with a data
 * directory) or asks the embedded S3's blob store about a bucket (a file) runs on {@code blockingWork} and is
 * answered when done ({@link RequestVerdict.Later}). Reads of a policy come from memory and are answered at once.
 */
public final class BucketPolicies {
    private final Store store;
    private final ScopeLocator locator;
    private final java.util.function.Predicate<String> bucketExists;
    private final Executor blockingWork;

    /**
     * @param bucketExists asks the S3 backend (policies are kept here, buckets there)
     * @param blockingWork runs the commits and the bucket checks, off the event loops
     */
    public BucketPolicies(Store store, ScopeLocator locator, java.util.function.Predicate<String> bucketExists, Executor blockingWork) {
        this.store = store;
        this.locator = locator;
        this.bucketExists = bucketExists;
        this.blockingWork = blockingWork;
    }

    /** The answer for a bucket-policy operation, or null for any other request. */
    RequestVerdict serve(ClassifiedRequest r, FlowOrigin origin) {
        Optional<String> bucket = r.resourceArns().stream().map(RequestAuthorizer::bucketOf).flatMap(Optional::stream).findFirst();
        if (bucket.isEmpty()) return null;
        String b = bucket.get();
        return switch (r.operation()) {
            case "PutBucketPolicy" -> later(() -> !bucketExists.test(b) ? noSuchBucket(b)
                    : new RequestVerdict.Serve(PolicyKind.RESOURCE.maxSize() * 2, body -> CompletableFuture.supplyAsync(() -> put(b, body, scopeFor(r, origin)), blockingWork)));
            case "GetBucketPolicy" -> get(b);
            case "DeleteBucketPolicy" -> later(() -> delete(b));
            case "CreateBucket" -> later(() -> {
                // A policy left from a deleted bucket of the same name must not apply to the new one (AWS deletes
                // a bucket's policy with the bucket; localvpc sees the delete only as a request that may fail).
                if (!bucketExists.test(b)) delete(b);
                return RequestVerdict.allow();
            });
            default -> null;
        };
    }

    private RequestVerdict.Later later(java.util.function.Supplier<RequestVerdict> work) {
        return new RequestVerdict.Later(CompletableFuture.supplyAsync(work, blockingWork));
    }

    private static RequestVerdict.Refuse noSuchBucket(String bucket) {
        return ServiceErrors.s3Error(HttpResponseStatus.NOT_FOUND, "NoSuchBucket", "The specified bucket does not exist", UUID.randomUUID().toString());
    }


    private Scope scopeFor(ClassifiedRequest r, FlowOrigin origin) {
        String account = r.principal() != null && r.principal().accountId() != null ? r.principal().accountId()
                : origin != null ? origin.account() : "000000000000";
        return new Scope(account, r.region());
    }

    private RequestVerdict.Refuse put(String bucket, byte[] body, Scope scope) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank() || text.trim().charAt(0) != '{') {
            return ServiceErrors.s3Error(HttpResponseStatus.BAD_REQUEST, "MalformedPolicy",
                    "Policies must be valid JSON and the first byte must be '{'", UUID.randomUUID().toString());
        }
        try {
            PolicyDocument.parse(text, PolicyKind.RESOURCE);
        } catch (PolicyException e) {
            return ServiceErrors.s3Error(HttpResponseStatus.BAD_REQUEST, "MalformedPolicy", e.getMessage(), UUID.randomUUID().toString());
        }
        String id = BucketPolicy.idFor(bucket);
        Scope home = locator.scopeOf(id).orElse(scope);
        store.write(home, tx -> tx.put(BucketPolicy.of(bucket, text)));
        return new RequestVerdict.Refuse(HttpResponseStatus.NO_CONTENT, "application/xml", new byte[0], Map.of());
    }

    private RequestVerdict.Refuse get(String bucket) {
        String id = BucketPolicy.idFor(bucket);
        Optional<BucketPolicy> policy = locator.scopeOf(id).flatMap(s -> store.view(s).find(BucketPolicy.class, id));
        if (policy.isEmpty()) {
            return ServiceErrors.s3Error(HttpResponseStatus.NOT_FOUND, "NoSuchBucketPolicy", "The bucket policy does not exist",
                    UUID.randomUUID().toString());
        }
        return new RequestVerdict.Refuse(HttpResponseStatus.OK, "application/json", policy.get().policy().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private RequestVerdict.Refuse delete(String bucket) {
        String id = BucketPolicy.idFor(bucket);
        locator.scopeOf(id).ifPresent(s -> store.write(s, tx -> {
            tx.remove(BucketPolicy.class, id);
            return null;
        }));
        return new RequestVerdict.Refuse(HttpResponseStatus.NO_CONTENT, "application/xml", new byte[0], Map.of());
    }
}
