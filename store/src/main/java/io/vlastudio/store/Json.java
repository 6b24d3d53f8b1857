package io.vlastudio.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workspace's JSON (history snapshots, exported reviews, mixes, manifests), read and written by Jackson. Values are
 * {@code Map<String,Object>} (insertion ordered), {@code List<Object>}, {@code String}, {@code Long} (integers),
 * {@code Double}, {@code Boolean} and {@code null}.
 *
 * <p>Reading is strict JSON (RFC 8259): no comments, trailing commas, leading zeros, duplicate keys, NaN or numbers
 * too large for a double, nesting at most {@value #MAX_DEPTH} deep. Writing refuses NaN and infinities: JSON has no
 * such numbers, and writing them as {@code null} would lose what they were; a caller that means "no value" writes
 * {@code null} itself. The pretty layout (two-space indent, {@code "key": value}, lists of plain values on one line)
 * is the one the studio has always written, so files people keep under version control do not change.
 */
public final class Json {

    static final int MAX_DEPTH = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** Thrown for malformed input, with where it goes wrong. */
    public static final class ParseException extends Exception {
        ParseException(String message) {
            super(message);
        }

        ParseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ---- writing ---------------------------------------------------------------------------------------------

    /**
     * Compact JSON, no whitespace.
     *
     * @throws IllegalArgumentException for a non-finite number (naming where it is) or a value of another type
     */
    public static String write(Object value) {
        return write(value, null);
    }

    /** Indented with two spaces, for files people read; ends with a newline. */
    public static String writePretty(Object value) {
        return write(value, new Layout()) + "\n";
    }

    private static String write(Object value, Layout layout) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (layout != null) {
                g.setPrettyPrinter(layout);
            }
            write(g, layout, value, "$");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Layout layout, Object value, String path) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("cannot write " + d + " at " + path
                        + " as JSON: JSON has no NaN or infinite numbers");
            }
            g.writeNumber(d);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                g.writeFieldName(key);
                write(g, layout, e.getValue(), path + "." + key);
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            if (layout != null) {
                layout.nextArrayOnSeparateLines(list.stream().anyMatch(v -> v instanceof Map || v instanceof List));
            }
            g.writeStartArray();
            for (int i = 0; i < list.size(); i++) {
                write(g, layout, list.get(i), path + "[" + i + "]");
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " at " + path + " as JSON");
        }
    }

    /**
     * The studio's pretty layout: objects one entry per line, lists of plain values on one line ({@code [1, 2]}),
     * lists holding objects or lists one element per line.
     */
    private static final class Layout implements PrettyPrinter {
        private final Deque<Boolean> arrays = new ArrayDeque<>();
        private boolean nextArrayOnSeparateLines;
        private int depth;

        void nextArrayOnSeparateLines(boolean separate) {
            nextArrayOnSeparateLines = separate;
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) {
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
            depth++;
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            newline(g);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newline(g);
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            depth--;
            if (entries > 0) {
                newline(g);
            }
            g.writeRaw('}');
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
            depth++;
            arrays.push(nextArrayOnSeparateLines);
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (arrays.peek()) {
                newline(g);
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            if (arrays.peek()) {
                g.writeRaw(',');
                newline(g);
            } else {
                g.writeRaw(", ");
            }
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            depth--;
            if (arrays.pop() && values > 0) {
                newline(g);
            }
            g.writeRaw(']');
        }

        private void newline(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
            g.writeRaw("  ".repeat(depth));
        }
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    /** Parses one JSON value, nothing after it. */
    public static Object parse(String text) throws ParseException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new ParseException("nesting deeper than " + MAX_DEPTH + " levels", e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ParseException("invalid JSON: " + firstLine(e.getOriginalMessage()) + where, e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ParseException("invalid JSON: no value (empty input)");
        }
        return value(root, "$");
    }

    private static Object value(JsonNode node, String path) throws ParseException {
        if (node.isNull()) {
            return null;
        } else if (node.isTextual()) {
            return node.textValue();
        } else if (node.isBoolean()) {
            return node.booleanValue();
        } else if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new ParseException("invalid JSON: the integer " + node.asText() + " at " + path
                        + " does not fit in 64 bits");
            }
            return node.longValue();
        } else if (node.isNumber()) {
            double d = node.doubleValue();
            if (!Double.isFinite(d)) {
                throw new ParseException("invalid JSON: the number at " + path + " is too large for a double");
            }
            return d;
        } else if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), value(e.getValue(), path + "." + e.getKey()));
            }
            return map;
        } else if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                list.add(value(node.get(i), path + "[" + i + "]"));
            }
            return list;
        }
        throw new ParseException("invalid JSON: unexpected " + node.getNodeType() + " at " + path);
    }

    private static String firstLine(String message) {
        int nl = message == null ? -1 : message.indexOf('\n');
        return nl < 0 ? String.valueOf(message) : message.substring(0, nl);
    }
}
