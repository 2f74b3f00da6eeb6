package io.localvpc.dynamodb.sdk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** boto3 (Debian's python3-boto3), client and resource APIs, against the test server: the script under test resources says what it checks. */
class Boto3Test {
    @Test
    void boto3WorksAgainstTheBuiltInDynamoDb(@TempDir Path dir) throws Exception {
        RequiredTool.require("python3-boto3", "/usr/bin/python3", "-c", "import boto3");
        Path script = dir.resolve("boto3_check.py");
        try (InputStream in = Boto3Test.class.getResourceAsStream("/io/localvpc/dynamodb/boto3_check.py")) {
            Files.copy(in, script);
        }
        try (TestDynamoDb ddb = TestDynamoDb.inMemory()) {
            Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), ddb.endpoint().toString()).redirectErrorStream(true).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "boto3 script did not finish");
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), output);
            assertEquals("OK", output.strip());
        }
    }
}
