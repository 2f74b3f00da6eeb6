package io.localvpc.dataplane.backend;

import io.localvpc.core.xml.XmlText;

import java.nio.charset.StandardCharsets;

/** S3's error document ({@code <Error><Code>…</Code><Message>…</Message>…</Error>}), the one way localvpc writes it. */
public final class S3ErrorDocument {
    /** The content type S3 gives its error documents. */
    public static final String CONTENT_TYPE = "application/xml";

    private S3ErrorDocument() {
    }

    /** The document for {@code code} and {@code message}, with text XML 1.0 cannot carry stripped and the rest escaped. */
    public static byte[] xml(String code, String message, String requestId) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + XmlText.escape(code) + "</Code><Message>" + XmlText.escape(message)
                + "</Message><RequestId>" + XmlText.escape(requestId) + "</RequestId><HostId>localvpc</HostId></Error>").getBytes(StandardCharsets.UTF_8);
    }
}
