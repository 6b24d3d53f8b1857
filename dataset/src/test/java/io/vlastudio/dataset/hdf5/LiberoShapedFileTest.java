package io.vlastudio.dataset.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes a small file with the layout of a LIBERO / robomimic demonstration file and reads it back
 * with jHDF and with h5py.
 */
class LiberoShapedFileTest {

    private static final int[] DEMO_IDS = {0, 2, 10};
    private static final int[] DEMO_LENGTHS = {20, 15, 25};
    private static final int IMAGE_SIZE = 32;
    private static final String PROBLEM_INFO = "{\"problem_name\": \"libero_tabletop_manipulation\", "
            + "\"domain_name\": \"robosuite\", \"language_instruction\": \"put the bowl on the plate\"}";

    @TempDir
    static Path directory;

    private static Path file;
    private static ExpectedContent expected;

    @BeforeAll
    static void writeFile() throws IOException {
        file = directory.resolve("libero_like_demo.hdf5");
        expected = new ExpectedContent();
        Random random = new Random(42);
        try (Hdf5Writer writer = Hdf5Writer.create(file)) {
            GroupBuilder data = writer.root().group("data");
            expected.group("/data");
            stringAttribute(data, "env_args", "{\"type\": 1, \"env_name\": \"Libero_Tabletop_Manipulation\", "
                    + "\"env_kwargs\": {\"robots\": [\"Panda\"], \"camera_heights\": 128, \"control_freq\": 20}}");
            stringAttribute(data, "problem_info", PROBLEM_INFO);
            stringAttribute(data, "bddl_file_name", "libero/bddl_files/libero_spatial/pick_up_the_bowl.bddl");
            stringAttribute(data, "tag", "libero-v1");
            longAttribute(data, "num_demos", DEMO_IDS.length);
            longAttribute(data, "total", sum(DEMO_LENGTHS));

            for (int d = 0; d < DEMO_IDS.length; d++) {
                writeDemo(data, "demo_" + DEMO_IDS[d], DEMO_LENGTHS[d], random);
            }

            GroupBuilder mask = writer.root().group("mask");
            expected.group("/mask");
            fixedStrings(mask, "train", List.of("demo_0", "demo_10"), 7);
            fixedStrings(mask, "valid", List.of("demo_2"), 6);
        }
    }

    private static void writeDemo(GroupBuilder data, String name, int steps, Random random) throws IOException {
        GroupBuilder demo = data.group(name);
        expected.group(demo.path());
        longAttribute(demo, "num_samples", steps);
        double[] initState = random.doubles(45, -1, 1).toArray();
        demo.attribute("init_state", initState);
        expected.attribute(demo.path(), "init_state", initState);
        stringAttribute(demo, "model_file", modelXml(name, 90_000));

        doubles(demo, "actions", matrix(random, steps, 7));
        doubles(demo, "states", matrix(random, steps, 45));
        doubles(demo, "robot_states", matrix(random, steps, 9));
        byte[] rewards = new byte[steps];
        rewards[steps - 1] = 1;
        bytes(demo, "rewards", rewards);
        byte[] dones = new byte[steps];
        dones[steps - 1] = 1;
        bytes(demo, "dones", dones);

        GroupBuilder obs = demo.group("obs");
        expected.group(obs.path());
        frames(obs, "agentview_rgb", steps, 1);
        frames(obs, "eye_in_hand_rgb", steps, 2);
        doubles(obs, "joint_states", matrix(random, steps, 7));
    }

    /** A (T, 32, 32, 3) uint8 dataset written frame by frame. */
    private static void frames(GroupBuilder group, String name, int steps, int seed) throws IOException {
        DatasetWriter dataset = group.dataset(name, Hdf5Type.UINT8, steps, IMAGE_SIZE, IMAGE_SIZE, 3);
        int frameSize = IMAGE_SIZE * IMAGE_SIZE * 3;
        assertThat(dataset.rowByteSize()).isEqualTo(frameSize);
        byte[] all = new byte[steps * frameSize];
        for (int t = steps - 1; t >= 0; t--) { // any order works: positional writes
            byte[] frame = new byte[frameSize];
            for (int i = 0; i < frameSize; i++) {
                frame[i] = (byte) (t * 31 + i * 7 + seed * 13 + (i >> 5));
            }
            dataset.writeRow(t, frame);
            System.arraycopy(frame, 0, all, t * frameSize, frameSize);
        }
        expected.dataset(dataset.path(), "|u1", all, steps, IMAGE_SIZE, IMAGE_SIZE, 3);
    }

    private static void doubles(GroupBuilder group, String name, double[][] rows) throws IOException {
        group.dataset(name, rows);
        expected.dataset(ExpectedContent.join(group.path(), name), "<f8", ExpectedContent.littleEndian(rows),
                rows.length, rows[0].length);
    }

    private static void bytes(GroupBuilder group, String name, byte[] values) throws IOException {
        group.dataset(name, values, Hdf5Type.UINT8, values.length);
        expected.dataset(ExpectedContent.join(group.path(), name), "|u1", values, values.length);
    }

    private static void fixedStrings(GroupBuilder group, String name, List<String> values, int width)
            throws IOException {
        group.fixedStringDataset(name, values);
        byte[] raw = new byte[values.size() * width];
        for (int i = 0; i < values.size(); i++) {
            byte[] value = values.get(i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(value, 0, raw, i * width, value.length);
        }
        expected.dataset(ExpectedContent.join(group.path(), name), "|S" + width, raw, values.size());
    }

    private static void stringAttribute(GroupBuilder group, String name, String value) {
        group.attribute(name, value);
        expected.attribute(group.path(), name, value);
    }

    private static void longAttribute(GroupBuilder group, String name, long value) {
        group.attribute(name, value);
        expected.attribute(group.path(), name, value);
    }

    /** A MuJoCo-like XML string of about {@code size} characters, with some non-ASCII text. */
    private static String modelXml(String demo, int size) {
        StringBuilder xml = new StringBuilder("<mujoco model=\"base\"><!-- ").append(demo)
                .append(" – modèle généré → UTF-8 ✓ --><worldbody>\n");
        for (int i = 0; xml.length() < size; i++) {
            xml.append("  <body name=\"object_").append(i).append("\" pos=\"0.1 ").append(i * 0.01)
                    .append(" 0.9\"><geom type=\"box\" size=\"0.02 0.02 0.02\" rgba=\"1 0 0 1\"/></body>\n");
        }
        return xml.append("</worldbody></mujoco>").toString();
    }

    private static double[][] matrix(Random random, int rows, int columns) {
        double[][] matrix = new double[rows][];
        for (int i = 0; i < rows; i++) {
            matrix[i] = random.doubles(columns, -2, 2).toArray();
        }
        return matrix;
    }

    private static int sum(int[] values) {
        int total = 0;
        for (int value : values) {
            total += value;
        }
        return total;
    }

    @Test
    void jhdfReadsEveryValueBack() throws IOException {
        JhdfVerifier.assertFileMatches(file, expected);
    }

    @Test
    void jhdfReadsTwoDimensionalArraysAndLargeStrings() {
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset actions = hdf.getDatasetByPath("data/demo_10/actions");
            assertThat(actions.getData()).isInstanceOf(double[][].class);
            assertThat(((double[][]) actions.getData())[24]).hasSize(7);
            String modelFile = (String) hdf.getByPath("data/demo_2").getAttribute("model_file").getData();
            assertThat(modelFile).hasSizeGreaterThan(90_000).startsWith("<mujoco").endsWith("</mujoco>")
                    .contains("modèle généré → UTF-8 ✓");
            assertThat(hdf.getDatasetByPath("mask/train").getData()).isEqualTo(new String[] {"demo_0", "demo_10"});
        }
    }

    @Test
    void h5pyReadsEveryValueBack() throws IOException, InterruptedException {
        H5pyCrossCheck.assumeH5pyAvailable();
        JsonNode dump = H5pyCrossCheck.dump(file, directory);
        H5pyCrossCheck.assertDumpMatches(dump, expected);

        JsonNode objects = dump.get("objects");
        assertThat(objects.at("/~1data~1demo_0~1obs~1agentview_rgb/dtype_name").asText()).isEqualTo("uint8");
        assertThat(objects.at("/~1data~1demo_0~1actions/dtype_name").asText()).isEqualTo("float64");
        assertThat(objects.at("/~1data/attrs/problem_info/pytype").asText()).isEqualTo("str");
        assertThat(objects.at("/~1data/attrs/problem_info/value").asText()).isEqualTo(PROBLEM_INFO);
        assertThat(objects.at("/~1data/attrs/num_demos/pytype").asText()).isEqualTo("int64");
        assertThat(objects.at("/~1data/attrs/num_demos/value").asLong()).isEqualTo(3);
        assertThat(objects.at("/~1mask~1valid/dtype").asText()).isEqualTo("|S6");
    }
}
