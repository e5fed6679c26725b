package com.penguinmails.crmsync.connector.salesforce.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The SOQL the connector sends: change windows ordered by {@code SystemModstamp} then Id, and lookups by Id. */
final class Soql {

    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");

    private Soql() {
    }

    /**
     * Live records of {@code object} with {@code from <= SystemModstamp < to} (no lower bound when {@code from} is
     * null), after ({@code afterStamp}, {@code afterId}) when set, oldest first.
     */
    static String window(String object, List<String> fields, @Nullable Instant from, Instant to,
                         @Nullable Instant afterStamp, @Nullable String afterId) {
        StringBuilder soql = new StringBuilder("SELECT ").append(String.join(", ", fields)).append(" FROM ")
                .append(object).append(" WHERE SystemModstamp < ").append(literal(to));
        if (from != null) {
            soql.append(" AND SystemModstamp >= ").append(literal(from));
        }
        if (afterStamp != null && afterId != null) {
            soql.append(" AND (SystemModstamp > ").append(literal(afterStamp)).append(" OR (SystemModstamp = ")
                    .append(literal(afterStamp)).append(" AND Id > ").append(id(afterId)).append("))");
        }
        return soql.append(" ORDER BY SystemModstamp ASC, Id ASC").toString();
    }

    /** {@code fields} of the records with these ids. */
    static String byIds(String object, List<String> fields, Collection<String> ids) {
        return "SELECT " + String.join(", ", fields) + " FROM " + object + " WHERE Id IN ("
                + ids.stream().map(Soql::id).collect(Collectors.joining(", ")) + ")";
    }

    static String literal(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Whether {@code id} has the shape of a Salesforce record id (15 or 18 letters and digits). */
    static boolean isId(String id) {
        return ID.matcher(id).matches();
    }

    /** A quoted record id; anything else is refused (ids come from Salesforce, never from people). */
    static String id(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a Salesforce id: " + id);
        }
        return "'" + id + "'";
    }
}
