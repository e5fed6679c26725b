package com.penguinmails.crmsync.sandbox.salesforce.soap;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * Writes partner-API XML: escaped text, elements in the partner namespace (the envelope's default namespace) and
 * values formatted as the partner API formats them (xsd:dateTime in UTC with milliseconds, xsd:date, booleans).
 */
final class SoapXml {

    static final String ENVELOPE_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String PARTNER_NS = "urn:partner.soap.sforce.com";
    static final String SOBJECT_NS = "urn:sobject.partner.soap.sforce.com";
    static final String FAULT_NS = "urn:fault.partner.soap.sforce.com";
    static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final StringBuilder out = new StringBuilder(1024);

    SoapXml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    SoapXml open(String name, String attributes) {
        out.append('<').append(name).append(' ').append(attributes).append('>');
        return this;
    }

    SoapXml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>value</name>}, or {@code <name xsi:nil="true"/>} for null. */
    SoapXml element(String name, @Nullable Object value) {
        if (value == null) {
            out.append('<').append(name).append(" xsi:nil=\"true\"/>");
            return this;
        }
        out.append('<').append(name).append('>');
        escape(format(value));
        out.append("</").append(name).append('>');
        return this;
    }

    /** Omits the element when {@code value} is null. */
    SoapXml optional(String name, @Nullable Object value) {
        return value == null ? this : element(name, value);
    }

    SoapXml raw(String xml) {
        out.append(xml);
        return this;
    }

    static String format(Object value) {
        if (value instanceof Instant instant) {
            return formatDateTime(instant);
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        return value.toString();
    }

    static String formatDateTime(Instant instant) {
        return DATETIME.format(instant);
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
