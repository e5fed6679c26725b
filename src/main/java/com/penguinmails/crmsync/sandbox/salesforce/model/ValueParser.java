package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns the text of one write into typed field values, enforcing what Salesforce checks on each field by itself:
 * known and writable fields, value types, lengths, email syntax and restricted picklists. Checks that need other
 * records (references, uniqueness, required fields after defaults) are the store's.
 */
final class ValueParser {

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?");

    enum Mode { CREATE, UPDATE }

    /** Typed values by field, or the first error found. */
    record Parsed(Map<FieldDef, @Nullable Object> values, @Nullable SaveError error) {
    }

    private ValueParser() {
    }

    /**
     * @throws UnknownFieldException when a field name is not on the object (the whole call fails)
     */
    static Parsed parse(ObjectDef object, Map<String, @Nullable String> text, Mode mode) {
        Map<FieldDef, @Nullable Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, @Nullable String> entry : text.entrySet()) {
            FieldDef field = object.field(entry.getKey())
                    .orElseThrow(() -> new UnknownFieldException(object.name(), entry.getKey()));
            boolean writable = mode == Mode.CREATE ? field.createable() : field.updateable();
            if (!writable) {
                return error(SaveError.of("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
                        + field.name() + ". Please check the security settings of this field and verify that it is "
                        + "read/write for your profile or permission set.", field.name()));
            }
            String raw = entry.getValue();
            if (raw == null || raw.isEmpty()) {
                values.put(field, null);
                continue;
            }
            Object value;
            try {
                value = convert(field, raw);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                return error(SaveError.of("INVALID_TYPE_ON_FIELD_IN_RECORD", field.label()
                        + ": value not of required type: " + raw, field.name()));
            }
            Optional<SaveError> invalid = check(field, value, raw);
            if (invalid.isPresent()) {
                return error(invalid.get());
            }
            values.put(field, value);
        }
        return new Parsed(values, null);
    }

    private static Parsed error(SaveError error) {
        return new Parsed(Map.of(), error);
    }

    private static @Nullable Object convert(FieldDef field, String raw) {
        return switch (field.type()) {
            case BOOLEAN -> switch (raw.trim().toLowerCase(Locale.ROOT)) {
                case "true", "1" -> Boolean.TRUE;
                case "false", "0" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException(raw);
            };
            case DOUBLE -> {
                double d = Double.parseDouble(raw.trim());
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException(raw);
                }
                yield d;
            }
            case DATE -> LocalDate.parse(raw.trim().length() > 10 ? raw.trim().substring(0, 10) : raw.trim());
            case DATETIME -> parseDateTime(raw.trim());
            case ID, REFERENCE -> raw.isEmpty() ? null : raw.trim();
            default -> raw;
        };
    }

    /** Parses xsd:dateTime text ({@code Z}, offsets, or none meaning UTC). */
    static Instant parseDateTime(String raw) {
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            return java.time.LocalDateTime.parse(raw).toInstant(java.time.ZoneOffset.UTC);
        }
    }

    private static Optional<SaveError> check(FieldDef field, @Nullable Object value, String raw) {
        if (value instanceof String text && field.type().isText() && field.length() > 0
                && text.codePointCount(0, text.length()) > field.length()) {
            String shown = text.length() > 20 ? text.substring(0, 20) + "(truncated)" : text;
            return Optional.of(SaveError.of("STRING_TOO_LONG", field.label() + ": data value too large: " + shown
                    + " (max length=" + field.length() + ")", field.name()));
        }
        if (field.type() == FieldType.EMAIL && value instanceof String text && !text.isEmpty()
                && !EMAIL.matcher(text).matches()) {
            return Optional.of(SaveError.of("INVALID_EMAIL_ADDRESS", field.label() + ": invalid email address: "
                    + raw, field.name()));
        }
        if (field.type() == FieldType.PICKLIST && field.restricted() && value instanceof String text
                && !field.picklistValues().contains(text)) {
            return Optional.of(SaveError.of("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", field.label()
                    + ": bad value for restricted picklist field: " + text, field.name()));
        }
        if (field.type().isId() && value instanceof String text && SalesforceIds.parse(text).isEmpty()) {
            return Optional.of(SaveError.of("MALFORMED_ID", field.label() + ": id value of incorrect type: " + text,
                    field.name()));
        }
        return Optional.empty();
    }
}
