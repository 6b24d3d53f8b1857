package io.vlastudio.app.overlay;

import io.vlastudio.app.library.DemoItem;
import io.vlastudio.app.tasks.RunningJob;
import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoSummary;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Cross-episode overlay: one signal dimension of every valid demo of a task drawn together, aligned by time
 * (step) or by progress (0..1 of each demo). Choosing a point on a curve opens that demo at that step.
 */
public final class OverlayViewModel {

    /** How curves of different lengths share the horizontal axis. */
    public enum Alignment { TIME, PROGRESS }

    /** A signal dimension users can overlay. */
    public record Choice(String label, String key, int dimension) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** One demo's curve. */
    public record Curve(DemoItem item, double[] values) {
    }

    /** The overlay's content for one task. */
    public record Overlay(DemoFile file, Choice choice, List<Curve> curves) {
    }

    public static final List<Choice> CHOICES = List.of(
            new Choice("action dx", "actions", 0), new Choice("action dy", "actions", 1),
            new Choice("action dz", "actions", 2), new Choice("action drx", "actions", 3),
            new Choice("action dry", "actions", 4), new Choice("action drz", "actions", 5),
            new Choice("action gripper", "actions", 6), new Choice("gripper finger (left)", "obs/gripper_states", 0),
            new Choice("end-effector x", "obs/ee_pos", 0), new Choice("end-effector y", "obs/ee_pos", 1),
            new Choice("end-effector z", "obs/ee_pos", 2), new Choice("joint q1", "obs/joint_states", 0));

    private final TaskRunner runner;
    private final ObjectProperty<Choice> choice = new SimpleObjectProperty<>(CHOICES.get(10));
    private final ObjectProperty<Alignment> alignment = new SimpleObjectProperty<>(Alignment.PROGRESS);
    private final ReadOnlyObjectWrapper<Overlay> overlay = new ReadOnlyObjectWrapper<>();
    private BiConsumer<DemoItem, Integer> onOpen = (item, step) -> { };
    private DemoFile file;
    private DemoFile loaded;
    private boolean active;
    private RunningJob job;

    public OverlayViewModel(TaskRunner runner) {
        this.runner = runner;
        choice.addListener((obs, o, n) -> reload());
    }

    /** What happens when a curve is chosen: open the demo at the step. */
    public void setOnOpen(BiConsumer<DemoItem, Integer> onOpen) {
        this.onOpen = onOpen;
    }

    /** Shows the overlay for a task (file); reads in the background, only while the overlay is on screen. */
    public void setFile(DemoFile f) {
        file = f;
        if (active && f != loaded) {
            reload();
        }
    }

    /** Whether the overlay is on screen; nothing is read while it is not. */
    public void setActive(boolean on) {
        active = on;
        if (on && file != loaded) {
            reload();
        }
    }

    private void reload() {
        loaded = file;
        if (job != null && !job.isDone()) {
            job.cancel();
        }
        DemoFile f = file;
        Choice c = choice.get();
        if (f == null || c == null) {
            overlay.set(null);
            return;
        }
        job = runner.run("Reading " + c.label() + " of every demo", ctx -> {
            List<Curve> curves = new ArrayList<>();
            List<DemoSummary> demos = f.demos().stream().filter(DemoSummary::valid).toList();
            int done = 0;
            for (DemoSummary s : demos) {
                if (ctx.isCancelled()) {
                    break;
                }
                ctx.report(done++, demos.size(), s.name());
                Demo d = f.openDemo(s.name());
                if (!d.lowDimKeys().contains(c.key())) {
                    continue;
                }
                double[][] v = d.lowDim(c.key());
                double[] column = new double[v.length];
                for (int t = 0; t < v.length; t++) {
                    column[t] = c.dimension() < v[t].length ? v[t][c.dimension()] : Double.NaN;
                }
                curves.add(new Curve(new DemoItem(f, s), column));
            }
            return new Overlay(f, c, List.copyOf(curves));
        }, result -> {
            if (result.file() == file && result.choice() == choice.get()) {
                overlay.set(result);
            }
        }, e -> overlay.set(null));
    }

    /**
     * The curve nearest to a point and the step there: {@code x} is a step (time alignment) or a fraction of
     * the demo (progress alignment); {@code y} a value. Returns null when no curve is there.
     */
    public Hit nearest(double x, double y, double yTolerance) {
        Overlay o = overlay.get();
        if (o == null) {
            return null;
        }
        Hit best = null;
        for (Curve c : o.curves()) {
            int n = c.values().length;
            if (n == 0) {
                continue;
            }
            int step = alignment.get() == Alignment.TIME ? (int) Math.round(x) : (int) Math.round(x * (n - 1));
            if (step < 0 || step >= n || !Double.isFinite(c.values()[step])) {
                continue;
            }
            double dist = Math.abs(c.values()[step] - y);
            if (dist <= yTolerance && (best == null || dist < best.distance())) {
                best = new Hit(c.item(), step, dist);
            }
        }
        return best;
    }

    /** A chosen point of a curve. */
    public record Hit(DemoItem item, int step, double distance) {
    }

    /** Opens the demo of a hit at its step. */
    public void open(Hit hit) {
        if (hit != null) {
            onOpen.accept(hit.item(), hit.step());
        }
    }

    public ObjectProperty<Choice> choiceProperty() {
        return choice;
    }

    public ObjectProperty<Alignment> alignmentProperty() {
        return alignment;
    }

    public ReadOnlyObjectProperty<Overlay> overlayProperty() {
        return overlay.getReadOnlyProperty();
    }
}
