package io.localvpc.core.model;

import io.localvpc.core.state.Resource;

import java.time.Instant;
import java.util.List;

/**
 * One run of the Reachability Analyzer over a {@link NetworkInsightsPath}. The result is worked out when the
 * analysis starts, from the configuration at that moment, and kept: later changes to the network do not change
 * it, as on AWS. It shows as {@code running} until {@code completesAt}, then {@code succeeded} (or {@code failed}
 * when {@code statusMessage} says why no answer could be given); nothing runs in the background.
 */
public record NetworkInsightsAnalysis(
        String id,
        String ownerId,
        String pathId,
        Instant startedAt,
        Instant completesAt,
        List<String> filterInArns,
        List<String> filterOutArns,
        boolean failed,
        String statusMessage,
        String warningMessage,
        boolean networkPathFound,
        List<AnalysisPathComponent> forwardPathComponents,
        List<AnalysisPathComponent> returnPathComponents,
        List<AnalysisExplanation> explanations) implements Resource {

    public NetworkInsightsAnalysis {
        filterInArns = List.copyOf(filterInArns);
        filterOutArns = List.copyOf(filterOutArns);
        forwardPathComponents = List.copyOf(forwardPathComponents);
        returnPathComponents = List.copyOf(returnPathComponents);
        explanations = List.copyOf(explanations);
    }

    /** AWS's AnalysisStatus values. */
    public enum Status implements LifecycleState {
        RUNNING("running"), SUCCEEDED("succeeded"), FAILED("failed");

        private final String awsName;

        Status(String awsName) {
            this.awsName = awsName;
        }

        @Override
        public String awsName() {
            return awsName;
        }

        @Override
        public String toString() {
            return awsName;
        }
    }

    public Status status(Instant now) {
        if (now.isBefore(completesAt)) return Status.RUNNING;
        return failed ? Status.FAILED : Status.SUCCEEDED;
    }

    /** A resource named in a result: AWS's AnalysisComponent. */
    public record Component(String id, String arn) {
    }
}
