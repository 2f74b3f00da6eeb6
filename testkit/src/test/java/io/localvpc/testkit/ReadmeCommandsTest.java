package io.localvpc.testkit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shell block of the README, run in order in one bash session by the Debian AWS CLI and the localvpc CLI
 * against a real localvpc, as a newcomer would paste them. A command followed by {@code # → text} must print
 * that text ("…" stands for anything). The one block not run here is "Two commands": {@code ./mvnw -B verify}
 * is what runs this test, and {@code ./localvpc up} is replaced by the server the extension starts (its port
 * is given to the CLI as LOCALVPC_ENDPOINT and replaces 4580 in the commands).
 */
@ExtendWith(LocalVpcExtension.class)
class ReadmeCommandsTest {
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final String EXPECT = "# → ";

    @BeforeAll
    static void needsTheTools() {
        RequiredTools.require("/usr/bin/aws", "awscli", "--version");
        RequiredTools.require("curl", "curl", "--version");
        RequiredTools.require("/usr/bin/python3", "python3-boto3", "-c", "import boto3");
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The README's runnable blocks as one bash script, each expectation turned into a check of the command's output. */
    static String script(String readme, URI endpoint) {
        StringBuilder sb = new StringBuilder("""
                set -euo pipefail
                aws() { /usr/bin/aws "$@"; }
                ./localvpc() { "$LOCALVPC_JAVA" -cp "$LOCALVPC_CP" io.localvpc.server.cli.Main "$@"; }
                __expect() {
                  local out="$1" want="$2"; shift 2
                  for f in "$@"; do
                    case "$out" in
                      *"$f"*) out="${out#*"$f"}" ;;
                      *) printf 'README says this prints "%s"; the part "%s" is missing\\n' "$want" "$f" >&2; exit 1 ;;
                    esac
                  done
                }
                """);
        Matcher m = SH_BLOCK.matcher(readme);
        int blocks = 0;
        while (m.find()) {
            String block = m.group(1).replace("\\\n", " ");
            if (block.contains("./mvnw -B verify")) continue;
            blocks++;
            for (String line : block.split("\n")) {
                line = line.replace("http://127.0.0.1:4580", endpoint.toString());
                int at = line.indexOf(EXPECT);
                if (at < 0) {
                    sb.append(line).append('\n');
                    continue;
                }
                String command = line.substring(0, at).strip();
                String want = line.substring(at + EXPECT.length()).strip();
                List<String> parts = new ArrayList<>();
                for (String part : want.split("…")) if (!part.isBlank()) parts.add(quote(part.strip()));
                sb.append("printf '$ %s\\n' ").append(quote(command)).append('\n')
                        .append("__out=$(").append(command).append(" 2>&1) || true\n")
                        .append("printf '%s\\n' \"$__out\"\n")
                        .append("__expect \"$__out\" ").append(quote(want)).append(' ').append(String.join(" ", parts)).append('\n');
            }
        }
        assertTrue(blocks >= 4, "found only " + blocks + " runnable sh blocks in README.md");
        return sb.append("echo README-COMMANDS-OK\n").toString();
    }

    @Test
    void everyReadmeCommandRunsAndPrintsWhatTheReadmeShows(URI endpoint, @TempDir Path work) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Path script = work.resolve("readme.sh");
        Files.writeString(script, script(readme, endpoint));
        // The file the README copies into S3.
        Files.writeString(work.resolve("report.csv"), "region,total\nus-east-1,42\n");
        ClientProcess.Result r = ClientProcess.run(List.of("bash", script.toString()), work, endpoint, Map.of(
                "LOCALVPC_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "LOCALVPC_CP", System.getProperty("java.class.path"),
                "PATH", "/usr/bin:/bin", "LANG", "C.UTF-8",
                "AWS_RETRY_MODE", "standard", "AWS_MAX_ATTEMPTS", "2"), 300);
        assertEquals(0, r.exit(), "a README command failed or printed something else\n" + r.both());
        assertTrue(r.stdout().contains("README-COMMANDS-OK"), r.both());
    }
}
