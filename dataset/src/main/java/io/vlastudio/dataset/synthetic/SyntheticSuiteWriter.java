package io.vlastudio.dataset.synthetic;

import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.DatasetWriter;
import io.vlastudio.dataset.hdf5.GroupBuilder;
import io.vlastudio.dataset.hdf5.Hdf5Type;
import io.vlastudio.dataset.hdf5.Hdf5Writer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * Writes a synthetic suite in LIBERO's layout, one {@code <task>_demo.hdf5} per task, from a {@link SuiteSpec}.
 * <ul>
 *   <li>original: every attribute LIBERO writes, demos {@code demo_0..demo_N-1} (failed demos included, for
 *       curators to find), a few no-op steps at each demo's start, {@code obs[t]} after {@code actions[t]};</li>
 *   <li>no-noops: no attributes anywhere, failed demos and about one in ten others dropped (their indices stay as
 *       gaps, like failed replays), no leading no-ops, {@code obs[t]} is where {@code actions[t]} is taken.</li>
 * </ul>
 * Each file is written to a temporary name and moved into place, so a cancelled or failed run leaves no
 * partial file under a final name. Episodes are generated and written one at a time: memory stays flat.
 */
public final class SyntheticSuiteWriter {

    private final GeneratorSettings settings;

    /** @param settings how episodes are generated; the observation timing is set per variant */
    public SyntheticSuiteWriter(GeneratorSettings settings) {
        this.settings = settings;
    }

    /** Which demo indices fail (object dropped) in a task: {@code failuresPerTask} of them, chosen from the seed. */
    static TreeSet<Integer> failedDemos(SuiteSpec spec, int taskIndex) {
        SplittableRandom random = new SplittableRandom(spec.seed() * 1_000_003L + taskIndex * 7919L + 17);
        TreeSet<Integer> failed = new TreeSet<>();
        while (failed.size() < Math.min(spec.failuresPerTask(), spec.demosPerTask())) {
            failed.add(random.nextInt(spec.demosPerTask()));
        }
        return failed;
    }

    /** Demo indices a file of this task holds. */
    static List<Integer> keptDemos(SuiteSpec spec, int taskIndex) {
        TreeSet<Integer> failed = failedDemos(spec, taskIndex);
        List<Integer> kept = new ArrayList<>();
        SplittableRandom replay = new SplittableRandom(spec.seed() * 31L + taskIndex);
        for (int d = 0; d < spec.demosPerTask(); d++) {
            boolean replayFailed = replay.nextDouble() < 0.1;
            if (spec.variant() == DatasetVariant.NO_NOOPS && (failed.contains(d) || replayFailed)) {
                continue;
            }
            kept.add(d);
        }
        if (kept.isEmpty()) {
            // a file holds at least one demo: keep the first that did not fail
            kept.add(java.util.stream.IntStream.range(0, spec.demosPerTask()).filter(d -> !failed.contains(d)).findFirst().orElse(0));
        }
        return kept;
    }

    /**
     * Writes the suite into {@code dir} (created if missing) and returns the files written, in task order.
     * Stops between demos when {@code cancelled} says so, leaving no partial file behind.
     */
    public List<Path> write(Path dir, SuiteSpec spec, Progress progress, BooleanSupplier cancelled) throws IOException {
        spec.validate();
        Files.createDirectories(dir);
        List<SyntheticTask> tasks = SyntheticTask.catalogue().subList(0, spec.tasks());
        long total = 0;
        for (int i = 0; i < tasks.size(); i++) {
            total += keptDemos(spec, i).size();
        }
        long[] done = {0};
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < tasks.size() && !cancelled.getAsBoolean(); i++) {
            SyntheticTask task = tasks.get(i);
            Path target = dir.resolve(task.fileName());
            Path temp = dir.resolve("." + task.fileName() + ".partial");
            try {
                boolean complete = writeTask(temp, task, i, spec, progress, cancelled, done, total);
                if (!complete) {
                    Files.deleteIfExists(temp);
                    break;
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written.add(target);
            } catch (IOException e) {
                Files.deleteIfExists(temp);
                throw new IOException("could not write " + target + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
        }
        return written;
    }

    private boolean writeTask(Path file, SyntheticTask task, int taskIndex, SuiteSpec spec, Progress progress,
                              BooleanSupplier cancelled, long[] done, long total) throws IOException {
        boolean original = spec.variant() == DatasetVariant.ORIGINAL;
        TreeSet<Integer> failed = failedDemos(spec, taskIndex);
        List<Integer> demos = keptDemos(spec, taskIndex);
        // the regeneration dropped every no-op step, so no-noops demos have no pauses either
        SyntheticEpisodeGenerator generator = new SyntheticEpisodeGenerator(original
                ? settings.withObservationTiming(ObservationTiming.ORIGINAL_RELEASE)
                : settings.withObservationTiming(ObservationTiming.NO_NOOPS).withMidDemoPauseProbability(0));
        long steps = 0;
        try (Hdf5Writer writer = Hdf5Writer.create(file)) {
            GroupBuilder data = writer.root().group("data");
            for (int demo : demos) {
                if (cancelled.getAsBoolean()) {
                    return false;
                }
                progress.report(done[0], total, task.name() + " demo_" + demo);
                SyntheticEpisode e = generator.generate(task, demo, spec.seed(), spec.imageSize(), failed.contains(demo),
                        original);
                writeDemo(data.group("demo_" + demo), e, original);
                steps += e.length();
                done[0]++;
            }
            if (original) {
                writeFileAttributes(data, task, spec, demos.size(), steps);
            }
        }
        progress.report(done[0], total, "wrote " + task.fileName());
        return true;
    }

    private static void writeDemo(GroupBuilder g, SyntheticEpisode e, boolean original) throws IOException {
        int t = e.length();
        int side = e.imageSize();
        if (original) {
            g.attribute("init_state", e.initState());
            g.attribute("model_file", e.modelFileXml());
            g.attribute("num_samples", (long) t);
        }
        g.dataset("actions", e.actions());
        g.dataset("states", e.states());
        g.dataset("robot_states", e.robotStates());
        g.dataset("rewards", e.rewards(), Hdf5Type.UINT8, t);
        g.dataset("dones", e.dones(), Hdf5Type.UINT8, t);
        GroupBuilder obs = g.group("obs");
        DatasetWriter agent = obs.dataset("agentview_rgb", Hdf5Type.UINT8, t, side, side, 3);
        DatasetWriter wrist = obs.dataset("eye_in_hand_rgb", Hdf5Type.UINT8, t, side, side, 3);
        for (int s = 0; s < t; s++) {
            agent.writeRow(s, e.agentviewFrame(s));
            wrist.writeRow(s, e.eyeInHandFrame(s));
        }
        obs.dataset("ee_pos", e.eePos());
        obs.dataset("ee_ori", e.eeOri());
        obs.dataset("ee_states", e.eeStates());
        obs.dataset("gripper_states", e.gripperStates());
        obs.dataset("joint_states", e.jointStates());
    }

    private static void writeFileAttributes(GroupBuilder data, SyntheticTask task, SuiteSpec spec, int demos, long steps) {
        String envName = "Libero_Tabletop_Manipulation";
        data.attribute("env_name", envName);
        data.attribute("env_args", String.format(Locale.ROOT, "{\"type\": 1, \"env_name\": \"%s\", \"env_version\": \"1.4.1\", "
                + "\"env_kwargs\": {\"robots\": [\"Panda\"], \"controller_configs\": {\"type\": \"OSC_POSE\", "
                + "\"input_max\": 1, \"input_min\": -1, \"output_max\": [0.05, 0.05, 0.05, 0.5, 0.5, 0.5], "
                + "\"output_min\": [-0.05, -0.05, -0.05, -0.5, -0.5, -0.5], \"kp\": 150, \"damping_ratio\": 1}, "
                + "\"bddl_file_name\": \"libero/libero/bddl_files/libero_sample/%s.bddl\", \"has_renderer\": false, "
                + "\"has_offscreen_renderer\": true, \"use_camera_obs\": true, "
                + "\"camera_names\": [\"robot0_eye_in_hand\", \"agentview\"], \"camera_heights\": %d, "
                + "\"camera_widths\": %d, \"control_freq\": 20}, \"synthetic\": {\"generator\": \"vla-studio\", \"seed\": %d}}",
                envName, task.name(), spec.imageSize(), spec.imageSize(), spec.seed()));
        data.attribute("bddl_file_name", "libero/libero/bddl_files/libero_sample/" + task.name() + ".bddl");
        data.attribute("macros_image_convention", "opengl");
        data.attribute("problem_info", "{\"problem_name\": \"libero_tabletop_manipulation\", \"domain_name\": \"robosuite\", "
                + "\"language_instruction\": \"" + task.instruction() + "\"}");
        data.attribute("tag", "libero-v1");
        data.attribute("num_demos", (long) demos);
        data.attribute("total", steps);
    }
}
