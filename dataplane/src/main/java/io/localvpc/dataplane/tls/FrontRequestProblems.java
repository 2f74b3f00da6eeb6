package io.localvpc.dataplane.tls;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import java.util.Map;

/**
 * What the endpoint front refuses in a request head before anything else looks at it, and AWS's answer for it:
 * a head the codec could not read (too long, malformed), an HTTP version other than 1.0 and 1.1, control
 * characters (NUL among them) in a header, a request target that is not a path. Each is answered in the service's
 * own error format, never with a stack trace or a format of localvpc's own.
 */
final class FrontRequestProblems {
    private FrontRequestProblems() {
    }

    /** Why {@code request} cannot be served, or null when it can. */
    static String of(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            if (cause instanceof TooLongHttpHeaderException) return "header-too-large";
            if (cause instanceof TooLongHttpLineException) return "line-too-long";
            if (cause instanceof TooLongFrameException) return "header-too-large";
            return "malformed";
        }
        HttpVersion version = request.protocolVersion();
        if (version.majorVersion() != 1 || version.minorVersion() > 1) return "version";
        for (Map.Entry<String, String> header : request.headers()) {
            if (hasControl(header.getKey()) || hasControl(header.getValue())) return "control-character";
        }
        String uri = request.uri();
        if (!uri.startsWith("/") || hasControl(uri)) return "target";
        return null;
    }

    /** The answer for a problem {@link #of} found, in {@code format} ({@link ServiceErrors}). */
    static RequestVerdict.Refuse answer(HttpRequest request, String problem, String format) {
        return switch (problem) {
            case "header-too-large" -> ServiceErrors.error(format, HttpResponseStatus.BAD_REQUEST, "RequestHeaderSectionTooLarge",
                    "Your request header section exceeds the maximum allowed size.");
            case "line-too-long" -> ServiceErrors.error(format, HttpResponseStatus.BAD_REQUEST, "InvalidURI",
                    "Couldn't parse the specified URI: the request line is longer than " + ProtocolSwitch.MAX_INITIAL_LINE + " bytes.");
            case "version" -> ServiceErrors.error(format, HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "HttpVersionNotSupported",
                    "The HTTP version " + request.protocolVersion().text() + " is not supported; send HTTP/1.1.");
            case "control-character" -> ServiceErrors.error(format, HttpResponseStatus.BAD_REQUEST, "InvalidArgument",
                    "A header name or value contains a control character.");
            case "target" -> ServiceErrors.error(format, HttpResponseStatus.BAD_REQUEST, "InvalidURI",
                    "Couldn't parse the specified URI: the request target must be a path beginning with '/'.");
            default -> ServiceErrors.error(format, HttpResponseStatus.BAD_REQUEST, "BadRequest",
                    "The request is not well-formed HTTP/1.1.");
        };
    }

    /** Control characters other than horizontal tab (which header values may hold). */
    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) return true;
        }
        return false;
    }
}
