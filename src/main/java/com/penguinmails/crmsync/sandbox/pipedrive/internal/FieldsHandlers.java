package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Field metadata of one object type: v2 {@code GET /api/v2/personFields[/{field_code}]} ({@code field_code},
 * {@code field_name}, {@code field_type}, {@code is_custom_field}, {@code options} ..., cursor paging) and the v1
 * {@code GET /api/v1/personFields} ({@code key}, {@code name}, {@code field_type}, {@code edit_flag} ..., start/limit
 * paging) still in service. Custom fields carry their 40-character hash as code/key.
 */
public final class FieldsHandlers {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("name", "Name"), Map.entry("first_name", "First name"), Map.entry("last_name", "Last name"),
            Map.entry("owner_id", "Owner"), Map.entry("org_id", "Organization"), Map.entry("emails", "Email"),
            Map.entry("phones", "Phone"), Map.entry("visible_to", "Visible to"), Map.entry("label_ids", "Labels"),
            Map.entry("person_id", "Contact person"), Map.entry("deal_id", "Deal"), Map.entry("title", "Title"),
            Map.entry("value", "Value"), Map.entry("currency", "Currency"), Map.entry("stage_id", "Stage"),
            Map.entry("pipeline_id", "Pipeline"), Map.entry("status", "Status"), Map.entry("subject", "Subject"),
            Map.entry("type", "Type"), Map.entry("due_date", "Due date"), Map.entry("done", "Done"),
            Map.entry("note", "Note"), Map.entry("address", "Address"),
            Map.entry("marketing_status", "Marketing status"));

    private final EntityType type;
    private final AccountData data;

    public FieldsHandlers(EntityType type, AccountData data) {
        this.type = type;
        this.data = data;
    }

    public SandboxResponse listV2(SandboxRequest request, Caller caller) {
        int limit = ListQuery.limit(request, ListQuery.MAX_LIMIT);
        int offset = request.queryParam("cursor").filter(c -> !c.isEmpty()).map(Cursor::decodeOffset).orElse(0);
        List<Map<String, @Nullable Object>> all = v2Fields();
        List<Map<String, @Nullable Object>> page = all.subList(Math.min(offset, all.size()),
                Math.min(offset + limit, all.size()));
        return Envelope.page(page, offset + limit < all.size() ? Cursor.offset(offset + limit) : null);
    }

    public SandboxResponse getV2(SandboxRequest request, Caller caller) {
        String code = request.pathParam("field_code");
        return Envelope.ok(v2Fields().stream().filter(f -> code.equals(f.get("field_code"))).findFirst()
                .orElseThrow(() -> ApiError.notFound("Field not found")));
    }

    public SandboxResponse listV1(SandboxRequest request, Caller caller) {
        int start = request.queryParam("start").map(v -> (int) ListQuery.integer("start", v)).orElse(0);
        int limit = request.queryParam("limit").map(v -> (int) ListQuery.integer("limit", v)).orElse(100);
        if (limit < 1 || limit > 500 || start < 0) {
            throw ApiError.badRequest("Invalid pagination parameters");
        }
        List<Map<String, @Nullable Object>> all = v1Fields();
        List<Map<String, @Nullable Object>> page = all.subList(Math.min(start, all.size()),
                Math.min(start + limit, all.size()));
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("start", start);
        pagination.put("limit", limit);
        pagination.put("more_items_in_collection", start + limit < all.size());
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", page);
        body.put("additional_data", Map.of("pagination", pagination));
        return SandboxResponse.json(200, body);
    }

    private List<Map<String, @Nullable Object>> v2Fields() {
        List<Map<String, @Nullable Object>> fields = new ArrayList<>();
        fields.add(v2("id", "ID", "int", false, null));
        for (FieldSpec spec : EntitySchemas.of(type).fields()) {
            fields.add(v2(spec.name(), displayName(spec.name()), spec.fieldType(), false, null));
        }
        fields.add(v2("add_time", "Created", "date", false, null));
        fields.add(v2("update_time", "Update time", "date", false, null));
        for (CustomField field : data.catalog().custom(type)) {
            fields.add(v2(field.key(), field.name(), field.type(), true, field.hasOptions() ? field.options()
                    .stream().map(o -> Map.<String, Object>of("id", o.id(), "label", o.label())).toList() : null));
        }
        return fields;
    }

    private static Map<String, @Nullable Object> v2(String code, String name, String fieldType, boolean custom,
                                                    @Nullable List<Map<String, Object>> options) {
        Map<String, @Nullable Object> field = new LinkedHashMap<>();
        field.put("field_name", name);
        field.put("field_code", code);
        field.put("field_type", fieldType);
        field.put("is_custom_field", custom);
        field.put("is_optional_response_field", false);
        field.put("options", options);
        field.put("subfields", null);
        return field;
    }

    private List<Map<String, @Nullable Object>> v1Fields() {
        List<Map<String, @Nullable Object>> fields = new ArrayList<>();
        long id = 1;
        for (FieldSpec spec : EntitySchemas.of(type).fields()) {
            String key = switch (spec.name()) {
                case "emails" -> "email";
                case "phones" -> "phone";
                default -> spec.name();
            };
            fields.add(v1(id++, key, displayName(spec.name()), spec.fieldType(), false, spec.writable(), null));
        }
        for (CustomField field : data.catalog().custom(type)) {
            fields.add(v1(field.id(), field.key(), field.name(), field.type(), true, true, field.hasOptions()
                    ? field.options().stream().map(o -> Map.<String, Object>of("id", o.id(), "label", o.label()))
                    .toList() : null));
        }
        return fields;
    }

    private static Map<String, @Nullable Object> v1(long id, String key, String name, String fieldType,
                                                    boolean custom, boolean writable,
                                                    @Nullable List<Map<String, Object>> options) {
        Map<String, @Nullable Object> field = new LinkedHashMap<>();
        field.put("id", id);
        field.put("key", key);
        field.put("name", name);
        field.put("order_nr", id);
        field.put("field_type", fieldType);
        field.put("active_flag", true);
        field.put("edit_flag", custom);
        field.put("bulk_edit_allowed", writable);
        field.put("mandatory_flag", key.equals("name") || key.equals("title"));
        if (options != null) {
            field.put("options", options);
        }
        return field;
    }

    private static String displayName(String field) {
        String name = NAMES.get(field);
        if (name != null) {
            return name;
        }
        String words = field.replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
