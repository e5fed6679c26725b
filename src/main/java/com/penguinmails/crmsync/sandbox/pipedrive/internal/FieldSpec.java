package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One standard field of an object: its API name, the JSON shape a write must have, whether a write may set it, and
 * the {@code field_type} the fields endpoints report.
 *
 * @param maxLength   longest accepted string (STRING kinds)
 * @param values      accepted values (ENUM and INT_ENUM kinds)
 * @param references  the object an ID field points at (REF kind)
 */
public record FieldSpec(String name, Kind kind, boolean writable, boolean nullable, int maxLength,
                        List<String> values, @Nullable EntityType references, String fieldType) {

    /** The JSON shapes a field may take. */
    public enum Kind { STRING, INT, NUMBER, BOOLEAN, DATE, TIME, ENUM, INT_ENUM, EMAILS, PHONES, INT_LIST, OBJECT,
        REF, USER, PARTICIPANTS, READ_ONLY }

    public static FieldSpec string(String name, int maxLength, String fieldType) {
        return new FieldSpec(name, Kind.STRING, true, true, maxLength, List.of(), null, fieldType);
    }

    public static FieldSpec of(String name, Kind kind, String fieldType) {
        return new FieldSpec(name, kind, true, true, 0, List.of(), null, fieldType);
    }

    public static FieldSpec oneOf(String name, Kind kind, List<String> values, String fieldType) {
        return new FieldSpec(name, kind, true, true, 0, values, null, fieldType);
    }

    public static FieldSpec ref(String name, EntityType target, String fieldType) {
        return new FieldSpec(name, Kind.REF, true, true, 0, List.of(), target, fieldType);
    }

    /** A field the API returns but no write may set. */
    public static FieldSpec readOnly(String name, String fieldType) {
        return new FieldSpec(name, Kind.READ_ONLY, false, true, 0, List.of(), null, fieldType);
    }

    public FieldSpec notNull() {
        return new FieldSpec(name, kind, writable, false, maxLength, values, references, fieldType);
    }
}
