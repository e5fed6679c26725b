package com.penguinmails.crmsync.sandbox.salesforce.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Salesforce record ids: 15 case-sensitive characters (3-character key prefix, pod, counter) and the 18-character
 * form whose last three characters encode, per 5-character chunk, which characters are upper case.
 */
public final class SalesforceIds {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final Pattern SHAPE = Pattern.compile("[a-zA-Z0-9]{15}(?:[a-zA-Z0-5]{3})?");

    private SalesforceIds() {
    }

    /** The 18-character id for {@code prefix} (3 chars), pod (2 chars) and a counter. */
    public static String build(String prefix, String pod, long counter) {
        StringBuilder digits = new StringBuilder();
        long n = counter;
        for (int i = 0; i < 12 - pod.length(); i++) {
            digits.append(BASE62.charAt((int) (n % 62)));
            n /= 62;
        }
        return toEighteen(prefix + pod + digits.reverse());
    }

    /** The 18-character form of a 15-character id (18-character ids are returned as they are). */
    public static String toEighteen(String id15) {
        if (id15.length() == 18) {
            return id15;
        }
        StringBuilder suffix = new StringBuilder(id15);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            suffix.append(SUFFIX.charAt(bits));
        }
        return suffix.toString();
    }

    /** The canonical 18-character id when {@code text} is a well-formed 15- or 18-character id. */
    public static Optional<String> parse(String text) {
        if (!SHAPE.matcher(text).matches()) {
            return Optional.empty();
        }
        String canonical = toEighteen(text.substring(0, 15));
        if (text.length() == 18 && !canonical.equalsIgnoreCase(text)) {
            return Optional.empty();
        }
        return Optional.of(canonical);
    }
}
