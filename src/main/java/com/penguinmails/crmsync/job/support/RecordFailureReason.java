package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.connector.support.CrmApiException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Why a record failed on its own, as one line for the errors table that names no value: PostgreSQL's SQLSTATE and
 * primary message (never its detail, which shows the row) with quoted text masked unless it is the constraint, table,
 * column or type the server named; a CRM's refusal as the connector words it; anything else by its exception type
 * and first message line, quoted text masked. E-mail addresses are masked everywhere.
 */
public final class RecordFailureReason {

    private static final int MAX_LENGTH = 300;
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"|'([^']*)'");
    private static final Pattern EMAIL = Pattern.compile("[^\\s\"'<>(),;:]+@[^\\s\"'<>(),;:]+");
    private static final String MASK = "\u2026";

    private RecordFailureReason() {
    }

    /** The line for {@code failure}. */
    public static String of(Throwable failure) {
        SQLException sql = sqlCause(failure);
        if (sql != null) {
            return cut(postgres(sql));
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CrmApiException crm) {
                return cut("the CRM refused it: " + masked(firstLine(crm), List.of(), false));
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root && root.getClass().getName()
                .startsWith("org.springframework.")) {
            root = root.getCause();
        }
        String message = firstLine(root);
        return cut(root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + masked(message, List.of(),
                true)));
    }

    private static String postgres(SQLException sql) {
        String state = Objects.requireNonNullElse(sql.getSQLState(), "?");
        if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            List<String> names = new ArrayList<>();
            for (String name : new String[] {server.getConstraint(), server.getTable(), server.getColumn(),
                    server.getDatatype(), server.getSchema()}) {
                if (name != null) {
                    names.add(name);
                }
            }
            return "PostgreSQL refused it (" + state + "): "
                    + masked(Objects.requireNonNullElse(server.getMessage(), ""), names, true);
        }
        String message = firstLine(sql).replaceFirst("^ERROR:\\s*", "");
        return "PostgreSQL refused it (" + state + "): " + masked(message, List.of(), true);
    }

    /** The SQLException under Spring's wrappers, preferring a batch's next exception (the server's own words). */
    private static @Nullable SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                SQLException next = sql.getNextException();
                return next != null ? next : sql;
            }
        }
        return null;
    }

    private static String firstLine(Throwable t) {
        String message = t.getMessage();
        return message == null ? "" : message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .orElse("");
    }

    private static String masked(String text, List<String> keep, boolean quotes) {
        String result = text;
        if (quotes) {
            Matcher m = QUOTED.matcher(result);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String inside = m.group(1) != null ? m.group(1) : m.group(2);
                String quote = m.group().substring(0, 1);
                m.appendReplacement(out, Matcher.quoteReplacement(keep.contains(inside) ? m.group()
                        : quote + MASK + quote));
            }
            m.appendTail(out);
            result = out.toString();
        }
        return EMAIL.matcher(result).replaceAll(MASK);
    }

    private static String cut(String line) {
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + MASK : line;
    }
}
