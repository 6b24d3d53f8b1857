package io.vlastudio.training.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON exactly as Python's {@code json.dump(obj, f, indent=N)} does with its other arguments at their
 * defaults, because WorldVLA's conversation files are compared byte for byte with what its own scripts write:
 * {@code ","} between items and {@code ": "} after keys (Python's separators when an indent is given), one item a
 * line indented by {@code N} spaces a level, an empty list as {@code []}, {@code ensure_ascii} escaping (every
 * character above U+007F as {@code \\uXXXX}, astral ones as a surrogate pair), no newline at the end. Only the types
 * conversation records hold are supported: maps with string keys (in their iteration order), lists and strings.
 * This is a writer, not a parser: records are read back with Jackson.
 */
public final class PythonJson {

    private final Writer out;
    private final int indent;

    public PythonJson(Writer out, int indent) {
        this.out = out;
        this.indent = indent;
    }

    /** Writes {@code value} as {@code json.dump} would. */
    public void write(Object value) throws IOException {
        write(value, 0);
    }

    /** Opens a top-level list; follow with {@link #item(Object)} calls and {@link #endList()}. */
    public ListWriter list() {
        return new ListWriter();
    }

    /** A top-level list written one item at a time, so a large conversation file is never held in memory. */
    public final class ListWriter {
        private int count;

        private ListWriter() {
        }

        public void item(Object value) throws IOException {
            out.write(count == 0 ? "[" : ",");
            newline(1);
            PythonJson.this.write(value, 1);
            count++;
        }

        public void endList() throws IOException {
            if (count == 0) {
                out.write("[]");
            } else {
                newline(0);
                out.write("]");
            }
        }
    }

    private void write(Object value, int level) throws IOException {
        if (value instanceof String s) {
            string(s);
        } else if (value instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                out.write("{}");
                return;
            }
            out.write("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    out.write(",");
                }
                first = false;
                newline(level + 1);
                string((String) e.getKey());
                out.write(": ");
                write(e.getValue(), level + 1);
            }
            newline(level);
            out.write("}");
        } else if (value instanceof List<?> l) {
            if (l.isEmpty()) {
                out.write("[]");
                return;
            }
            out.write("[");
            boolean first = true;
            for (Object o : l) {
                if (!first) {
                    out.write(",");
                }
                first = false;
                newline(level + 1);
                write(o, level + 1);
            }
            newline(level);
            out.write("]");
        } else {
            throw new IllegalArgumentException("conversation records hold maps, lists and strings, not " + value);
        }
    }

    private void newline(int level) throws IOException {
        out.write('\n');
        for (int i = level * indent; i > 0; i--) {
            out.write(' ');
        }
    }

    /** A string as Python's {@code json} encodes it with {@code ensure_ascii=True}. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private void string(String s) throws IOException {
        out.write(quote(s));
    }
}
