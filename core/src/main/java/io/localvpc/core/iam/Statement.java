package io.localvpc.core.iam;

import java.util.List;

/**
 * One compiled statement. It applies to a request when its action, resource and principal elements match
 * (for the Not… forms: when the request is NOT among those listed) and every condition holds.
 * Cheap tests come first: the action, then the resource, the principal, and last the conditions.
 */
public final class Statement {
    private final int index;
    private final String sid;
    private final Effect effect;
    private final PolicyWildcard[] actions;          // lower case
    private final boolean notAction;
    private final boolean allActions;
    private final Template[] resources;        // null when the statement has no Resource/NotResource
    private final boolean notResource;
    private final PrincipalSet principals;     // null when the statement has no Principal/NotPrincipal
    private final boolean notPrincipal;
    private final Condition[] conditions;
    /** The evaluation this statement gives when it decides a request; built once so deciding allocates nothing. */
    final Evaluation verdict;

    Statement(int index, String sid, Effect effect, List<PolicyWildcard> actions, boolean notAction,
              List<Template> resources, boolean notResource, PrincipalSet principals, boolean notPrincipal,
              List<Condition> conditions) {
        this.index = index;
        this.sid = sid;
        this.effect = effect;
        this.actions = actions.toArray(new PolicyWildcard[0]);
        this.notAction = notAction;
        this.allActions = !notAction && actions.stream().anyMatch(PolicyWildcard::isMatchAll);
        this.resources = resources == null ? null : resources.toArray(new Template[0]);
        this.notResource = notResource;
        this.principals = principals;
        this.notPrincipal = notPrincipal;
        this.conditions = conditions.toArray(new Condition[0]);
        this.verdict = new Evaluation(effect == Effect.DENY ? Decision.EXPLICIT_DENY : Decision.ALLOW, index, sid, effect);
    }

    /** Position in the Statement array, 0-based (0 when Statement is a single object). */
    public int index() {
        return index;
    }

    /** The Sid, or null. */
    public String sid() {
        return sid;
    }

    public Effect effect() {
        return effect;
    }

    boolean applies(RequestContext ctx) {
        return actionMatches(ctx) && resourceMatches(ctx) && principalMatches(ctx) && conditionsHold(ctx);
    }

    private boolean actionMatches(RequestContext ctx) {
        if (allActions) return true;
        String action = ctx.actionLower();
        boolean listed = false;
        for (PolicyWildcard w : actions) {
            if (w.matches(action)) {
                listed = true;
                break;
            }
        }
        return listed != notAction;
    }

    private boolean resourceMatches(RequestContext ctx) {
        if (resources == null) return true;
        String resource = ctx.resource();
        boolean listed = false;
        for (Template t : resources) {
            PolicyWildcard w = t.resolve(ctx);
            if (w == null) {
                if (notResource) return false; // an unresolvable variable never widens a NotResource
                continue;
            }
            if (w.matchesArn(resource)) {
                listed = true;
                break;
            }
        }
        return listed != notResource;
    }

    private boolean principalMatches(RequestContext ctx) {
        if (principals == null) return true;
        return notPrincipal ? !principals.exempts(ctx) : principals.matches(ctx);
    }

    private boolean conditionsHold(RequestContext ctx) {
        for (Condition c : conditions) {
            if (!c.holds(ctx)) return false;
        }
        return true;
    }
}
