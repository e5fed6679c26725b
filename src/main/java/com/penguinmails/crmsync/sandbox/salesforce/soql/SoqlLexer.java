package com.penguinmails.crmsync.sandbox.salesforce.soql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits SOQL text into tokens: words, quoted strings, numbers, date and datetime literals, operators. */
final class SoqlLexer {

    private static final Pattern DATETIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,3})?(?:Z|[+-]\\d{2}:?\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?![\\dT])");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(?:\\.\\d+)?");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private SoqlLexer() {
    }

    static List<Token> tokenize(String soql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < soql.length()) {
            char c = soql.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= soql.length()) {
                        throw new SoqlException("MALFORMED_QUERY", "unterminated string literal", column);
                    }
                    char d = soql.charAt(j);
                    if (d == '\\' && j + 1 < soql.length()) {
                        char e = soql.charAt(j + 1);
                        text.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            default -> e;
                        });
                        j += 2;
                    } else if (d == '\'') {
                        break;
                    } else {
                        text.append(d);
                        j++;
                    }
                }
                tokens.add(new Token(Token.Kind.STRING, text.toString(), column));
                i = j + 1;
            } else if (c == '(' || c == ')' || c == ',' || c == ':') {
                tokens.add(new Token(c == '(' ? Token.Kind.LPAREN : c == ')' ? Token.Kind.RPAREN
                        : c == ',' ? Token.Kind.COMMA : Token.Kind.COLON, String.valueOf(c), column));
                i++;
            } else if (c == '=' || c == '<' || c == '>' || c == '!') {
                String op = soql.startsWith("<=", i) || soql.startsWith(">=", i) || soql.startsWith("!=", i)
                        || soql.startsWith("<>", i) ? soql.substring(i, i + 2) : String.valueOf(c);
                if (op.equals("!")) {
                    throw new SoqlException("MALFORMED_QUERY", "unexpected token: '!'", column);
                }
                tokens.add(new Token(Token.Kind.OPERATOR, op, column));
                i += op.length();
            } else {
                i = match(soql, i, tokens);
            }
        }
        tokens.add(new Token(Token.Kind.EOF, "", soql.length() + 1));
        return tokens;
    }

    private static int match(String soql, int i, List<Token> tokens) {
        for (Object[] candidate : new Object[][] {{DATETIME, Token.Kind.DATETIME}, {DATE, Token.Kind.DATE},
            {NUMBER, Token.Kind.NUMBER}, {WORD, Token.Kind.WORD}}) {
            Matcher m = ((Pattern) candidate[0]).matcher(soql).region(i, soql.length());
            if (m.lookingAt()) {
                tokens.add(new Token((Token.Kind) candidate[1], m.group(), i + 1));
                return m.end();
            }
        }
        throw new SoqlException("MALFORMED_QUERY", "unexpected token: '" + soql.charAt(i) + "'", i + 1);
    }
}
