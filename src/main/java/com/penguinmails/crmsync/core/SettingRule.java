package com.penguinmails.crmsync.core;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.function.UnaryOperator;

/**
 * A connection setting an operator may change ({@code connections set}): its key (or key prefix, ending in '.'),
 * what it means (the help text), and the check that normalises a value or refuses it with an
 * {@link IllegalArgumentException} saying why. The factories below are the checks there are.
 */
public record SettingRule(String key, String meaning, UnaryOperator<String> check) {

    /** Whether {@code name} is this rule's key, or, for a prefix rule, a key under it. */
    public boolean matches(String name) {
        return key.endsWith(".") ? name.startsWith(key) && name.length() > key.length() : key.equals(name);
    }

    /** The key as help shows it ({@code idProperty.<object>} for a prefix). */
    public String shownKey() {
        return key.endsWith(".") ? key + "<object>" : key;
    }

    public static SettingRule url(String key, String meaning) {
        return new SettingRule(key, meaning, SettingRule::httpUrl);
    }

    public static SettingRule bool(String key, String meaning) {
        return new SettingRule(key, meaning, v -> among(v, "true", "false"));
    }

    public static SettingRule oneOf(String key, String meaning, String... allowed) {
        return new SettingRule(key, meaning, v -> among(v, allowed));
    }

    /** A non-empty comma-separated list of some of {@code allowed}, normalised to lower case without repeats. */
    public static SettingRule subsetOf(String key, String meaning, String... allowed) {
        return new SettingRule(key, meaning, v -> subset(v, allowed));
    }

    /** A comma-separated list of positive ids (empty for none). */
    public static SettingRule idList(String key, String meaning) {
        return new SettingRule(key, meaning, SettingRule::ids);
    }

    /** A share in (0, 1]. */
    public static SettingRule share(String key, String meaning) {
        return new SettingRule(key, meaning, SettingRule::share);
    }

    public static SettingRule range(String key, String meaning, int min, int max) {
        return new SettingRule(key, meaning, v -> range(v, min, max));
    }

    /** A non-negative ISO-8601 duration. */
    public static SettingRule duration(String key, String meaning) {
        return new SettingRule(key, meaning, SettingRule::duration);
    }

    /** Any text but a blank one. */
    public static SettingRule text(String key, String meaning) {
        return new SettingRule(key, meaning, SettingRule::text);
    }

    /** The URL without trailing slashes; refuses anything but an absolute http(s) URL. */
    public static String httpUrl(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not an http(s) URL");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + value + "' is not an http(s) URL");
        }
        return value.replaceAll("/+$", "");
    }

    private static String among(String value, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of " + String.join(", ", allowed));
    }

    private static String subset(String value, String... allowed) {
        java.util.List<String> items = java.util.Arrays.stream(value.split(","))
                .map(item -> item.strip().toLowerCase(java.util.Locale.ROOT)).filter(item -> !item.isEmpty())
                .distinct().toList();
        if (items.isEmpty()) {
            throw new IllegalArgumentException("give at least one of " + String.join(", ", allowed));
        }
        for (String item : items) {
            among(item, allowed);
        }
        return String.join(",", items);
    }

    private static String ids(String value) {
        java.util.List<String> items = java.util.Arrays.stream(value.split(",")).map(String::strip)
                .filter(item -> !item.isEmpty()).distinct().toList();
        for (String item : items) {
            if (!item.matches("[1-9][0-9]{0,17}")) {
                throw new IllegalArgumentException("'" + item + "' is not an id");
            }
        }
        return String.join(",", items);
    }

    private static String share(String value) {
        double share;
        try {
            share = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number");
        }
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException(value + " is not in (0, 1]");
        }
        return value;
    }

    private static String range(String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(value + " is not in " + min + ".." + max);
        }
        return value;
    }

    private static String duration(String value) {
        try {
            if (Duration.parse(value).isNegative()) {
                throw new IllegalArgumentException("'" + value + "' is negative");
            }
            return value;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not an ISO-8601 duration");
        }
    }

    private static String text(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("it cannot be blank");
        }
        return value;
    }
}
