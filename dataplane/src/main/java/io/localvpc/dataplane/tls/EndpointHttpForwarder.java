package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.BackendRouter;
import io.localvpc.dataplane.backend.InProcessHttp;
import io.localvpc.dataplane.backend.ServiceBackend;
import io.localvpc.dataplane.route.AwsHost;
import io.localvpc.dataplane.route.InvalidS3Address;
import io.localvpc.dataplane.route.S3Names;
import io.localvpc.dataplane.route.ServiceRoute;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;

/**
 * Forwards the HTTP requests of one client connection to their backends, streaming bodies both ways: request
 * content goes out chunk by chunk as it is decoded, response content comes back the same way, and reads pause on
 * whichever side is ahead, so an object of any size crosses with bounded memory.
 *
 * <p>The backend is the connection's {@link ServiceRoute}, settled once (a request whose {@code Host} names another
 * service is refused). Per request: the {@link RequestGuard} sees the head, and only then is {@code 100 Continue}
 * answered (here, not by the backend: a refused upload never sends its body). Backend connections come from
 * {@link BackendConnections} and go back to it once a request is answered whole. Requests are taken one at a time, so
 * answers go out in the order of the requests whether the backend or the front makes them.
 */
final class EndpointHttpForwarder extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger("localvpc.endpoint");

    private final BackendRouter router;
    private final RequestGuard guard;
    private final String sniHostName;
    private final BackendConnections connections;
    /** The backend connection can serve another request once this one is answered (it did not say it closes). */
    private boolean upstreamReusable;

    private ChannelHandlerContext ctx;
    private Channel upstream;
    private ServiceBackend upstreamBackend;
    /** The error format of the backend connected to, for answers when it fails. */
    private String upstreamFormat = ServiceErrors.QUERY;
    private boolean connecting;
    private final Queue<Object> pending = new ArrayDeque<>();
    /**
     * The request being served in process ({@link ServiceBackend.Protocol#IN_PROCESS}), until it is answered and its
     * body is read whole; null otherwise. A connection's requests go either here or to {@code upstream}, never both:
     * its route names one backend.
     */
    private InProcessExchange exchange;

    /** Where the current request's body goes: to the backend, nowhere (it was answered here), or to the front itself. */
    private enum BodyGoes { FORWARD, DISCARD, SERVE, INSPECT }

    private BodyGoes bodyGoes = BodyGoes.FORWARD;
    /** A request answered here, its body being gathered ({@link BodyGoes#SERVE}); null otherwise. */
    private ServedBody served;
    /** A request whose first body bytes are held for its guard ({@link BodyGoes#INSPECT}, or its verdict to come); null otherwise. */
    private InspectedBody inspected;
    /** A request's head has come and the rest of its body is still owed. */
    private boolean readingRequest;
    /** The head of the request whose body is being read, for answering when it breaks off. */
    private HttpRequest currentRequest;
    /** Requests forwarded whose response has not ended yet. */
    private int awaitingResponses;
    /** The current response's head has been relayed to the client. */
    private boolean responseStarted;
    /** Close the client connection when the current response ends. */
    private boolean closeAfterResponse;
    /** The client has ended its side (TCP half-close): close once every request it sent is answered. */
    private boolean inputEnded;
    /**
     * Waiting for a verdict or an answer made off the event loop ({@link RequestVerdict.Later}, {@link RequestVerdict.Serve}): what
     * the client sends meanwhile is held, in order, and read once it is given.
     */
    private boolean waiting;
    /** Inside a read from the client: what is forwarded now is flushed when the read ends. */
    private boolean inRead;
    private final Queue<Object> heldInput = new ArrayDeque<>();

    EndpointHttpForwarder(BackendRouter router, RequestGuard guard, String sniHostName, BackendConnections connections) {
        this.router = router;
        this.guard = guard;
        this.sniHostName = sniHostName;
        this.connections = connections;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inRead = false;
        if (upstream != null) upstream.flush();
        ctx.fireChannelReadComplete();
    }

    /**
     * Requests are taken one at a time: the next one is read only once the answer to the one before has been sent
     * whole (forwarded answers included), so answers go out in the order of the requests however they are made.
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inRead = true;
        if (waiting || !heldInput.isEmpty() || (msg instanceof HttpRequest && awaitingResponses > 0)) {
            heldInput.add(msg);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        read(msg);
    }

    /** Reads what was held while an answer was outstanding, in order, as far as the answers allow. */
    private void readHeld() {
        while (!waiting && !heldInput.isEmpty() && ctx.channel().isActive()) {
            if (heldInput.peek() instanceof HttpRequest && awaitingResponses > 0) return;
            read(heldInput.poll());
        }
        if (waiting || !heldInput.isEmpty() || !ctx.channel().isActive()) return;
        if (!connecting && (upstream == null || upstream.isWritable()) && (exchange == null || exchange.takesMore())) {
            ctx.channel().config().setAutoRead(true);
        }
        if (inputEnded && awaitingResponses == 0 && served == null && inspected == null) ctx.close();
    }

    private void read(Object msg) {
        if (msg instanceof HttpRequest request) {
            bodyGoes = BodyGoes.FORWARD;
            currentRequest = request;
            readingRequest = !(msg instanceof LastHttpContent);
            onHead(request);
        }
        if (msg instanceof HttpContent content && !(msg instanceof HttpRequest) && content.decoderResult().isFailure()) {
            // The body broke off (the client ended its side mid-body, or its chunking is malformed): the request
            // cannot be completed, so neither connection can carry another.
            LOG.log(System.Logger.Level.DEBUG, "request body from " + ctx.channel().remoteAddress() + " broke off: "
                    + content.decoderResult().cause());
            content.release();
            if (upstream != null) upstream.close();
            abandonExchange();
            if (currentRequest != null && !responseStarted && ctx.channel().isActive()) {
                dropBodies();
                awaitingResponses = 0;
                reply(toResponse(ServiceErrors.error(errorFormat(currentRequest), HttpResponseStatus.BAD_REQUEST, "IncompleteBody",
                        "The request body ended before its declared length, or its chunked encoding is malformed."),
                        currentRequest.method()), true);
            } else {
                ctx.close();
            }
            return;
        }
        if (msg instanceof LastHttpContent) readingRequest = false;
        if (msg instanceof HttpContent content) {
            switch (bodyGoes) {
                case SERVE -> collect(content);
                case INSPECT -> {
                    if (inspected.hold(content)) decideInspected();
                }
                case DISCARD -> {
                    if (content instanceof LastHttpContent) bodyGoes = BodyGoes.FORWARD;
                    content.release();
                }
                case FORWARD -> {
                    forward(content);
                    if (content instanceof LastHttpContent) {
                        giveBackUpstreamIfDone();
                        dropExchangeIfDone();
                    }
                }
            }
        }
    }

    private void onHead(HttpRequest request) {
        String problem = FrontRequestProblems.of(request);
        if (problem != null) {
            // Answered in the format of the service the connection was for (by SNI or Host), then closed: where a
            // malformed request ends, and so where the next one would start, cannot be known.
            answer(request, toResponse(FrontRequestProblems.answer(request, problem, errorFormat(request)), request.method()), true);
            return;
        }
        String requestHost = hostHeader(request);
        ServiceRoute route = route(requestHost);
        if (route == null) {
            answer(request, toResponse(ServiceErrors.error(errorFormat(request), HttpResponseStatus.BAD_REQUEST, "InvalidRequest",
                    "No AWS service that localvpc plays answers for the host '" + requestHost + "' at this endpoint"), request.method()), false);
            return;
        }
        String host = requestHost == null ? route.host() : requestHost;
        ServiceBackend backend = route.backend();
        if (!host.equals(route.host()) && router.route(host).orElse(null) != backend) {
            // The path engine decided this connection for one service; another is reached by a connection of its own.
            answer(request, toResponse(ServiceErrors.error(errorFormat(request), HttpResponseStatus.BAD_REQUEST, "InvalidRequest",
                    "This connection was opened to " + route.host() + " (" + backend.name() + "); the host '" + host
                            + "' is not served on it. Open a connection to that host."), request.method()), false);
            return;
        }
        if (backend.protocol() == ServiceBackend.Protocol.TCP) {
            answer(request, toResponse(ServiceErrors.error(ServiceErrors.QUERY, HttpResponseStatus.BAD_REQUEST, "InvalidRequest",
                    backend.name() + " does not speak HTTP; connect with TLS SNI '" + host + "' and send its own protocol"), request.method()), true);
            return;
        }
        S3Names s3;
        try {
            s3 = s3Names(request, route.awsHost(host), backend);
        } catch (InvalidS3Address e) {
            answer(request, toResponse(ServiceErrors.error(ServiceErrors.S3, HttpResponseStatus.BAD_REQUEST, e.code(), e.getMessage()),
                    request.method()), false);
            return;
        }
        RequestVerdict verdict;
        try {
            verdict = guard.inspect(new RequestHead(sniHostName, host, ctx.channel().remoteAddress(),
                    request.method(), request.uri(), request.headers(), backend, route.origin(), s3));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "request guard failed on " + request.method() + " " + request.uri(), e);
            answer(request, toResponse(internalError(request), request.method()), false);
            return;
        }
        decided(request, backend, s3, verdict);
    }

    /** Acts on the guard's verdict for a request head. */
    private void decided(HttpRequest request, ServiceBackend backend, S3Names s3, RequestVerdict verdict) {
        if (verdict instanceof RequestVerdict.Later later) {
            await(later.verdict(), v -> decided(request, backend, s3, v), () -> decided(request, backend, s3, internalError(request)));
            return;
        }
        if (verdict instanceof RequestVerdict.Refuse refuse) {
            answer(request, toResponse(refuse, request.method()), false);
            return;
        }
        if (verdict instanceof RequestVerdict.Serve serve) {
            continueIfExpected(request);
            served = new ServedBody(serve, request, ctx.alloc());
            bodyGoes = BodyGoes.SERVE;
            return;
        }
        if (verdict instanceof RequestVerdict.Inspect inspect) {
            continueIfExpected(request);
            inspected = new InspectedBody(inspect, request, backend, s3, ctx.alloc());
            bodyGoes = BodyGoes.INSPECT;
            return;
        }
        proceed(request, backend, s3);
    }

    /**
     * Waits for work done off the event loop without holding the loop: the connection reads nothing meanwhile (what
     * was already read is held in order), and {@code then} runs on the loop when the work is done, then what was held
     * is read.
     */
    private <T> void await(java.util.concurrent.CompletionStage<T> work, java.util.function.Consumer<T> then, Runnable failed) {
        waiting = true;
        ctx.channel().config().setAutoRead(false);
        work.whenComplete((result, failure) -> ctx.executor().execute(() -> {
            if (!ctx.channel().isActive()) return;
            waiting = false;
            if (failure != null || result == null) {
                LOG.log(System.Logger.Level.WARNING, "work for " + ctx.channel().remoteAddress() + " failed", failure);
                failed.run();
            } else {
                then.accept(result);
            }
            readHeld();
        }));
    }

    /**
     * The bucket and key an S3 request names, read once here for the policies and the embedded S3 alike; null for
     * other services.
     */
    private static S3Names s3Names(HttpRequest request, AwsHost aws, ServiceBackend backend) {
        if (!ServiceErrors.S3.equals(backend.errorFormat()) && !"s3".equals(aws.service())) return null;
        String uri = request.uri();
        int q = uri.indexOf('?');
        return S3Names.read(aws, request.method().name(), q < 0 ? uri : uri.substring(0, q), request.headers().get("x-amz-copy-source"));
    }

    /** The body is needed before the backend sees the request: answer 100 Continue here. */
    private void continueIfExpected(HttpRequest request) {
        if (HttpUtil.is100ContinueExpected(request)) {
            request.headers().remove(HttpHeaderNames.EXPECT);
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
        }
    }

    /** Enough of an inspected request's body is in (or all of it): the guard decides. */
    private void decideInspected() {
        InspectedBody body = inspected;
        bodyGoes = BodyGoes.FORWARD; // until the verdict says otherwise; nothing more of the body is read before it
        RequestVerdict verdict;
        try {
            verdict = body.inspect.then().apply(body.firstBytes());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "request guard failed on " + body.request.method() + " " + body.request.uri(), e);
            verdict = internalError(body.request);
        }
        inspected(body, verdict);
    }

    /** Acts on the verdict on an inspected request: its held parts go on to the backend, or are dropped. */
    private void inspected(InspectedBody body, RequestVerdict verdict) {
        if (verdict instanceof RequestVerdict.Later later) {
            // the held parts stay with the request (released with the connection should it close meanwhile)
            await(later.verdict(), v -> inspected(body, v), () -> inspected(body, internalError(body.request)));
            return;
        }
        inspected = null;
        boolean ended = body.ended();
        java.util.List<HttpContent> parts = body.takeHeld();
        body.release();
        if (verdict instanceof RequestVerdict.Allow) {
            proceed(body.request, body.backend, body.s3);
            for (HttpContent c : parts) forward(c);
            return;
        }
        parts.forEach(HttpContent::release);
        RequestVerdict.Refuse refuse = verdict instanceof RequestVerdict.Refuse r ? r : internalError(body.request);
        answer(body.request, toResponse(refuse, body.request.method()), false);
        if (ended) bodyGoes = BodyGoes.FORWARD;
    }

    /** Sends an allowed request on to its backend. */
    private void proceed(HttpRequest request, ServiceBackend backend, S3Names s3) {
        if (HttpUtil.is100ContinueExpected(request)) {
            request.headers().remove(HttpHeaderNames.EXPECT);
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
        }
        closeAfterResponse = !HttpUtil.isKeepAlive(request);
        ServiceRoute route = ctx.channel().attr(ServiceRoute.KEY).get();
        HttpRequest prepared = backend.prepare(request, s3, route == null ? null : route.origin());
        awaitingResponses++;
        responseStarted = false;
        if (backend.protocol() == ServiceBackend.Protocol.IN_PROCESS) {
            serveInProcess(backend, prepared);
        } else if (upstreamBackend == backend && (connecting || (upstream != null && upstream.isActive()))) {
            forward(prepared);
        } else {
            connect(backend);
            forward(prepared);
        }
    }

    /**
     * Hands the request to the service that plays the backend in this process, once a short body is in whole (a long
     * one follows through {@link #forward} as it comes). The service answers on its own thread, or, for a short
     * request it answers from memory without waiting, on this event loop before the call returns. A backend still
     * starting (the embedded S3 at first) is waited for without holding the event loop; meanwhile the body is held (up
     * to {@link InProcessExchange#BODY_AHEAD}).
     */
    private void serveInProcess(ServiceBackend backend, HttpRequest request) {
        giveBackUpstream();
        upstreamFormat = backend.errorFormat();
        ctx.channel().config().setWriteBufferWaterMark(InProcessExchange.ANSWER_MARKS);
        InProcessExchange started = new InProcessExchange(this, ctx.channel());
        exchange = started;
        java.util.concurrent.CompletableFuture<InProcessHttp> ready = backend.inProcess().toCompletableFuture();
        boolean streamed = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > InProcessExchange.WHOLE_BODY;
        Runnable start = () -> startInProcess(started, backend, request, ready, !streamed);
        Runnable whenReady = streamed ? start : () -> started.startWithWholeBody(start);
        if (ready.isDone()) {
            whenReady.run();
        } else {
            ready.whenComplete((service, failure) -> ctx.executor().execute(() -> {
                if (exchange == started && ctx.channel().isActive()) whenReady.run();
            }));
        }
    }

    private void startInProcess(InProcessExchange started, ServiceBackend backend, HttpRequest request,
                                java.util.concurrent.CompletableFuture<InProcessHttp> ready, boolean bodyHeld) {
        InProcessHttp service;
        try {
            service = ready.join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            abandonExchange();
            unreachable(backend, e.getCause() == null ? e : e.getCause());
            return;
        }
        if (service.serve(request, started.body(), started, bodyHeld)) return;
        // Every one of the service's threads is busy: S3's answer to a client that asks too much at once.
        LOG.log(System.Logger.Level.INFO, backend.name() + " is serving as many requests as it can; answered 503 SlowDown");
        abandonExchange();
        awaitingResponses = 0;
        bodyGoes = readingRequest ? BodyGoes.DISCARD : BodyGoes.FORWARD;
        reply(toResponse(ServiceErrors.error(upstreamFormat, HttpResponseStatus.SERVICE_UNAVAILABLE, "SlowDown", "Please reduce your request rate."),
                request.method()), !HttpUtil.isKeepAlive(request));
    }

    /** The request served in process is given up (its client is gone, or its body broke off): its service stops. */
    private void abandonExchange() {
        if (exchange == null) return;
        exchange.abandon();
        exchange = null;
    }

    /** The request served in process is answered and its body read whole: the exchange has nothing more to carry. */
    private void dropExchangeIfDone() {
        if (exchange != null && exchange.answered() && !readingRequest) exchange = null;
    }

    /** The client sent nothing for the idle timeout. */
    private void timedOut() {
        if (readingRequest && currentRequest != null) {
            // A body shorter than its Content-Length, or a chunked body that stopped: S3's answer, then close.
            LOG.log(System.Logger.Level.DEBUG, "request body from " + ctx.channel().remoteAddress() + " timed out");
            if (upstream != null) upstream.close();
            abandonExchange();
            if (!responseStarted) {
                dropBodies();
                awaitingResponses = 0;
                reply(toResponse(ServiceErrors.error(errorFormat(currentRequest), HttpResponseStatus.BAD_REQUEST, "RequestTimeout",
                        "Your socket connection to the server was not read from or written to within the timeout period."
                                + " Idle connections will be closed."), currentRequest.method()), true);
            } else {
                ctx.close();
            }
        } else if (awaitingResponses == 0 && !waiting) {
            ctx.close(); // idle between requests, or a request head that never finished
        }
        // otherwise the client is waiting for a response: nothing is owed by it
    }

    /** AWS's answer when localvpc itself failed: the details go to the log, not to the client. */
    private RequestVerdict.Refuse internalError(HttpRequest request) {
        return ServiceErrors.error(errorFormat(request), HttpResponseStatus.INTERNAL_SERVER_ERROR, "InternalError",
                "We encountered an internal error. Please try again.");
    }

    /** The error format of the service this request is for: S3's, else the JSON or Query protocol's. */
    private String errorFormat(HttpRequest request) {
        ServiceRoute route = ctx.channel().attr(ServiceRoute.KEY).get();
        Optional<ServiceBackend> backend = route != null ? Optional.of(route.backend())
                : Optional.ofNullable(sniHostName != null ? sniHostName : hostHeader(request)).flatMap(router::route);
        if (backend.isPresent() && backend.get().errorFormat().equals(ServiceErrors.S3)) return ServiceErrors.S3;
        return request.headers().contains("X-Amz-Target") ? ServiceErrors.JSON : ServiceErrors.QUERY;
    }

    /**
     * The connection's route: as the path engine settled it, or, for a connection no path engine delivered (a test's
     * listener), from the TLS SNI name or else the first request's {@code Host}, settled then for the connection.
     */
    private ServiceRoute route(String requestHost) {
        ServiceRoute route = ctx.channel().attr(ServiceRoute.KEY).get();
        if (route != null) return route;
        String host = sniHostName != null ? sniHostName.toLowerCase(Locale.ROOT) : requestHost;
        Optional<ServiceBackend> backend = host == null ? Optional.empty() : router.route(host);
        if (backend.isEmpty()) return null;
        route = ServiceRoute.of(backend.get(), host, null);
        ctx.channel().attr(ServiceRoute.KEY).set(route);
        return route;
    }

    /** {@code Host} without its port, lower case; null when the request has none. */
    private static String hostHeader(HttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host == null || host.isBlank()) {
            return null;
        }
        host = host.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.indexOf(':');
        return (colon < 0 ? host : host.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    /**
     * Opens the backend connection for the requests that follow; they queue in {@code pending} meanwhile. A backend
     * still starting (the embedded S3 at first) is waited for without holding the event loop.
     */
    private void connect(ServiceBackend backend) {
        giveBackUpstream();
        Channel client = ctx.channel();
        connecting = true;
        upstreamBackend = backend;
        upstreamFormat = backend.errorFormat();
        client.config().setAutoRead(false);
        java.util.concurrent.CompletableFuture<InetSocketAddress> ready = backend.whenReady().toCompletableFuture();
        if (ready.isDone()) {
            open(backend, ready);
        } else {
            ready.whenComplete((address, failure) -> client.eventLoop().execute(() -> {
                if (upstreamBackend == backend && connecting && upstream == null && client.isActive()) open(backend, ready);
            }));
        }
    }

    /** Takes a backend connection (a kept one, or a new one) for the requests queued in {@code pending}. */
    private void open(ServiceBackend backend, java.util.concurrent.CompletableFuture<InetSocketAddress> ready) {
        InetSocketAddress address;
        try {
            address = ready.join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            unreachable(backend, e.getCause() == null ? e : e.getCause());
            return;
        }
        Channel client = ctx.channel();
        upstreamReusable = true;
        io.netty.channel.ChannelFuture opened = connections.acquire(backend, address, client.eventLoop(), this, client);
        upstream = opened.channel();
        opened.addListener((ChannelFutureListener) f -> {
            if (f.channel() != upstream) {
                return;
            }
            if (!f.isSuccess()) {
                unreachable(backend, f.cause());
                return;
            }
            connecting = false;
            while (!pending.isEmpty()) {
                upstream.write(pending.poll());
            }
            upstream.flush();
            client.config().setAutoRead(upstream.isWritable() && !waiting && heldInput.isEmpty());
            giveBackUpstreamIfDone();
        });
    }

    /**
     * Gives the backend connection back to {@link BackendConnections} once it carries nothing more of this
     * connection's (its answer read whole, the request sent whole), so the next request here or elsewhere on this
     * event loop reuses it.
     */
    private void giveBackUpstreamIfDone() {
        if (upstream != null && !connecting && awaitingResponses == 0 && !readingRequest && pending.isEmpty()) giveBackUpstream();
    }

    /** Gives the backend connection back if it is clean, else closes it; this connection has none afterwards. */
    private void giveBackUpstream() {
        if (upstream == null) return;
        Channel channel = upstream;
        ServiceBackend backend = upstreamBackend;
        upstream = null;
        upstreamBackend = null;
        if (!connecting && awaitingResponses == 0 && !readingRequest && upstreamReusable && channel.isActive()) {
            connections.release(backend, channel);
        } else {
            channel.close();
        }
    }

    private void unreachable(ServiceBackend backend, Throwable cause) {
        connecting = false;
        LOG.log(System.Logger.Level.INFO, "cannot reach " + backend.name() + ": " + cause.getMessage());
        releasePending();
        awaitingResponses = 0;
        bodyGoes = BodyGoes.DISCARD;
        reply(toResponse(ServiceErrors.error(upstreamFormat, HttpResponseStatus.SERVICE_UNAVAILABLE, "ServiceUnavailable",
                "The " + backend.name() + " service is not reachable"), HttpMethod.GET), true);
    }

    private void forward(Object msg) {
        if (exchange != null) {
            if (!exchange.offer((HttpContent) msg)) ctx.channel().config().setAutoRead(false);
            return;
        }
        if (connecting) {
            pending.add(msg);
        } else if (upstream != null && upstream.isActive()) {
            if (inRead) {
                upstream.write(msg, upstream.voidPromise()); // flushed when this read ends: a head and its body in one write
            } else {
                upstream.writeAndFlush(msg, upstream.voidPromise());
            }
            if (!upstream.isWritable()) {
                upstream.flush();
                if (!upstream.isWritable()) ctx.channel().config().setAutoRead(false);
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Gathers the body of a request served here; at its end, answers it (the answer may be made off the loop). */
    private void collect(HttpContent content) {
        try {
            ServedBody body = served;
            switch (body.add(content)) {
                case MORE -> { }
                case TOO_LARGE -> {
                    served = null;
                    body.release();
                    bodyGoes = content instanceof LastHttpContent ? BodyGoes.FORWARD : BodyGoes.DISCARD;
                    reply(toResponse(ServiceErrors.error(errorFormat(body.request), HttpResponseStatus.BAD_REQUEST, "MaxMessageLengthExceeded",
                            "Your request was too big for this operation."), body.request.method()), !HttpUtil.isKeepAlive(body.request));
                }
                case COMPLETE -> {
                    served = null;
                    byte[] bytes = body.bytes();
                    body.release();
                    bodyGoes = BodyGoes.FORWARD;
                    HttpRequest request = body.request;
                    java.util.concurrent.CompletionStage<RequestVerdict.Refuse> response;
                    try {
                        response = body.serve.answer().apply(bytes);
                    } catch (RuntimeException e) {
                        response = java.util.concurrent.CompletableFuture.failedFuture(e);
                    }
                    await(response, r -> reply(toResponse(r, request.method()), !HttpUtil.isKeepAlive(request)),
                            () -> reply(toResponse(internalError(request), request.method()), !HttpUtil.isKeepAlive(request)));
                }
            }
        } finally {
            content.release();
        }
    }

    /** Releases the body of a request served or inspected here (the request ended some other way). */
    private void dropBodies() {
        if (served != null) served.release();
        served = null;
        if (inspected != null) inspected.release();
        inspected = null;
    }

    /** Answers a request here (refusal or error) instead of forwarding it; its body, if any, is read and dropped. */
    private void answer(HttpRequest request, FullHttpResponse response, boolean mustClose) {
        boolean hasBody = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        // A client waiting for 100 Continue may or may not send its body after a final answer; with no way to
        // tell where the next request starts, the connection ends.
        boolean close = mustClose || !HttpUtil.isKeepAlive(request) || (hasBody && HttpUtil.is100ContinueExpected(request));
        bodyGoes = hasBody && !close ? BodyGoes.DISCARD : BodyGoes.FORWARD;
        reply(response, close);
    }

    private void reply(FullHttpResponse response, boolean close) {
        if (inputEnded && awaitingResponses == 0 && served == null && inspected == null && heldInput.isEmpty()) close = true;
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response);
        }
    }

    private static FullHttpResponse toResponse(RequestVerdict.Refuse refuse, HttpMethod method) {
        boolean head = HttpMethod.HEAD.equals(method);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refuse.status(),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(refuse.body()));
        refuse.headers().forEach(response.headers()::set);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, refuse.contentType());
        HttpUtil.setContentLength(response, head ? 0 : refuse.body().length);
        return response;
    }

    // --- called by UpstreamRelay and InProcessExchange, on the same event loop ---

    /**
     * Relays a part of the backend's answer to the client: written at once, flushed when it ends the answer, when
     * {@code flush}, or when the client's connection is full. True while the client's connection takes more.
     */
    boolean relayAnswer(HttpObject msg, boolean flush) {
        Channel client = ctx.channel();
        if (msg instanceof HttpResponse response) responseHeadRelayed(!HttpUtil.isKeepAlive(response));
        if (!(msg instanceof LastHttpContent)) {
            client.write(msg, client.voidPromise());
            if (flush || !client.isWritable()) client.flush();
            return client.isWritable();
        }
        ChannelFuture write = client.writeAndFlush(msg);
        if (responseEnded()) write.addListener(ChannelFutureListener.CLOSE);
        return client.isWritable();
    }

    /** The service in process failed after its answer began: the answer cannot be completed, so the connection ends. */
    void answerBroke(InProcessExchange broken) {
        if (broken != exchange) return;
        abandonExchange();
        ctx.close();
    }

    void responseHeadRelayed(boolean backendCloses) {
        responseStarted = true;
        if (backendCloses) {
            closeAfterResponse = true;
            upstreamReusable = false;
        }
    }

    /** The backend finished a response; true when the client connection should now close. */
    boolean responseEnded() {
        awaitingResponses = Math.max(0, awaitingResponses - 1);
        responseStarted = false;
        giveBackUpstreamIfDone();
        dropExchangeIfDone();
        if (closeAfterResponse || (inputEnded && awaitingResponses == 0 && heldInput.isEmpty() && !waiting)) return true;
        if (!heldInput.isEmpty()) ctx.executor().execute(this::readHeld); // after the response's last part is written
        return false;
    }

    /** The backend connection closed: mid-response that ends the client connection too. */
    void upstreamClosed(Channel closed) {
        if (closed != upstream) {
            return;
        }
        upstream = null;
        upstreamBackend = null;
        if (awaitingResponses > 0) {
            if (!responseStarted) {
                reply(toResponse(ServiceErrors.error(upstreamFormat, HttpResponseStatus.SERVICE_UNAVAILABLE, "ServiceUnavailable",
                        "The service closed the connection before answering"), HttpMethod.GET), true);
            } else {
                ctx.close();
            }
        } else if (inputEnded) {
            ctx.close();
        } else {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /**
     * The client ended its side. Requests it sent before are still answered; the connection closes after the
     * last answer, or now when none is owed. Without this a client's half-close would leave the connection
     * open for good (CLOSE-WAIT), since it is open for half-closure.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (FrontTimeout.isReadIdle(evt)) {
            timedOut();
            return;
        }
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
            inputEnded = true;
            if (awaitingResponses == 0 && served == null && inspected == null && !waiting) {
                ctx.close();
                return;
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && upstream != null) {
            upstream.config().setAutoRead(true);
        }
        if (ctx.channel().isWritable() && exchange != null) {
            exchange.clientWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** The backend's socket can take more: resume reading the client. */
    void upstreamWritable() {
        ctx.channel().config().setAutoRead(true);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releasePending();
        heldInput.forEach(ReferenceCountUtil::release);
        heldInput.clear();
        dropBodies();
        giveBackUpstream();
        abandonExchange();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "endpoint connection " + ctx.channel().remoteAddress() + " failed: " + cause);
        ctx.close();
    }

    private void releasePending() {
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
    }
}
