package io.localvpc.dynamodb.sdk;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A program a test drives (Debian's python3 with boto3). CI installs it, so there a missing program fails the test;
 * on a developer's machine without it the test is skipped, saying what to install. (testkit's RequiredTools has the
 * same rule; this module's tests cannot reach it.)
 */
final class RequiredTool {
    private RequiredTool() {
    }

    static void require(String debianPackage, String... check) {
        boolean present;
        try {
            present = new ProcessBuilder(check).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            present = false;
        }
        if ("true".equals(System.getenv("CI"))) assertTrue(present, "CI must provide " + check[0] + " (.ci/run installs Debian's " + debianPackage + ")");
        assumeTrue(present, check[0] + " is not usable (apt-get install " + debianPackage + ")");
    }
}
