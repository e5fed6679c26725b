package com.penguinmails.crmsync.sandbox.salesforce.soql;

import com.penguinmails.crmsync.sandbox.salesforce.model.FieldDef;
import com.penguinmails.crmsync.sandbox.salesforce.model.FieldType;
import com.penguinmails.crmsync.sandbox.salesforce.model.ObjectDef;
import com.penguinmails.crmsync.sandbox.salesforce.model.SalesforceIds;
import com.penguinmails.crmsync.sandbox.salesforce.model.Schema;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlQuery.Comparison;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlQuery.Condition;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlQuery.InList;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlQuery.Literal;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlQuery.Logical;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlQuery.Not;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlQuery.Order;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Binds a parsed query to the schema: resolves the object and every field (INVALID_TYPE / INVALID_FIELD), checks each
 * literal against its field's type and each operator against the field, and builds the row filter and sort. Date
 * functions are evaluated in UTC on the sandbox clock.
 */
public final class SoqlCompiler {

    private static final String FIELD_HINT = "If you are attempting to use a custom field, be sure to append the "
            + "'__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate "
            + "names.";
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS][.SS][.S]"
            + "[XXX][XX][X]");

    private final Schema schema;
    private final Clock clock;

    public SoqlCompiler(Schema schema, Clock clock) {
        this.schema = schema;
        this.clock = clock;
    }

    /**
     * Parses and binds {@code soql}.
     *
     * @throws SoqlException with Salesforce's code, and a message that points at the offending column
     */
    public CompiledQuery compile(String soql) {
        try {
            return bind(SoqlParser.parse(soql));
        } catch (SoqlException e) {
            String caret = " ".repeat(Math.max(0, e.column() - 1)) + "^";
            String oneLine = soql.replace('\n', ' ');
            throw new SoqlException(e.code(), "\n" + oneLine + "\n" + caret + "\nERROR at Row:1:Column:" + e.column()
                    + "\n" + e.getMessage(), e.column());
        }
    }

    private CompiledQuery bind(SoqlQuery query) {
        ObjectDef object = schema.object(query.object().text()).orElseThrow(() -> new SoqlException("INVALID_TYPE",
                "sObject type '" + query.object().text() + "' is not supported. If you are attempting to use a custom "
                        + "object, be sure to append the '__c' after the entity name. Please reference your WSDL or the "
                        + "describe call for the appropriate names.", query.object().column()));
        List<FieldDef> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Token token : query.fields()) {
            FieldDef field = field(object, token);
            if (!seen.add(field.name())) {
                throw new SoqlException("MALFORMED_QUERY", "duplicate field selected: " + field.name(),
                        token.column());
            }
            fields.add(field);
        }
        Predicate<Map<String, @Nullable Object>> filter = query.where() == null ? row -> true
                : condition(object, query.where());
        Comparator<Map<String, @Nullable Object>> order = null;
        for (Order key : query.orderBy()) {
            FieldDef field = field(object, key.field());
            if (!filterable(field)) {
                throw new SoqlException("INVALID_FIELD", "field '" + field.name() + "' can not be sorted in a query "
                        + "call", key.field().column());
            }
            Comparator<Map<String, @Nullable Object>> next = sort(field, key.descending(), key.nullsFirst());
            order = order == null ? next : order.thenComparing(next);
        }
        return new CompiledQuery(object, fields, filter, order, query.limit());
    }

    private static FieldDef field(ObjectDef object, Token token) {
        if (token.text().contains(".")) {
            throw new SoqlException("INVALID_FIELD", "Didn't understand relationship '"
                    + token.text().substring(0, token.text().indexOf('.')) + "' in field path. The sandbox does not "
                    + "support relationship queries. " + FIELD_HINT, token.column());
        }
        return object.field(token.text()).orElseThrow(() -> new SoqlException("INVALID_FIELD", "No such column '"
                + token.text() + "' on entity '" + object.name() + "'. " + FIELD_HINT, token.column()));
    }

    private static boolean filterable(FieldDef field) {
        return !(field.type() == FieldType.TEXTAREA && field.length() > 255);
    }

    private Predicate<Map<String, @Nullable Object>> condition(ObjectDef object, Condition condition) {
        if (condition instanceof Logical logical) {
            List<Predicate<Map<String, @Nullable Object>>> terms = logical.terms().stream()
                    .map(t -> condition(object, t)).toList();
            return logical.and() ? row -> terms.stream().allMatch(p -> p.test(row))
                    : row -> terms.stream().anyMatch(p -> p.test(row));
        }
        if (condition instanceof Not not) {
            return condition(object, not.term()).negate();
        }
        if (condition instanceof InList in) {
            FieldDef field = filterField(object, in.field());
            List<Object> values = new ArrayList<>();
            for (Literal literal : in.values()) {
                values.add(value(field, literal));
            }
            Predicate<Map<String, @Nullable Object>> any = row -> values.stream()
                    .anyMatch(v -> equal(field, row.get(field.name()), v));
            return in.negated() ? any.negate() : any;
        }
        return comparison(object, (Comparison) condition);
    }

    private FieldDef filterField(ObjectDef object, Token token) {
        FieldDef field = field(object, token);
        if (!filterable(field)) {
            throw new SoqlException("INVALID_FIELD", "field '" + field.name() + "' can not be filtered in a query "
                    + "call", token.column());
        }
        return field;
    }

    private Predicate<Map<String, @Nullable Object>> comparison(ObjectDef object, Comparison comparison) {
        FieldDef field = filterField(object, comparison.field());
        String op = comparison.operator();
        Literal literal = comparison.value();
        String name = field.name();
        if (op.equals("LIKE")) {
            if (!field.type().isText()) {
                throw new SoqlException("INVALID_FIELD", "invalid operator on " + field.type().describeName()
                        + " field: LIKE", comparison.field().column());
            }
            Pattern pattern = like(literal.text());
            return row -> row.get(name) instanceof String s && pattern.matcher(s).matches();
        }
        if (literal.kind().equals("NULL")) {
            return switch (op) {
                case "=" -> row -> row.get(name) == null;
                case "!=" -> row -> row.get(name) != null;
                default -> throw new SoqlException("MALFORMED_QUERY", "invalid operator with null: " + op,
                        literal.column());
            };
        }
        if (field.type() == FieldType.BOOLEAN && !op.equals("=") && !op.equals("!=")) {
            throw new SoqlException("INVALID_QUERY_FILTER_OPERATOR", "invalid operator on boolean field: " + op,
                    literal.column());
        }
        if (literal.kind().equals("DATE_FUNCTION")) {
            Comparable<?>[] range = range(field, literal);
            return row -> inRange(row.get(name), range, op);
        }
        Object value = value(field, literal);
        return switch (op) {
            case "=" -> row -> equal(field, row.get(name), value);
            case "!=" -> row -> !equal(field, row.get(name), value);
            default -> row -> {
                Object actual = row.get(name);
                if (actual == null) {
                    return false;
                }
                int c = compare(actual, value);
                return switch (op) {
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    default -> c >= 0;
                };
            };
        };
    }

    private Object value(FieldDef field, Literal literal) {
        String kind = literal.kind();
        FieldType type = field.type();
        String expected;
        if (type.isId()) {
            if (kind.equals("STRING")) {
                return SalesforceIds.parse(literal.text()).orElseThrow(() -> new SoqlException(
                        "INVALID_QUERY_FILTER_OPERATOR", "invalid ID field: " + literal.text(), literal.column()));
            }
            expected = "id and should be enclosed in quotes";
        } else if (type.isText()) {
            if (kind.equals("STRING")) {
                return literal.text();
            }
            expected = "string and should be enclosed in quotes";
        } else if (type == FieldType.BOOLEAN) {
            if (kind.equals("BOOLEAN")) {
                return literal.text().equals("TRUE");
            }
            expected = "boolean and should not be enclosed in quotes";
        } else if (type == FieldType.DOUBLE) {
            if (kind.equals("NUMBER")) {
                return Double.parseDouble(literal.text());
            }
            expected = "double and should not be enclosed in quotes";
        } else if (type == FieldType.DATE) {
            if (kind.equals("DATE")) {
                return LocalDate.parse(literal.text());
            }
            expected = "date and should not be enclosed in quotes";
        } else {
            if (kind.equals("DATETIME")) {
                return OffsetDateTime.parse(literal.text(), OFFSET).toInstant();
            }
            expected = "dateTime and should not be enclosed in quotes";
        }
        if (kind.equals("NULL")) {
            throw new SoqlException("MALFORMED_QUERY", "null is not allowed in a list", literal.column());
        }
        throw new SoqlException("INVALID_FIELD", "value of filter criterion for field '" + field.name()
                + "' must be of type " + expected, literal.column());
    }

    private Comparable<?>[] range(FieldDef field, Literal literal) {
        if (field.type() != FieldType.DATE && field.type() != FieldType.DATETIME) {
            throw new SoqlException("INVALID_FIELD", "value of filter criterion for field '" + field.name()
                    + "' must be of type " + field.type().describeName(), literal.column());
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from;
        LocalDate to;
        switch (literal.text()) {
            case "TODAY" -> {
                from = today;
                to = today.plusDays(1);
            }
            case "YESTERDAY" -> {
                from = today.minusDays(1);
                to = today;
            }
            case "TOMORROW" -> {
                from = today.plusDays(1);
                to = today.plusDays(2);
            }
            case "LAST_N_DAYS" -> {
                from = today.minusDays(literal.n());
                to = today.plusDays(1);
            }
            default -> {
                from = today.plusDays(1);
                to = today.plusDays(literal.n() + 1L);
            }
        }
        if (field.type() == FieldType.DATE) {
            return new Comparable<?>[] {from, to};
        }
        return new Comparable<?>[] {from.atStartOfDay().toInstant(ZoneOffset.UTC),
            to.atStartOfDay().toInstant(ZoneOffset.UTC)};
    }

    private static boolean inRange(@Nullable Object actual, Comparable<?>[] range, String op) {
        if (actual == null) {
            return op.equals("!=");
        }
        boolean atOrAfterFrom = compare(actual, range[0]) >= 0;
        boolean beforeTo = compare(actual, range[1]) < 0;
        return switch (op) {
            case "=" -> atOrAfterFrom && beforeTo;
            case "!=" -> !(atOrAfterFrom && beforeTo);
            case "<" -> !atOrAfterFrom;
            case "<=" -> beforeTo;
            case ">" -> !beforeTo;
            default -> atOrAfterFrom;
        };
    }

    private static boolean equal(FieldDef field, @Nullable Object actual, Object expected) {
        if (actual == null) {
            return false;
        }
        if (actual instanceof String a && expected instanceof String e) {
            return field.type().isId() ? a.equals(e) : a.equalsIgnoreCase(e);
        }
        return compare(actual, expected) == 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object actual, Object expected) {
        if (actual instanceof String a && expected instanceof String e) {
            return a.toLowerCase(Locale.ROOT).compareTo(e.toLowerCase(Locale.ROOT));
        }
        if (actual instanceof Number a && expected instanceof Number e) {
            return Double.compare(a.doubleValue(), e.doubleValue());
        }
        return ((Comparable) actual).compareTo(expected);
    }

    private static Comparator<Map<String, @Nullable Object>> sort(FieldDef field, boolean descending,
                                                                  boolean nullsFirst) {
        String name = field.name();
        return (a, b) -> {
            Object x = a.get(name);
            Object y = b.get(name);
            if (x == null || y == null) {
                if (x == y) {
                    return 0;
                }
                return (x == null) == nullsFirst ? -1 : 1;
            }
            int c = compare(x, y);
            return descending ? -c : c;
        };
    }

    private static Pattern like(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '%' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}
