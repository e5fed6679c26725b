package com.penguinmails.crmsync.connector.salesforce.internal;

import com.penguinmails.crmsync.core.FieldDescription;
import com.penguinmails.crmsync.core.ObjectDescription;
import com.penguinmails.crmsync.core.ObjectType;
import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.FieldType;
import com.sforce.soap.partner.PicklistEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects' fields as {@code describeSObject} reports them, described once per connector and kept: the
 * {@link ObjectDescription} the mapping validates against, and the field list change queries select.
 */
final class FieldCatalog {

    /** Compound and binary fields cannot be selected by a plain SOQL or Bulk API query. */
    private static final Set<String> UNSELECTABLE = Set.of("address", "location", "base64", "complexvalue");

    private final SoapClient soap;
    private final Map<ObjectType, ObjectDescription> described = new ConcurrentHashMap<>();

    FieldCatalog(SoapClient soap) {
        this.soap = soap;
    }

    ObjectDescription describe(ObjectType type) {
        ObjectDescription known = described.get(type);
        if (known != null) {
            return known;
        }
        String object = SalesforceObjects.name(type);
        DescribeSObjectResult result = soap.call("describe " + object, c -> c.describeSObject(object));
        List<FieldDescription> fields = new ArrayList<>();
        for (Field field : result.getFields()) {
            fields.add(describe(field));
        }
        ObjectDescription description = new ObjectDescription(type, result.getName(), fields);
        described.put(type, description);
        return description;
    }

    /** The fields a change query selects: every field but compound and binary ones. */
    List<String> selectable(ObjectType type) {
        return describe(type).fields().stream().filter(f -> !UNSELECTABLE.contains(f.type()))
                .map(FieldDescription::name).toList();
    }

    /** The Salesforce type of {@code field} ({@code string}, {@code boolean}, {@code datetime} ...), or string. */
    String typeOf(ObjectType type, String field) {
        return describe(type).field(field).map(FieldDescription::type).orElse("string");
    }

    private static FieldDescription describe(Field field) {
        FieldType type = field.getType();
        String typeName = type == null ? "string" : type.toString();
        List<String> picklist = field.getPicklistValues() == null ? List.of() : Arrays.stream(field
                .getPicklistValues()).filter(PicklistEntry::isActive).map(PicklistEntry::getValue).toList();
        boolean required = !field.isNillable() && field.isCreateable() && !field.isDefaultedOnCreate()
                && !"boolean".equals(typeName);
        return new FieldDescription(field.getName(), field.getLabel(), typeName, field.getLength(), required,
                field.isCreateable(), field.isUpdateable(), field.isExternalId(), picklist);
    }
}
