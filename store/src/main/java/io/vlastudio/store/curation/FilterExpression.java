package io.vlastudio.store.curation;

import io.vlastudio.store.Segment;
import io.vlastudio.store.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The small filter language of views: comparisons joined by {@code and}, {@code or}, {@code not} and parentheses.
 * <pre>
 * verdict != rejected and length &gt;= 50 and tag = "bad grasp"
 * suite = libero_goal and (language ~ drawer or task in (open_the_top_drawer, close_the_drawer))
 * noops &gt; 0 and not actions outside worldvla
 * </pre>
 * <ul>
 *   <li>text fields {@code suite}, {@code task}, {@code language} (also {@code instruction}), {@code file}:
 *       {@code =}, {@code !=} (ignoring case), {@code ~} (contains, ignoring case), {@code in (a, b)}</li>
 *   <li>{@code verdict}: {@code =}, {@code !=}, {@code in} with unreviewed, accepted, rejected, flagged</li>
 *   <li>{@code tag}: {@code = X} has tag X, {@code != X} lacks it, {@code ~ X} some tag contains X</li>
 *   <li>{@code segment} (also {@code label}): the same for segment labels</li>
 *   <li>numbers {@code length}, {@code kept} (steps an export keeps), {@code noops}, {@code gripper_events}
 *       (also {@code gripper}): {@code = != < <= > >=}</li>
 *   <li>{@code actions outside worldvla} or {@code actions outside [-0.5, 0.5]}: some action dimension has a value
 *       outside the bounds (WorldVLA's fixed bounds, or one range for every dimension)</li>
 *   <li>{@code available}: the demo's file is present and holds it</li>
 * </ul>
 * Values are bare words ({@code libero_goal}, {@code rejected}, {@code 50}) or double-quoted strings
 * ({@code "bad grasp"}, with {@code \"} and {@code \\}). Keywords and field names ignore case. An empty expression
 * matches every demo. Mistakes throw {@link FilterSyntaxException} naming the column.
 */
public final class FilterExpression {

    /** WorldVLA's fixed action bounds (the pipeline reference, section 3). */
    static final double[] WORLDVLA_MIN = {-0.9375, -0.9375, -0.9375, -0.32571429, -0.375, -0.375, -1.0};
    static final double[] WORLDVLA_MAX = {0.9375, 0.9375, 0.9375, 0.375, 0.375, 0.375, 1.0};

    private static final List<String> FIELDS = List.of("suite", "task", "language", "file", "verdict", "tag", "segment",
            "length", "kept", "noops", "gripper_events", "actions outside", "available");

    private final String text;
    private final Predicate<CurationRow> predicate;

    private FilterExpression(String text, Predicate<CurationRow> predicate) {
        this.text = text;
        this.predicate = predicate;
    }

    /**
     * Parses an expression.
     *
     * @throws FilterSyntaxException naming the column of the first mistake
     */
    public static FilterExpression parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            return new FilterExpression(text.strip(), r -> true);
        }
        Parser p = new Parser(text);
        Predicate<CurationRow> pred = p.or();
        if (p.peek().kind != Kind.END) {
            throw p.error(p.peek(), "expected 'and', 'or' or the end of the expression, found " + p.peek().describe());
        }
        return new FilterExpression(text.strip(), pred);
    }

    /** Matches every demo. */
    public static FilterExpression all() {
        return parse("");
    }

    public boolean matches(CurationRow row) {
        return predicate.test(row);
    }

    public List<CurationRow> select(List<CurationRow> rows) {
        return rows.stream().filter(predicate).toList();
    }

    /** The expression as written (trimmed). */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    // ---- lexer -----------------------------------------------------------------------------------------------

    private enum Kind { WORD, STRING, NUMBER, OP, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, END }

    private record Token(Kind kind, String text, int at) {
        String describe() {
            return switch (kind) {
                case END -> "the end of the expression";
                case STRING -> "\"" + text + "\"";
                default -> "'" + text + "'";
            };
        }

        boolean isWord(String w) {
            return kind == Kind.WORD && text.equalsIgnoreCase(w);
        }
    }

    private static final class Parser {
        private final String src;
        private final List<Token> tokens = new ArrayList<>();
        private int pos;

        Parser(String src) {
            this.src = src;
            lex();
        }

        private void lex() {
            int i = 0;
            int n = src.length();
            while (i < n) {
                char c = src.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '(') {
                    tokens.add(new Token(Kind.LPAREN, "(", i++));
                } else if (c == ')') {
                    tokens.add(new Token(Kind.RPAREN, ")", i++));
                } else if (c == '[') {
                    tokens.add(new Token(Kind.LBRACKET, "[", i++));
                } else if (c == ']') {
                    tokens.add(new Token(Kind.RBRACKET, "]", i++));
                } else if (c == ',') {
                    tokens.add(new Token(Kind.COMMA, ",", i++));
                } else if (c == '"') {
                    int start = i++;
                    StringBuilder s = new StringBuilder();
                    while (true) {
                        if (i >= n) {
                            throw new FilterSyntaxException(src, start, "this string has no closing '\"'");
                        }
                        char d = src.charAt(i++);
                        if (d == '"') {
                            break;
                        }
                        if (d == '\\' && i < n) {
                            d = src.charAt(i++);
                        }
                        s.append(d);
                    }
                    tokens.add(new Token(Kind.STRING, s.toString(), start));
                } else if (c == '=' || c == '!' || c == '<' || c == '>' || c == '~') {
                    int start = i++;
                    if (i < n && src.charAt(i) == '=' && c != '~') {
                        i++;
                    }
                    String op = src.substring(start, i);
                    if (op.equals("!")) {
                        throw new FilterSyntaxException(src, start, "'!' must be followed by '=' (use 'not' to negate)");
                    }
                    tokens.add(new Token(Kind.OP, op.equals("==") ? "=" : op, start));
                } else if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && i + 1 < n
                        && (Character.isDigit(src.charAt(i + 1)) || src.charAt(i + 1) == '.'))) {
                    int start = i++;
                    while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '.' || src.charAt(i) == '_'
                            || ((src.charAt(i) == '-' || src.charAt(i) == '+') && (src.charAt(i - 1) == 'e' || src.charAt(i - 1) == 'E')))) {
                        i++;
                    }
                    String t = src.substring(start, i);
                    boolean numeric;
                    try {
                        Double.parseDouble(t);
                        numeric = true;
                    } catch (NumberFormatException e) {
                        numeric = false;
                    }
                    tokens.add(new Token(numeric ? Kind.NUMBER : Kind.WORD, t, start));
                } else if (Character.isLetter(c) || c == '_') {
                    int start = i++;
                    while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || "_-./:".indexOf(src.charAt(i)) >= 0)) {
                        i++;
                    }
                    tokens.add(new Token(Kind.WORD, src.substring(start, i), start));
                } else {
                    throw new FilterSyntaxException(src, i, "unexpected character '" + c + "'");
                }
            }
            tokens.add(new Token(Kind.END, "", n));
        }

        Token peek() {
            return tokens.get(pos);
        }

        Token next() {
            return tokens.get(pos++);
        }

        FilterSyntaxException error(Token t, String problem) {
            return new FilterSyntaxException(src, t.at, problem);
        }

        Predicate<CurationRow> or() {
            Predicate<CurationRow> left = and();
            while (peek().isWord("or")) {
                next();
                left = left.or(and());
            }
            return left;
        }

        Predicate<CurationRow> and() {
            Predicate<CurationRow> left = not();
            while (peek().isWord("and")) {
                next();
                left = left.and(not());
            }
            return left;
        }

        Predicate<CurationRow> not() {
            if (peek().isWord("not")) {
                next();
                return not().negate();
            }
            return primary();
        }

        Predicate<CurationRow> primary() {
            Token t = next();
            if (t.kind == Kind.LPAREN) {
                Predicate<CurationRow> inner = or();
                Token close = next();
                if (close.kind != Kind.RPAREN) {
                    throw error(close, "expected ')' to close the '(' at column " + (t.at + 1) + ", found " + close.describe());
                }
                return inner;
            }
            if (t.kind != Kind.WORD) {
                throw error(t, "expected a field (" + String.join(", ", FIELDS) + "), found " + t.describe());
            }
            String field = canonical(t.text.toLowerCase(Locale.ROOT));
            return switch (field) {
                case "available" -> r -> r.demo().available();
                case "actions" -> outside(t);
                case "suite" -> text(t, field, r -> r.demo().suite());
                case "task" -> text(t, field, r -> r.demo().task());
                case "language" -> text(t, field, r -> r.demo().language());
                case "file" -> text(t, field, r -> r.demo().file().getFileName().toString());
                case "verdict" -> verdict(t);
                case "tag" -> set(t, field, r -> r.review().tags().isEmpty() ? r.demo().tags() : r.review().tags());
                case "segment" -> set(t, field, r -> r.review().segments().stream().map(Segment::label).toList());
                case "length" -> number(t, field, r -> r.demo().length());
                case "kept" -> number(t, field, r -> r.keptSteps().length);
                case "noops" -> number(t, field, r -> r.demo().noOps());
                case "gripper_events" -> number(t, field, CurationRow::gripperEvents);
                default -> throw error(t, "unknown field '" + t.text + "' (expected " + String.join(", ", FIELDS) + ")");
            };
        }

        private static String canonical(String f) {
            return switch (f) {
                case "instruction", "text", "lang" -> "language";
                case "tags" -> "tag";
                case "label", "segments", "labels" -> "segment";
                case "gripper", "gripper_event" -> "gripper_events";
                case "noop", "no_ops", "no-ops" -> "noops";
                case "steps" -> "length";
                default -> f;
            };
        }

        private Token op(Token field, String... allowed) {
            Token op = next();
            if (op.kind == Kind.OP || op.isWord("in")) {
                String o = op.kind == Kind.OP ? op.text : "in";
                for (String a : allowed) {
                    if (a.equals(o)) {
                        return new Token(op.kind, o, op.at);
                    }
                }
                throw error(op, "'" + field.text + "' cannot be compared with '" + o + "' (use " + String.join(", ", allowed) + ")");
            }
            throw error(op, "expected an operator (" + String.join(", ", allowed) + ") after '" + field.text + "', found "
                    + op.describe());
        }

        private Token value(Token after, boolean numeric) {
            Token v = next();
            if (numeric) {
                if (v.kind != Kind.NUMBER) {
                    throw error(v, "expected a number after '" + after.text + "', found " + v.describe());
                }
                return v;
            }
            if (v.kind != Kind.WORD && v.kind != Kind.STRING && v.kind != Kind.NUMBER) {
                throw error(v, "expected a value after '" + after.text + "', found " + v.describe());
            }
            return v;
        }

        private List<Token> values(Token in) {
            Token open = next();
            if (open.kind != Kind.LPAREN) {
                throw error(open, "expected '(' after 'in', found " + open.describe());
            }
            List<Token> out = new ArrayList<>();
            while (true) {
                out.add(value(out.isEmpty() ? open : tokens.get(pos - 1), false));
                Token sep = next();
                if (sep.kind == Kind.RPAREN) {
                    return out;
                }
                if (sep.kind != Kind.COMMA) {
                    throw error(sep, "expected ',' or ')' in the list after 'in', found " + sep.describe());
                }
            }
        }

        private Predicate<CurationRow> text(Token field, String name, java.util.function.Function<CurationRow, String> get) {
            Token op = op(field, "=", "!=", "~", "in");
            if (op.text.equals("in")) {
                List<String> vs = values(op).stream().map(Token::text).toList();
                return r -> vs.stream().anyMatch(v -> v.equalsIgnoreCase(get.apply(r)));
            }
            String v = value(op, false).text;
            String lower = v.toLowerCase(Locale.ROOT);
            return switch (op.text) {
                case "=" -> r -> v.equalsIgnoreCase(get.apply(r));
                case "!=" -> r -> !v.equalsIgnoreCase(get.apply(r));
                default -> r -> get.apply(r).toLowerCase(Locale.ROOT).contains(lower);
            };
        }

        private Predicate<CurationRow> set(Token field, String name, java.util.function.Function<CurationRow, List<String>> get) {
            Token op = op(field, "=", "!=", "~", "in");
            if (op.text.equals("in")) {
                List<String> vs = values(op).stream().map(Token::text).toList();
                return r -> get.apply(r).stream().anyMatch(x -> vs.stream().anyMatch(x::equalsIgnoreCase));
            }
            String v = value(op, false).text.strip();
            String lower = v.toLowerCase(Locale.ROOT);
            return switch (op.text) {
                case "=" -> r -> get.apply(r).stream().anyMatch(v::equalsIgnoreCase);
                case "!=" -> r -> get.apply(r).stream().noneMatch(v::equalsIgnoreCase);
                default -> r -> get.apply(r).stream().anyMatch(x -> x.toLowerCase(Locale.ROOT).contains(lower));
            };
        }

        private Predicate<CurationRow> verdict(Token field) {
            Token op = op(field, "=", "!=", "in");
            List<Token> vs = op.text.equals("in") ? values(op) : List.of(value(op, false));
            List<Verdict> verdicts = new ArrayList<>();
            for (Token v : vs) {
                try {
                    verdicts.add(Verdict.fromId(v.text));
                } catch (IllegalArgumentException e) {
                    throw error(v, "unknown verdict " + v.describe() + " (expected unreviewed, accepted, rejected or flagged)");
                }
            }
            Predicate<CurationRow> any = r -> verdicts.contains(r.review().verdict());
            return op.text.equals("!=") ? any.negate() : any;
        }

        private Predicate<CurationRow> number(Token field, String name, java.util.function.ToDoubleFunction<CurationRow> get) {
            Token op = op(field, "=", "!=", "<", "<=", ">", ">=");
            double v = Double.parseDouble(value(op, true).text);
            return switch (op.text) {
                case "=" -> r -> get.applyAsDouble(r) == v;
                case "!=" -> r -> get.applyAsDouble(r) != v;
                case "<" -> r -> get.applyAsDouble(r) < v;
                case "<=" -> r -> get.applyAsDouble(r) <= v;
                case ">" -> r -> get.applyAsDouble(r) > v;
                default -> r -> get.applyAsDouble(r) >= v;
            };
        }

        private Predicate<CurationRow> outside(Token actions) {
            Token kw = next();
            if (!kw.isWord("outside")) {
                throw error(kw, "expected 'outside' after 'actions' (actions outside worldvla, actions outside [-1, 1]),"
                        + " found " + kw.describe());
            }
            Token b = next();
            double[] min;
            double[] max;
            if (b.isWord("worldvla")) {
                min = WORLDVLA_MIN;
                max = WORLDVLA_MAX;
            } else if (b.kind == Kind.LBRACKET) {
                double lo = Double.parseDouble(value(b, true).text);
                Token comma = next();
                if (comma.kind != Kind.COMMA) {
                    throw error(comma, "expected ',' between the bounds, found " + comma.describe());
                }
                double hi = Double.parseDouble(value(comma, true).text);
                Token close = next();
                if (close.kind != Kind.RBRACKET) {
                    throw error(close, "expected ']' after the bounds, found " + close.describe());
                }
                if (hi < lo) {
                    throw error(b, "the bounds [" + lo + ", " + hi + "] are reversed");
                }
                min = new double[] {lo};
                max = new double[] {hi};
            } else {
                throw error(b, "expected bounds after 'outside': worldvla or [LOW, HIGH], found " + b.describe());
            }
            return r -> {
                double[] lo = r.actionMin();
                double[] hi = r.actionMax();
                for (int d = 0; d < lo.length; d++) {
                    double bmin = min.length == 1 ? min[0] : d < min.length ? min[d] : Double.NEGATIVE_INFINITY;
                    double bmax = max.length == 1 ? max[0] : d < max.length ? max[d] : Double.POSITIVE_INFINITY;
                    if (lo[d] < bmin || hi[d] > bmax) {
                        return true;
                    }
                }
                return false;
            };
        }
    }
}
