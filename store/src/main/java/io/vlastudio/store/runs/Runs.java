package io.vlastudio.store.runs;

import io.vlastudio.store.WorkspaceException;

import java.util.List;
import java.util.Optional;

/**
 * Training runs of a workspace ({@code Workspace.runs()}, schema 5): named configurations and the history of their
 * attempts. The store keeps both as JSON text written by the training launcher, so it does not depend on the
 * launcher's types. Deleting a configuration keeps its attempts. Calls block.
 */
public interface Runs {

    /** Saves (or, with {@code replace}, replaces) a run configuration. @return false when it exists and replace is off */
    boolean save(String name, String configJson, boolean replace) throws WorkspaceException;

    Optional<SavedRun> get(String name) throws WorkspaceException;

    /** Every saved configuration, by name. */
    List<SavedRun> list() throws WorkspaceException;

    /** Deletes a configuration (its attempts stay in the history). */
    boolean delete(String name) throws WorkspaceException;

    /** Records the start of an attempt; returns its id. */
    long startAttempt(String run, String status, String recordJson) throws WorkspaceException;

    /** Updates an attempt's status and record; {@code ended} marks it finished now. */
    void updateAttempt(long id, String status, String recordJson, boolean ended) throws WorkspaceException;

    /** The attempts of a run, oldest first (also those of a deleted configuration). */
    List<RunAttempt> attempts(String run) throws WorkspaceException;

    Optional<RunAttempt> attempt(long id) throws WorkspaceException;
}
