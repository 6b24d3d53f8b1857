package io.vlastudio.dataset.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vlastudio.dataset.testing.DebianPython;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code /usr/bin/python3} with h5py over a file (script {@code h5py_dump.py}) and
 * compares its JSON view with what the test wrote. Set the system property
 * {@code vlastudio.h5py.python} to cross-check with another interpreter (e.g. a venv with a newer h5py).
 */
final class H5pyCrossCheck {

    static final Path PYTHON = Path.of(System.getProperty("vlastudio.h5py.python", "/usr/bin/python3"));

    private H5pyCrossCheck() {
    }

    /**
     * Fails the calling test, naming the Debian package to install, unless the interpreter can import h5py and numpy
     * (CI installs them; a skip there would hide a lost cross-check).
     */
    static void assumeH5pyAvailable() {
        if (PYTHON.equals(DebianPython.PYTHON)) {
            DebianPython.require("h5py", "numpy");
            return;
        }
        boolean available;
        try {
            Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import h5py, numpy")
                    .redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            available = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            available = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            available = false;
        }
        assertThat(available).as("%s (from -Dvlastudio.h5py.python) cannot import h5py and numpy", PYTHON).isTrue();
    }

    /** The h5py dump of {@code file} as JSON. */
    static JsonNode dump(Path file, Path workDir) throws IOException, InterruptedException {
        Path script = workDir.resolve("h5py_dump.py");
        try (InputStream resource = H5pyCrossCheck.class.getResourceAsStream("h5py_dump.py")) {
            assertThat(resource).as("test resource h5py_dump.py").isNotNull();
            Files.write(script, resource.readAllBytes());
        }
        Path stdout = workDir.resolve("h5py_dump.json");
        Path stderr = workDir.resolve("h5py_dump.err");
        Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), file.toString())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished && process.exitValue() == 0)
                .as("h5py failed to read %s:%n%s", file, Files.readString(stderr, StandardCharsets.UTF_8))
                .isTrue();
        return JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build()
                .readTree(stdout.toFile());
    }

    /** Compares shapes, dtypes, data digests, attribute values and group members. */
    static void assertDumpMatches(JsonNode dump, ExpectedContent expected) {
        JsonNode objects = dump.get("objects");
        for (Map.Entry<String, List<String>> group : expected.groups().entrySet()) {
            JsonNode node = objects.get(group.getKey());
            assertThat(node).as("h5py object %s", group.getKey()).isNotNull();
            assertThat(node.get("kind").asText()).isEqualTo("group");
            List<String> members = new ArrayList<>();
            node.get("members").forEach(member -> members.add(member.asText()));
            // h5py lists members by name, not by creation order
            assertThat(members).as("members of %s", group.getKey())
                    .containsExactlyInAnyOrderElementsOf(group.getValue());
        }
        for (ExpectedContent.Dataset dataset : expected.datasets().values()) {
            JsonNode node = objects.get(dataset.path());
            assertThat(node).as("h5py dataset %s", dataset.path()).isNotNull();
            assertThat(node.get("kind").asText()).isEqualTo("dataset");
            List<Long> shape = new ArrayList<>();
            node.get("shape").forEach(dimension -> shape.add(dimension.asLong()));
            assertThat(shape).as("shape of %s", dataset.path())
                    .containsExactly(java.util.Arrays.stream(dataset.shape()).boxed().toArray(Long[]::new));
            assertThat(node.get("dtype").asText()).as("dtype of %s", dataset.path()).isEqualTo(dataset.dtype());
            assertThat(node.get("layout").asInt()).as("layout of %s", dataset.path())
                    .isEqualTo(dump.get("contiguous_layout").asInt());
            assertThat(node.get("compression").isNull()).as("uncompressed %s", dataset.path()).isTrue();
            assertThat(node.get("sha256").asText()).as("SHA-256 of %s", dataset.path())
                    .isEqualTo(sha256(dataset.bytes()));
        }
        for (Map.Entry<String, Map<String, Object>> attributes : expected.attributes().entrySet()) {
            JsonNode actual = objects.get(attributes.getKey()).get("attrs");
            List<String> names = new ArrayList<>();
            actual.fieldNames().forEachRemaining(names::add);
            assertThat(names).as("attributes of %s", attributes.getKey())
                    .containsExactlyInAnyOrderElementsOf(attributes.getValue().keySet());
            attributes.getValue().forEach((name, value) ->
                    assertAttributeMatches(actual.get(name), attributes.getKey() + "@" + name, value));
        }
    }

    private static void assertAttributeMatches(JsonNode actual, String description, Object expected) {
        JsonNode value = actual.get("value");
        String pytype = actual.get("pytype").asText();
        if (expected instanceof String string) {
            assertThat(pytype).as("Python type of %s", description).isEqualTo("str");
            assertThat(value.asText()).as(description).isEqualTo(string);
        } else if (expected instanceof Long number) {
            assertThat(pytype).as("Python type of %s", description).isEqualTo("int64");
            assertThat(value.asLong()).as(description).isEqualTo(number);
        } else if (expected instanceof Double number) {
            assertThat(pytype).as("Python type of %s", description).isEqualTo("float64");
            assertThat(value.asDouble()).as(description).isEqualTo(number);
        } else if (expected instanceof double[] numbers) {
            assertThat(actual.get("dtype").asText()).as("dtype of %s", description).isEqualTo("float64");
            List<Double> values = new ArrayList<>();
            value.forEach(element -> values.add(element.asDouble()));
            assertThat(values).as(description)
                    .containsExactly(java.util.Arrays.stream(numbers).boxed().toArray(Double[]::new));
        } else if (expected instanceof long[] numbers) {
            assertThat(actual.get("dtype").asText()).as("dtype of %s", description).isEqualTo("int64");
            List<Long> values = new ArrayList<>();
            value.forEach(element -> values.add(element.asLong()));
            assertThat(values).as(description)
                    .containsExactly(java.util.Arrays.stream(numbers).boxed().toArray(Long[]::new));
        } else {
            throw new IllegalArgumentException("unsupported expected attribute " + expected);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
