package io.vlastudio.store.curation;

import io.vlastudio.store.WorkspaceException;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Saved views, splits and mixes of a workspace ({@code Workspace.curation()}). Views and mixes are definitions,
 * evaluated against the catalog when used; splits are stored per demo, so they never change under re-indexing (a
 * demo's identity survives it, ADR 0007). Changes here are not part of the review history (no undo): they are
 * named, replaceable definitions. Calls block.
 */
public interface Curation {

    /** Every present demo of the catalog with its review, no-op steps, action range and file facts. */
    List<CurationRow> rows() throws WorkspaceException;

    /** The demos an expression selects. @throws FilterSyntaxException for a malformed expression */
    List<CurationRow> select(String expression) throws WorkspaceException;

    /** Saves (or replaces) a view; the expression is parsed first. @throws FilterSyntaxException */
    SavedView saveView(String name, String expression) throws WorkspaceException;

    Optional<SavedView> view(String name) throws WorkspaceException;

    List<SavedView> views() throws WorkspaceException;

    boolean deleteView(String name) throws WorkspaceException;

    /**
     * Splits the demos of {@code sourceView} (or every demo when {@code null}) and stores each demo's part.
     *
     * @param replace whether an existing split of that name is replaced; otherwise it is refused
     */
    SavedSplit createSplit(String name, SplitSpec spec, String sourceView, boolean replace) throws WorkspaceException;

    Optional<SavedSplit> split(String name) throws WorkspaceException;

    List<SavedSplit> splits() throws WorkspaceException;

    /** Each member demo's part (by demo id). */
    Map<Long, SplitPart> splitMembers(String name) throws WorkspaceException;

    /** Saves (or replaces) a mix. */
    void saveMix(Mix mix) throws WorkspaceException;

    Optional<Mix> mix(String name) throws WorkspaceException;

    /** Deletes a mix; false when there was none of that name. Manifests and exports made from it stay as they are. */
    boolean deleteMix(String name) throws WorkspaceException;

    List<String> mixes() throws WorkspaceException;

    /** The demos each component selects now (a missing view or split gives an empty component with a problem). */
    List<ResolvedComponent> resolve(Mix mix, List<CurationRow> rows) throws WorkspaceException;

    /** Resolves and counts a mix against the current catalog (samples and tokens by the workspace's counter). */
    MixCounts count(Mix mix) throws WorkspaceException;

    /** The manifest of a mix as the catalog and reviews stand now. */
    Manifest manifest(Mix mix, String studioVersion) throws WorkspaceException;

    /**
     * Files whose content no longer matches the fingerprint they were indexed (and reviewed) with, or which are gone.
     */
    List<Path> changedFiles(Collection<Path> files);
}
