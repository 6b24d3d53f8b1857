package io.vlastudio.app.review;

import io.vlastudio.app.library.DemoItem;
import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.dataset.Progress;
import io.vlastudio.store.DemoQuery;
import io.vlastudio.store.DemoRecord;
import io.vlastudio.store.DemoRef;
import io.vlastudio.store.HistoryAction;
import io.vlastudio.store.HistoryEntry;
import io.vlastudio.store.Review;
import io.vlastudio.store.ReviewEdit;
import io.vlastudio.store.Segment;
import io.vlastudio.store.StepExclusion;
import io.vlastudio.store.Verdict;
import io.vlastudio.store.Workspace;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The review of the demo on screen, kept in the workspace: verdict, tags, notes, segments, trim and "drop
 * no-op steps". Every edit is saved at once (one transaction, one history entry) through the {@link TaskRunner};
 * undo and redo go through the workspace history, so they work across restarts. Also keeps every demo's
 * catalog record (verdict, no-op count) for the library's badges.
 */
public final class ReviewViewModel {

    private final TaskRunner runner;
    private final IntSupplier currentStep;
    private final ReadOnlyObjectWrapper<Workspace> workspace = new ReadOnlyObjectWrapper<>();
    private final ObservableMap<String, DemoRecord> records = FXCollections.observableHashMap();
    private final ReadOnlyObjectWrapper<DemoItem> item = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Review> review = new ReadOnlyObjectWrapper<>(Review.EMPTY);
    private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper pendingSegmentStart = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    private Consumer<String> errorHandler = m -> { };

    public ReviewViewModel(TaskRunner runner, IntSupplier currentStep) {
        this.runner = runner;
        this.currentStep = currentStep;
    }

    public void setErrorHandler(Consumer<String> handler) {
        this.errorHandler = handler;
    }

    /** The catalog key of a demo: its absolute file path and group name. */
    public static String key(Path file, String demo) {
        return file.toAbsolutePath().normalize() + "#" + demo;
    }

    static String key(DemoItem item) {
        return key(item.file().path(), item.summary().name());
    }

    static DemoRef ref(DemoItem item) {
        return new DemoRef(item.file().path().toAbsolutePath().normalize().toString(), item.summary().name());
    }

    /** Uses a workspace (opened elsewhere, in the background); null for none. */
    public void setWorkspace(Workspace ws) {
        workspace.set(ws);
        reloadRecords();
        show(item.get());
    }

    /** Indexes paths into the workspace (blocking: call from a background job). Returns nothing when there is none. */
    public void index(List<Path> paths, Progress progress, java.util.function.BooleanSupplier cancelled) throws Exception {
        Workspace ws = workspace.get();
        if (ws != null && !ws.readOnly()) {
            ws.index(paths, progress, cancelled);
        }
    }

    /** Reloads every demo's catalog record (verdicts and no-op counts for the library). */
    public void reloadRecords() {
        Workspace ws = workspace.get();
        if (ws == null) {
            records.clear();
            return;
        }
        runner.run(TaskRunner.Request.interactive("Reading the catalog").latest("review-catalog"), ctx -> ws.demos(DemoQuery.all()), list -> {
            Map<String, DemoRecord> map = new HashMap<>();
            for (DemoRecord r : list) {
                map.put(key(r.file(), r.demo()), r);
            }
            records.clear();
            records.putAll(map);
            revision.set(revision.get() + 1);
        }, this::fail, () -> { });
    }

    /** Shows the review of a demo (null: none). */
    public void show(DemoItem demo) {
        item.set(demo);
        pendingSegmentStart.set(-1);
        Workspace ws = workspace.get();
        if (demo == null || ws == null) {
            review.set(Review.EMPTY);
            history.clear();
            return;
        }
        DemoRef ref = ref(demo);
        runner.interactive("Reading the review of " + demo.summary().name(), ctx -> new Loaded(ws.review(ref), ws.history(ref)), loaded -> {
            if (demo.equals(item.get())) {
                review.set(loaded.review());
                history.setAll(loaded.history());
            }
        }, this::fail);
    }

    private record Loaded(Review review, List<HistoryEntry> history) {
    }

    /** The verdict of a demo as the catalog knows it. */
    public Verdict verdictOf(DemoItem demo) {
        DemoRecord r = records.get(key(demo));
        return r == null ? Verdict.UNREVIEWED : r.verdict();
    }

    /** The no-op count of a demo as the catalog knows it, or -1. */
    public int noOpsOf(DemoItem demo) {
        DemoRecord r = records.get(key(demo));
        return r == null ? -1 : r.noOps();
    }

    // ---- edits -------------------------------------------------------------------------------------------------

    public void setVerdict(Verdict v) {
        edit(ReviewEdit.create().verdict(v), v != Verdict.UNREVIEWED ? onVerdictSaved : () -> { });
    }

    private Runnable onVerdictSaved = () -> { };

    /** Runs after a verdict (other than "unreviewed") is saved: the browser's auto-advance. */
    public void setOnVerdictSaved(Runnable r) {
        this.onVerdictSaved = r;
    }

    public void addTag(String tag) {
        if (tag != null && !tag.isBlank()) {
            edit(ReviewEdit.create().addTag(tag.strip()));
        }
    }

    public void removeTag(String tag) {
        edit(ReviewEdit.create().removeTag(tag));
    }

    public void addNote(String text) {
        if (text != null && !text.isBlank()) {
            edit(ReviewEdit.create().addNote(text.strip()));
        }
    }

    /** I: keep from the current step (to the current out, or the end). */
    public void trimIn() {
        DemoItem d = item.get();
        if (d == null) {
            return;
        }
        int in = currentStep.getAsInt();
        int out = review.get().trim() == null ? d.summary().length() : review.get().trim().out();
        if (out <= in) {
            out = d.summary().length();
        }
        edit(ReviewEdit.create().trim(in, out));
    }

    /** O: keep up to and including the current step (from the current in, or the start). */
    public void trimOut() {
        DemoItem d = item.get();
        if (d == null) {
            return;
        }
        int out = currentStep.getAsInt() + 1;
        int in = review.get().trim() == null ? 0 : review.get().trim().in();
        if (in >= out) {
            in = 0;
        }
        edit(ReviewEdit.create().trim(in, out));
    }

    public void clearTrim() {
        edit(ReviewEdit.create().clearTrim());
    }

    /**
     * S: the first press marks where a segment starts; the second ends it at the current step and returns the
     * range {from, to} (to exclusive) for which a label is needed, or empty on the first press.
     */
    public Optional<int[]> segmentKey() {
        int step = currentStep.getAsInt();
        int start = pendingSegmentStart.get();
        if (start < 0) {
            pendingSegmentStart.set(step);
            message.set("Segment started at step " + step + ": move to its end and press S again (Esc cancels)");
            return Optional.empty();
        }
        pendingSegmentStart.set(-1);
        int from = Math.min(start, step);
        int to = Math.max(start, step) + 1;
        return Optional.of(new int[] {from, to});
    }

    public void cancelSegment() {
        pendingSegmentStart.set(-1);
        message.set("");
    }

    public void addSegment(int from, int to, String label) {
        if (label == null || label.isBlank()) {
            message.set("Segment not added: it needs a label");
            return;
        }
        edit(ReviewEdit.create().addSegment(new Segment(from, to, label, null)));
    }

    public void removeSegment(Segment s) {
        edit(ReviewEdit.create().removeSegment(s));
    }

    public boolean dropsNoOps() {
        return review.get().exclusions().contains(StepExclusion.noOps());
    }

    public void setDropNoOps(boolean drop) {
        if (drop != dropsNoOps()) {
            edit(drop ? ReviewEdit.create().exclude(StepExclusion.noOps()) : ReviewEdit.create().include(StepExclusion.noOps()));
        }
    }

    private void edit(ReviewEdit e) {
        edit(e, () -> { });
    }

    private void edit(ReviewEdit e, Runnable afterSave) {
        DemoItem d = item.get();
        Workspace ws = workspace.get();
        if (d == null) {
            return;
        }
        if (ws == null) {
            errorHandler.accept("No workspace is open, so reviews cannot be saved.");
            return;
        }
        DemoRef ref = ref(d);
        runner.interactive("Saving the review of " + d.summary().name(), ctx -> {
            Review after = ws.edit(ref, e);
            return new Loaded(after, ws.history(ref));
        }, loaded -> {
            echo(e.description() + " · " + d.summary().name() + "   (Ctrl+Z undoes)");
            if (d.equals(item.get())) {
                review.set(loaded.review());
                history.setAll(loaded.history());
            }
            reloadRecords();
            if (d.equals(item.get())) {
                afterSave.run();
            }
        }, this::fail);
    }

    // ---- history -----------------------------------------------------------------------------------------------

    public void undo() {
        move(true);
    }

    public void redo() {
        move(false);
    }

    private void move(boolean undo) {
        Workspace ws = workspace.get();
        if (ws == null) {
            return;
        }
        runner.interactive(undo ? "Undoing" : "Redoing", ctx -> undo ? ws.undo() : ws.redo(), (Optional<HistoryAction> done) -> {
            echo(done.map(a -> (undo ? "Undone: " : "Redone: ") + a.description())
                    .orElse(undo ? "Nothing to undo" : "Nothing to redo"));
            show(item.get());
            reloadRecords();
        }, this::fail);
    }

    private void fail(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        message.set(m);
        errorHandler.accept(m);
    }

    public ReadOnlyObjectProperty<Workspace> workspaceProperty() {
        return workspace.getReadOnlyProperty();
    }

    public ObservableMap<String, DemoRecord> records() {
        return records;
    }

    /** Changes whenever the records were reloaded (the library redraws its badges). */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DemoItem> itemProperty() {
        return item.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Review> reviewProperty() {
        return review.getReadOnlyProperty();
    }

    public ObservableList<HistoryEntry> history() {
        return history;
    }

    public ReadOnlyIntegerProperty pendingSegmentStartProperty() {
        return pendingSegmentStart.getReadOnlyProperty();
    }

    /** One echo of an edit, undo or redo; {@code seq} makes two equal texts two events. */
    public record Feedback(String text, long seq) {
    }

    private final javafx.beans.property.ReadOnlyObjectWrapper<Feedback> feedback = new javafx.beans.property.ReadOnlyObjectWrapper<>();

    private void echo(String text) {
        message.set(text);
        Feedback last = feedback.get();
        feedback.set(new Feedback(text, last == null ? 1 : last.seq() + 1));
    }

    /** Every verdict, tag, trim, segment, note, undo and redo, as it is saved: for a toast and the status bar. */
    public javafx.beans.property.ReadOnlyObjectProperty<Feedback> feedbackProperty() {
        return feedback.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
