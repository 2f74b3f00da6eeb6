package io.localvpc.api.iam;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Json;
import io.localvpc.core.identity.IamAccessKey;
import io.localvpc.core.identity.IamInstanceProfile;
import io.localvpc.core.identity.IamPolicies;
import io.localvpc.core.identity.IamPolicy;
import io.localvpc.core.identity.IamRole;
import io.localvpc.core.identity.IamRoles;
import io.localvpc.core.identity.IamUser;
import io.localvpc.core.model.ResourceTags;
import io.localvpc.core.state.View;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** IAM's shapes as its API returns them. Policy documents travel URL-encoded, as IAM sends them. */
final class IamRender {
    private IamRender() {
    }

    static ObjectNode user(View view, IamUser u, boolean withTags) {
        ObjectNode o = Json.object().put("Path", u.path()).put("UserName", u.name()).put("UserId", u.id()).put("Arn", u.arn())
                .put("CreateDate", date(u.createdAt()));
        if (withTags) tagsInto(o, view, u.id());
        return o;
    }

    static ObjectNode role(View view, IamRole r, boolean full) {
        ObjectNode o = Json.object().put("Path", r.path()).put("RoleName", r.name()).put("RoleId", r.id()).put("Arn", r.arn())
                .put("CreateDate", date(r.createdAt())).put("AssumeRolePolicyDocument", document(r.assumeRolePolicyDocument()));
        if (r.description() != null) o.put("Description", r.description());
        o.put("MaxSessionDuration", r.maxSessionDurationSeconds());
        if (full) {
            tagsInto(o, view, r.id());
            o.putObject("RoleLastUsed");
        }
        return o;
    }

    static ObjectNode policy(View view, IamPolicy p) {
        ObjectNode o = Json.object().put("PolicyName", p.name()).put("PolicyId", p.id()).put("Arn", p.arn()).put("Path", p.path())
                .put("DefaultVersionId", IamPolicy.VERSION).put("AttachmentCount", IamPolicies.attachmentCount(view, p.arn()))
                .put("PermissionsBoundaryUsageCount", 0).put("IsAttachable", true);
        if (p.description() != null) o.put("Description", p.description());
        o.put("CreateDate", date(p.createdAt())).put("UpdateDate", date(p.createdAt()));
        tagsInto(o, view, p.id());
        return o;
    }

    static ObjectNode instanceProfile(View view, IamInstanceProfile p) {
        ObjectNode o = Json.object().put("Path", p.path()).put("InstanceProfileName", p.name()).put("InstanceProfileId", p.id())
                .put("Arn", p.arn()).put("CreateDate", date(p.createdAt()));
        ArrayNode roles = o.putArray("Roles");
        if (p.roleName() != null) IamRoles.find(view, p.roleName()).ifPresent(r -> roles.add(role(view, r, false)));
        tagsInto(o, view, p.id());
        return o;
    }

    static ObjectNode accessKeyMetadata(IamAccessKey k) {
        return Json.object().put("UserName", k.userName()).put("AccessKeyId", k.id()).put("Status", k.status()).put("CreateDate", date(k.createdAt()));
    }

    static ArrayNode tags(View view, String id) {
        ArrayNode arr = Json.array();
        for (Map.Entry<String, String> t : view.find(ResourceTags.class, id).map(ResourceTags::tags).orElse(Map.of()).entrySet()) {
            arr.addObject().put("Key", t.getKey()).put("Value", t.getValue());
        }
        return arr;
    }

    private static void tagsInto(ObjectNode o, View view, String id) {
        ArrayNode tags = tags(view, id);
        if (!tags.isEmpty()) o.set("Tags", tags);
    }

    /** IAM's form of a policy document on the wire: percent-encoded (RFC 3986), which clients decode. */
    static String document(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String date(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
