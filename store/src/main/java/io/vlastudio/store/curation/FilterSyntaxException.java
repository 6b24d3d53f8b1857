package io.vlastudio.store.curation;

/**
 * A filter expression that does not parse. The message names the column (1-based) and shows the expression with a
 * caret under the problem:
 * <pre>
 * column 17: expected a number after '&gt;=', found 'long'
 *   verdict != rejected and length &gt;= long
 *                                     ^
 * </pre>
 */
public final class FilterSyntaxException extends IllegalArgumentException {

    private final int column;
    private final String problem;

    FilterSyntaxException(String expression, int offset, String problem) {
        super("column " + (offset + 1) + ": " + problem + "\n  " + expression + "\n  " + " ".repeat(Math.max(0, offset)) + "^");
        this.column = offset + 1;
        this.problem = problem;
    }

    /** 1-based column of the problem. */
    public int column() {
        return column;
    }

    /** The problem without the column and the caret lines. */
    public String problem() {
        return problem;
    }
}
