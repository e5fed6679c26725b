package com.penguinmails.crmsync.connector.pipedrive.internal;

import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.ObjectType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates between Pipedrive's v2 JSON and {@link CrmRecord}: standard fields keep their API names
 * ({@code name}, {@code emails}, {@code org_id} ...), custom fields are keyed {@code custom:<Field Name>} instead of
 * their per-account hash, and enum/set option ids become their labels (and back). Dates of date fields are written
 * as {@code YYYY-MM-DD}.
 */
public final class RecordMapper {

    /** A record's fields as a request body, and the fields that cannot be written (unknown or read-only). */
    public record WireBody(ObjectNode body, List<String> unknown, List<String> readOnly) {

        public boolean valid() {
            return unknown.isEmpty() && readOnly.isEmpty();
        }
    }

    private static final Set<String> NOT_FIELDS = Set.of("id", "custom_fields", "is_deleted");

    private final JsonMapper json;

    public RecordMapper(JsonMapper json) {
        this.json = json;
    }

    /** A record from a list or get answer; a deleted one as {@link CrmRecord#deletion}. */
    public CrmRecord fromWire(ObjectType type, JsonNode item, AccountFields.Catalog catalog,
                              @Nullable FieldDef externalIdField) {
        String id = item.path("id").asString();
        Instant modified = updateTime(item);
        if (item.path("is_deleted").asBoolean(false)) {
            return CrmRecord.deletion(type, id, modified, null);
        }
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : item.properties()) {
            if (!NOT_FIELDS.contains(property.getKey())) {
                fields.put(property.getKey(), plain(property.getValue()));
            }
        }
        String externalId = null;
        for (Map.Entry<String, JsonNode> custom : item.path("custom_fields").properties()) {
            FieldDef field = catalog.byCode().get(custom.getKey());
            Object value = plain(custom.getValue());
            if (field == null) {
                fields.put(FieldDef.CUSTOM_PREFIX + custom.getKey(), value);
                continue;
            }
            fields.put(field.recordKey(), labels(field, value));
            if (field.equals(externalIdField) && value != null) {
                externalId = value.toString();
            }
        }
        return new CrmRecord(type, id, externalId, modified, false, null, fields);
    }

    /** The request body writing {@code fields} (and the external id into its custom field, when both are given). */
    public WireBody toWire(Map<String, @Nullable Object> fields, AccountFields.Catalog catalog,
                           @Nullable FieldDef externalIdField, @Nullable String externalId) {
        ObjectNode body = json.createObjectNode();
        ObjectNode custom = json.createObjectNode();
        List<String> unknown = new ArrayList<>();
        List<String> readOnly = new ArrayList<>();
        for (Map.Entry<String, @Nullable Object> entry : fields.entrySet()) {
            FieldDef field = catalog.find(entry.getKey()).orElse(null);
            if (field == null) {
                unknown.add(entry.getKey());
            } else if (!field.writable()) {
                readOnly.add(entry.getKey());
            } else if (field.custom()) {
                custom.set(field.code(), node(wireValue(field, entry.getValue())));
            } else {
                body.set(field.code(), node(wireValue(field, entry.getValue())));
            }
        }
        if (externalIdField != null && externalId != null && !custom.has(externalIdField.code())) {
            custom.put(externalIdField.code(), externalId);
        }
        if (!custom.isEmpty()) {
            body.set("custom_fields", custom);
        }
        return new WireBody(body, unknown, readOnly);
    }

    public static Instant updateTime(JsonNode item) {
        String text = item.path("update_time").asString("");
        if (text.isEmpty()) {
            return Instant.EPOCH;
        }
        return text.contains("T") ? Instant.parse(text) : Instant.parse(text.replace(' ', 'T') + "Z");
    }

    private JsonNode node(@Nullable Object value) {
        return value == null ? json.getNodeFactory().nullNode() : json.valueToTree(value);
    }

    private @Nullable Object plain(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? null : json.treeToValue(node, Object.class);
    }

    private static @Nullable Object labels(FieldDef field, @Nullable Object value) {
        if (field.options().isEmpty() || value == null) {
            return value;
        }
        if (value instanceof Number id) {
            return field.options().getOrDefault(id.longValue(), id.toString());
        }
        if (value instanceof List<?> ids) {
            return ids.stream().map(v -> v instanceof Number n ? field.options().getOrDefault(n.longValue(),
                    n.toString()) : v).toList();
        }
        return value;
    }

    private static @Nullable Object wireValue(FieldDef field, @Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (!field.options().isEmpty()) {
            if (value instanceof String label) {
                return field.optionId(label).<Object>map(id -> id).orElse(label);
            }
            if (value instanceof List<?> labels) {
                return labels.stream().map(v -> v instanceof String s
                        ? field.optionId(s).<Object>map(id -> id).orElse(s) : v).toList();
            }
        }
        if (value instanceof Instant instant) {
            return field.type().equals("date") ? LocalDate.ofInstant(instant, ZoneOffset.UTC).toString()
                    : instant.toString();
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        return value;
    }
}
