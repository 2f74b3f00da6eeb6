package io.localvpc.dynamodb.expr;

import java.util.ArrayList;
import java.util.List;

/** Turns a ProjectionExpression into the paths it names, refusing reserved words, undefined names and overlapping paths as DynamoDB does. */
public final class ProjectionCompiler {
    private ProjectionCompiler() {
    }

    /** @throws ExpressionProblem with DynamoDB's message (without "Invalid ProjectionExpression: ") */
    public static List<DocumentPath> compile(String expression, ExpressionAttributes attributes) {
        if (expression.isEmpty()) throw new ExpressionProblem("The expression can not be empty;");
        Syntax.Projection p = ExpressionParser.projection(expression);
        SyntaxChecks.noReservedWords(p);
        SyntaxChecks.placeholdersDefined(p, attributes);
        List<DocumentPath> paths = new ArrayList<>();
        for (Syntax.Path path : p.paths()) paths.add(SyntaxChecks.resolve(path, attributes));
        PathOverlaps.check(paths);
        return paths;
    }
}
