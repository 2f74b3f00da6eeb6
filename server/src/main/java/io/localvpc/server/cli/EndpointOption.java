package io.localvpc.server.cli;

import picocli.CommandLine.Option;

/** The {@code --endpoint} option shared by the commands that talk to a running localvpc. */
final class EndpointOption {
    @Option(names = "--endpoint", description = "URL of the running localvpc (env LOCALVPC_ENDPOINT, default http://127.0.0.1:$LOCALVPC_PORT or :4580).",
            defaultValue = "${env:LOCALVPC_ENDPOINT:-}")
    String endpoint;

    String url() {
        if (endpoint != null && !endpoint.isBlank()) return endpoint;
        String port = System.getenv("LOCALVPC_PORT");
        return "http://127.0.0.1:" + (port == null || port.isBlank() ? "4580" : port);
    }

    AdminClient client() {
        return new AdminClient(url());
    }
}
