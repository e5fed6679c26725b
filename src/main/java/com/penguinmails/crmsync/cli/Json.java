package com.penguinmails.crmsync.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code --json} prints: one JSON array of objects, each with an {@code id}, on standard output, for scripts.
 * Times are ISO-8601 strings.
 */
final class Json {

    /** Jackson 3 writes java.time values as ISO-8601 strings by default. */
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static void printArray(PrintWriter out, List<? extends Map<String, ?>> objects) {
        out.println(MAPPER.writeValueAsString(objects));
        out.flush();
    }

    static void printObject(PrintWriter out, Map<String, ?> object) {
        out.println(MAPPER.writeValueAsString(object));
        out.flush();
    }

    /** A value as one line of JSON (a table cell). */
    static String compact(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
