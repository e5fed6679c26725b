package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Renders a stored record as API v2 JSON: {@code id}, the standard fields in schema order, {@code add_time} and
 * {@code update_time} as whole-second RFC 3339, {@code is_deleted}, and {@code custom_fields} (every custom field of
 * the object, null when unset, or only the keys a {@code custom_fields} parameter asked for).
 */
public final class RecordView {

    private final FieldCatalog catalog;

    public RecordView(FieldCatalog catalog) {
        this.catalog = catalog;
    }

    public Map<String, @Nullable Object> render(EntityType type, StoredRecord record, @Nullable Set<String> onlyCustom) {
        Map<String, @Nullable Object> json = new LinkedHashMap<>();
        json.put("id", record.id());
        EntitySchema schema = EntitySchemas.of(type);
        for (FieldSpec spec : schema.fields()) {
            json.put(spec.name(), record.field(spec.name()));
        }
        json.put("add_time", Rfc3339.format(record.addTime()));
        json.put("update_time", Rfc3339.format(record.updateTime()));
        json.put("is_deleted", record.deleted());
        if (schema.customFields()) {
            Map<String, @Nullable Object> custom = new LinkedHashMap<>();
            for (CustomField field : catalog.custom(type)) {
                if (onlyCustom == null || onlyCustom.contains(field.key())) {
                    custom.put(field.key(), record.customFields().get(field.key()));
                }
            }
            json.put("custom_fields", custom);
        }
        return json;
    }

    public List<Map<String, @Nullable Object>> renderAll(EntityType type, List<StoredRecord> records,
                                                         @Nullable Set<String> onlyCustom) {
        return records.stream().map(r -> render(type, r, onlyCustom)).toList();
    }
}
