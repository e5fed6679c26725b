package com.penguinmails.crmsync.sandbox.salesforce.soap;

import com.penguinmails.crmsync.sandbox.salesforce.model.ObjectDef;
import com.penguinmails.crmsync.sandbox.salesforce.model.Schema;
import com.penguinmails.crmsync.sandbox.salesforce.model.WriteRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

/**
 * Partner {@code sObject}s in and out: reads {@code type}, {@code fieldsToNull}, {@code Id} and field elements into
 * write requests (checking, before anything is written, that every object and field exists, as Salesforce fails the
 * whole call otherwise), and writes result rows as {@code <records xsi:type="sf:sObject">}.
 */
final class SObjectCodec {

    private final Schema schema;

    SObjectCodec(Schema schema) {
        this.schema = schema;
    }

    /** Reads sObjects and checks their object and field names. */
    List<WriteRequest> read(List<Element> sObjects) {
        List<WriteRequest> requests = sObjects.stream().map(SObjectCodec::readOne).toList();
        for (WriteRequest request : requests) {
            ObjectDef object = object(request.object());
            for (String field : request.values().keySet()) {
                if (object.field(field).isEmpty()) {
                    throw SoapFault.of("InvalidFieldFault", "INVALID_FIELD", "No such column '" + field
                            + "' on entity '" + object.name() + "'. If you are attempting to use a custom field, be "
                            + "sure to append the '__c' after the custom field name. Please reference your WSDL or "
                            + "the describe call for the appropriate names.");
                }
            }
        }
        return requests;
    }

    ObjectDef object(String name) {
        return schema.object(name).orElseThrow(() -> SoapFault.of("InvalidSObjectFault", "INVALID_TYPE",
                "sObject type '" + name + "' is not supported. If you are attempting to use a custom object, be sure "
                        + "to append the '__c' after the entity name. Please reference your WSDL or the describe call "
                        + "for the appropriate names."));
    }

    private static WriteRequest readOne(Element sObject) {
        String type = null;
        String id = null;
        Map<String, @Nullable String> values = new LinkedHashMap<>();
        for (Element child : SoapCall.children(sObject)) {
            String name = child.getLocalName();
            switch (name) {
                case "type" -> type = child.getTextContent().trim();
                case "fieldsToNull" -> values.put(child.getTextContent().trim(), null);
                case "Id" -> id = SoapCall.isNil(child) ? null : child.getTextContent().trim();
                default -> {
                    if (!SoapCall.children(child).isEmpty()) {
                        throw SoapFault.of("InvalidFieldFault", "INVALID_FIELD", "Foreign key external ID references"
                                + " (" + name + ") are not supported by the sandbox");
                    }
                    values.put(name, SoapCall.isNil(child) ? null : child.getTextContent());
                }
            }
        }
        if (type == null || type.isEmpty()) {
            throw SoapFault.of("InvalidSObjectFault", "INVALID_TYPE", "Must send a concrete entity type.");
        }
        return new WriteRequest(type, id, values);
    }

    /** Writes one query row; {@code Id} is always present (nil when not selected), as the partner API does. */
    static void write(SoapXml xml, String elementName, String objectName, Map<String, @Nullable Object> row) {
        xml.open(elementName, "xsi:type=\"sf:sObject\"").element("sf:type", objectName)
                .element("sf:Id", row.get("Id"));
        row.forEach((field, value) -> xml.element("sf:" + field, value));
        xml.close(elementName);
    }
}
