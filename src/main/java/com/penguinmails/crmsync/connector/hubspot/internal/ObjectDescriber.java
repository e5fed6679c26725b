package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.core.FieldDescription;
import com.penguinmails.crmsync.core.ObjectDescription;
import com.penguinmails.crmsync.core.ObjectType;
import java.util.List;

/**
 * Describes a HubSpot object from its Properties API: each property's name, label and type (HubSpot's own word:
 * {@code string}, {@code number}, {@code datetime}, {@code enumeration}, {@code bool} ...), options, writability
 * ({@code modificationMetadata.readOnlyValue}, calculated properties) and whether it identifies a record
 * ({@code hasUniqueValue}, or {@code email} on contacts, which HubSpot upserts by). HubSpot requires no property on
 * write, so none is reported required, and string properties report no maximum length (HubSpot's is 65,536).
 */
public final class ObjectDescriber {

    private final PropertyDirectory directory;

    public ObjectDescriber(PropertyDirectory directory) {
        this.directory = directory;
    }

    public ObjectDescription describe(ObjectType type) {
        HubSpotObject object = HubSpotObject.of(type);
        List<FieldDescription> fields = directory.of(object).stream().map(p -> field(object, p)).toList();
        return new ObjectDescription(type, object.path(), fields);
    }

    private static FieldDescription field(HubSpotObject object, PropertyInfo property) {
        // hs_email_optout is read-only in HubSpot, but the connector writes an opt-out as an unsubscribe
        boolean writable = !property.readOnlyValue() && !property.calculated()
                || object == HubSpotObject.CONTACTS && RecordWriter.OPT_OUT.equals(property.name());
        boolean identifies = property.hasUniqueValue()
                || object == HubSpotObject.CONTACTS && "email".equals(property.name());
        return new FieldDescription(property.name(), property.label(), property.type(), 0, false, writable, writable,
                identifies, property.options());
    }
}
