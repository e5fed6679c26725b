package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Checks a v2 write body against an object's schema and the account's custom fields, as strictly as Pipedrive: unknown
 * or read-only parameters, wrong JSON types, over-long strings, values outside an enum, malformed dates, unknown
 * custom field keys, custom values of the wrong type, and links to records or users that do not exist are refused
 * with 400 before anything is stored.
 */
public final class RecordValidator {

    private static final Set<String> EMAIL_LABELS = Set.of("work", "home", "other");
    private static final Set<String> PHONE_LABELS = Set.of("work", "home", "mobile", "other");

    private final AccountData data;

    public RecordValidator(AccountData data) {
        this.data = data;
    }

    /** Parses a request body into a JSON object, or 400. */
    public static JsonNode parseObject(byte[] body) {
        if (body.length == 0) {
            throw ApiError.validation("body", "Request body is required");
        }
        JsonNode node;
        try {
            node = SandboxResponse.jsonMapper().readTree(body);
        } catch (JacksonException e) {
            throw ApiError.validation("body", "Unexpected token in JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.validation("body", "must be object");
        }
        return node;
    }

    public Changes validate(EntitySchema schema, JsonNode body, boolean create) {
        Changes changes = Changes.empty();
        Instant now = data.now();
        for (Map.Entry<String, JsonNode> property : body.properties()) {
            String name = property.getKey();
            JsonNode value = property.getValue();
            if (name.equals("custom_fields") && schema.customFields()) {
                customFields(schema.type(), value, changes.customFields());
                continue;
            }
            FieldSpec spec = schema.field(name).filter(FieldSpec::writable).orElseThrow(() ->
                    ApiError.validation("body", "Parameter '" + name + "' is not allowed for this request"));
            changes.fields().put(name, value(spec, value, now));
        }
        if (create) {
            for (String required : schema.requiredOnCreate()) {
                if (!changes.has(required)) {
                    throw ApiError.validation("body", "Parameter '" + required + "' is required");
                }
            }
        }
        return changes;
    }

    private @Nullable Object value(FieldSpec spec, JsonNode value, Instant now) {
        String name = spec.name();
        if (value.isNull()) {
            if (!spec.nullable()) {
                throw ApiError.validation(name, "Parameter '" + name + "' must not be null");
            }
            return null;
        }
        return switch (spec.kind()) {
            case STRING -> {
                String text = string(name, value);
                if (text.length() > spec.maxLength()) {
                    throw ApiError.validation(name, "Parameter '" + name + "' must be at most " + spec.maxLength()
                            + " characters long");
                }
                if (!spec.nullable() && text.isBlank()) {
                    throw ApiError.validation(name, "Parameter '" + name + "' must not be empty");
                }
                yield text;
            }
            case INT -> integer(name, value);
            case NUMBER -> {
                if (!value.isNumber()) {
                    throw ApiError.validation(name, "Parameter '" + name + "' must be a number");
                }
                yield value.asDouble();
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw ApiError.validation(name, "Parameter '" + name + "' must be a boolean");
                }
                yield value.asBoolean();
            }
            case DATE -> {
                String text = string(name, value);
                if (!Rfc3339.isDate(text)) {
                    throw ApiError.validation(name, "Parameter '" + name + "' must be a date in the YYYY-MM-DD format");
                }
                yield text;
            }
            case TIME -> {
                String text = string(name, value);
                if (!Rfc3339.isTime(text)) {
                    throw ApiError.validation(name, "Parameter '" + name + "' must be a time in the HH:MM format");
                }
                yield text;
            }
            case ENUM -> {
                String text = string(name, value);
                if (!spec.values().contains(text)) {
                    throw ApiError.validation(name, "Parameter '" + name + "' must be one of " + spec.values());
                }
                yield text;
            }
            case INT_ENUM -> {
                long number = integer(name, value);
                if (!spec.values().contains(Long.toString(number))) {
                    throw ApiError.validation(name, "Parameter '" + name + "' must be one of " + spec.values());
                }
                yield number;
            }
            case USER -> {
                long id = integer(name, value);
                if (!data.userExists(id)) {
                    throw ApiError.badRequest("User with id " + id + " not found");
                }
                yield id;
            }
            case REF -> {
                long id = integer(name, value);
                EntityType target = spec.references();
                if (target == null || data.store(target).live(id, now).isEmpty()) {
                    throw ApiError.badRequest((target == null ? "Record" : target.displayName()) + " with id " + id
                            + " not found");
                }
                yield id;
            }
            case INT_LIST -> {
                List<Long> ids = new ArrayList<>();
                array(name, value).forEach(item -> ids.add(integer(name, item)));
                yield ids;
            }
            case OBJECT -> {
                if (!value.isObject()) {
                    throw ApiError.validation(name, "Parameter '" + name + "' must be an object");
                }
                yield SandboxResponse.jsonMapper().treeToValue(value, Map.class);
            }
            case EMAILS -> contactPoints(name, value, EMAIL_LABELS);
            case PHONES -> contactPoints(name, value, PHONE_LABELS);
            case PARTICIPANTS -> participants(name, value, now);
            case READ_ONLY -> throw ApiError.validation("body", "Parameter '" + name
                    + "' is not allowed for this request");
        };
    }

    private List<Map<String, Object>> contactPoints(String name, JsonNode value, Set<String> labels) {
        List<Map<String, Object>> points = new ArrayList<>();
        int primaries = 0;
        int index = 0;
        for (JsonNode item : array(name, value)) {
            String where = name + "[" + index++ + "]";
            if (!item.isObject()) {
                throw ApiError.validation(where, "must be an object");
            }
            for (String key : item.propertyNames()) {
                if (!Set.of("value", "primary", "label").contains(key)) {
                    throw ApiError.validation(where, "Parameter '" + key + "' is not allowed");
                }
            }
            JsonNode text = item.get("value");
            if (text == null || !text.isString() || text.asString().isBlank()) {
                throw ApiError.validation(where + ".value", "Parameter 'value' is required and must be a string");
            }
            if (text.asString().length() > 255) {
                throw ApiError.validation(where + ".value", "must be at most 255 characters long");
            }
            JsonNode primary = item.get("primary");
            if (primary != null && !primary.isBoolean()) {
                throw ApiError.validation(where + ".primary", "must be a boolean");
            }
            JsonNode label = item.get("label");
            if (label != null && (!label.isString() || !labels.contains(label.asString()))) {
                throw ApiError.validation(where + ".label", "must be one of " + labels.stream().sorted().toList());
            }
            boolean isPrimary = primary != null && primary.asBoolean();
            primaries += isPrimary ? 1 : 0;
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("value", text.asString().strip());
            point.put("primary", isPrimary);
            point.put("label", label == null ? "work" : label.asString());
            points.add(point);
        }
        if (primaries > 1) {
            throw ApiError.validation(name, "only one item can be primary");
        }
        if (primaries == 0 && !points.isEmpty()) {
            points.get(0).put("primary", true);
        }
        return points;
    }

    private List<Map<String, Object>> participants(String name, JsonNode value, Instant now) {
        List<Map<String, Object>> participants = new ArrayList<>();
        for (JsonNode item : array(name, value)) {
            JsonNode person = item.get("person_id");
            if (!item.isObject() || person == null) {
                throw ApiError.validation(name, "each participant needs a person_id");
            }
            long id = integer(name + ".person_id", person);
            if (data.store(EntityType.PERSON).live(id, now).isEmpty()) {
                throw ApiError.badRequest("Person with id " + id + " not found");
            }
            JsonNode primary = item.get("primary");
            Map<String, Object> participant = new LinkedHashMap<>();
            participant.put("person_id", id);
            participant.put("primary", primary != null && primary.asBoolean());
            participants.add(participant);
        }
        return participants;
    }

    private void customFields(EntityType type, JsonNode value, Map<String, @Nullable Object> out) {
        if (!value.isObject()) {
            throw ApiError.validation("custom_fields", "must be an object");
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String key = entry.getKey();
            CustomField field = data.catalog().byKey(type, key).orElseThrow(() -> ApiError.validation(
                    "custom_fields", "Custom field '" + key + "' does not exist"));
            out.put(key, customValue(field, entry.getValue()));
        }
    }

    private @Nullable Object customValue(CustomField field, JsonNode value) {
        String where = "custom_fields." + field.key();
        if (value.isNull()) {
            return null;
        }
        switch (field.type()) {
            case "double" -> {
                if (!value.isNumber()) {
                    throw ApiError.validation(where, "must be a number");
                }
                return value.asDouble();
            }
            case "int" -> {
                return integer(where, value);
            }
            case "varchar", "varchar_auto", "phone" -> {
                String text = string(where, value);
                if (text.length() > 255) {
                    throw ApiError.validation(where, "must be at most 255 characters long");
                }
                return text;
            }
            case "text" -> {
                String text = string(where, value);
                if (text.length() > 65_535) {
                    throw ApiError.validation(where, "must be at most 65535 characters long");
                }
                return text;
            }
            case "date" -> {
                String text = string(where, value);
                if (!Rfc3339.isDate(text)) {
                    throw ApiError.validation(where, "must be a date in the YYYY-MM-DD format");
                }
                return text;
            }
            case "enum" -> {
                long id = integer(where, value);
                requireOption(field, where, id);
                return id;
            }
            case "set" -> {
                List<Long> ids = new ArrayList<>();
                for (JsonNode item : array(where, value)) {
                    long id = integer(where, item);
                    requireOption(field, where, id);
                    ids.add(id);
                }
                if (ids.isEmpty()) {
                    throw ApiError.validation(where, "an empty array is not supported, use null to clear");
                }
                return ids;
            }
            default -> throw new IllegalStateException("unsupported custom field type " + field.type());
        }
    }

    private static void requireOption(CustomField field, String where, long id) {
        if (field.options().stream().noneMatch(o -> o.id() == id)) {
            throw ApiError.validation(where, "option " + id + " does not exist");
        }
    }

    private static String string(String name, JsonNode value) {
        if (!value.isString()) {
            throw ApiError.validation(name, "Parameter '" + name + "' must be a string");
        }
        return value.asString();
    }

    private static long integer(String name, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiError.validation(name, "Parameter '" + name + "' must be an integer");
        }
        return value.asLong();
    }

    private static Iterable<JsonNode> array(String name, JsonNode value) {
        if (!value.isArray()) {
            throw ApiError.validation(name, "Parameter '" + name + "' must be an array");
        }
        return value;
    }
}
