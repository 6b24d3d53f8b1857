-- Schema 4: curation. Saved views (filter expressions), splits (stored per demo, so re-indexing never moves a demo
-- between parts) and mixes (components and settings as JSON). Released: never edit this file (MigrationsTest pins
-- its checksum).

CREATE TABLE views (
    name       TEXT PRIMARY KEY,
    expression TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE splits (
    name       TEXT PRIMARY KEY,
    spec       TEXT NOT NULL,
    source     TEXT,
    created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE split_members (
    split   TEXT    NOT NULL REFERENCES splits (name),
    demo_id INTEGER NOT NULL REFERENCES demos (id),
    part    TEXT    NOT NULL CHECK (part IN ('train', 'val_ind', 'val_ood')),
    PRIMARY KEY (split, demo_id)
) WITHOUT ROWID;

CREATE TABLE mixes (
    name       TEXT PRIMARY KEY,
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
