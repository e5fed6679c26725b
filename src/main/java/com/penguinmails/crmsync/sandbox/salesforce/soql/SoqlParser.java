package com.penguinmails.crmsync.sandbox.salesforce.soql;

import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlQuery.Comparison;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlQuery.Condition;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlQuery.InList;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlQuery.Literal;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlQuery.Logical;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlQuery.Not;
import com.penguinmails.crmsync.sandbox.salesforce.soql.SoqlQuery.Order;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Recursive-descent parser for the supported SOQL subset:
 * <pre>
 * query     := SELECT field (',' field)* FROM object [WHERE or] [ORDER BY order (',' order)*] [LIMIT n]
 * or        := and (OR and)*          -- a level may not mix AND and OR without parentheses
 * and       := unary (AND unary)*
 * unary     := NOT unary | '(' or ')' | field op value | field [NOT] IN '(' value (',' value)* ')'
 * value     := string | number | TRUE | FALSE | NULL | datetime | date | TODAY | YESTERDAY | TOMORROW
 *              | LAST_N_DAYS ':' n | NEXT_N_DAYS ':' n
 * </pre>
 * Anything else (functions, GROUP BY, OFFSET, sub-queries ...) is a MALFORMED_QUERY.
 */
public final class SoqlParser {

    private static final Set<String> KEYWORDS = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE",
            "ORDER", "BY", "LIMIT", "ASC", "DESC", "NULLS", "FIRST", "LAST", "NULL", "TRUE", "FALSE", "GROUP",
            "HAVING", "OFFSET", "FOR", "WITH", "USING", "INCLUDES", "EXCLUDES", "TYPEOF");
    private static final Set<String> DATE_CONSTANTS = Set.of("TODAY", "YESTERDAY", "TOMORROW");
    private static final Set<String> DATE_FUNCTIONS = Set.of("LAST_N_DAYS", "NEXT_N_DAYS");

    private final List<Token> tokens;
    private int position;

    private SoqlParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static SoqlQuery parse(String soql) {
        return new SoqlParser(SoqlLexer.tokenize(soql)).query();
    }

    private SoqlQuery query() {
        keyword("SELECT");
        List<Token> fields = new ArrayList<>();
        fields.add(name());
        while (peek().kind() == Token.Kind.COMMA) {
            next();
            fields.add(name());
        }
        keyword("FROM");
        Token object = name();
        Condition where = null;
        if (peek().is("WHERE")) {
            next();
            where = or();
        }
        List<Order> orderBy = new ArrayList<>();
        if (peek().is("ORDER")) {
            next();
            keyword("BY");
            do {
                if (!orderBy.isEmpty()) {
                    next();
                }
                orderBy.add(order());
            } while (peek().kind() == Token.Kind.COMMA);
        }
        Integer limit = null;
        if (peek().is("LIMIT")) {
            next();
            Token n = next();
            if (n.kind() != Token.Kind.NUMBER || n.text().contains(".") || n.text().startsWith("-")) {
                throw unexpected(n);
            }
            limit = Integer.parseInt(n.text().replace("+", ""));
        }
        if (peek().kind() != Token.Kind.EOF) {
            throw unexpected(peek());
        }
        return new SoqlQuery(fields, object, where, orderBy, limit);
    }

    private Order order() {
        Token field = name();
        boolean descending = false;
        if (peek().is("ASC") || peek().is("DESC")) {
            descending = next().is("DESC");
        }
        boolean nullsFirst = !descending;
        if (peek().is("NULLS")) {
            next();
            Token which = next();
            if (!which.is("FIRST") && !which.is("LAST")) {
                throw unexpected(which);
            }
            nullsFirst = which.is("FIRST");
        }
        return new Order(field, descending, nullsFirst);
    }

    private Condition or() {
        Condition first = and();
        if (!peek().is("OR")) {
            return first;
        }
        List<Condition> terms = new ArrayList<>(List.of(first));
        while (peek().is("OR")) {
            next();
            terms.add(and());
        }
        if (peek().is("AND")) {
            throw unexpected(peek());
        }
        return new Logical(false, terms);
    }

    private Condition and() {
        Condition first = unary();
        if (!peek().is("AND")) {
            return first;
        }
        List<Condition> terms = new ArrayList<>(List.of(first));
        while (peek().is("AND")) {
            next();
            terms.add(unary());
        }
        if (peek().is("OR")) {
            throw unexpected(peek());
        }
        return new Logical(true, terms);
    }

    private Condition unary() {
        if (peek().is("NOT")) {
            next();
            return new Not(unary());
        }
        if (peek().kind() == Token.Kind.LPAREN) {
            next();
            Condition inner = or();
            expect(Token.Kind.RPAREN);
            return inner;
        }
        Token field = name();
        Token op = next();
        if (op.is("NOT") && peek().is("IN")) {
            next();
            return new InList(field, true, list());
        }
        if (op.is("IN")) {
            return new InList(field, false, list());
        }
        if (op.is("LIKE")) {
            Literal value = value();
            if (!value.kind().equals("STRING")) {
                throw new SoqlException("MALFORMED_QUERY", "LIKE requires a string value", value.column());
            }
            return new Comparison(field, "LIKE", value);
        }
        if (op.kind() != Token.Kind.OPERATOR) {
            throw unexpected(op);
        }
        return new Comparison(field, op.text().equals("<>") ? "!=" : op.text(), value());
    }

    private List<Literal> list() {
        expect(Token.Kind.LPAREN);
        List<Literal> values = new ArrayList<>();
        values.add(value());
        while (peek().kind() == Token.Kind.COMMA) {
            next();
            values.add(value());
        }
        expect(Token.Kind.RPAREN);
        return values;
    }

    private Literal value() {
        Token t = next();
        switch (t.kind()) {
            case STRING -> {
                return new Literal("STRING", t.text(), 0, t.column());
            }
            case NUMBER -> {
                return new Literal("NUMBER", t.text(), 0, t.column());
            }
            case DATETIME -> {
                return new Literal("DATETIME", t.text(), 0, t.column());
            }
            case DATE -> {
                return new Literal("DATE", t.text(), 0, t.column());
            }
            case WORD -> {
                String upper = t.upper();
                if (upper.equals("NULL")) {
                    return new Literal("NULL", upper, 0, t.column());
                }
                if (upper.equals("TRUE") || upper.equals("FALSE")) {
                    return new Literal("BOOLEAN", upper, 0, t.column());
                }
                if (DATE_CONSTANTS.contains(upper)) {
                    return new Literal("DATE_FUNCTION", upper, 0, t.column());
                }
                if (DATE_FUNCTIONS.contains(upper)) {
                    expect(Token.Kind.COLON);
                    Token n = next();
                    if (n.kind() != Token.Kind.NUMBER || !n.text().matches("\\d+")) {
                        throw unexpected(n);
                    }
                    return new Literal("DATE_FUNCTION", upper, Integer.parseInt(n.text()), t.column());
                }
                throw unexpected(t);
            }
            default -> throw unexpected(t);
        }
    }

    private Token name() {
        Token t = next();
        if (t.kind() != Token.Kind.WORD || KEYWORDS.contains(t.upper())) {
            throw unexpected(t);
        }
        if (peek().kind() == Token.Kind.LPAREN) {
            throw unexpected(peek());
        }
        return t;
    }

    private void keyword(String keyword) {
        Token t = next();
        if (!t.is(keyword)) {
            throw unexpected(t);
        }
    }

    private void expect(Token.Kind kind) {
        Token t = next();
        if (t.kind() != kind) {
            throw unexpected(t);
        }
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token t = tokens.get(position);
        if (t.kind() != Token.Kind.EOF) {
            position++;
        }
        return t;
    }

    private static SoqlException unexpected(@Nullable Token t) {
        String shown = t == null ? "<EOF>" : t.shown();
        return new SoqlException("MALFORMED_QUERY", "unexpected token: " + (t != null && t.kind() == Token.Kind.EOF
                ? shown : "'" + shown + "'"), t == null ? 1 : t.column());
    }
}
