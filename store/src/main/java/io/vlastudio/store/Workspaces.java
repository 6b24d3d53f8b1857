package io.vlastudio.store;

import java.nio.file.Path;

/** Opens workspaces. */
public interface Workspaces {

    /** The name of the database file in a workspace folder. */
    String DATABASE_FILE = "workspace.db";

    /**
     * Opens the workspace in {@code directory}, creating the folder and an empty workspace if there is none, and
     * upgrading an older workspace's schema.
     */
    Workspace open(Path directory) throws WorkspaceException;
}
