package com.penguinmails.crmsync.sandbox.salesforce.soap;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One SOAP request parsed with the JDK's DOM (namespace-aware, no DTDs): the operation element in the body and the
 * partner headers the sandbox honours ({@code SessionHeader}, {@code QueryOptions}).
 */
final class SoapCall {

    private final Element operation;
    private final @Nullable Element header;

    private SoapCall(Element operation, @Nullable Element header) {
        this.operation = operation;
        this.header = header;
    }

    static SoapCall parse(byte[] body) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            document = builder.parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw SoapFault.client("Unable to parse the request: " + e.getMessage());
        }
        Element envelope = document.getDocumentElement();
        if (!"Envelope".equals(envelope.getLocalName()) || !SoapXml.ENVELOPE_NS.equals(envelope.getNamespaceURI())) {
            throw SoapFault.client("Expected a SOAP 1.1 Envelope in " + SoapXml.ENVELOPE_NS);
        }
        Element header = child(envelope, "Header");
        Element bodyElement = child(envelope, "Body");
        List<Element> operations = bodyElement == null ? List.of() : children(bodyElement);
        if (operations.size() != 1) {
            throw SoapFault.client("The SOAP Body must contain exactly one operation element");
        }
        Element operation = operations.get(0);
        if (!SoapXml.PARTNER_NS.equals(operation.getNamespaceURI())) {
            throw SoapFault.client("No operation available for request {" + operation.getNamespaceURI() + "}"
                    + operation.getLocalName() + ", please check the WSDL for the service.");
        }
        return new SoapCall(operation, header);
    }

    String operationName() {
        return operation.getLocalName();
    }

    Element operation() {
        return operation;
    }

    Optional<String> sessionId() {
        return headerValue("SessionHeader", "sessionId");
    }

    Optional<String> headerValue(String headerName, String field) {
        if (header == null) {
            return Optional.empty();
        }
        Element block = child(header, headerName);
        Element value = block == null ? null : child(block, field);
        return value == null ? Optional.empty() : Optional.of(value.getTextContent().trim());
    }

    /** The text of the operation's child {@code name}, or empty. */
    Optional<String> argument(String name) {
        Element element = child(operation, name);
        return element == null ? Optional.empty() : Optional.of(element.getTextContent());
    }

    /** The operation's children called {@code name} (repeated arguments such as sObjects or ids). */
    List<Element> arguments(String name) {
        return children(operation).stream().filter(e -> name.equals(e.getLocalName())).toList();
    }

    static @Nullable Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
    }

    static boolean isNil(Element element) {
        return "true".equals(element.getAttributeNS(SoapXml.XSI_NS, "nil"));
    }
}
