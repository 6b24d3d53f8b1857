package io.vlastudio.training.export;

import io.vlastudio.dataset.testing.PythonFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PythonJson} and {@link Npy} against Python's own {@code json.dump} and {@code np.save}. */
class PythonJsonTest {

    @TempDir
    Path dir;

    @Test
    void writesWhatJsonDumpWritesForEveryIndentAndAwkwardStrings() throws Exception {
        String awkward = "quote \" backslash \\ tab \t newline \n cr \r bell \u0007 del \u007f é ü 中 emoji \uD83D\uDE00 /";
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("conversations", List.of(Map.of("from", "human"), Map.of("value", awkward)));
        rec.put("image", List.of("a.png", "b.png"));
        rec.put("action", List.of());
        rec.put("empty", Map.of());
        Path input = dir.resolve("in.json");
        // hand the same value to Python through a plain (non-ASCII) JSON file Python parses
        Files.writeString(input, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(List.of(rec, rec)),
                StandardCharsets.UTF_8);
        for (int indent : new int[] {2, 4}) {
            StringWriter ours = new StringWriter();
            PythonJson.ListWriter list = new PythonJson(ours, indent).list();
            list.item(rec);
            list.item(rec);
            list.endList();
            Path out = dir.resolve("py" + indent + ".json");
            PythonFixtures.run(List.of(PythonFixtures.PYTHON.toString(), "-c",
                    "import json,sys; d=json.load(open(sys.argv[1],encoding='utf-8')); json.dump(d, open(sys.argv[2],'w'), indent="
                            + indent + ")", input.toString(), out.toString()));
            assertThat(ours.toString()).isEqualTo(Files.readString(out, StandardCharsets.UTF_8));
        }
        StringWriter empty = new StringWriter();
        new PythonJson(empty, 2).list().endList();
        assertThat(empty.toString()).isEqualTo("[]");
    }

    @Test
    void npyIsByteForByteWhatNpSaveWrites() throws Exception {
        double[] a = {0.1, -0.9375, 1e-300, -0.0, Double.MIN_VALUE, 12345.678, 1};
        Path out = dir.resolve("a.npy");
        PythonFixtures.run(List.of(PythonFixtures.PYTHON.toString(), "-c",
                "import numpy as np,sys; np.save(sys.argv[1], np.array([0.1, -0.9375, 1e-300, -0.0, 5e-324, 12345.678, 1.0]))",
                out.toString()));
        assertThat(Npy.float64(a)).isEqualTo(Files.readAllBytes(out));
    }
}
