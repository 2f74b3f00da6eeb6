package io.localvpc.server.http;

import io.localvpc.api.ApiReply;
import io.localvpc.server.LocalVpc;

import java.nio.charset.StandardCharsets;

/** The page at {@code /}: what this server is and where its endpoints are (a fuller console comes later). */
final class Console {
    private Console() {
    }

    static ApiReply page(LocalVpc vpc) {
        String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>localvpc</title></head><body>"
                + "<h1>localvpc " + LocalVpc.version() + "</h1>"
                + "<p>EC2 API: <code>aws --endpoint-url " + vpc.endpoint() + " ec2 describe-vpcs</code></p>"
                + "<p>Region: " + vpc.settings().region() + ". Health: <a href=\"/_localvpc/health\">/_localvpc/health</a>. "
                + "State: <a href=\"/_localvpc/state\">/_localvpc/state</a>.</p></body></html>";
        return new ApiReply(200, "text/html;charset=UTF-8", html.getBytes(StandardCharsets.UTF_8));
    }
}
