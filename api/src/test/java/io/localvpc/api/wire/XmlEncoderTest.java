package io.localvpc.api.wire;

import io.localvpc.core.xml.XmlText;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class XmlEncoderTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whatever a stored value holds (one stored before validation, or read from an old data directory), the answer parses. */
    @ParameterizedTest
    @ValueSource(strings = {"a\u0001b", "\u0000", "x\uFFFEy", "x\uFFFF", "lone\uD800", "\uDC00lone", "<&>", "\u001F\u007F\u0085"})
    void everyAnswerIsWellFormedXml10(String value) throws Exception {
        ServiceModel model = Ec2Model.get();
        ObjectNode result = NODES.objectNode();
        result.putArray("Tags").addObject().put("Key", "k").put("ResourceId", "vpc-1").put("ResourceType", "vpc").put("Value", value);
        String xml = XmlEncoder.encode("DescribeTags", model.xmlNamespace(), model.operation("DescribeTags").orElseThrow().output(), result, "r-1");
        Document doc = parse(xml);
        String back = doc.getElementsByTagName("value").item(0).getTextContent();
        assertEquals(value.length(), back.length(), "each character XML cannot carry becomes one U+FFFD");
        assertEquals(-1, XmlText.firstDisallowed(back));
        parse(XmlEncoder.error("Code", value, "r-1"));
        parse(XmlEncoder.queryError("https://sts.amazonaws.com/doc/2011-06-15/", true, "Code", value, "r-1"));
    }

    @Test
    void astralCharactersSurviveIntact() throws Exception {
        ObjectNode result = NODES.objectNode();
        result.putArray("Tags").addObject().put("Key", "k").put("Value", "smile \uD83D\uDE00");
        ServiceModel model = Ec2Model.get();
        String xml = XmlEncoder.encode("DescribeTags", model.xmlNamespace(), model.operation("DescribeTags").orElseThrow().output(), result, "r-1");
        assertEquals("smile \uD83D\uDE00", parse(xml).getElementsByTagName("value").item(0).getTextContent());
    }
}
