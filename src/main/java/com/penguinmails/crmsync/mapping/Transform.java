package com.penguinmails.crmsync.mapping;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One step applied to a value on its way between the two sides. Returns the new value (a {@link Cleaned} one when it
 * had to change it to make it fit), or throws {@link MappingException} saying why the value cannot be used (the caller
 * names the field). Reasons never quote the value: it may be personal data.
 */
@FunctionalInterface
public interface Transform {

    @Nullable Object apply(@Nullable Object value);

    /** Strips leading and trailing white space; blank becomes null. */
    static Transform trim() {
        return value -> {
            if (!(value instanceof String s)) {
                return value;
            }
            String trimmed = s.strip();
            return trimmed.isEmpty() ? null : trimmed;
        };
    }

    /** Lower-cases text (e-mail addresses compare case-insensitively). */
    static Transform lowerCase() {
        return value -> value instanceof String s ? s.toLowerCase(Locale.ROOT) : value;
    }

    /**
     * Checks an e-mail address has one {@code @}, a local part and a dotted domain, without spaces of any kind
     * (Unicode ones too: PostgreSQL's check on {@code contacts.email} refuses them, which would fail a whole chunk).
     */
    static Transform email() {
        return value -> {
            if (value == null) {
                return null;
            }
            String email = value.toString();
            if (!email.matches("(?U)[^@\\s\\p{Cc}]+@[^@\\s\\p{Cc}]+\\.[^@\\s\\p{Cc}.]+")) {
                throw new MappingException("is not an e-mail address");
            }
            return email;
        };
    }

    /** Formats a phone number as E.164 ({@code +14155550100}), reading national numbers in {@code defaultRegion}. */
    static Transform e164(String defaultRegion) {
        PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
        return value -> {
            if (value == null) {
                return null;
            }
            try {
                var number = phones.parse(value.toString(), defaultRegion);
                if (!phones.isPossibleNumber(number)) {
                    throw new MappingException("is not a possible phone number");
                }
                return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            } catch (NumberParseException e) {
                throw new MappingException("is not a phone number (" + e.getErrorType().name().toLowerCase(Locale.ROOT)
                        .replace('_', ' ') + ")");
            }
        };
    }

    /** Maps picklist values ({@code "Customer" -> "customer"}); an unmapped value is refused, or kept when lenient. */
    static Transform picklist(Map<String, String> values, boolean keepUnmapped) {
        return value -> {
            if (value == null) {
                return null;
            }
            String mapped = values.get(value.toString());
            if (mapped == null && !keepUnmapped) {
                throw new MappingException("holds a value outside its picklist map (mapped values: "
                        + values.keySet() + ")");
            }
            return mapped == null ? value : mapped;
        };
    }

    /** Replaces a missing value with {@code fallback}. */
    static Transform defaultValue(Object fallback) {
        return value -> value == null ? fallback : value;
    }

    /** Cuts text to at most {@code length} characters (the target field's size), saying so. */
    static Transform maxLength(int length) {
        return value -> {
            if (!(value instanceof String s) || s.length() <= length) {
                return value;
            }
            int end = Character.isHighSurrogate(s.charAt(length - 1)) ? length - 1 : length;
            return Cleaned.of(s.substring(0, end), "was cut to " + length + " characters (the field's length)");
        };
    }

    /** Reads a date or date-time (ISO-8601, or epoch milliseconds as HubSpot sends them) as an {@link Instant}. */
    static Transform instant() {
        return value -> {
            if (value == null || value instanceof Instant) {
                return value;
            }
            String text = value.toString();
            try {
                if (text.matches("\\d{10,}")) {
                    return Instant.ofEpochMilli(Long.parseLong(text));
                }
                if (text.length() == 10) {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                }
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_DATE_TIME).toInstant();
            } catch (DateTimeParseException | NumberFormatException e) {
                if (text.matches("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?")) {
                    throw new MappingException("is a date-time without a time zone (offset or Z), so the instant "
                            + "it means is unknown");
                }
                throw new MappingException("is not a date or date-time");
            }
        };
    }

    /** Reads booleans as CRMs write them ({@code true}, {@code "true"}, {@code "1"}, {@code "yes"}). */
    static Transform bool() {
        return value -> {
            if (value == null || value instanceof Boolean) {
                return value;
            }
            String text = value.toString().trim().toLowerCase(Locale.ROOT);
            return switch (text) {
                case "true", "1", "yes", "y" -> true;
                case "false", "0", "no", "n", "" -> false;
                default -> throw new MappingException("is not a yes/no value");
            };
        };
    }

    /**
     * Inbound side of {@code primary-value}: from a list of {@code {value, primary}} entries (Pipedrive's emails and
     * phones) the primary entry's value, else the first's.
     */
    static Transform unwrapPrimary() {
        return value -> {
            if (!(value instanceof java.util.List<?> list)) {
                return value;
            }
            Object chosen = list.isEmpty() ? null : list.get(0);
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("primary"))) {
                    chosen = entry;
                    break;
                }
            }
            return chosen instanceof Map<?, ?> m ? m.get("value") : chosen;
        };
    }

    /** Outbound side of {@code primary-value}: one primary entry {@code [{value, primary: true, label: work}]}. */
    static Transform wrapPrimary() {
        return value -> value == null ? java.util.List.of()
                : java.util.List.of(Map.of("value", value, "primary", true, "label", "work"));
    }

    /**
     * Inbound side of {@code split}: one text holding several values ({@code "vip;partner"}, as Salesforce
     * multi-select picklists and HubSpot multiple checkboxes hold them) as a sorted list of distinct, trimmed, non-blank
     * values; no value is the empty list.
     */
    static Transform split(String separator) {
        return value -> {
            if (value == null) {
                return java.util.List.of();
            }
            java.util.Collection<?> parts = value instanceof java.util.Collection<?> c ? c
                    : java.util.Arrays.asList(value.toString().split(java.util.regex.Pattern.quote(separator)));
            return parts.stream().filter(java.util.Objects::nonNull).map(p -> p.toString().strip())
                    .filter(p -> !p.isEmpty()).distinct().sorted().toList();
        };
    }

    /** Outbound side of {@code split}: a list joined with the separator; the empty list is null (clears the field). */
    static Transform join(String separator) {
        return value -> {
            if (!(value instanceof java.util.Collection<?> c)) {
                return value;
            }
            return c.isEmpty() ? null : String.join(separator, c.stream().map(String::valueOf).toList());
        };
    }

    /**
     * A web address as a bare domain ({@code https://www.Acme.com/about} -> {@code acme.com}): the host, lower-cased,
     * without a leading {@code www.}; text that holds no host is refused.
     */
    static Transform domain() {
        return value -> {
            if (value == null) {
                return null;
            }
            String text = value.toString().strip().toLowerCase(Locale.ROOT);
            String host = text.replaceFirst("^[a-z][a-z0-9+.-]*://", "").replaceFirst("[/?#:].*$", "")
                    .replaceFirst("^[^@]*@", "").replaceFirst("^www\\.", "");
            if (!host.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
                throw new MappingException("is not a web address or domain");
            }
            return host;
        };
    }

    /** This step, then {@code next} on its (plain) result; notes of a {@link Cleaned} value are kept. */
    default Transform andThen(Transform next) {
        return value -> Cleaned.then(apply(value), next);
    }
}
