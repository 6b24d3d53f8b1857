-- Schema 5: training runs (issue 10). A run is a named configuration (JSON written by the training launcher); each
-- start or resume of it is an attempt with its status and provenance (commands, export manifest hash, checkout commit,
-- versions, GPUs, checkpoints, final metrics) as JSON. Attempts outlive the deletion of their configuration, so the
-- history of what was trained is never lost. Released: never edit this file (MigrationsTest pins its checksum).

CREATE TABLE runs (
    name       TEXT PRIMARY KEY,
    config     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE run_attempts (
    id         INTEGER PRIMARY KEY,
    run        TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at   TEXT,
    status     TEXT NOT NULL,
    record     TEXT NOT NULL
);

CREATE INDEX run_attempts_by_run ON run_attempts (run, id);
