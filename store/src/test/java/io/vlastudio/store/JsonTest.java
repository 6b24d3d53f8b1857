package io.vlastudio.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void writesAndReadsBackEveryKindOfValue() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 ünï");
        m.put("long", 1234567890123L);
        m.put("double", -0.25);
        m.put("list", Arrays.asList(1L, "two", null, true, List.of()));
        m.put("nested", Map.of("k", List.of(Map.of())));
        for (String json : List.of(Json.write(m), Json.writePretty(m))) {
            assertThat(Json.parse(json)).isEqualTo(m);
        }
    }

    @Test
    void namesWhereMalformedInputGoesWrong() {
        assertThatThrownBy(() -> Json.parse("{\"a\": [1, 2}")).hasMessage("expected ',' or ']' at character 11");
        assertThatThrownBy(() -> Json.parse("{\"a\": 1} x")).hasMessageContaining("after the value");
        assertThatThrownBy(() -> Json.parse("\"open")).hasMessageContaining("unexpected end of input");
        assertThatThrownBy(() -> Json.parse("[".repeat(100))).hasMessageContaining("nesting deeper than 64");
    }

    @Test
    void reviewsSurviveTheRoundTripExactly() {
        Review r = new Review(Verdict.FLAGGED, List.of("b", "a"), List.of(new Note("n\"1", "ana", Instant.parse("2026-01-02T03:04:05.678Z"))),
                List.of(new Segment(3, 9, "grasp", "x"), new Segment(0, 3, "reach", null)), new Trim(1, 9),
                List.of(StepExclusion.steps(4, 5), StepExclusion.noOps()), "ana", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-02T03:04:05.678Z"));
        assertThat(ReviewJson.read(ReviewJson.write(r))).isEqualTo(r);
        assertThat(ReviewJson.read(ReviewJson.write(Review.EMPTY))).isEqualTo(Review.EMPTY);
    }
}
