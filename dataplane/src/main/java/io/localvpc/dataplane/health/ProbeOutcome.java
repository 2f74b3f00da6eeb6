package io.localvpc.dataplane.health;

/** What one health check found: passed, or failed with AWS's reason code and a sentence saying why. */
record ProbeOutcome(boolean passed, String reason, String description) {
    static final ProbeOutcome PASSED = new ProbeOutcome(true, null, null);

    static ProbeOutcome failed(String reason, String description) {
        return new ProbeOutcome(false, reason, description);
    }

    static ProbeOutcome timedOut(String why) {
        return failed("Target.Timeout", "Request timed out" + (why == null ? "" : ": " + why));
    }
}
