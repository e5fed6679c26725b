package com.penguinmails.crmsync.connector.pipedrive.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The account's fields per object, read once per connector instance from the v2 fields endpoints and kept: custom
 * fields are found by display name (the first of equal names wins) or by hash key.
 */
public final class AccountFields {

    /** The fields of one object, by record key and by code. */
    public record Catalog(List<FieldDef> fields, Map<String, FieldDef> byRecordKey, Map<String, FieldDef> byCode) {

        /** A field by its record key ({@code emails}, {@code custom:Lead Score}) or a custom field's hash. */
        public Optional<FieldDef> find(String key) {
            FieldDef field = byRecordKey.get(key);
            return Optional.ofNullable(field != null ? field : byCode.get(key));
        }

        /** A custom field by display name. */
        public Optional<FieldDef> custom(String name) {
            return Optional.ofNullable(byRecordKey.get(FieldDef.CUSTOM_PREFIX + name));
        }
    }

    private final PipedriveApi api;
    private final Map<Entity, Catalog> catalogs = new ConcurrentHashMap<>();

    public AccountFields(PipedriveApi api) {
        this.api = api;
    }

    public Catalog of(Entity entity) {
        return catalogs.computeIfAbsent(entity, this::load);
    }

    private Catalog load(Entity entity) {
        List<FieldDef> fields = new ArrayList<>();
        Map<String, FieldDef> byKey = new LinkedHashMap<>();
        Map<String, FieldDef> byCode = new LinkedHashMap<>();
        for (JsonNode node : api.fields(entity)) {
            Map<Long, String> options = new LinkedHashMap<>();
            for (JsonNode option : node.path("options")) {
                options.put(option.path("id").asLong(), option.path("label").asString(""));
            }
            FieldDef field = new FieldDef(node.path("field_code").asString(), node.path("field_name").asString(""),
                    node.path("field_type").asString(""), node.path("is_custom_field").asBoolean(false), options);
            fields.add(field);
            byKey.putIfAbsent(field.recordKey(), field);
            byCode.putIfAbsent(field.code(), field);
        }
        return new Catalog(List.copyOf(fields), Map.copyOf(byKey), Map.copyOf(byCode));
    }
}
