package io.localvpc.api.iam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.awsquery.QueryProtocolService.Handler;
import io.localvpc.api.awsquery.QueryProtocolService.QueryRequest;
import io.localvpc.api.ec2.Json;
import io.localvpc.core.AwsException;
import io.localvpc.core.identity.IamPolicies;
import io.localvpc.core.identity.IamPolicy;
import io.localvpc.core.state.View;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.localvpc.api.iam.IamUserHandlers.one;

/** Customer managed policies: create, read (and their one version), list, delete, tags. */
final class IamPolicyHandlers {
    private final IamStore iam;

    IamPolicyHandlers(IamStore iam) {
        this.iam = iam;
    }

    void register(Map<String, Handler> h) {
        h.put("CreatePolicy", in -> iam.write(in, tx -> {
            IamPolicy p = IamPolicies.create(tx, in.string("PolicyName"), in.string("Path"), in.string("PolicyDocument"), in.string("Description"));
            IamTags.add(tx, p.id(), in.node("Tags"));
            return one("Policy", IamRender.policy(tx, p));
        }));
        h.put("GetPolicy", in -> {
            View v = iam.view(in);
            return one("Policy", IamRender.policy(v, IamPolicies.require(v, in.string("PolicyArn"))));
        });
        h.put("GetPolicyVersion", in -> {
            View v = iam.view(in);
            IamPolicy p = IamPolicies.require(v, in.string("PolicyArn"));
            if (!IamPolicy.VERSION.equals(in.string("VersionId"))) {
                throw new AwsException("NoSuchEntity", "Policy " + p.arn() + " version " + in.string("VersionId") + " does not exist or is not attachable.", 404);
            }
            return one("PolicyVersion", Json.object().put("Document", IamRender.document(p.document())).put("VersionId", IamPolicy.VERSION)
                    .put("IsDefaultVersion", true).put("CreateDate", IamRender.date(p.createdAt())));
        });
        h.put("ListPolicyVersions", in -> {
            View v = iam.view(in);
            IamPolicy p = IamPolicies.require(v, in.string("PolicyArn"));
            // localvpc keeps one version of each policy, its default; a list of versions carries no documents.
            return IamPages.page(in, List.of(p), x -> IamPolicy.VERSION, "Versions", x -> Json.object().put("VersionId", IamPolicy.VERSION)
                    .put("IsDefaultVersion", true).put("CreateDate", IamRender.date(x.createdAt())));
        });
        h.put("TagPolicy", in -> iam.write(in, tx -> {
            IamTags.add(tx, IamPolicies.require(tx, in.string("PolicyArn")).id(), in.node("Tags"));
            return null;
        }));
        h.put("UntagPolicy", in -> iam.write(in, tx -> {
            IamTags.remove(tx, IamPolicies.require(tx, in.string("PolicyArn")).id(), in.strings("TagKeys"));
            return null;
        }));
        h.put("ListPolicyTags", in -> {
            View v = iam.view(in);
            return IamTags.page(in, v, IamPolicies.require(v, in.string("PolicyArn")).id());
        });
        h.put("ListPolicies", in -> {
            String scope = in.string("Scope");
            if (scope != null && !List.of("All", "AWS", "Local").contains(scope)) {
                throw new AwsException("ValidationError", "1 validation error detected: Value '" + scope + "' at 'scope' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [All, AWS, Local]");
            }
            View v = iam.view(in);
            // AWS managed policies are not modelled, so Scope=AWS lists none.
            List<IamPolicy> found = "AWS".equals(scope) ? List.of()
                    : IamPolicies.list(v, in.string("PathPrefix"), in.params().path("OnlyAttached").asBoolean(false));
            return IamPages.page(in, found, IamPolicy::arn, "Policies", p -> IamRender.policy(v, p));
        });
        h.put("DeletePolicy", in -> iam.write(in, tx -> {
            IamPolicies.delete(tx, in.string("PolicyArn"));
            return null;
        }));
    }

    /** The managed policies attached to a user or role, as AttachedPolicies (name and ARN), paged. */
    static ObjectNode attached(QueryRequest in, View v, List<String> arns) {
        List<IamPolicy> policies = new ArrayList<>();
        String prefix = in.string("PathPrefix");
        for (String arn : arns) IamPolicies.find(v, arn).filter(p -> prefix == null || p.path().startsWith(prefix)).ifPresent(policies::add);
        policies.sort((a, b) -> a.arn().compareTo(b.arn()));
        return IamPages.page(in, policies, IamPolicy::arn, "AttachedPolicies", p -> Json.object().put("PolicyName", p.name()).put("PolicyArn", p.arn()));
    }
}
