package io.localvpc.dataplane.classify;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads the few S3 request documents whose content decides authorization. */
final class S3Xml {

    /** One entry of a {@code DeleteObjects} request; versionId null when none was given. */
    record ObjectId(String key, String versionId) {
    }

    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        // request bodies are untrusted: no DTDs, no external entities
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    }

    private S3Xml() {
    }

    /** The objects of {@code <Delete><Object><Key/><VersionId/></Object>…</Delete>}. */
    static List<ObjectId> deleteObjects(byte[] body) throws XMLStreamException {
        List<ObjectId> objects = new ArrayList<>();
        XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
        try {
            String key = null;
            String versionId = null;
            boolean inObject = false;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "Object" -> {
                            inObject = true;
                            key = null;
                            versionId = null;
                        }
                        case "Key" -> key = inObject ? r.getElementText() : key;
                        case "VersionId" -> versionId = inObject ? r.getElementText() : versionId;
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("Object")) {
                    if (key == null) {
                        throw new XMLStreamException("an <Object> without a <Key>");
                    }
                    objects.add(new ObjectId(key, versionId == null || versionId.isEmpty() ? null : versionId));
                    inObject = false;
                }
            }
        } finally {
            r.close();
        }
        return objects;
    }

    /** The {@code LocationConstraint} of a {@code CreateBucketConfiguration}, or null. */
    static String locationConstraint(byte[] body) throws XMLStreamException {
        XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
        try {
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("LocationConstraint")) {
                    return r.getElementText().trim();
                }
            }
            return null;
        } finally {
            r.close();
        }
    }
}
