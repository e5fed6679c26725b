package com.penguinmails.crmsync.connector.salesforce.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;

/**
 * Field values between Salesforce text (SOAP and CSV) and the types a {@code CrmRecord} holds: booleans, numbers,
 * instants for {@code datetime}, and strings for everything else (dates stay {@code yyyy-MM-dd}).
 */
final class Values {

    private Values() {
    }

    /** A value read from Salesforce, typed by the field's Salesforce type; blank reads as null. */
    static @Nullable Object read(String salesforceType, @Nullable Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof Calendar calendar) {
            return calendar.toInstant();
        }
        if (!(raw instanceof String text)) {
            return raw.toString();
        }
        if (text.isEmpty()) {
            return null;
        }
        try {
            return switch (salesforceType) {
                case "boolean" -> Boolean.parseBoolean(text);
                case "double", "currency", "percent" -> Double.parseDouble(text);
                case "int" -> Integer.parseInt(text);
                case "long" -> Long.parseLong(text);
                case "datetime" -> Instant.parse(text);
                default -> text;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            return text;
        }
    }

    /** A value for a partner {@code SObject} field. */
    static Object soap(Object value) {
        if (value instanceof Instant instant) {
            Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            calendar.setTime(Date.from(instant));
            return calendar;
        }
        if (value instanceof Boolean || value instanceof Number || value instanceof String) {
            return value;
        }
        return value.toString();
    }

    /** A Bulk API CSV cell: {@code #N/A} clears the field. */
    static String csv(@Nullable Object value) {
        if (value == null || (value instanceof String text && text.isEmpty())) {
            return "#N/A";
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Float f) {
            return BigDecimal.valueOf(f.doubleValue()).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
