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
        assertThatThrownBy(() -> Json.parse("{\"a\": [1, 2}")).isInstanceOf(Json.ParseException.class)
                .hasMessageStartingWith("invalid JSON: ").hasMessageContaining("line 1, column 12");
        assertThatThrownBy(() -> Json.parse("{\"a\": 1} x")).hasMessageContaining("Unrecognized token 'x'").hasMessageContaining("line 1, column 11");
        assertThatThrownBy(() -> Json.parse("\"open")).hasMessageContaining("end-of-input");
        assertThatThrownBy(() -> Json.parse("")).hasMessageContaining("no value");
        assertThatThrownBy(() -> Json.parse("[".repeat(100))).hasMessageContaining("nesting deeper than 64");
    }

    @Test
    void rejectsWhatIsNotJson() {
        // each of these was accepted by the hand-written parser the store used before Jackson
        for (String invalid : List.of("[01]", "[1.]", "[-]", "\u000b{}", "{\"a\": 1, \"a\": 2}", "[1e999]",
                "[12345678901234567890]", "{\"a\": NaN}", "[Infinity]", "[1,]", "{'a': 1}", "[1] // comment")) {
            assertThatThrownBy(() -> Json.parse(invalid)).as(invalid).isInstanceOf(Json.ParseException.class)
                    .hasMessageStartingWith("invalid JSON");
        }
    }

    @Test
    void refusesToWriteNonFiniteNumbersNamingWhere() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("actions", List.of(Map.of("min", 0.5), Map.of("min", Double.NaN)));
        assertThatThrownBy(() -> Json.write(m)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write NaN at $.actions[1].min as JSON: JSON has no NaN or infinite numbers");
        assertThatThrownBy(() -> Json.writePretty(List.of(Double.NEGATIVE_INFINITY)))
                .hasMessageContaining("-Infinity at $[0]");
    }

    @Test
    void writesTheLayoutTheStudioHasAlwaysWritten() {
        // the bytes of files already in users' hands (manifests, review exports): Jackson must reproduce them exactly
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "vla-studio-manifest");
        m.put("version", 1L);
        m.put("empty_map", Map.of());
        m.put("empty_list", List.of());
        m.put("range", List.of(3L, 17L));
        m.put("weights", List.of(0.5, 1.0E-5, -2.0));
        m.put("demos", List.of(Map.of("name", "demo_1"), List.of("a", "b")));
        m.put("text", "tab\t quote\" slash\\ ünï");
        assertThat(Json.writePretty(m)).isEqualTo("""
                {
                  "format": "vla-studio-manifest",
                  "version": 1,
                  "empty_map": {},
                  "empty_list": [],
                  "range": [3, 17],
                  "weights": [0.5, 1.0E-5, -2.0],
                  "demos": [
                    {
                      "name": "demo_1"
                    },
                    ["a", "b"]
                  ],
                  "text": "tab\\t quote\\" slash\\\\ ünï"
                }
                """);
        assertThat(Json.write(m)).isEqualTo("{\"format\":\"vla-studio-manifest\",\"version\":1,\"empty_map\":{},"
                + "\"empty_list\":[],\"range\":[3,17],\"weights\":[0.5,1.0E-5,-2.0],\"demos\":[{\"name\":\"demo_1\"},"
                + "[\"a\",\"b\"]],\"text\":\"tab\\t quote\\\" slash\\\\ ünï\"}");
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
