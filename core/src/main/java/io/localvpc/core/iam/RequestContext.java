package io.localvpc.core.iam;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What AWS knows about one request when it evaluates policies: who asks (the principal), the action, the
 * resource, and the condition keys. Key names are case-insensitive ({@code aws:SourceVpce} and
 * {@code AWS:sourcevpce} are one key); values are kept as given. A key present with no values counts as
 * absent, as an empty multi-valued key does on AWS.
 * <p>
 * For an IAM principal the builder also fills in the global keys AWS derives from it, unless given:
 * {@code aws:PrincipalArn}, {@code aws:PrincipalAccount}, {@code aws:PrincipalType}, and for IAM users
 * {@code aws:username}.
 * <p>
 * A request names one resource; for an action on several resources, evaluate once per resource.
 */
public final class RequestContext {
    /** Which kind of principal made the request. */
    public enum PrincipalType { AWS, SERVICE, FEDERATED, CANONICAL_USER, ANONYMOUS }

    private final PrincipalType principalType;
    private final String principal;
    private final String principalAccount;
    /** For an assumed-role session, the role's own ARN (a policy naming the role matches its sessions). */
    private final String principalRoleArn;
    private final String action;
    private final String actionLower;
    private final String resource;
    private final Map<String, ContextValue> values;
    private final Map<String, List<String>> given;

    private RequestContext(Builder b) {
        this.principalType = b.principalType;
        this.principal = b.principal;
        this.principalAccount = b.principalType == PrincipalType.AWS ? Arns.account(b.principal) : null;
        this.principalRoleArn = b.principalType == PrincipalType.AWS ? Arns.roleOfSession(b.principal) : null;
        this.action = Objects.requireNonNull(b.action, "action");
        this.actionLower = action.toLowerCase(Locale.ROOT);
        this.resource = b.resource == null ? "*" : b.resource;
        Map<String, List<String>> keys = new LinkedHashMap<>(b.keys);
        if (principalType == PrincipalType.AWS) {
            keys.putIfAbsent("aws:principalarn", List.of(principal));
            if (principalAccount != null && !principalAccount.isEmpty()) keys.putIfAbsent("aws:principalaccount", List.of(principalAccount));
            String type = Arns.principalType(principal);
            if (type != null) keys.putIfAbsent("aws:principaltype", List.of(type));
            String user = Arns.userName(principal);
            if (user != null) keys.putIfAbsent("aws:username", List.of(user));
        }
        Map<String, ContextValue> v = new HashMap<>();
        keys.forEach((k, list) -> {
            if (!list.isEmpty()) v.put(k, new ContextValue(list));
        });
        this.values = v;
        this.given = Map.copyOf(keys);
    }

    public static Builder builder() {
        return new Builder();
    }

    public PrincipalType principalType() {
        return principalType;
    }

    /** The principal: an ARN for AWS principals, a service name, a federated provider; null when anonymous. */
    public String principal() {
        return principal;
    }

    /** The principal's account id, or null for service, federated and anonymous principals. */
    public String principalAccount() {
        return principalAccount;
    }

    String principalRoleArn() {
        return principalRoleArn;
    }

    public String action() {
        return action;
    }

    String actionLower() {
        return actionLower;
    }

    /** The resource ARN, or {@code *} for actions that take no resource. */
    public String resource() {
        return resource;
    }

    /** The values of a condition key (case-insensitive), empty when absent. */
    public List<String> values(String key) {
        ContextValue v = values.get(key.toLowerCase(Locale.ROOT));
        return v == null ? List.of() : v.asList();
    }

    /** Every condition key (lower-cased) and its values, including the derived principal keys. */
    public Map<String, List<String>> keys() {
        return given;
    }

    /** The values of a key already in lower case; null when absent or empty. */
    ContextValue value(String lowerKey) {
        return values.get(lowerKey);
    }

    public static final class Builder {
        private PrincipalType principalType = PrincipalType.ANONYMOUS;
        private String principal;
        private String action;
        private String resource;
        private final Map<String, List<String>> keys = new LinkedHashMap<>();

        /** An IAM principal by ARN: user, role, assumed-role session, federated user, or account root. */
        public Builder principal(String arn) {
            return principal(PrincipalType.AWS, arn);
        }

        /** A service principal such as {@code ec2.amazonaws.com}. */
        public Builder servicePrincipal(String service) {
            return principal(PrincipalType.SERVICE, service);
        }

        public Builder principal(PrincipalType type, String id) {
            this.principalType = Objects.requireNonNull(type);
            this.principal = type == PrincipalType.ANONYMOUS ? null : Objects.requireNonNull(id, "principal");
            return this;
        }

        public Builder anonymous() {
            return principal(PrincipalType.ANONYMOUS, null);
        }

        /** The action as {@code service:Action}, e.g. {@code s3:GetObject}. */
        public Builder action(String action) {
            this.action = action;
            return this;
        }

        public Builder resource(String arn) {
            this.resource = arn;
            return this;
        }

        public Builder key(String key, String... values) {
            return key(key, List.of(values));
        }

        public Builder key(String key, List<String> values) {
            keys.put(key.toLowerCase(Locale.ROOT), List.copyOf(values));
            return this;
        }

        public Builder keys(Map<String, List<String>> all) {
            all.forEach(this::key);
            return this;
        }

        public RequestContext build() {
            return new RequestContext(this);
        }
    }
}
