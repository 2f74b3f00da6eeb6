package io.localvpc.dataplane.tls;

import io.localvpc.dataplane.backend.BackendRouter;
import io.localvpc.dataplane.backend.InProcessHttp;
import io.localvpc.dataplane.backend.ServiceBackend;
import io.localvpc.dataplane.route.S3Names;
import io.localvpc.dataplane.route.ServiceRoute;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
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
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Forwards the HTTP requests of one client connection to their backends, streaming bodies both ways: request
 * content goes out chunk by chunk as it is decoded, response content comes back the same way, and reads pause on
 * whichever side is ahead, so an object of any size crosses with bounded memory.
 *
 * <p>The backend is the connection's route, settled once by {@link FrontHeadRouter}. Per request: the
 * {@link RequestGuard} sees the head, and only then is {@code 100 Continue} answered (here, not by the backend: a
 * refused upload never sends its body). A request's state is explicit: where its body goes ({@link BodyDestination}),
 * whether its body is still owed, and what answer is owed for it ({@link ForwardedAnswer}). Requests are taken one at a
 * time, so answers go out in the order of the requests whether the backend or the front makes them. Backend
 * connections are the {@link BackendLink}'s; a request served in this process is an {@link InProcessExchange}.
 */
final class EndpointHttpForwarder extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger("localvpc.endpoint");

    /** The answer owed for the request forwarded last (by the backend or the service in process). */
    private enum ForwardedAnswer { NONE, AWAITED, STARTED }

    private final RequestGuard guard;
    private final FrontHeadRouter heads;
    private final BackendConnections connections;

    private ChannelHandlerContext ctx;
    private BackendLink link;
    /**
     * The request being served in process ({@link ServiceBackend.Protocol#IN_PROCESS}), until it is answered and its
     * body is read whole; null otherwise. A connection's requests go either here or over the {@link BackendLink}, never
     * both: its route names one backend.
     */
    private InProcessExchange exchange;
    /** The error format of the backend forwarded to, for answers when it fails. */
    private String backendFormat = ServiceErrors.QUERY;

    // --- the current request ---
    private BodyDestination body = BodyDestination.FORWARD;
    /** The head of the request whose body is still owed (for answering when it breaks off); null between bodies. */
    private HttpRequest bodyOwedBy;
    private ForwardedAnswer answer = ForwardedAnswer.NONE;
    /** Close the client connection when the current answer ends. */
    private boolean closeAfterAnswer;

    // --- reading the client ---
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
        this.guard = guard;
        this.heads = new FrontHeadRouter(router, sniHostName);
        this.connections = connections;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.link = new BackendLink(connections, this, ctx.channel());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inRead = false;
        link.flush();
        ctx.fireChannelReadComplete();
    }

    /**
     * Requests are taken one at a time: the next one is read only once the answer to the one before has been sent
     * whole (forwarded answers included), so answers go out in the order of the requests however they are made.
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inRead = true;
        if (waiting || !heldInput.isEmpty() || (msg instanceof HttpRequest && answer != ForwardedAnswer.NONE)) {
            heldInput.add(msg);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        read(msg);
    }

    /** Reads what was held while an answer was outstanding, in order, as far as the answers allow. */
    private void readHeld() {
        while (!waiting && !heldInput.isEmpty() && ctx.channel().isActive()) {
            if (heldInput.peek() instanceof HttpRequest && answer != ForwardedAnswer.NONE) return;
            read(heldInput.poll());
        }
        if (waiting || !heldInput.isEmpty() || !ctx.channel().isActive()) return;
        if (link.takesMore() && (exchange == null || exchange.takesMore())) ctx.channel().config().setAutoRead(true);
        if (inputEnded && nothingOwed()) ctx.close();
    }

    /** No answer is owed and no body is kept here: a client that ended its side can be let go. */
    private boolean nothingOwed() {
        return answer == ForwardedAnswer.NONE && !body.keptHere();
    }

    private void read(Object msg) {
        if (msg instanceof HttpRequest request) {
            body = BodyDestination.FORWARD;
            bodyOwedBy = msg instanceof LastHttpContent ? null : request;
            onHead(request);
        }
        if (msg instanceof HttpContent content && !(msg instanceof HttpRequest) && content.decoderResult().isFailure()) {
            bodyBrokeOff(content);
            return;
        }
        if (msg instanceof LastHttpContent) bodyOwedBy = null;
        if (msg instanceof HttpContent content) {
            if (body instanceof BodyDestination.Gathered gathered) {
                gather(gathered.body(), content);
            } else if (body instanceof BodyDestination.Held held) {
                if (held.body().hold(content)) decideHeld(held.body());
            } else if (body == BodyDestination.DISCARD) {
                if (content instanceof LastHttpContent) body = BodyDestination.FORWARD;
                content.release();
            } else {
                forward(content);
                if (content instanceof LastHttpContent) requestSentWhole();
            }
        }
    }

    /**
     * The body broke off (the client ended its side mid-body, or its chunking is malformed): the request cannot be
     * completed, so neither connection can carry another.
     */
    private void bodyBrokeOff(HttpContent content) {
        LOG.log(System.Logger.Level.DEBUG, "request body from " + ctx.channel().remoteAddress() + " broke off: "
                + content.decoderResult().cause());
        content.release();
        HttpRequest request = bodyOwedBy;
        link.abort();
        abandonExchange();
        if (request != null && answer != ForwardedAnswer.STARTED && ctx.channel().isActive()) {
            dropBody();
            answer = ForwardedAnswer.NONE;
            reply(toResponse(ServiceErrors.error(heads.errorFormat(request, ctx.channel()), HttpResponseStatus.BAD_REQUEST, "IncompleteBody",
                    "The request body ended before its declared length, or its chunked encoding is malformed."),
                    request.method()), true);
        } else {
            ctx.close();
        }
    }

    private void onHead(HttpRequest request) {
        FrontHeadRouter.HeadRoute route = heads.route(request, ctx.channel());
        if (route instanceof FrontHeadRouter.Refused refused) {
            answerHere(request, toResponse(refused.refusal(), request.method()), refused.close());
            return;
        }
        FrontHeadRouter.Routed routed = (FrontHeadRouter.Routed) route;
        RequestVerdict verdict;
        try {
            verdict = guard.inspect(new RequestHead(heads.sniHostName(), routed.host(), ctx.channel().remoteAddress(),
                    request.method(), request.uri(), request.headers(), routed.backend(), routed.route().origin(), routed.s3()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "request guard failed on " + request.method() + " " + request.uri(), e);
            answerHere(request, toResponse(internalError(request), request.method()), false);
            return;
        }
        decided(request, routed.backend(), routed.s3(), verdict);
    }

    /** Acts on the guard's verdict for a request head. */
    private void decided(HttpRequest request, ServiceBackend backend, S3Names s3, RequestVerdict verdict) {
        if (verdict instanceof RequestVerdict.Later later) {
            await(later.verdict(), v -> decided(request, backend, s3, v), () -> decided(request, backend, s3, internalError(request)));
        } else if (verdict instanceof RequestVerdict.Refuse refuse) {
            answerHere(request, toResponse(refuse, request.method()), false);
        } else if (verdict instanceof RequestVerdict.Serve serve) {
            continueIfExpected(request);
            body = new BodyDestination.Gathered(new ServedBody(serve, request, ctx.alloc()));
        } else if (verdict instanceof RequestVerdict.Inspect inspect) {
            continueIfExpected(request);
            body = new BodyDestination.Held(new InspectedBody(inspect, request, backend, s3, ctx.alloc()));
        } else {
            proceed(request, backend, s3);
        }
    }

    /**
     * Waits for work done off the event loop without holding the loop: the connection reads nothing meanwhile (what
     * was already read is held in order), and {@code then} runs on the loop when the work is done, then what was held
     * is read.
     */
    private <T> void await(CompletionStage<T> work, Consumer<T> then, Runnable failed) {
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

    /** The body is needed before the backend sees the request: answer 100 Continue here. */
    private void continueIfExpected(HttpRequest request) {
        if (HttpUtil.is100ContinueExpected(request)) {
            request.headers().remove(HttpHeaderNames.EXPECT);
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
        }
    }

    /**
     * Enough of a held request's body is in (or all of it): the guard decides. Nothing more of the body is read
     * before the verdict acts (a verdict made later holds the client's input meanwhile).
     */
    private void decideHeld(InspectedBody held) {
        RequestVerdict verdict;
        try {
            verdict = held.inspect.then().apply(held.firstBytes());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "request guard failed on " + held.request.method() + " " + held.request.uri(), e);
            verdict = internalError(held.request);
        }
        heldDecided(held, verdict);
    }

    /** Acts on the verdict on a held request: its held parts go on to the backend, or are dropped. */
    private void heldDecided(InspectedBody held, RequestVerdict verdict) {
        if (verdict instanceof RequestVerdict.Later later) {
            // the held parts stay with the request (released with the connection should it close meanwhile)
            await(later.verdict(), v -> heldDecided(held, v), () -> heldDecided(held, internalError(held.request)));
            return;
        }
        body = BodyDestination.FORWARD;
        boolean ended = held.ended();
        List<HttpContent> parts = held.takeHeld();
        held.release();
        if (verdict instanceof RequestVerdict.Allow) {
            proceed(held.request, held.backend, held.s3);
            for (HttpContent c : parts) forward(c);
            return;
        }
        parts.forEach(HttpContent::release);
        RequestVerdict.Refuse refuse = verdict instanceof RequestVerdict.Refuse r ? r : internalError(held.request);
        answerHere(held.request, toResponse(refuse, held.request.method()), false);
        if (ended) body = BodyDestination.FORWARD;
    }

    /** Sends an allowed request on to its backend. */
    private void proceed(HttpRequest request, ServiceBackend backend, S3Names s3) {
        continueIfExpected(request);
        closeAfterAnswer = !HttpUtil.isKeepAlive(request);
        ServiceRoute route = ctx.channel().attr(ServiceRoute.KEY).get();
        HttpRequest prepared = backend.prepare(request, s3, route == null ? null : route.origin());
        answer = ForwardedAnswer.AWAITED;
        backendFormat = backend.errorFormat();
        if (backend.protocol() == ServiceBackend.Protocol.IN_PROCESS) {
            serveInProcess(backend, prepared);
            return;
        }
        if (!link.carries(backend)) link.open(backend);
        forward(prepared);
    }

    /**
     * Hands the request to the service that plays the backend in this process, once a short body is in whole (a long
     * one follows through {@link #forward} as it comes). The service answers on its own thread, or, for a short
     * request it answers from memory without waiting, on this event loop before the call returns. A backend still
     * starting (the embedded S3 at first) is waited for without holding the event loop; meanwhile the body is held (up
     * to {@link InProcessExchange#BODY_AHEAD}).
     */
    private void serveInProcess(ServiceBackend backend, HttpRequest request) {
        link.giveBack(false);
        ctx.channel().config().setWriteBufferWaterMark(InProcessExchange.ANSWER_MARKS);
        InProcessExchange started = new InProcessExchange(this, ctx.channel());
        exchange = started;
        CompletableFuture<InProcessHttp> ready = backend.inProcess().toCompletableFuture();
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
                                CompletableFuture<InProcessHttp> ready, boolean bodyHeld) {
        InProcessHttp service;
        try {
            service = ready.join();
        } catch (CompletionException | CancellationException e) {
            abandonExchange();
            backendUnreachable(backend, e.getCause() == null ? e : e.getCause());
            return;
        }
        if (service.serve(request, started.body(), started, bodyHeld)) return;
        // Every one of the service's threads is busy: S3's answer to a client that asks too much at once.
        LOG.log(System.Logger.Level.INFO, backend.name() + " is serving as many requests as it can; answered 503 SlowDown");
        abandonExchange();
        answer = ForwardedAnswer.NONE;
        body = bodyOwedBy != null ? BodyDestination.DISCARD : BodyDestination.FORWARD;
        reply(toResponse(ServiceErrors.error(backendFormat, HttpResponseStatus.SERVICE_UNAVAILABLE, "SlowDown", "Please reduce your request rate."),
                request.method()), !HttpUtil.isKeepAlive(request));
    }

    /** The request served in process is given up (its client is gone, or its body broke off): its service stops. */
    private void abandonExchange() {
        if (exchange == null) return;
        exchange.abandon();
        exchange = null;
    }

    /** The request is sent whole: a backend connection or exchange that carries nothing more of it is let go. */
    private void requestSentWhole() {
        link.giveBackIfDone(answer == ForwardedAnswer.NONE);
        if (exchange != null && exchange.answered()) exchange = null;
    }

    /** The client sent nothing for the idle timeout. */
    private void timedOut() {
        HttpRequest request = bodyOwedBy;
        if (request != null) {
            // A body shorter than its Content-Length, or a chunked body that stopped: S3's answer, then close.
            LOG.log(System.Logger.Level.DEBUG, "request body from " + ctx.channel().remoteAddress() + " timed out");
            link.abort();
            abandonExchange();
            if (answer != ForwardedAnswer.STARTED) {
                dropBody();
                answer = ForwardedAnswer.NONE;
                reply(toResponse(ServiceErrors.error(heads.errorFormat(request, ctx.channel()), HttpResponseStatus.BAD_REQUEST, "RequestTimeout",
                        "Your socket connection to the server was not read from or written to within the timeout period."
                                + " Idle connections will be closed."), request.method()), true);
            } else {
                ctx.close();
            }
        } else if (answer == ForwardedAnswer.NONE && !waiting) {
            ctx.close(); // idle between requests, or a request head that never finished
        }
        // otherwise the client is waiting for an answer: nothing is owed by it
    }

    /** AWS's answer when localvpc itself failed: the details go to the log, not to the client. */
    private RequestVerdict.Refuse internalError(HttpRequest request) {
        return ServiceErrors.error(heads.errorFormat(request, ctx.channel()), HttpResponseStatus.INTERNAL_SERVER_ERROR, "InternalError",
                "We encountered an internal error. Please try again.");
    }

    private void forward(Object msg) {
        if (exchange != null) {
            if (!exchange.offer((HttpContent) msg)) ctx.channel().config().setAutoRead(false);
            return;
        }
        if (!link.send(msg, inRead)) ctx.channel().config().setAutoRead(false);
    }

    /** Gathers the body of a request answered here; at its end, answers it (the answer may be made off the loop). */
    private void gather(ServedBody gathered, HttpContent content) {
        try {
            switch (gathered.add(content)) {
                case MORE -> { }
                case TOO_LARGE -> {
                    gathered.release();
                    body = content instanceof LastHttpContent ? BodyDestination.FORWARD : BodyDestination.DISCARD;
                    reply(toResponse(ServiceErrors.error(heads.errorFormat(gathered.request, ctx.channel()), HttpResponseStatus.BAD_REQUEST,
                            "MaxMessageLengthExceeded", "Your request was too big for this operation."), gathered.request.method()),
                            !HttpUtil.isKeepAlive(gathered.request));
                }
                case COMPLETE -> {
                    byte[] bytes = gathered.bytes();
                    gathered.release();
                    body = BodyDestination.FORWARD;
                    HttpRequest request = gathered.request;
                    CompletionStage<RequestVerdict.Refuse> response;
                    try {
                        response = gathered.serve.answer().apply(bytes);
                    } catch (RuntimeException e) {
                        response = CompletableFuture.failedFuture(e);
                    }
                    await(response, r -> reply(toResponse(r, request.method()), !HttpUtil.isKeepAlive(request)),
                            () -> reply(toResponse(internalError(request), request.method()), !HttpUtil.isKeepAlive(request)));
                }
            }
        } finally {
            content.release();
        }
    }

    /** Releases the body of a request gathered or held here (the request ended some other way). */
    private void dropBody() {
        body.release();
        body = BodyDestination.FORWARD;
    }

    /** Answers a request here (refusal or error) instead of forwarding it; its body, if any, is read and dropped. */
    private void answerHere(HttpRequest request, FullHttpResponse response, boolean mustClose) {
        boolean hasBody = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        // A client waiting for 100 Continue may or may not send its body after a final answer; with no way to
        // tell where the next request starts, the connection ends.
        boolean close = mustClose || !HttpUtil.isKeepAlive(request) || (hasBody && HttpUtil.is100ContinueExpected(request));
        body = hasBody && !close ? BodyDestination.DISCARD : BodyDestination.FORWARD;
        reply(response, close);
    }

    private void reply(FullHttpResponse response, boolean close) {
        if (inputEnded && nothingOwed() && heldInput.isEmpty()) close = true;
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

    // --- called by BackendLink, UpstreamRelay and InProcessExchange, on the same event loop ---

    /** The backend connection is open and what queued is sent: read the client again if nothing holds it. */
    void backendOpened() {
        ctx.channel().config().setAutoRead(link.takesMore() && !waiting && heldInput.isEmpty());
        link.giveBackIfDone(answer == ForwardedAnswer.NONE && bodyOwedBy == null);
    }

    /** The backend (a connection to it, or the service in process) cannot be reached: the answer says so. */
    void backendUnreachable(ServiceBackend backend, Throwable cause) {
        LOG.log(System.Logger.Level.INFO, "cannot reach " + backend.name() + ": " + cause.getMessage());
        answer = ForwardedAnswer.NONE;
        body = BodyDestination.DISCARD;
        reply(toResponse(ServiceErrors.error(backendFormat, HttpResponseStatus.SERVICE_UNAVAILABLE, "ServiceUnavailable",
                "The " + backend.name() + " service is not reachable"), HttpMethod.GET), true);
    }

    /**
     * Relays a part of the backend's answer to the client: written at once, flushed when it ends the answer, when
     * {@code flush}, or when the client's connection is full. True while the client's connection takes more.
     */
    boolean relayAnswer(HttpObject msg, boolean flush) {
        Channel client = ctx.channel();
        if (msg instanceof HttpResponse response) answerHeadRelayed(!HttpUtil.isKeepAlive(response));
        if (!(msg instanceof LastHttpContent)) {
            client.write(msg, client.voidPromise());
            if (flush || !client.isWritable()) client.flush();
            return client.isWritable();
        }
        ChannelFuture write = client.writeAndFlush(msg);
        if (answerEnded()) write.addListener(ChannelFutureListener.CLOSE);
        return client.isWritable();
    }

    /** The service in process failed after its answer began: the answer cannot be completed, so the connection ends. */
    void answerBroke(InProcessExchange broken) {
        if (broken != exchange) return;
        abandonExchange();
        ctx.close();
    }

    private void answerHeadRelayed(boolean backendCloses) {
        answer = ForwardedAnswer.STARTED;
        if (backendCloses) {
            closeAfterAnswer = true;
            link.notReusable();
        }
    }

    /** The backend finished an answer; true when the client connection should now close. */
    private boolean answerEnded() {
        answer = ForwardedAnswer.NONE;
        link.giveBackIfDone(bodyOwedBy == null);
        if (exchange != null && exchange.answered() && bodyOwedBy == null) exchange = null;
        if (closeAfterAnswer || (inputEnded && heldInput.isEmpty() && !waiting)) return true;
        if (!heldInput.isEmpty()) ctx.executor().execute(this::readHeld); // after the answer's last part is written
        return false;
    }

    /** A backend connection closed: if it was this connection's, mid-answer that ends the client connection too. */
    void upstreamClosed(Channel closed) {
        if (!link.lost(closed)) return;
        if (answer == ForwardedAnswer.AWAITED) {
            reply(toResponse(ServiceErrors.error(backendFormat, HttpResponseStatus.SERVICE_UNAVAILABLE, "ServiceUnavailable",
                    "The service closed the connection before answering"), HttpMethod.GET), true);
        } else if (answer == ForwardedAnswer.STARTED || inputEnded) {
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
            if (nothingOwed() && !waiting) {
                ctx.close();
                return;
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            link.resumeReading();
            if (exchange != null) exchange.clientWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** The backend's socket can take more: resume reading the client. */
    void upstreamWritable() {
        ctx.channel().config().setAutoRead(true);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        heldInput.forEach(ReferenceCountUtil::release);
        heldInput.clear();
        dropBody();
        link.giveBack(answer == ForwardedAnswer.NONE && bodyOwedBy == null);
        abandonExchange();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "endpoint connection " + ctx.channel().remoteAddress() + " failed: " + cause);
        ctx.close();
    }
}
