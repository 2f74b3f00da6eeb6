package io.localvpc.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Builds the Go clients of the suite offline from Debian's packaged AWS SDK for Go v2
 * (golang-github-aws-aws-sdk-go-v2-dev under /usr/share/gocode): GOPATH mode, no module proxy, so nothing is
 * downloaded. The build cache is Go's usual one, so only the first build on a machine compiles the SDK.
 */
final class GoClients {
    static final Path SDK = Path.of("/usr/share/gocode/src/github.com/aws/aws-sdk-go-v2/service/ec2");

    private GoClients() {
    }

    static void require() {
        RequiredTools.require("go", "golang-go", "version");
        RequiredTools.require("test", "golang-github-aws-aws-sdk-go-v2-dev", "-d", SDK.toString());
    }

    /** Builds clients/{name} into testkit/target/clients/{name} and returns the binary. */
    static Path build(String name) throws Exception {
        Path binary = Path.of("target", "clients", name).toAbsolutePath();
        Files.createDirectories(binary.getParent());
        ClientProcess.Result built = ClientProcess.run(List.of("go", "build", "-o", binary.toString(), "./" + name), ClientProcess.CLIENTS,
                java.net.URI.create("http://127.0.0.1:0"),
                Map.of("GO111MODULE", "off", "GOPATH", "/usr/share/gocode", "GOFLAGS", "", "GOPROXY", "off", "CGO_ENABLED", "0"), 600);
        assertEquals(0, built.exit(), "go build ./" + name + " failed\n" + built.both());
        return binary;
    }
}
