package io.localvpc.dataplane.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Refusals in each service's own error format, parsed the way the SDKs parse them: S3's XML {@code <Error>},
 * the JSON protocols' {@code __type}, the Query protocol's {@code <ErrorResponse>}. A message with quotes,
 * ampersands and angle brackets must come out exactly as it went in.
 */
class ServiceErrorsTest {
    private static final String MESSAGE = "User: arn:aws:iam::000000000000:user/a&b is not authorized to perform: s3:GetObject on resource: "
            + "\"arn:aws:s3:::demo/<key>\" because no VPC endpoint policy allows the s3:GetObject action\\";

    private static Document xml(RequestVerdict.Refuse r) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
    }

    private static String text(Document d, String tag) {
        return d.getElementsByTagName(tag).item(0).getTextContent();
    }

    @Test
    void s3AnswersXmlAccessDenied403WithTheRequestIdInHeaderAndBody() throws Exception {
        RequestVerdict.Refuse r = ServiceErrors.accessDenied("s3", MESSAGE);
        assertEquals(HttpResponseStatus.FORBIDDEN, r.status());
        assertEquals("application/xml", r.contentType());
        Document d = xml(r);
        assertEquals("Error", d.getDocumentElement().getTagName());
        assertEquals("AccessDenied", text(d, "Code"));
        assertEquals(MESSAGE, text(d, "Message"));
        assertNotNull(r.headers().get("x-amz-request-id"));
        assertEquals(r.headers().get("x-amz-request-id"), text(d, "RequestId"));
    }

    @Test
    void otherS3ErrorsKeepTheirCodeAndStatus() throws Exception {
        RequestVerdict.Refuse r = ServiceErrors.s3Error(HttpResponseStatus.NOT_FOUND, "NoSuchBucketPolicy", "The bucket policy does not exist", "req-1");
        assertEquals(404, r.status().code());
        Document d = xml(r);
        assertEquals("NoSuchBucketPolicy", text(d, "Code"));
        assertEquals("The bucket policy does not exist", text(d, "Message"));
        assertEquals("req-1", text(d, "RequestId"));
    }

    @Test
    void jsonProtocolsAnswerAccessDeniedException400() throws Exception {
        RequestVerdict.Refuse r = ServiceErrors.accessDenied("json", MESSAGE + "\n\u0001");
        assertEquals(HttpResponseStatus.BAD_REQUEST, r.status());
        assertEquals("application/x-amz-json-1.0", r.contentType());
        JsonNode body = new ObjectMapper().readTree(new String(r.body(), StandardCharsets.UTF_8));
        String type = body.get("__type").asText();
        // The SDKs take the error code from after the '#'.
        assertEquals("AccessDeniedException", type.substring(type.indexOf('#') + 1));
        assertEquals(MESSAGE + "\n\u0001", body.get("message").asText());
        assertFalse(r.headers().getOrDefault("x-amzn-RequestId", "").isEmpty());
    }

    @Test
    void queryProtocolAnswersErrorResponseAccessDenied403() throws Exception {
        RequestVerdict.Refuse r = ServiceErrors.accessDenied("query", MESSAGE);
        assertEquals(HttpResponseStatus.FORBIDDEN, r.status());
        Document d = xml(r);
        assertEquals("ErrorResponse", d.getDocumentElement().getTagName());
        assertEquals("Sender", text(d, "Type"));
        assertEquals("AccessDenied", text(d, "Code"));
        assertEquals(MESSAGE, text(d, "Message"));
        assertEquals(r.headers().get("x-amzn-RequestId"), text(d, "RequestId"));
    }
}
