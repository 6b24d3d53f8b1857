-- Schema 1: catalog, reviews, history. Released: never edit this file; add a new migration instead
-- (MigrationsTest pins its checksum).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per demonstration file ever indexed. Rows are never deleted: a file that disappears is marked
-- 'missing' so that its demos (and their reviews) are re-linked when it reappears elsewhere.
CREATE TABLE source_files (
    id             INTEGER PRIMARY KEY,
    path           TEXT    NOT NULL UNIQUE,
    size_bytes     INTEGER NOT NULL,
    mtime_ms       INTEGER NOT NULL,
    fingerprint    TEXT    NOT NULL,
    structure_hash TEXT,
    status         TEXT    NOT NULL CHECK (status IN ('ok', 'failed', 'missing')),
    variant        TEXT,
    suite          TEXT    NOT NULL DEFAULT '',
    task           TEXT    NOT NULL DEFAULT '',
    language       TEXT    NOT NULL DEFAULT '',
    error_kind     TEXT,
    error_message  TEXT,
    indexed_at     TEXT    NOT NULL,
    missing_since  TEXT
);
CREATE INDEX source_files_by_fingerprint ON source_files (fingerprint);

-- A demo's id is its identity for reviews: kept across re-indexing, file changes and moves.
CREATE TABLE demos (
    id         INTEGER PRIMARY KEY,
    file_id    INTEGER NOT NULL REFERENCES source_files (id),
    name       TEXT    NOT NULL,
    demo_index INTEGER NOT NULL,
    length     INTEGER NOT NULL,
    noop_count INTEGER NOT NULL DEFAULT 0,
    noop_steps TEXT    NOT NULL DEFAULT '[]',
    statistics TEXT,
    problem    TEXT,
    present    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (file_id, name)
);
CREATE INDEX demos_by_length ON demos (length);

-- The current review of a demo; no row means "unreviewed, nothing said".
CREATE TABLE reviews (
    demo_id    INTEGER PRIMARY KEY REFERENCES demos (id),
    verdict    TEXT    NOT NULL CHECK (verdict IN ('unreviewed', 'accepted', 'rejected', 'flagged')),
    notes      TEXT    NOT NULL DEFAULT '',
    trim_in    INTEGER,
    trim_out   INTEGER,
    reviewer   TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);
CREATE INDEX reviews_by_verdict ON reviews (verdict);

CREATE TABLE review_tags (
    demo_id INTEGER NOT NULL REFERENCES reviews (demo_id),
    tag     TEXT    NOT NULL,
    PRIMARY KEY (demo_id, tag)
) WITHOUT ROWID;
CREATE INDEX review_tags_by_tag ON review_tags (tag, demo_id);

CREATE TABLE review_segments (
    demo_id   INTEGER NOT NULL REFERENCES reviews (demo_id),
    position  INTEGER NOT NULL,
    from_step INTEGER NOT NULL,
    to_step   INTEGER NOT NULL,
    label     TEXT    NOT NULL,
    text      TEXT,
    PRIMARY KEY (demo_id, position)
) WITHOUT ROWID;

CREATE TABLE review_exclusions (
    demo_id   INTEGER NOT NULL REFERENCES reviews (demo_id),
    position  INTEGER NOT NULL,
    kind      TEXT    NOT NULL CHECK (kind IN ('noops', 'steps')),
    from_step INTEGER,
    to_step   INTEGER,
    PRIMARY KEY (demo_id, position)
) WITHOUT ROWID;

-- History: append-only. One action per user command, one change per demo it touched, with the review as JSON
-- before and after.
CREATE TABLE actions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT    NOT NULL CHECK (kind IN ('edit', 'import', 'undo', 'redo')),
    description TEXT    NOT NULL,
    reviewer    TEXT    NOT NULL,
    at          TEXT    NOT NULL,
    target      INTEGER REFERENCES actions (id)
);

CREATE TABLE changes (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    action_id INTEGER NOT NULL REFERENCES actions (id),
    demo_id   INTEGER NOT NULL REFERENCES demos (id),
    before    TEXT    NOT NULL,
    after     TEXT    NOT NULL
);
CREATE INDEX changes_by_demo ON changes (demo_id, id);
CREATE INDEX changes_by_action ON changes (action_id, id);

CREATE TRIGGER actions_are_append_only_update BEFORE UPDATE ON actions
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER actions_are_append_only_delete BEFORE DELETE ON actions
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER changes_are_append_only_update BEFORE UPDATE ON changes
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER changes_are_append_only_delete BEFORE DELETE ON changes
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

-- The undo stack: undoable actions in the order they were done; the first `position` of them are applied.
-- Undo moves the position down, redo up, a new action drops everything above the position and is pushed.
CREATE TABLE undo_stack (
    position  INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL UNIQUE REFERENCES actions (id)
);
CREATE TABLE undo_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    position INTEGER NOT NULL
);
INSERT INTO undo_state (id, position) VALUES (1, 0);
