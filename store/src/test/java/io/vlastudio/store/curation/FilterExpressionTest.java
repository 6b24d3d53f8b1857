package io.vlastudio.store.curation;

import io.vlastudio.store.DemoRecord;
import io.vlastudio.store.Review;
import io.vlastudio.store.Segment;
import io.vlastudio.store.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterExpressionTest {

    static CurationRow row(long id, String suite, String task, int length, int noOps, Verdict verdict, List<String> tags,
                           List<String> segments, double maxAction, int gripper) {
        DemoRecord d = new DemoRecord(id, Path.of("/data/" + suite + "/" + task + "_demo.hdf5"), "demo_" + id, (int) id, length,
                suite, task, task.replace('_', ' '), noOps, verdict, tags, true, null);
        Review r = new Review(verdict, tags, List.of(), segments.stream().map(l -> new Segment(0, 5, l, null)).toList(), null,
                List.of(), null, null, null);
        double[] min = new double[7];
        double[] max = new double[7];
        java.util.Arrays.fill(min, -0.3);
        java.util.Arrays.fill(max, 0.3);
        max[0] = maxAction;
        return new CurationRow(d, r, new int[0], min, max, gripper, "fp", 1000, 100, (int) id);
    }

    private final List<CurationRow> rows = List.of(
            row(0, "libero_goal", "open_the_drawer", 120, 0, Verdict.ACCEPTED, List.of("bad grasp"), List.of("reach"), 0.5, 2),
            row(1, "libero_goal", "open_the_drawer", 40, 3, Verdict.REJECTED, List.of("bad grasp"), List.of(), 0.5, 0),
            row(2, "libero_goal", "close_the_drawer", 80, 0, Verdict.UNREVIEWED, List.of(), List.of("grasp", "place"), 1.2, 4),
            row(3, "libero_10", "KITCHEN_SCENE3_turn_on_the_stove", 300, 10, Verdict.FLAGGED, List.of("dark"), List.of(), 0.9, 1));

    private List<Long> select(String expression) {
        return FilterExpression.parse(expression).select(rows).stream().map(CurationRow::id).toList();
    }

    @Test
    void evaluatesTheIssuesExample() {
        assertThat(select("verdict != rejected and length >= 50 and tag = \"bad grasp\"")).containsExactly(0L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "suite = libero_goal | 0,1,2",
            "task in (close_the_drawer, KITCHEN_SCENE3_turn_on_the_stove) | 2,3",
            "language ~ DRAWER | 0,1,2",
            "verdict in (accepted, flagged) | 0,3",
            "verdict = unreviewed | 2",
            "tag != \"bad grasp\" | 2,3",
            "segment = place | 2",
            "label ~ rea | 0",
            "length > 80 and length <= 300 | 0,3",
            "noops >= 3 | 1,3",
            "noops = 0 | 0,2",
            "actions outside worldvla | 2",
            "actions outside [-0.6, 0.6] | 2,3",
            "not actions outside [-2, 2] | 0,1,2,3",
            "gripper_events > 1 | 0,2",
            "(suite = libero_10 or tag = dark) and not verdict = rejected | 3",
            "suite = libero_goal and not (verdict = rejected or length < 100) | 0",
            "'' | 0,1,2,3"})
    void filtersOnEveryField(String expression, String expected) {
        String e = expression.equals("''") ? "" : expression;
        assertThat(select(e)).containsExactlyElementsOf(java.util.Arrays.stream(expected.split(",")).map(Long::valueOf).toList());
    }

    @Test
    void parseErrorsPointAtTheColumn() {
        assertThatThrownBy(() -> FilterExpression.parse("verdict != rejected and length >= long"))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessageStartingWith("column 35: expected a number after '>=', found 'long'")
                .hasMessageEndingWith("\n  verdict != rejected and length >= long\n  " + " ".repeat(34) + "^")
                .satisfies(e -> assertThat(((FilterSyntaxException) e).column()).isEqualTo(35));
        assertThatThrownBy(() -> FilterExpression.parse("lenght > 3"))
                .hasMessageStartingWith("column 1: unknown field 'lenght'");
        assertThatThrownBy(() -> FilterExpression.parse("verdict = maybe"))
                .hasMessageStartingWith("column 11: unknown verdict 'maybe'");
        assertThatThrownBy(() -> FilterExpression.parse("tag = \"bad grasp"))
                .hasMessageStartingWith("column 7: this string has no closing '\"'");
        assertThatThrownBy(() -> FilterExpression.parse("(suite = a or task = b"))
                .hasMessageStartingWith("column 23: expected ')' to close the '(' at column 1");
        assertThatThrownBy(() -> FilterExpression.parse("length >= 5 length"))
                .hasMessageStartingWith("column 13: expected 'and', 'or' or the end");
        assertThatThrownBy(() -> FilterExpression.parse("length ~ 5"))
                .hasMessageStartingWith("column 8: 'length' cannot be compared with '~'");
    }
}
