package com.penguinmails.crmsync.sandbox.salesforce.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Records as the REST API writes them: {@code {"attributes": {"type", "url"}, field: value...}} with JSON booleans
 * and numbers, dates as {@code 2026-11-02} and date-times as {@code 2026-11-02T10:15:00.000+0000}.
 */
final class RestRecords {

    private RestRecords() {
    }

    /** One record; {@code url} is left out when the row has no {@code Id}. */
    static Map<String, @Nullable Object> json(String version, String object, Map<String, @Nullable Object> row) {
        Map<String, @Nullable Object> attributes = new LinkedHashMap<>();
        attributes.put("type", object);
        if (row.get("Id") instanceof String id) {
            attributes.put("url", "/services/data/" + version + "/sobjects/" + object + "/" + id);
        }
        Map<String, @Nullable Object> record = new LinkedHashMap<>();
        record.put("attributes", attributes);
        row.forEach((field, value) -> record.put(field, value(value)));
        return record;
    }

    private static @Nullable Object value(@Nullable Object value) {
        if (value instanceof Instant instant) {
            return RestDates.format(instant);
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        return value;
    }
}
