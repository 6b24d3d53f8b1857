package io.vlastudio.store.bench;

import io.vlastudio.dataset.hdf5.GroupBuilder;
import io.vlastudio.dataset.hdf5.Hdf5Type;
import io.vlastudio.dataset.hdf5.Hdf5Writer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a tree shaped like the whole LIBERO release: five suites, 130 task files of 50 demos each, every dataset
 * of the real files with its real shape and dtype (128x128 cameras, {@code states} of 45-123 columns, ...) and the
 * real attributes (a 64 KB {@code model_file} per demo included).
 *
 * <p>Only what an index reads is written: actions, rewards, dones and attributes. Camera frames, states and
 * the other observations are reserved by {@link Hdf5Writer} but never written, so they read as zeros and, on a
 * file system with sparse files, cost no disk: the 130 files are about 110 GB long but use well under 1 GB.
 */
public final class LiberoScaleTree {

    /** Suite, number of tasks, mean and spread of demo length (LIBERO's published figures). */
    record Suite(String name, int tasks, int meanLength, int lengthSpread) {
    }

    static final List<Suite> SUITES = List.of(
            new Suite("libero_spatial", 10, 125, 30),
            new Suite("libero_object", 10, 150, 30),
            new Suite("libero_goal", 10, 125, 35),
            new Suite("libero_10", 10, 275, 80),
            new Suite("libero_90", 90, 160, 45));

    public static final int DEMOS_PER_FILE = 50;
    public static final int IMAGE_SIZE = 128;
    private static final String MODEL_FILE = modelFile(64 * 1024);

    private final long seed;

    public LiberoScaleTree(long seed) {
        this.seed = seed;
    }

    /** Writes every file under {@code root} and returns them in order. */
    public List<Path> write(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        int fileIndex = 0;
        for (Suite suite : SUITES) {
            Path dir = Files.createDirectories(root.resolve(suite.name()));
            for (int task = 0; task < suite.tasks(); task++) {
                String taskName = (suite.name().equals("libero_10") || suite.name().equals("libero_90")
                        ? "KITCHEN_SCENE" + (task % 10 + 1) + "_" : "") + "pick_up_object_" + task + "_and_place_it_" + suite.name();
                Path file = dir.resolve(taskName + "_demo.hdf5");
                writeFile(file, suite, taskName, new SplittableRandom(seed * 7919 + fileIndex++));
                files.add(file);
            }
        }
        return files;
    }

    /** Writes one task file. */
    static void writeFile(Path file, Suite suite, String taskName, SplittableRandom random) throws IOException {
        int stateDim = 45 + random.nextInt(123 - 45 + 1);
        long total = 0;
        try (Hdf5Writer writer = Hdf5Writer.create(file)) {
            GroupBuilder data = writer.root().group("data");
            for (int d = 0; d < DEMOS_PER_FILE; d++) {
                int t = (int) Math.max(60, Math.min(520, Math.round(suite.meanLength() + random.nextGaussian() * suite.lengthSpread())));
                total += t;
                GroupBuilder demo = data.group("demo_" + d);
                double[] init = new double[stateDim];
                for (int i = 0; i < stateDim; i++) {
                    init[i] = random.nextDouble(-1, 1);
                }
                demo.attribute("init_state", init);
                demo.attribute("model_file", MODEL_FILE);
                demo.attribute("num_samples", (long) t);
                demo.dataset("actions", actions(t, random));
                demo.dataset("states", Hdf5Type.FLOAT64, t, stateDim);
                demo.dataset("robot_states", Hdf5Type.FLOAT64, t, 9);
                byte[] last = new byte[t];
                last[t - 1] = 1;
                demo.dataset("rewards", last, Hdf5Type.UINT8, t);
                demo.dataset("dones", last, Hdf5Type.UINT8, t);
                GroupBuilder obs = demo.group("obs");
                obs.dataset("agentview_rgb", Hdf5Type.UINT8, t, IMAGE_SIZE, IMAGE_SIZE, 3);
                obs.dataset("eye_in_hand_rgb", Hdf5Type.UINT8, t, IMAGE_SIZE, IMAGE_SIZE, 3);
                obs.dataset("ee_pos", Hdf5Type.FLOAT64, t, 3);
                obs.dataset("ee_ori", Hdf5Type.FLOAT64, t, 3);
                obs.dataset("ee_states", Hdf5Type.FLOAT64, t, 6);
                obs.dataset("gripper_states", Hdf5Type.FLOAT64, t, 2);
                obs.dataset("joint_states", Hdf5Type.FLOAT64, t, 7);
            }
            String language = taskName.replaceFirst("^.*?SCENE\\d+_", "").replace('_', ' ');
            data.attribute("bddl_file_name", "libero/libero/bddl_files/" + suite.name() + "/" + taskName + ".bddl");
            data.attribute("env_name", "Libero_Kitchen_Tabletop_Manipulation");
            data.attribute("env_args", "{\"type\": 1, \"env_name\": \"Libero_Kitchen_Tabletop_Manipulation\", "
                    + "\"env_kwargs\": {\"controller_configs\": {\"type\": \"OSC_POSE\"}, \"camera_heights\": 128, "
                    + "\"camera_widths\": 128, \"control_freq\": 20}}");
            data.attribute("macros_image_convention", "opengl");
            data.attribute("problem_info", "{\"problem_name\": \"libero_kitchen_tabletop_manipulation\", "
                    + "\"domain_name\": \"robosuite\", \"language_instruction\": \"" + language + "\"}");
            data.attribute("tag", "libero-v1");
            data.attribute("num_demos", (long) DEMOS_PER_FILE);
            data.attribute("total", total);
        }
    }

    /** Smooth actions within LIBERO's ranges, gripper exactly +-1, a few leading no-ops. */
    static double[][] actions(int t, SplittableRandom random) {
        double[][] a = new double[t][7];
        int noOps = random.nextInt(6);
        double[] v = new double[6];
        double gripper = -1;
        for (int s = 0; s < t; s++) {
            if (s < noOps) {
                a[s][6] = -1;
                continue;
            }
            for (int d = 0; d < 6; d++) {
                double limit = d < 3 ? 0.9375 : 0.375;
                v[d] = Math.max(-limit, Math.min(limit, 0.9 * v[d] + random.nextGaussian() * 0.1 * limit));
                a[s][d] = v[d];
            }
            if (random.nextInt(60) == 0) {
                gripper = -gripper;
            }
            a[s][6] = gripper;
        }
        return a;
    }

    private static String modelFile(int bytes) {
        StringBuilder xml = new StringBuilder("<mujoco model=\"base\">\n  <worldbody>\n");
        for (int i = 0; xml.length() < bytes - 40; i++) {
            xml.append(String.format(Locale.ROOT, "    <body name=\"b%d\" pos=\"0 0 %d\"><geom type=\"box\"/></body>%n", i, i));
        }
        return xml.append("  </worldbody>\n</mujoco>\n").toString();
    }
}
