package io.localvpc.core.insights;

import io.localvpc.core.model.AnalysisExplanation;
import io.localvpc.core.model.AnalysisPathComponent;

import java.util.List;

/**
 * What an analysis found: whether the path is open, its components each way when it is, the explanations when it
 * is not. {@code failed} with a {@code statusMessage} when no answer could be given (a resource of the path is gone).
 */
public record Findings(boolean failed, String statusMessage, String warningMessage, boolean pathFound,
                       List<AnalysisPathComponent> forward, List<AnalysisPathComponent> returnPath, List<AnalysisExplanation> explanations) {

    static Findings failed(String statusMessage) {
        return new Findings(true, statusMessage, null, false, List.of(), List.of(), List.of());
    }

    static Findings found(List<AnalysisPathComponent> forward, List<AnalysisPathComponent> returnPath) {
        return new Findings(false, null, null, true, forward, returnPath, List.of());
    }

    static Findings blocked(List<AnalysisExplanation> explanations, String warningMessage) {
        return new Findings(false, null, warningMessage, false, List.of(), List.of(), explanations);
    }
}
