package io.localvpc.api.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.localvpc.core.xml.XmlText;

import java.util.Iterator;
import java.util.Map;

/**
 * Writes an operation's result as EC2's XML: the root element {@code <ActionResponse xmlns=…>}, then
 * {@code <requestId>}, then every member under its model {@code locationName}. List items are
 * {@code <item>} with scalars as text directly inside (the Go SDK, and so Terraform, depends on that).
 * A member name the model does not have is a programming error and fails loudly.
 */
public final class XmlEncoder {
    private XmlEncoder() {
    }

    public static String encode(String action, String namespace, Shape output, JsonNode result, String requestId) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(action).append("Response xmlns=\"").append(namespace).append("\">");
        sb.append("<requestId>").append(requestId).append("</requestId>");
        if (output != null && result != null) writeMembers(sb, output, result);
        // Actions without an output shape (DeleteVpc…) answer <return>true</return> on AWS.
        if (output == null) sb.append("<return>true</return>");
        sb.append("</").append(action).append("Response>");
        return sb.toString();
    }

    /**
     * Writes a Query-protocol (IAM, STS) result: {@code <ActionResponse xmlns=…><ActionResult>members</ActionResult>
     * <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></ActionResponse>}.
     */
    public static String encodeQuery(String action, String namespace, String resultWrapper, Shape output, JsonNode result, String requestId) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(action).append("Response xmlns=\"").append(namespace).append("\">");
        if (resultWrapper != null) {
            sb.append('<').append(resultWrapper).append('>');
            if (output != null && result != null) writeMembers(sb, output, result);
            sb.append("</").append(resultWrapper).append('>');
        }
        sb.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata>");
        sb.append("</").append(action).append("Response>");
        return sb.toString();
    }

    /** The Query protocol's error document; {@code Sender} for the caller's faults, {@code Receiver} for ours. */
    public static String queryError(String namespace, boolean senderFault, String code, String message, String requestId) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"").append(namespace).append("\"><Error><Type>")
                .append(senderFault ? "Sender" : "Receiver").append("</Type><Code>");
        XmlText.escape(sb, code);
        sb.append("</Code><Message>");
        XmlText.escape(sb, message);
        sb.append("</Message></Error><RequestId>").append(requestId).append("</RequestId></ErrorResponse>");
        return sb.toString();
    }

    private static void writeMembers(StringBuilder sb, Shape shape, JsonNode value) {
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Shape.Member m = shape.member(e.getKey());
            if (m == null) throw new IllegalStateException("shape " + shape.name() + " has no member " + e.getKey());
            if (e.getValue() == null || e.getValue().isNull()) continue;
            writeValue(sb, m.xmlName(), m.shape(), e.getValue());
        }
    }

    private static void writeValue(StringBuilder sb, String element, Shape shape, JsonNode value) {
        switch (shape.type()) {
            case STRUCTURE -> {
                if (!value.isObject()) throw new IllegalStateException(element + " (" + shape.name() + ") must be an object, was " + value.getNodeType());
                sb.append('<').append(element).append('>');
                writeMembers(sb, shape, value);
                sb.append("</").append(element).append('>');
            }
            case LIST -> {
                if (!value.isArray()) throw new IllegalStateException(element + " (" + shape.name() + ") must be an array, was " + value.getNodeType());
                if (shape.listFlattened()) {
                    for (JsonNode item : value) writeValue(sb, element, shape.listMember(), item);
                    return;
                }
                if (value.isEmpty()) {
                    sb.append('<').append(element).append("/>");
                    return;
                }
                sb.append('<').append(element).append('>');
                for (JsonNode item : value) writeValue(sb, shape.listItemName(), shape.listMember(), item);
                sb.append("</").append(element).append('>');
            }
            case MAP -> {
                sb.append('<').append(element).append('>');
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    sb.append("<entry><key>");
                    XmlText.escape(sb, e.getKey());
                    sb.append("</key>");
                    writeValue(sb, "value", shape.mapValue(), e.getValue());
                    sb.append("</entry>");
                }
                sb.append("</").append(element).append('>');
            }
            case BOOLEAN -> sb.append('<').append(element).append('>').append(value.asBoolean()).append("</").append(element).append('>');
            default -> {
                sb.append('<').append(element).append('>');
                XmlText.escape(sb, value.asText());
                sb.append("</").append(element).append('>');
            }
        }
    }

    /** EC2's error document; note {@code RequestID} here against {@code requestId} on success. */
    public static String error(String code, String message, String requestId) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>");
        XmlText.escape(sb, code);
        sb.append("</Code><Message>");
        XmlText.escape(sb, message);
        sb.append("</Message></Error></Errors><RequestID>").append(requestId).append("</RequestID></Response>");
        return sb.toString();
    }
}
