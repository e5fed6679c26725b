package com.penguinmails.crmsync.sandbox.hubspot;

import com.penguinmails.crmsync.sandbox.support.SandboxRequest;
import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * Reads request bodies the way HubSpot does: malformed JSON and values of the wrong JSON type are a 400
 * {@code VALIDATION_ERROR} ("Invalid input JSON on line 1, column 3: ..."), naming the field.
 */
final class JsonBody {

    private JsonBody() {
    }

    /** The body as a JSON object; an empty body or a non-object is a 400. */
    static Map<String, Object> object(SandboxRequest request) {
        Object parsed = parse(request.body());
        if (!(parsed instanceof Map<?, ?> map)) {
            throw ApiError.validation("Invalid input JSON on line 1, column 1: Cannot deserialize value of type "
                    + "`Input` from " + (parsed == null ? "empty content" : describe(parsed))
                    + ": expected a JSON object");
        }
        return cast(map);
    }

    private static @Nullable Object parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return SandboxResponse.jsonMapper().readValue(body, Object.class);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            int column = at == null ? 1 : Math.max(1, at.getColumnNr());
            throw ApiError.validation("Invalid input JSON on line " + line + ", column " + column + ": "
                    + e.getOriginalMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    static @Nullable String optionalString(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw wrongType(field, "a string", value);
    }

    static String requiredString(Map<String, Object> body, String field) {
        String value = optionalString(body, field);
        if (value == null) {
            throw ApiError.validation("Invalid input JSON: missing required field '" + field + "'");
        }
        return value;
    }

    static @Nullable Integer optionalInt(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw wrongType(field, "an integer", value);
            }
        }
        throw wrongType(field, "an integer", value);
    }

    static Map<String, Object> optionalObject(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return cast(map);
        }
        throw wrongType(field, "an object", value);
    }

    static Map<String, Object> requiredObject(Map<String, Object> body, String field) {
        if (body.get(field) == null) {
            throw ApiError.validation("Invalid input JSON: missing required field '" + field + "'");
        }
        return optionalObject(body, field);
    }

    /** A JSON array of objects; a missing field is an empty list. */
    static List<Map<String, Object>> objects(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw wrongType(field, "an array", value);
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw wrongType(field + "[]", "an object", item);
            }
            result.add(cast(map));
        }
        return result;
    }

    /** A JSON array of strings (numbers are accepted and written as text); a missing field is an empty list. */
    static List<String> strings(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw wrongType(field, "an array", value);
        }
        List<String> result = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof String || item instanceof Number || item instanceof Boolean) {
                result.add(item.toString());
            } else {
                throw wrongType(field + "[]", "a string", item);
            }
        }
        return result;
    }

    /**
     * A {@code properties} map of a write: every value a JSON scalar, kept as text (HubSpot stores every value as a
     * string); null becomes the empty string, which clears the property.
     */
    static Map<String, String> propertyValues(Map<String, Object> body) {
        Map<String, Object> raw = optionalObject(body, "properties");
        Map<String, String> values = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            if (value == null) {
                values.put(name, "");
            } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                values.put(name, value.toString());
            } else {
                throw wrongType("properties." + name, "a string", value);
            }
        });
        return values;
    }

    private static ApiError wrongType(String field, String expected, @Nullable Object value) {
        return ApiError.validation("Invalid input JSON: field '" + field + "' must be " + expected + ", was "
                + describe(value));
    }

    private static String describe(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value instanceof String ? "a string" : value instanceof Boolean ? "a boolean" : "a number";
    }
}
