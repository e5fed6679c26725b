package com.penguinmails.crmsync.sandbox.salesforce.bulk;

import java.util.Map;
import java.util.Optional;

/** A Bulk API 2.0 CSV dialect: {@code columnDelimiter} (COMMA by default) and {@code lineEnding} (LF by default). */
record CsvDialect(String columnDelimiter, char separator, String lineEnding) {

    private static final Map<String, Character> DELIMITERS = Map.of("BACKQUOTE", '`', "CARET", '^', "COMMA", ',',
            "PIPE", '|', "SEMICOLON", ';', "TAB", '\t');

    /** Empty when either name is not one Salesforce accepts. */
    static Optional<CsvDialect> of(String columnDelimiter, String lineEnding) {
        Character separator = DELIMITERS.get(columnDelimiter);
        if (separator == null || !(lineEnding.equals("LF") || lineEnding.equals("CRLF"))) {
            return Optional.empty();
        }
        return Optional.of(new CsvDialect(columnDelimiter, separator, lineEnding));
    }

    String newline() {
        return lineEnding.equals("CRLF") ? "\r\n" : "\n";
    }
}
