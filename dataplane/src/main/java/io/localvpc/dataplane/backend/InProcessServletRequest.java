package io.localvpc.dataplane.backend;

import io.localvpc.dataplane.classify.FormParameters;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request the endpoint front parsed, as s3proxy's servlet reads it: the head as {@link ServiceBackend#prepare}
 * made it (path under the service path, names re-encoded as judged), query parameters decoded by the classifier's
 * own decoder, and the body as the client sends it. Only what s3proxy calls is implemented.
 */
final class InProcessServletRequest extends HttpServletRequestWrapper {
    private final HttpRequest head;
    private final HttpHeaders headers;
    private final String path;
    private final String query;
    private final Body body;
    private Map<String, List<String>> parameters;

    InProcessServletRequest(HttpRequest head, InputStream body) {
        super(UnusedServletMethods.of(HttpServletRequest.class));
        this.head = head;
        this.headers = head.headers();
        String uri = head.uri();
        int q = uri.indexOf('?');
        this.path = q < 0 ? uri : uri.substring(0, q);
        this.query = q < 0 ? null : uri.substring(q + 1);
        this.body = new Body(body);
    }

    @Override
    public String getMethod() {
        return head.method().name();
    }

    @Override
    public String getRequestURI() {
        return path;
    }

    @Override
    public String getQueryString() {
        return query;
    }

    @Override
    public String getProtocol() {
        return "HTTP/1.1";
    }

    @Override
    public String getScheme() {
        return "http";
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public String getHeader(String name) {
        return headers.get(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return Collections.enumeration(headers.getAll(name));
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(headers.names());
    }

    /** As Jetty: -1 when absent, {@link IllegalArgumentException} when it is not an HTTP date. */
    @Override
    public long getDateHeader(String name) {
        String value = headers.get(name);
        if (value == null) return -1;
        Date date = DateFormatter.parseHttpDate(value);
        if (date == null) throw new IllegalArgumentException("Cannot convert date: " + value);
        return date.getTime();
    }

    @Override
    public int getIntHeader(String name) {
        String value = headers.get(name);
        return value == null ? -1 : Integer.parseInt(value.trim());
    }

    @Override
    public String getContentType() {
        return headers.get(HttpHeaderNames.CONTENT_TYPE);
    }

    @Override
    public long getContentLengthLong() {
        String value = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public int getContentLength() {
        long length = getContentLengthLong();
        return length > Integer.MAX_VALUE ? -1 : (int) length;
    }

    @Override
    public String getCharacterEncoding() {
        return null;
    }

    @Override
    public String getParameter(String name) {
        List<String> values = parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        List<String> values = parameters().get(name);
        return values == null ? null : values.toArray(String[]::new);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        Map<String, String[]> map = new LinkedHashMap<>();
        parameters().forEach((k, v) -> map.put(k, v.toArray(String[]::new)));
        return map;
    }

    /** No S3 operation takes a form body, so parameters come from the query alone (as Jetty was told to do). */
    private Map<String, List<String>> parameters() {
        if (parameters == null) parameters = query == null ? Map.of() : FormParameters.decode(query);
        return parameters;
    }

    @Override
    public Object getAttribute(String name) {
        return null;
    }

    @Override
    public ServletInputStream getInputStream() {
        return body;
    }

    @Override
    public String toString() {
        return getMethod() + " " + head.uri();
    }

    /** The body as s3proxy reads it: the stream the front fills as the client sends. */
    private static final class Body extends ServletInputStream {
        private final InputStream in;
        private boolean finished;

        Body(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b < 0) finished = true;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) finished = true;
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("the in-process embedded S3 reads its bodies blocking");
        }
    }
}
