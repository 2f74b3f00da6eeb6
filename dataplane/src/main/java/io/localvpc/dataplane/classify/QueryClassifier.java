package io.localvpc.dataplane.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS Query protocol: {@code Action=<Operation>} and members as parameters, in the query string or a form
 * body (both are read; the service comes from the host name or the credential scope).
 */
final class QueryClassifier {

    private QueryClassifier() {
    }

    static Classification classify(Context c, String service) {
        boolean form = RequestClassifier.isForm(c.head());
        Map<String, List<String>> parameters = new LinkedHashMap<>(c.query());
        if (form && !c.body().isAbsent()) {
            FormParameters.decode(c.body()).forEach((k, v) ->
                    parameters.merge(k, v, (a, b) -> {
                        List<String> all = new ArrayList<>(a);
                        all.addAll(b);
                        return all;
                    }));
        }
        Members m = Members.form(parameters, c.body(), form);
        String operation = m.string("Action");
        if (operation == null) {
            return new Unclassifiable(service, form && c.body().isAbsent()
                    ? "a " + service + " Query request names its Action in the form body, which was not supplied "
                    + "(buffer RequestClassifier.bodyBytesWanted bytes of it)"
                    : "a " + service + " request without X-Amz-Target needs an Action parameter, and it has none");
        }
        return switch (service) {
            case Sqs.SERVICE -> Sqs.classify(c, operation, m, legacyQueueUrl(c));
            case Sns.SERVICE -> Sns.classify(c, operation, m);
            case Sts.SERVICE -> Sts.classify(c, operation, m);
            default -> {
                Classification byModel = ModelClassifier.query(c, service, operation, m);
                yield byModel != null ? byModel : new Unclassifiable(service, "no Query API model localvpc ships is reached as '" + service + "'");
            }
        };
    }

    /** SQS's older style: the queue is the request path ({@code POST /123456789012/q}). */
    private static String legacyQueueUrl(Context c) {
        String path = c.rawPath();
        return path.length() > 1 ? "https://" + c.head().host() + path : null;
    }
}
