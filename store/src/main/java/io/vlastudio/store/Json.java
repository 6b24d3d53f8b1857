package io.vlastudio.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the workspace needs (history snapshots, exported reviews, mix manifests), without a library: values are
 * {@code Map<String,Object>} (insertion ordered), {@code List<Object>}, {@code String}, {@code Long} (integers),
 * {@code Double}, {@code Boolean} and {@code null}.
 */
public final class Json {

    private Json() {
    }

    /** Thrown for malformed input, with the character offset. */
    public static final class ParseException extends Exception {
        ParseException(String message, int at) {
            super(message + " at character " + at);
        }
    }

    // ---- writing ---------------------------------------------------------------------------------------------

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, -1, 0);
        return out.toString();
    }

    /** Indented with two spaces, for files people read. */
    public static String writePretty(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 2, 0);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, int indent, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Double d) {
            out.append(Double.isFinite(d) ? d.toString() : "null");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(i++ == 0 ? "" : ",");
                newline(out, indent, depth + 1);
                string(out, String.valueOf(e.getKey()));
                out.append(indent < 0 ? ":" : ": ");
                write(out, e.getValue(), indent, depth + 1);
            }
            if (i > 0) {
                newline(out, indent, depth);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            boolean scalars = list.stream().noneMatch(v -> v instanceof Map || v instanceof List);
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : scalars && indent >= 0 ? ", " : ",");
                if (!scalars) {
                    newline(out, indent, depth + 1);
                }
                write(out, list.get(i), indent, depth + 1);
            }
            if (!scalars && !list.isEmpty()) {
                newline(out, indent, depth);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
        }
    }

    private static void newline(StringBuilder out, int indent, int depth) {
        if (indent >= 0) {
            out.append('\n').append(" ".repeat(indent * depth));
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    public static Object parse(String text) throws ParseException {
        Json.Parser p = new Json.Parser(text);
        p.skipSpace();
        Object value = p.value(0);
        p.skipSpace();
        if (p.at < text.length()) {
            throw new ParseException("unexpected '" + text.charAt(p.at) + "' after the value", p.at);
        }
        return value;
    }

    private static final class Parser {
        private static final int MAX_DEPTH = 64;
        private final String s;
        private int at;

        Parser(String s) {
            this.s = s;
        }

        Object value(int depth) throws ParseException {
            if (depth > MAX_DEPTH) {
                throw new ParseException("nesting deeper than " + MAX_DEPTH, at);
            }
            if (at >= s.length()) {
                throw new ParseException("unexpected end of input", at);
            }
            char c = s.charAt(at);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw new ParseException("unexpected '" + c + "'", at);
                }
            };
        }

        private Map<String, Object> object(int depth) throws ParseException {
            Map<String, Object> map = new LinkedHashMap<>();
            at++;
            skipSpace();
            if (peek() == '}') {
                at++;
                return map;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw new ParseException("expected a quoted key", at);
                }
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                map.put(key, value(depth + 1));
                skipSpace();
                char c = next();
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    throw new ParseException("expected ',' or '}'", at - 1);
                }
            }
        }

        private List<Object> array(int depth) throws ParseException {
            List<Object> list = new ArrayList<>();
            at++;
            skipSpace();
            if (peek() == ']') {
                at++;
                return list;
            }
            while (true) {
                skipSpace();
                list.add(value(depth + 1));
                skipSpace();
                char c = next();
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    throw new ParseException("expected ',' or ']'", at - 1);
                }
            }
        }

        private String string() throws ParseException {
            at++;
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    char e = next();
                    switch (e) {
                        case '"', '\\', '/' -> out.append(e);
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'u' -> {
                            if (at + 4 > s.length()) {
                                throw new ParseException("short \\u escape", at);
                            }
                            try {
                                out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                            } catch (NumberFormatException ex) {
                                throw new ParseException("bad \\u escape", at);
                            }
                            at += 4;
                        }
                        default -> throw new ParseException("bad escape '\\" + e + "'", at - 1);
                    }
                } else if (c < 0x20) {
                    throw new ParseException("control character in a string", at - 1);
                } else {
                    out.append(c);
                }
            }
        }

        private Object number() throws ParseException {
            int start = at;
            if (peek() == '-') {
                at++;
            }
            boolean fraction = false;
            while (at < s.length()) {
                char c = s.charAt(at);
                if (c >= '0' && c <= '9') {
                    at++;
                } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                    fraction = true;
                    at++;
                } else {
                    break;
                }
            }
            String text = s.substring(start, at);
            try {
                if (!fraction) {
                    return Long.parseLong(text);
                }
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new ParseException("bad number '" + text + "'", start);
            }
        }

        private Object literal(String word, Object value) throws ParseException {
            if (!s.startsWith(word, at)) {
                throw new ParseException("unexpected input", at);
            }
            at += word.length();
            return value;
        }

        private char peek() {
            return at < s.length() ? s.charAt(at) : '\0';
        }

        private char next() throws ParseException {
            if (at >= s.length()) {
                throw new ParseException("unexpected end of input", at);
            }
            return s.charAt(at++);
        }

        private void expect(char c) throws ParseException {
            if (next() != c) {
                throw new ParseException("expected '" + c + "'", at - 1);
            }
        }

        void skipSpace() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }
    }
}
