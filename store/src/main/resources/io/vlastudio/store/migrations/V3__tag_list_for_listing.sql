-- Schema 3: a review keeps its tags also as one sorted text (joined by U+001F), so listing thousands of demos with
-- their tags needs no subquery per row; review_tags stays what tag filters use (indexed by tag).
-- Released: never edit this file (MigrationsTest pins its checksum).

ALTER TABLE reviews ADD COLUMN tag_list TEXT NOT NULL DEFAULT '';

UPDATE reviews SET tag_list = coalesce((SELECT group_concat(tag, char(31))
                                        FROM (SELECT tag FROM review_tags t WHERE t.demo_id = reviews.demo_id ORDER BY tag)), '');
