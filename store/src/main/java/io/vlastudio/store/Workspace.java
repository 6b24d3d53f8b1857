package io.vlastudio.store;

import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.stats.DimensionStatistics;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A curator's workspace: a catalog of demonstration files and their demos, the reviews of those demos, and the
 * history of every change to them. Source files are only ever read.
 *
 * <p>Every change is one transaction that also appends to the history, so an edit is either saved whole or not at
 * all, survives a crash once the call returns, and can be undone and redone, also after a restart. Several
 * processes may open one workspace; changes are serialized (one writer at a time) and a change that cannot get its
 * turn within the busy timeout fails with {@link WorkspaceException.Busy}, leaving the workspace unchanged.
 *
 * <p>Calls block; run them away from a UI thread. One instance may be shared by threads (calls are serialized).
 */
public interface Workspace extends AutoCloseable {

    /** The workspace folder (holding {@code workspace.db}). */
    Path directory();

    /** A random identifier given to the workspace when it was created (recorded in exported reviews). */
    String id();

    /** Whether changes are refused (opened read-only, or the folder is not writable). */
    boolean readOnly();

    // ---- catalog ---------------------------------------------------------------------------------------------

    /**
     * Brings the catalog up to date with the demonstration files under {@code paths}: new files are read, unchanged
     * ones skipped, changed ones read again, catalogued files no longer found are marked missing, and a file found at
     * a new path with the content of a missing one is re-linked (its demos keep their identity and reviews). A file
     * that cannot be read is recorded with its error; the others are still indexed. Each file is committed on its
     * own, so a cancelled or interrupted run leaves every file either fully indexed or as it was.
     *
     * @param progress  files done out of files found
     * @param cancelled checked between files and between the demos of a file
     */
    IndexReport index(List<Path> paths, Progress progress, BooleanSupplier cancelled) throws WorkspaceException;

    /** Every catalogued file, by path. */
    List<SourceFile> files() throws WorkspaceException;

    /** Demos matching the query, by file path and demo number. */
    List<DemoRecord> demos(DemoQuery query) throws WorkspaceException;

    /** Demos matching the query with their whole reviews. */
    List<ReviewedDemo> reviews(DemoQuery query) throws WorkspaceException;

    /** The demo a reference names. */
    DemoRecord demo(DemoRef ref) throws WorkspaceException;

    /** The demo's no-op steps, ascending, as the index found them. */
    int[] noOpSteps(DemoRef ref) throws WorkspaceException;

    /**
     * Statistics of each of the demo's action dimensions as the index computed them (over finite values); empty for
     * a demo whose actions could not be read.
     */
    List<DimensionStatistics> actionStatistics(DemoRef ref) throws WorkspaceException;

    // ---- reviews ---------------------------------------------------------------------------------------------

    /** The demo's review ({@link Review#EMPTY} if nobody reviewed it). */
    Review review(DemoRef ref) throws WorkspaceException;

    /** Applies an edit to one demo as one undoable action; returns the new review. */
    Review edit(DemoRef ref, ReviewEdit edit) throws WorkspaceException;

    /** Applies an edit to several demos as one undoable action; all or none are changed. */
    List<Review> edit(List<DemoRef> refs, ReviewEdit edit) throws WorkspaceException;

    // ---- history ---------------------------------------------------------------------------------------------

    /** Reverts the latest action not yet undone; empty when there is nothing to undo. */
    Optional<HistoryAction> undo() throws WorkspaceException;

    /** Re-applies the latest undone action; empty when there is nothing to redo. */
    Optional<HistoryAction> redo() throws WorkspaceException;

    /** The action {@link #undo()} would revert, for an "Undo ..." menu item. */
    Optional<HistoryAction> nextUndo() throws WorkspaceException;

    /** The action {@link #redo()} would re-apply. */
    Optional<HistoryAction> nextRedo() throws WorkspaceException;

    /** Every change to the demo's review, oldest first: who changed what, when. */
    List<HistoryEntry> history(DemoRef ref) throws WorkspaceException;

    // ---- sharing ---------------------------------------------------------------------------------------------

    /**
     * Writes the reviews of the demos matching {@code query} (demos never reviewed are left out) to a JSON file that
     * another workspace can import; returns how many were written. The file is replaced atomically.
     */
    int exportReviews(DemoQuery query, Path file) throws WorkspaceException;

    /**
     * Imports a file written by {@link #exportReviews}. Demos are matched by file content (fingerprint) and demo
     * name, then by suite, file name and demo name, so paths may differ between machines. Reviews that differ from
     * this workspace's are reported as conflicts, and only replaced under {@link ImportPolicy#TAKE_THEIRS}. The
     * import is one action: one undo reverts all of it.
     */
    ImportReport importReviews(Path file, ImportPolicy policy) throws WorkspaceException;

    // ---- curation --------------------------------------------------------------------------------------------

    /** Saved views, splits and mixes of this workspace (issue 6). */
    default io.vlastudio.store.curation.Curation curation() {
        throw new UnsupportedOperationException("this workspace keeps no views, splits or mixes");
    }

    /** Training runs and their history (issue 10). */
    default io.vlastudio.store.runs.Runs runs() {
        throw new UnsupportedOperationException("this workspace keeps no training runs");
    }

    /** Releases the database. */
    @Override
    void close();
}
