package com.penguinmails.crmsync.sandbox.hubspot;

import com.penguinmails.crmsync.sandbox.support.SandboxResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the property values of a write against the catalog as HubSpot does, and normalises what it accepts (emails
 * lower-case, datetimes as ISO-8601 UTC with milliseconds, dates as {@code yyyy-MM-dd}, booleans lower-case). Every
 * failure is collected and reported at once as HubSpot's 400 "Property values were not valid: [...]".
 */
final class PropertyValidator {

    static final int MAX_STRING_LENGTH = 65_536;
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");

    private final PropertyCatalog catalog;

    PropertyValidator(PropertyCatalog catalog) {
        this.catalog = catalog;
    }

    /** The normalised values, or the 400 HubSpot answers when any value is not valid. */
    Map<String, String> validate(ObjectType type, Map<String, String> values) {
        Map<String, String> normalised = new LinkedHashMap<>();
        List<Map<String, Object>> failures = new ArrayList<>();
        values.forEach((name, value) -> {
            Optional<PropertyDefinition> found = catalog.find(type, name);
            if (found.isEmpty()) {
                failures.add(failure(name, "Property \"" + name + "\" does not exist", "PROPERTY_DOESNT_EXIST"));
                return;
            }
            PropertyDefinition definition = found.get();
            if (definition.readOnly()) {
                failures.add(failure(name, "\"" + name + "\" is a read only property; its value cannot be set.",
                        "READ_ONLY_VALUE"));
                return;
            }
            if (value.isEmpty()) {
                normalised.put(name, "");
                return;
            }
            try {
                normalised.put(name, normalise(type, definition, value));
            } catch (InvalidValue e) {
                failures.add(failure(name, e.getMessage(), e.code));
            }
        });
        if (!failures.isEmpty()) {
            throw ApiError.validation("Property values were not valid: "
                    + SandboxResponse.jsonMapper().writeValueAsString(failures));
        }
        return normalised;
    }

    private static String normalise(ObjectType type, PropertyDefinition definition, String value) {
        if (type == ObjectType.CONTACTS && "email".equals(definition.name())) {
            String email = value.trim().toLowerCase(Locale.ROOT);
            if (!EMAIL.matcher(email).matches()) {
                throw new InvalidValue("Email address " + value + " is invalid", "INVALID_EMAIL");
            }
            return email;
        }
        return switch (definition.type()) {
            case "number" -> number(value);
            case "bool" -> bool(value);
            case "date" -> date(value);
            case "datetime" -> datetime(value);
            case "enumeration" -> option(definition, value);
            default -> string(definition, value);
        };
    }

    private static String string(PropertyDefinition definition, String value) {
        if (value.length() > MAX_STRING_LENGTH) {
            throw new InvalidValue("Property \"" + definition.name() + "\" value is " + value.length()
                    + " characters long; the maximum is " + MAX_STRING_LENGTH, "VALUE_TOO_LONG");
        }
        return value;
    }

    private static String number(String value) {
        try {
            new BigDecimal(value);
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidValue(value + " was not a valid number.", "INVALID_DECIMAL");
        }
    }

    private static String bool(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false")) {
            throw new InvalidValue(value + " was not a valid boolean.", "INVALID_BOOLEAN");
        }
        return lower;
    }

    private static String date(String value) {
        try {
            return LocalDate.parse(value).toString();
        } catch (DateTimeParseException notIso) {
            long millis;
            try {
                millis = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new InvalidValue(value + " is not a valid date.", "INVALID_DATE");
            }
            Instant instant = Instant.ofEpochMilli(millis);
            if (!instant.truncatedTo(ChronoUnit.DAYS).equals(instant)) {
                throw new InvalidValue(value + " is at " + instant.atOffset(ZoneOffset.UTC).toLocalTime()
                        + " UTC, not midnight!", "INVALID_DATE");
            }
            return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        }
    }

    private static String datetime(String value) {
        Optional<Instant> instant = parseInstant(value);
        if (instant.isEmpty()) {
            throw new InvalidValue(value + " was not a valid long.", "INVALID_LONG");
        }
        return Instants.format(instant.get());
    }

    /** A datetime value: epoch milliseconds or an ISO-8601 instant. */
    static Optional<Instant> parseInstant(String value) {
        // checked first rather than caught: search sorts call this for every comparison
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() <= 18) {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String option(PropertyDefinition definition, String value) {
        List<String> chosen = definition.multiValued() ? List.of(value.split(";")) : List.of(value);
        for (String option : chosen) {
            if (!definition.options().contains(option)) {
                throw new InvalidValue(option + " was not one of the allowed options: " + definition.options(),
                        "INVALID_OPTION");
            }
        }
        return value;
    }

    private static Map<String, Object> failure(String name, String message, String code) {
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("isValid", false);
        failure.put("message", message);
        failure.put("error", code);
        failure.put("name", name);
        failure.put("localizedErrorMessage", message);
        return failure;
    }

    /** One value that fails its property's rules. */
    private static final class InvalidValue extends RuntimeException {
        private final String code;

        InvalidValue(String message, String code) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
