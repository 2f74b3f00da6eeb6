package io.localvpc.testkit;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Command-line tools some end-to-end tests drive (the AWS CLI, dig). CI installs them, so there a missing
 * tool fails the test; on a developer's machine without it the test is skipped, saying which tool.
 */
final class RequiredTools {
    private RequiredTools() {
    }

    static void require(String tool, String debianPackage, String... versionArgs) {
        boolean present;
        try {
            String[] cmd = new String[versionArgs.length + 1];
            cmd[0] = tool;
            System.arraycopy(versionArgs, 0, cmd, 1, versionArgs.length);
            present = new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            present = false;
        }
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(present, "CI must provide " + tool + " (.ci/run installs Debian's " + debianPackage + ")");
        }
        assumeTrue(present, tool + " is not installed (apt-get install " + debianPackage + ")");
    }
}
