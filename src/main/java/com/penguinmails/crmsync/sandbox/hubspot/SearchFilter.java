package com.penguinmails.crmsync.sandbox.hubspot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One search filter ({@code propertyName, operator, value | highValue | values}) evaluated against a record with the
 * property's type: numbers, dates and datetimes compare by value (datetimes as epoch milliseconds or ISO-8601),
 * strings without regard to case, {@code CONTAINS_TOKEN} with {@code *} wildcards.
 */
final class SearchFilter {

    static final List<String> OPERATORS = List.of("EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN",
            "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN");

    private final PropertyDefinition property;
    private final String operator;
    private final @Nullable Comparable<?> value;
    private final @Nullable Comparable<?> highValue;
    private final List<Comparable<?>> values;
    private final @Nullable Pattern token;

    private SearchFilter(PropertyDefinition property, String operator, @Nullable Comparable<?> value,
                         @Nullable Comparable<?> highValue, List<Comparable<?>> values, @Nullable Pattern token) {
        this.property = property;
        this.operator = operator;
        this.value = value;
        this.highValue = highValue;
        this.values = values;
        this.token = token;
    }

    /** Parses a filter of {@code type}; unknown properties and operators, and missing values, are HubSpot's 400. */
    static SearchFilter parse(PropertyCatalog catalog, ObjectType type, Map<String, Object> json) {
        String name = JsonBody.requiredString(json, "propertyName");
        String operator = JsonBody.optionalString(json, "operator");
        if (operator == null || !OPERATORS.contains(operator)) {
            throw ApiError.validation("Invalid filter operator: " + operator + ". Valid operators are " + OPERATORS);
        }
        PropertyDefinition property = catalog.find(type, name).orElseThrow(() -> ApiError.validation(
                "Invalid property name in filter: " + name + " is not a property of " + type.path() + ".",
                Map.of("propertyName", List.of(name))));
        String raw = JsonBody.optionalString(json, "value");
        String high = JsonBody.optionalString(json, "highValue");
        List<String> many = JsonBody.strings(json, "values");
        switch (operator) {
            case "HAS_PROPERTY", "NOT_HAS_PROPERTY" -> {
                return new SearchFilter(property, operator, null, null, List.of(), null);
            }
            case "IN", "NOT_IN" -> {
                if (many.isEmpty()) {
                    throw ApiError.validation("Filter " + operator + " on " + name + " needs a non-empty 'values'");
                }
                return new SearchFilter(property, operator, null, null,
                        many.stream().<Comparable<?>>map(v -> key(property, v, true)).toList(), null);
            }
            case "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN" -> {
                requireValue(name, operator, raw);
                String regex = Pattern.quote(raw.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q");
                return new SearchFilter(property, operator, null, null, List.of(), Pattern.compile(regex));
            }
            case "BETWEEN" -> {
                requireValue(name, operator, raw);
                requireValue(name, "BETWEEN highValue", high);
                return new SearchFilter(property, operator, key(property, raw, true), key(property, high, true),
                        List.of(), null);
            }
            default -> {
                requireValue(name, operator, raw);
                return new SearchFilter(property, operator, key(property, raw, true), null, List.of(), null);
            }
        }
    }

    private static void requireValue(String name, String operator, @Nullable String raw) {
        if (raw == null) {
            throw ApiError.validation("Filter " + operator + " on " + name + " needs a 'value'");
        }
    }

    boolean matches(StoredObject object) {
        String stored = object.property(property.name());
        return switch (operator) {
            case "HAS_PROPERTY" -> stored != null;
            case "NOT_HAS_PROPERTY" -> stored == null;
            case "NEQ" -> stored == null || compare(stored, value) != 0;
            case "NOT_IN" -> stored == null || values.stream().noneMatch(v -> compare(stored, v) == 0);
            case "NOT_CONTAINS_TOKEN" -> stored == null || !containsToken(stored);
            default -> stored != null && matchesPresent(stored);
        };
    }

    private boolean matchesPresent(String stored) {
        return switch (operator) {
            case "EQ" -> compare(stored, value) == 0;
            case "LT" -> compare(stored, value) < 0;
            case "LTE" -> compare(stored, value) <= 0;
            case "GT" -> compare(stored, value) > 0;
            case "GTE" -> compare(stored, value) >= 0;
            case "BETWEEN" -> compare(stored, value) >= 0 && compare(stored, highValue) <= 0;
            case "IN" -> values.stream().anyMatch(v -> compare(stored, v) == 0);
            case "CONTAINS_TOKEN" -> containsToken(stored);
            default -> false;
        };
    }

    private boolean containsToken(String stored) {
        String lower = stored.toLowerCase(Locale.ROOT);
        if (token.matcher(lower).matches()) {
            return true;
        }
        for (String part : lower.split("[\\s,;]+")) {
            if (token.matcher(part).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Compares a stored value with a filter value; multi-valued options match when any option equals. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private int compare(String stored, @Nullable Comparable<?> against) {
        if (property.multiValued()) {
            for (String option : stored.split(";")) {
                if (option.equalsIgnoreCase(String.valueOf(against))) {
                    return 0;
                }
            }
            return stored.compareToIgnoreCase(String.valueOf(against));
        }
        Comparable key = key(property, stored, false);
        if (key == null || against == null || key.getClass() != against.getClass()) {
            return -2;
        }
        return Integer.signum(key.compareTo(against));
    }

    /** The typed value of {@code raw} for {@code property}; a filter value that does not parse is a 400. */
    static @Nullable Comparable<?> key(PropertyDefinition property, String raw, boolean filterValue) {
        Comparable<?> key = switch (property.type()) {
            case "number" -> number(raw);
            case "datetime" -> PropertyValidator.parseInstant(raw).orElse(null);
            case "date" -> date(raw);
            case "bool" -> raw.equalsIgnoreCase("true") ? Boolean.TRUE
                    : raw.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            default -> raw.toLowerCase(Locale.ROOT);
        };
        if (key == null && filterValue) {
            throw ApiError.validation(raw + " is not a valid " + property.type() + " value for property "
                    + property.name() + ".", Map.of("propertyName", List.of(property.name())));
        }
        return key;
    }

    private static @Nullable BigDecimal number(String raw) {
        try {
            return new BigDecimal(raw.trim()).stripTrailingZeros();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable LocalDate date(String raw) {
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException notIso) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(raw)).atZone(ZoneOffset.UTC).toLocalDate();
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
