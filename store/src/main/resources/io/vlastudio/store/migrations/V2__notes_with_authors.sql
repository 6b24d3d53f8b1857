-- Schema 2: a review holds several notes, each with its author and time (schema 1 had one text per review).
-- Released: never edit this file (MigrationsTest pins its checksum).
-- Existing notes become one note by the review's last reviewer, dated at its last update.

CREATE TABLE review_notes (
    demo_id  INTEGER NOT NULL REFERENCES reviews (demo_id),
    position INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    author   TEXT    NOT NULL,
    at       TEXT    NOT NULL,
    PRIMARY KEY (demo_id, position)
) WITHOUT ROWID;

INSERT INTO review_notes (demo_id, position, text, author, at)
SELECT demo_id, 0, notes, reviewer, updated_at FROM reviews WHERE notes <> '';

ALTER TABLE reviews DROP COLUMN notes;
