package io.localvpc.dataplane.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Date;
import java.util.Locale;

/**
 * s3proxy's servlet answer, sent to an {@link HttpAnswer} as it is written. As with Jetty, the head waits until the
 * answer is complete or more than {@link #BUFFER_BYTES} are written: a short answer goes out whole with its
 * {@code Content-Length}, a long one streams ({@code Content-Length} if s3proxy declared it, else chunked) in parts of
 * {@link #PART_BYTES}. Errors that s3proxy leaves to the servlet container ({@code sendError}, or the servlet failing)
 * are answered in S3's error format, not with a container's HTML page.
 */
final class InProcessServletResponse extends HttpServletResponseWrapper {
    /** What is held before the head goes. */
    static final int BUFFER_BYTES = 64 * 1024;
    /**
     * The size of each content part after the head: each part is one hand-over to the client's event loop (a thread
     * wake-up when it sleeps), so a long answer goes in few, large parts.
     */
    static final int PART_BYTES = 256 * 1024;

    private final HttpAnswer answer;
    private final boolean headRequest;
    private final HttpHeaders headers = new DefaultHttpHeaders();
    private int status = SC_OK;
    private String contentType;
    private String characterEncoding;
    private long declaredLength = -1;
    private long written;
    private ByteBuf buffer;
    private boolean committed;
    /** The answer's last part has been sent: nothing more can be. */
    private boolean complete;
    private final Output output = new Output();
    private PrintWriter writer;

    InProcessServletResponse(HttpAnswer answer, boolean headRequest) {
        super(UnusedServletMethods.of(HttpServletResponse.class));
        this.answer = answer;
        this.headRequest = headRequest;
    }

    @Override
    public void setStatus(int sc) {
        if (!committed) status = sc;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void sendError(int sc) throws IOException {
        sendError(sc, null);
    }

    /** S3's error document for the status (none for a status without a body, e.g. the 204 of a delete), then the end. */
    @Override
    public void sendError(int sc, String message) throws IOException {
        if (committed) throw new IllegalStateException("the answer's head has been sent");
        resetBuffer();
        status = sc;
        declaredLength = -1;
        headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        if (sc >= 400 && !headRequest) {
            HttpResponseStatus s = HttpResponseStatus.valueOf(sc);
            String requestId = headers.get("x-amz-request-id", "");
            contentType = S3ErrorDocument.CONTENT_TYPE;
            characterEncoding = null;
            buffer = Unpooled.wrappedBuffer(S3ErrorDocument.xml(errorCode(sc), message == null ? s.reasonPhrase() : message, requestId));
        }
        sendBuffered(true);
    }

    /** The answer when the servlet failed: S3's {@code InternalError} if nothing was sent yet, else the connection ends. */
    void fail() {
        if (committed) {
            answer.abort();
            return;
        }
        headers.clear();
        try {
            sendError(SC_INTERNAL_SERVER_ERROR, "We encountered an internal error. Please try again.");
        } catch (IOException e) {
            answer.abort();
        }
    }

    /** The servlet returned: what it wrote and did not close is sent, and the answer ends. */
    void finish() throws IOException {
        if (writer != null) writer.flush();
        if (!complete) sendBuffered(true);
    }

    private static String errorCode(int status) {
        return switch (status) {
            case SC_BAD_REQUEST -> "InvalidArgument";
            case SC_FORBIDDEN -> "AccessDenied";
            case SC_METHOD_NOT_ALLOWED -> "MethodNotAllowed";
            case SC_PRECONDITION_FAILED -> "PreconditionFailed";
            case SC_REQUESTED_RANGE_NOT_SATISFIABLE -> "InvalidRange";
            case SC_NOT_IMPLEMENTED -> "NotImplemented";
            case SC_SERVICE_UNAVAILABLE -> "ServiceUnavailable";
            default -> status >= 500 ? "InternalError" : "InvalidRequest";
        };
    }

    // --- headers ---

    @Override
    public void setHeader(String name, String value) {
        if (committed) return;
        if (special(name, value)) return;
        if (value == null) headers.remove(name);
        else headers.set(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        if (committed || value == null) return;
        if (special(name, value)) return;
        headers.add(name, value);
    }

    /** Content-Type and Content-Length are kept apart, as the servlet API has setters for them. */
    private boolean special(String name, String value) {
        if (HttpHeaderNames.CONTENT_TYPE.contentEqualsIgnoreCase(name)) {
            setContentType(value);
            return true;
        }
        if (HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name)) {
            setContentLengthLong(value == null ? -1 : Long.parseLong(value.trim()));
            return true;
        }
        return false;
    }

    @Override
    public void setDateHeader(String name, long date) {
        setHeader(name, DateFormatter.format(new Date(date)));
    }

    @Override
    public void addDateHeader(String name, long date) {
        addHeader(name, DateFormatter.format(new Date(date)));
    }

    @Override
    public void setIntHeader(String name, int value) {
        setHeader(name, Integer.toString(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        addHeader(name, Integer.toString(value));
    }

    @Override
    public boolean containsHeader(String name) {
        return headers.contains(name);
    }

    @Override
    public String getHeader(String name) {
        return headers.get(name);
    }

    @Override
    public Collection<String> getHeaders(String name) {
        return headers.getAll(name);
    }

    @Override
    public Collection<String> getHeaderNames() {
        return headers.names();
    }

    @Override
    public void setContentType(String type) {
        if (!committed) contentType = type;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public void setCharacterEncoding(String charset) {
        if (!committed && writer == null) characterEncoding = charset;
    }

    @Override
    public String getCharacterEncoding() {
        return characterEncoding == null ? StandardCharsets.ISO_8859_1.name() : characterEncoding;
    }

    @Override
    public void setContentLength(int length) {
        setContentLengthLong(length);
    }

    @Override
    public void setContentLengthLong(long length) {
        if (!committed) declaredLength = length;
    }

    @Override
    public void setLocale(Locale locale) {
    }

    @Override
    public Locale getLocale() {
        return Locale.ROOT;
    }

    // --- body ---

    @Override
    public ServletOutputStream getOutputStream() {
        return output;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            Charset charset = Charset.forName(getCharacterEncoding());
            characterEncoding = charset.name();
            writer = new PrintWriter(new OutputStreamWriter(output, charset), false);
        }
        return writer;
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    @Override
    public void flushBuffer() throws IOException {
        if (writer != null) writer.flush();
        output.flush();
    }

    @Override
    public void resetBuffer() {
        if (committed) throw new IllegalStateException("the answer's head has been sent");
        if (buffer != null) buffer.release();
        buffer = null;
        written = 0;
    }

    @Override
    public void reset() {
        resetBuffer();
        headers.clear();
        status = SC_OK;
        contentType = null;
        declaredLength = -1;
    }

    @Override
    public int getBufferSize() {
        return BUFFER_BYTES;
    }

    @Override
    public void setBufferSize(int size) {
    }

    /**
     * Sends what is buffered: with the head if it has not gone yet, and as the last part when {@code last}. After the
     * last part nothing more is sent.
     */
    private void sendBuffered(boolean last) throws IOException {
        ByteBuf content = buffer == null ? Unpooled.EMPTY_BUFFER : buffer;
        buffer = null;
        if (headRequest) {
            content.release();
            content = Unpooled.EMPTY_BUFFER;
        }
        if (last) complete = true;
        if (committed) {
            answer.send(last ? new DefaultLastHttpContent(content) : new DefaultHttpContent(content));
            return;
        }
        committed = true;
        HttpResponseStatus s = HttpResponseStatus.valueOf(status);
        if (contentType != null) headers.set(HttpHeaderNames.CONTENT_TYPE, contentTypeWithCharset());
        boolean noBody = status == SC_NO_CONTENT || status == SC_NOT_MODIFIED || status < 200;
        if (declaredLength >= 0 && status != SC_NO_CONTENT) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, declaredLength);
        } else if (noBody) {
            headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        } else if (last) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        } else {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        if (!headers.contains(HttpHeaderNames.DATE)) headers.set(HttpHeaderNames.DATE, DateFormatter.format(new Date()));
        if (last) {
            answer.send(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, s, content, headers, EmptyHttpHeaders.INSTANCE));
        } else if (content.isReadable()) {
            answer.send(new DefaultHttpResponse(HttpVersion.HTTP_1_1, s, headers), new DefaultHttpContent(content));
        } else {
            answer.send(new DefaultHttpResponse(HttpVersion.HTTP_1_1, s, headers));
        }
    }

    /** As Jetty writes it: the character encoding set (or the writer's) is named in the type unless the type names one. */
    private String contentTypeWithCharset() {
        if (characterEncoding == null || contentType.toLowerCase(Locale.ROOT).contains("charset=")) return contentType;
        return contentType + ";charset=" + characterEncoding.toLowerCase(Locale.ROOT);
    }

    /** The body stream: buffers up to {@link #BUFFER_BYTES}, then sends part by part ({@link #PART_BYTES} each). */
    private final class Output extends ServletOutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (complete) throw new IOException("the answer has ended");
            while (len > 0) {
                // Once the head has gone the answer is a long one: each part's buffer is taken whole at once, not grown.
                int limit = committed ? PART_BYTES : BUFFER_BYTES;
                if (buffer == null) buffer = answer.alloc().buffer(committed ? PART_BYTES : Math.min(len, BUFFER_BYTES), limit);
                int n = Math.min(len, limit - buffer.readableBytes());
                buffer.writeBytes(b, off, n);
                off += n;
                len -= n;
                written += n;
                if (buffer.readableBytes() == limit) sendBuffered(declared());
            }
        }

        /** Whether all the content s3proxy declared has been written: it can go out as the answer's end. */
        private boolean declared() {
            return declaredLength >= 0 && written >= declaredLength;
        }

        @Override
        public void flush() throws IOException {
            if (complete) return;
            if (!committed || (buffer != null && buffer.isReadable())) sendBuffered(declared());
        }

        @Override
        public void close() throws IOException {
            if (!complete) sendBuffered(true);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("the in-process embedded S3 writes its answers blocking");
        }
    }
}
