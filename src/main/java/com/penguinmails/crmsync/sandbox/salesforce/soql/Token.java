package com.penguinmails.crmsync.sandbox.salesforce.soql;

import java.util.Locale;

/** One SOQL token and its 1-based column. */
public record Token(Kind kind, String text, int column) {

    /** Token kinds. */
    public enum Kind { WORD, STRING, NUMBER, DATETIME, DATE, OPERATOR, LPAREN, RPAREN, COMMA, COLON, EOF }

    boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }

    String shown() {
        return kind == Kind.EOF ? "<EOF>" : text;
    }
}
