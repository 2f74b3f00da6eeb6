package io.localvpc.testkit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ansible's stock amazon.aws modules (Debian's ansible and python3-boto3, run by Debian's /usr/bin/python3)
 * build clients/ansible/endpoints.yml against a real localvpc, run it a second time (which must change
 * nothing), then tear it down with state=absent.
 */
@ExtendWith(LocalVpcExtension.class)
class AnsibleClientTest {
    private static final Path PLAYBOOK = Path.of("/usr/bin/ansible-playbook");
    private static final Pattern RECAP = Pattern.compile("localhost\\s+:\\s+ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)");

    @BeforeAll
    static void needsAnsible() {
        RequiredTools.require(PLAYBOOK.toString(), "ansible", "--version");
        RequiredTools.require("/usr/bin/python3", "python3-boto3", "-c", "import boto3");
    }

    private static ClientProcess.Result play(URI endpoint, String playbook) throws Exception {
        // Debian's interpreter explicitly: a pyenv or virtualenv python first on PATH has no boto3 of Debian's.
        return ClientProcess.run(List.of("/usr/bin/python3", PLAYBOOK.toString(), playbook), ClientProcess.CLIENTS.resolve("ansible"), endpoint,
                Map.of("ANSIBLE_CONFIG", ClientProcess.CLIENTS.resolve("ansible/ansible.cfg").toString(), "ANSIBLE_NOCOLOR", "1",
                        "ANSIBLE_LOCAL_TEMP", System.getProperty("java.io.tmpdir") + "/ansible-local",
                        "PATH", "/usr/bin:/bin"), 300);
    }

    private static int[] recap(ClientProcess.Result r) {
        Matcher m = RECAP.matcher(r.stdout());
        assertTrue(m.find(), "no PLAY RECAP\n" + r.both());
        return new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))};
    }

    @Test
    void thePlaybookBuildsTheNetworkIsIdempotentAndTearsDown(URI endpoint) throws Exception {
        ClientProcess.Result first = play(endpoint, "endpoints.yml");
        assertEquals(0, first.exit(), first.both());
        assertTrue(recap(first)[1] > 0, "the first run changed nothing\n" + first.both());

        ClientProcess.Result second = play(endpoint, "endpoints.yml");
        assertEquals(0, second.exit(), second.both());
        assertEquals(0, recap(second)[1], "the second run must report changed=0\n" + second.both());

        ClientProcess.Result teardown = play(endpoint, "teardown.yml");
        assertEquals(0, teardown.exit(), teardown.both());
        assertEquals(0, recap(teardown)[3], teardown.both());
    }
}
