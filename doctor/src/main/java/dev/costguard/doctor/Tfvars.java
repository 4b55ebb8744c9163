package dev.costguard.doctor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a terraform.tfvars file: the literal subset of HCL that variable files hold (strings, numbers, true/false,
 * null, lists and objects, with #, // and block comments). Anything else (an expression, a function call, a heredoc,
 * an interpolation) is refused with the file, line and column, never guessed at. Values come back as String,
 * BigDecimal, Boolean, null, List and Map (keys in file order).
 */
public final class Tfvars {

    /** A file that is not a literal tfvars file, with where and why. */
    public static final class SyntaxException extends RuntimeException {
        public SyntaxException(String message) {
            super(message);
        }
    }

    private final String source;
    private final String text;
    private int at;

    private Tfvars(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /** Parses the whole file; {@code source} names it in error messages. */
    public static Map<String, Object> parse(String source, String text) {
        return new Tfvars(source, text).file();
    }

    private Map<String, Object> file() {
        Map<String, Object> values = new LinkedHashMap<>();
        skipSpace(true);
        while (at < text.length()) {
            int keyAt = at;
            String key = identifier();
            skipSpace(false);
            expect('=');
            skipSpace(false);
            Object value = value();
            if (values.containsKey(key)) {
                throw error(keyAt, "'" + key + "' is set twice (Terraform refuses a duplicate variable)");
            }
            values.put(key, value);
            skipSpace(false);
            if (at < text.length() && text.charAt(at) != '\n') {
                throw error(at, "expected the end of the line after the value of '" + key + "'");
            }
            skipSpace(true);
        }
        return Collections.unmodifiableMap(values);
    }

    private Object value() {
        if (at >= text.length()) {
            throw error(at, "expected a value, found the end of the file");
        }
        char c = text.charAt(at);
        if (c == '"') {
            return string();
        }
        if (c == '[') {
            return list();
        }
        if (c == '{') {
            return object();
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        if (c == '<' && text.startsWith("<<", at)) {
            throw error(at, "heredoc strings are not supported here: write the value as one quoted string");
        }
        if (Character.isLetter(c)) {
            int start = at;
            String word = identifier();
            switch (word) {
                case "true":
                    return Boolean.TRUE;
                case "false":
                    return Boolean.FALSE;
                case "null":
                    return null;
                default:
                    throw error(start, "'" + word + "' is not a literal value (expressions and function calls are not allowed in a tfvars file)");
            }
        }
        throw error(at, "expected a value (a quoted string, a number, true, false, null, [list] or {object}), found '" + c + "'");
    }

    private String string() {
        int start = at;
        at++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length() || text.charAt(at) == '\n') {
                throw error(start, "a string is not closed on its line");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if ((c == '$' || c == '%') && at < text.length() && text.charAt(at) == '{') {
                throw error(at - 1, "templates (" + c + "{...}) are not allowed in a tfvars value; write " + c + c + "{ for a literal " + c + "{");
            }
            if ((c == '$' || c == '%') && at + 1 < text.length() && text.charAt(at) == c && text.charAt(at + 1) == '{') {
                out.append(c).append('{');
                at += 2;
                continue;
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw error(start, "a string ends in a lone backslash");
            }
            char escaped = text.charAt(at++);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw error(at - 2, "\\u needs four hex digits");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    } catch (NumberFormatException e) {
                        throw error(at - 2, "\\u needs four hex digits");
                    }
                    at += 4;
                }
                default -> throw error(at - 2, "unknown escape \\" + escaped);
            }
        }
    }

    private BigDecimal number() {
        int start = at;
        if (text.charAt(at) == '-') {
            at++;
        }
        while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.'
                || text.charAt(at) == 'e' || text.charAt(at) == 'E' || text.charAt(at) == '+'
                || ((text.charAt(at) == '-') && (text.charAt(at - 1) == 'e' || text.charAt(at - 1) == 'E')))) {
            at++;
        }
        try {
            return new BigDecimal(text.substring(start, at));
        } catch (NumberFormatException e) {
            throw error(start, "'" + text.substring(start, at) + "' is not a number");
        }
    }

    private List<Object> list() {
        at++;
        List<Object> items = new ArrayList<>();
        skipSpace(true);
        while (peek() != ']') {
            items.add(value());
            skipSpace(true);
            if (peek() == ',') {
                at++;
                skipSpace(true);
            } else if (peek() != ']') {
                throw error(at, "expected ',' or ']' in a list");
            }
        }
        at++;
        return Collections.unmodifiableList(items);
    }

    private Map<String, Object> object() {
        at++;
        Map<String, Object> fields = new LinkedHashMap<>();
        skipSpace(true);
        while (peek() != '}') {
            int keyAt = at;
            String key = peek() == '"' ? string() : identifier();
            skipSpace(false);
            if (peek() != '=' && peek() != ':') {
                throw error(at, "expected '=' or ':' after the key '" + key + "'");
            }
            at++;
            skipSpace(false);
            Object value = value();
            if (fields.containsKey(key)) {
                throw error(keyAt, "the key '" + key + "' appears twice in one object");
            }
            fields.put(key, value);
            skipSpace(false);
            if (peek() == ',') {
                at++;
            } else if (peek() != '\n' && peek() != '}') {
                throw error(at, "expected ',', a new line or '}' after the value of '" + key + "'");
            }
            skipSpace(true);
        }
        at++;
        return Collections.unmodifiableMap(fields);
    }

    private String identifier() {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_' || text.charAt(at) == '-')) {
            at++;
        }
        if (start == at || !Character.isLetter(text.charAt(start)) && text.charAt(start) != '_') {
            throw error(start, "expected a variable name");
        }
        return text.substring(start, at);
    }

    private char peek() {
        if (at >= text.length()) {
            throw error(at, "unexpected end of the file (a list or object is not closed)");
        }
        return text.charAt(at);
    }

    private void expect(char c) {
        if (at >= text.length() || text.charAt(at) != c) {
            throw error(at, "expected '" + c + "'");
        }
        at++;
    }

    /** Skips blanks and comments; new lines too when {@code newLines}. A line comment always stops before its new line. */
    private void skipSpace(boolean newLines) {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == ' ' || c == '\t' || c == '\r' || (newLines && c == '\n')) {
                at++;
            } else if (c == '#' || text.startsWith("//", at)) {
                while (at < text.length() && text.charAt(at) != '\n') {
                    at++;
                }
            } else if (text.startsWith("/*", at)) {
                int end = text.indexOf("*/", at + 2);
                if (end < 0) {
                    throw error(at, "a /* comment is not closed");
                }
                at = end + 2;
            } else {
                return;
            }
        }
    }

    private SyntaxException error(int position, String message) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < position && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SyntaxException(source + ":" + line + ":" + column + ": " + message);
    }
}
