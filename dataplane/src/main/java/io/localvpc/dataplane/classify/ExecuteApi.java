package io.localvpc.dataplane.classify;

import java.util.List;

/**
 * Calls to an API Gateway API ({@code <api-id>.execute-api.<region>.amazonaws.com}, or an interface endpoint's name
 * with the {@code x-apigw-api-id} header): {@code execute-api:Invoke} on
 * {@code arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<path>}, as API Gateway's resource policies
 * and endpoint policies name them; WebSocket connection management ({@code /<stage>/@connections/<id>}) is
 * {@code execute-api:ManageConnections}.
 */
final class ExecuteApi {

    static final String SERVICE = "execute-api";

    private ExecuteApi() {
    }

    /** The API id a host or header names, or null when the request is not an API call. */
    static String apiId(Context c, String hostService) {
        if (hostService != null && hostService.endsWith("." + SERVICE)) return hostService.substring(0, hostService.length() - SERVICE.length() - 1);
        return SERVICE.equals(hostService) ? c.header("x-apigw-api-id") : null;
    }

    static Classification classify(Context c, String apiId) {
        String path = c.rawPath().startsWith("/") ? c.rawPath().substring(1) : c.rawPath();
        int slash = path.indexOf('/');
        String stage = slash < 0 ? path : path.substring(0, slash);
        String rest = slash < 0 ? "" : path.substring(slash + 1);
        if (stage.isEmpty()) return new Unclassifiable(SERVICE, "an API Gateway call names its stage as the first path segment, and " + c.rawPath() + " has none");
        String method = c.head().method().name();
        boolean connections = rest.startsWith("@connections/") || rest.equals("@connections");
        String operation = connections ? "ManageConnections" : "Invoke";
        String arn = ResourceArns.of(SERVICE, c.region(), c.resourceAccount(), apiId + "/" + stage + "/" + method + "/" + rest);
        return c.classified(SERVICE, operation, SERVICE + ":" + operation, List.of(arn), new ConditionKeys());
    }
}
