package com.penguinmails.crmsync.connector.salesforce.internal;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import com.sforce.soap.partner.sobject.SObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link CrmRecord}s from what Salesforce returns (partner {@code SObject}s, Bulk API CSV rows), typed by the
 * object's describe; the external id field becomes {@link CrmRecord#externalId()}.
 */
final class Records {

    private final FieldCatalog catalog;

    Records(FieldCatalog catalog) {
        this.catalog = catalog;
    }

    CrmRecord fromSObject(ObjectType type, SObject object, List<String> fields) {
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        for (String field : fields) {
            values.put(field, Values.read(catalog.typeOf(type, field), object.getField(field)));
        }
        return record(type, values);
    }

    CrmRecord fromRow(ObjectType type, String[] header, String[] row) {
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            values.put(header[i], Values.read(catalog.typeOf(type, header[i]), i < row.length ? row[i] : null));
        }
        return record(type, values);
    }

    private static CrmRecord record(ObjectType type, Map<String, @Nullable Object> values) {
        Object id = values.get("Id");
        Object stamp = values.get("SystemModstamp");
        Object externalId = values.get(SalesforceSettings.EXTERNAL_ID_FIELD);
        return new CrmRecord(type, String.valueOf(id), externalId == null ? null : externalId.toString(),
                stamp instanceof Instant instant ? instant : null, false, null, values);
    }
}
