package com.penguinmails.crmsync.sandbox.salesforce.soql;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A parsed SOQL statement, names as written (binding resolves them).
 *
 * @param fields  selected field names with their columns
 * @param where   the filter, or null
 * @param orderBy sort keys, first is most significant
 * @param limit   LIMIT n, or null
 */
public record SoqlQuery(List<Token> fields, Token object, @Nullable Condition where, List<Order> orderBy,
                        @Nullable Integer limit) {

    /** One ORDER BY key. */
    public record Order(Token field, boolean descending, boolean nullsFirst) {
    }

    /** A WHERE condition tree. */
    public sealed interface Condition permits Logical, Not, Comparison, InList {
    }

    /** Conditions joined by one of AND / OR (SOQL needs parentheses to mix them). */
    public record Logical(boolean and, List<Condition> terms) implements Condition {
    }

    /** NOT condition. */
    public record Not(Condition term) implements Condition {
    }

    /** field op value, op one of = != &lt; &lt;= &gt; &gt;= LIKE. */
    public record Comparison(Token field, String operator, Literal value) implements Condition {
    }

    /** field [NOT] IN (values). */
    public record InList(Token field, boolean negated, List<Literal> values) implements Condition {
    }

    /**
     * A literal: STRING, NUMBER, BOOLEAN, NULL, DATETIME, DATE, or DATE_FUNCTION (TODAY, LAST_N_DAYS with
     * {@code n}).
     */
    public record Literal(String kind, String text, int n, int column) {
    }
}
