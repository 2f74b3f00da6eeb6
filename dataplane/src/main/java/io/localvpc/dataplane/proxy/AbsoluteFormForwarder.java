package io.localvpc.dataplane.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.util.ReferenceCountUtil;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Forwards absolute-form requests ({@code GET http://host:port/path HTTP/1.1}) of one workload connection in
 * origin form ({@code GET /path}). Requests to the same identity and destination reuse one target connection
 * (asked of the policy once); a request for another destination replaces it. Responses are relayed back as raw
 * bytes, unparsed, so the target connection closing also ends the workload connection.
 */
final class AbsoluteFormForwarder {
    private final ChannelHandlerContext ctx;
    private final Channel workload;
    private final Gate gate;
    private final Queue<Object> pending = new ArrayDeque<>();
    private Channel upstream;
    private ResponseRelay responses;
    private String upstreamKey;
    private boolean connecting;
    private boolean refused;
    private boolean inputEnded;

    AbsoluteFormForwarder(ChannelHandlerContext ctx, Gate gate) {
        this.ctx = ctx;
        this.workload = ctx.channel();
        this.gate = gate;
    }

    boolean hasUpstream() {
        return upstream != null && upstream.isActive();
    }

    /** Whether a target connection is open or being opened (requests may be on their way to it). */
    boolean hasOrAwaitsUpstream() {
        return connecting || hasUpstream();
    }

    void request(HttpRequest request) {
        if (refused) return;
        URI uri;
        try {
            uri = new URI(request.uri());
        } catch (URISyntaxException e) {
            uri = null;
        }
        MetadataPath metadata = uri == null ? null : MetadataPath.parse(uri, workload.localAddress());
        if (metadata != null) {
            forward(request, metadata.identity(), MetadataPath.ADDRESS, MetadataPath.PORT, metadata.originForm(request));
            return;
        }
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
            fail("localvpc's workload proxy takes CONNECT host:port or absolute-form requests (GET http://host/path),"
                    + " not '" + request.uri() + "'");
            return;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            fail("absolute-form requests must be http://; for " + uri.getScheme() + ":// use CONNECT");
            return;
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        forward(request, ProxyAuthorization.user(request.headers()), host, port, originForm(request, uri));
    }

    private void forward(HttpRequest request, String identity, String host, int port, HttpRequest originForm) {
        String key = identity + " " + host + ":" + port;
        if (key.equals(upstreamKey) && (connecting || hasUpstream())) {
            send(originForm);
            return;
        }
        ConnectionDecision decision = gate.decide(identity, host, port, ProxyProtocol.HTTP_FORWARD, workload.remoteAddress());
        if (decision instanceof ConnectionDecision.Refuse refuse) {
            refused = true;
            HttpRefusals.send(ctx, identity, refuse);
            return;
        }
        ConnectionDecision.Deliver deliver = (ConnectionDecision.Deliver) decision;
        close();
        upstreamKey = key;
        connecting = true;
        pending.add(originForm);
        workload.config().setAutoRead(false);
        ProxiedConnection connection = gate.open(new ConnectRequest(identity, host, port, ProxyProtocol.HTTP_FORWARD),
                deliver, workload.remoteAddress());
        ResponseRelay relay = new ResponseRelay(ctx.pipeline().context("http-encoder"), workload);
        responses = relay;
        ChannelFuture f = Upstream.connect(workload, gate, connection,
                deliver.inProcess() == null ? null : deliver.inProcess().greeting(), new HttpRequestEncoder(), relay);
        upstream = f.channel();
        f.addListener((ChannelFutureListener) done -> {
            if (relay != responses) return; // replaced meanwhile
            connecting = false;
            if (!done.isSuccess()) {
                drop();
                refused = true;
                HttpRefusals.send(ctx, identity, new ConnectionDecision.Refuse(Upstream.refusalFor(done.cause()),
                        "connecting to " + deliver.target() + " (" + host + ":" + port + ") failed: "
                                + done.cause().getMessage()));
                return;
            }
            ProxyInitializer.handshakeDone(workload);
            while (!pending.isEmpty()) upstream.write(pending.poll());
            upstream.flush();
            if (inputEnded) endUpstreamOutput();
            upstream.config().setAutoRead(true);
            workload.config().setAutoRead(upstream.isWritable());
        });
    }

    void content(HttpContent content) {
        if (refused || upstream == null) {
            ReferenceCountUtil.release(content);
            return;
        }
        send(content);
    }

    private void send(Object msg) {
        if (connecting) {
            pending.add(msg);
            return;
        }
        upstream.writeAndFlush(msg);
        if (!upstream.isWritable()) workload.config().setAutoRead(false);
    }

    /**
     * The workload ended its side: the target is told the same after the requests before it, so it answers them
     * and then closes, which ends the workload connection too.
     */
    void inputEnded() {
        inputEnded = true;
        if (!connecting) endUpstreamOutput();
    }

    private void endUpstreamOutput() {
        if (upstream instanceof io.netty.channel.socket.SocketChannel socket && socket.isActive()) {
            socket.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(f -> socket.shutdownOutput());
        } else if (upstream instanceof io.netty.channel.local.LocalChannel local && local.isActive()) {
            // An in-process connection has no half-close of its own: the event itself is passed as a message.
            local.writeAndFlush(io.netty.channel.socket.ChannelInputShutdownEvent.INSTANCE);
        } else if (upstream != null) {
            upstream.close();
        }
    }

    void workloadWritabilityChanged() {
        if (upstream != null && workload.isWritable()) upstream.config().setAutoRead(true);
    }

    /** Lets go of the current target connection without ending the workload connection. */
    void close() {
        drop();
        if (responses != null) responses.detach();
        if (upstream != null) upstream.close();
        upstream = null;
        responses = null;
        upstreamKey = null;
        connecting = false;
    }

    private void drop() {
        while (!pending.isEmpty()) ReferenceCountUtil.release(pending.poll());
    }

    private void fail(String why) {
        refused = true;
        HttpRefusals.badRequest(ctx, why);
    }

    private static HttpRequest originForm(HttpRequest request, URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
        HttpHeaders headers = request.headers().copy();
        headers.remove(HttpHeaderNames.PROXY_AUTHORIZATION);
        headers.remove("Proxy-Connection");
        if (!headers.contains(HttpHeaderNames.HOST)) headers.set(HttpHeaderNames.HOST, uri.getRawAuthority());
        return new DefaultHttpRequest(request.protocolVersion(), request.method(), path, headers);
    }
}
