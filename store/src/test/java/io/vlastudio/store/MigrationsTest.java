package io.vlastudio.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationsTest {

    @TempDir
    Path dir;

    /** Released migrations are never edited: a workspace upgraded by one build must be what every build expects. */
    @Test
    void releasedMigrationsAreNeverEdited() {
        assertThat(Migrations.ALL).extracting(Migrations.Migration::version).containsExactly(1, 2, 3, 4, 5);
        assertThat(Migrations.ALL.get(0).checksum()).isEqualTo("9476e0266101f9ec02df30d138fe4f016cd142861200cf709a179530607cd0a5");
        assertThat(Migrations.ALL.get(1).checksum()).isEqualTo("e8c292592bf64430a0ba8e68a3d765be358e1da975c86304ad21dba284efa04f");
        assertThat(Migrations.ALL.get(2).checksum()).isEqualTo("c220dc643fe94597ae43d559eabfece51f469da7163669696b78fca9ac222020");
        assertThat(Migrations.ALL.get(3).checksum()).isEqualTo("1193931f22618d370c3494a7e9e910b66d366024e82f85bba4a01cc2aaa75142");
        assertThat(Migrations.ALL.get(4).checksum()).isEqualTo("9fc758bf998085b8e16ac1034eb3dd61f801856f227c0ea9e85e6d323b547132");
    }

    @Test
    void aNewWorkspaceGetsTheLatestSchemaWithWalAndForeignKeys() throws Exception {
        Path ws = dir.resolve("new");
        try (Workspace w = TestData.workspaces().open(ws)) {
            assertThat(w.id()).hasSize(36);
        }
        try (Connection c = TestData.connect(ws); Statement s = c.createStatement()) {
            assertThat(query(s, "PRAGMA user_version")).isEqualTo("5");
            assertThat(query(s, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(query(s, "SELECT group_concat(version || ':' || checksum) FROM schema_history"))
                    .isEqualTo("1:" + Migrations.ALL.get(0).checksum() + ",2:" + Migrations.ALL.get(1).checksum()
                            + ",3:" + Migrations.ALL.get(2).checksum() + ",4:" + Migrations.ALL.get(3).checksum() + ",5:" + Migrations.ALL.get(4).checksum());
        }
    }

    /**
     * A workspace made by the first schema (notes were one text per review, and history snapshots wrote them as a
     * string) opens with the current one: reviews and history keep everything, and edits made before the upgrade
     * can be undone and redone after it.
     */
    @Test
    void upgradesAWorkspaceCreatedByTheFirstSchema() throws Exception {
        Path ws = dir.resolve("v1");
        String before = "{\"verdict\":\"unreviewed\",\"tags\":[],\"notes\":\"\",\"segments\":[],\"trim\":null,"
                + "\"exclusions\":[],\"reviewer\":null,\"created_at\":null,\"updated_at\":null}";
        String after = "{\"verdict\":\"rejected\",\"tags\":[\"failed-grasp\"],\"notes\":\"drops the bowl\","
                + "\"segments\":[{\"from\":0,\"to\":12,\"label\":\"reach\",\"text\":null}],\"trim\":{\"in\":2,\"out\":40},"
                + "\"exclusions\":[{\"kind\":\"noops\"}],\"reviewer\":\"ana\",\"created_at\":\"2025-11-03T09:00:00Z\","
                + "\"updated_at\":\"2025-11-03T09:00:00Z\"}";
        try (Database db = Database.open(ws, WorkspaceOptions.defaults())) {
            Migrations.migrate(db, 1, new TestData.TestClock());
            db.write("writing a schema 1 workspace", c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("""
                            INSERT INTO source_files (id, path, size_bytes, mtime_ms, fingerprint, status, variant, suite, task,
                                                      language, indexed_at)
                            VALUES (1, '/data/libero_goal/open_the_drawer_demo.hdf5', 1000, 5, 'abc', 'ok', 'original',
                                    'libero_goal', 'open_the_drawer', 'open the drawer', '2025-11-03T08:00:00Z');
                            INSERT INTO demos (id, file_id, name, demo_index, length, noop_count, noop_steps)
                            VALUES (1, 1, 'demo_0', 0, 50, 2, '[0,1]'), (2, 1, 'demo_1', 1, 60, 0, '[]');
                            INSERT INTO reviews (demo_id, verdict, notes, trim_in, trim_out, reviewer, created_at, updated_at)
                            VALUES (1, 'rejected', 'drops the bowl', 2, 40, 'ana', '2025-11-03T09:00:00Z', '2025-11-03T09:00:00Z');
                            INSERT INTO review_tags VALUES (1, 'failed-grasp');
                            INSERT INTO review_segments VALUES (1, 0, 0, 12, 'reach', NULL);
                            INSERT INTO review_exclusions VALUES (1, 0, 'noops', NULL, NULL);
                            INSERT INTO actions (id, kind, description, reviewer, at)
                            VALUES (1, 'edit', 'verdict rejected on open_the_drawer_demo.hdf5#demo_0', 'ana', '2025-11-03T09:00:00Z');
                            UPDATE undo_state SET position = 1;
                            INSERT INTO undo_stack VALUES (1, 1);
                            """);
                    s.executeUpdate("INSERT INTO changes (action_id, demo_id, before, after) VALUES (1, 1, '"
                            + before + "', '" + after + "')");
                }
                return null;
            });
        }
        try (Connection c = TestData.connect(ws); Statement s = c.createStatement()) {
            assertThat(query(s, "PRAGMA user_version")).isEqualTo("1");
        }

        DemoRef demo0 = DemoRef.parse("/data/libero_goal/open_the_drawer_demo.hdf5#demo_0");
        try (Workspace w = TestData.workspaces().open(ws)) {
            Review r = w.review(demo0);
            assertThat(r.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(r.notes()).containsExactly(new Note("drops the bowl", "ana", Instant.parse("2025-11-03T09:00:00Z")));
            assertThat(r.tags()).containsExactly("failed-grasp");
            assertThat(r.trim()).isEqualTo(new Trim(2, 40));
            assertThat(r.segments()).containsExactly(new Segment(0, 12, "reach", null));
            assertThat(w.history(demo0)).singleElement().satisfies(h -> assertThat(h.after()).isEqualTo(r));
            assertThat(w.demos(DemoQuery.all())).hasSize(2);
            assertThat(w.demos(DemoQuery.all().tag("failed-grasp"))).singleElement()
                    .satisfies(d -> assertThat(d.tags()).containsExactly("failed-grasp"));

            assertThat(w.undo()).hasValueSatisfying(a -> assertThat(a.description()).startsWith("verdict rejected"));
            assertThat(w.review(demo0)).isEqualTo(Review.EMPTY);
            assertThat(w.redo()).isPresent();
            assertThat(w.review(demo0)).isEqualTo(r);
            w.edit(demo0, ReviewEdit.create().addNote("second opinion: fine"));
            assertThat(w.review(demo0).notes()).extracting(Note::text).containsExactly("drops the bowl", "second opinion: fine");
        }
        try (Connection c = TestData.connect(ws); Statement s = c.createStatement()) {
            assertThat(query(s, "PRAGMA user_version")).isEqualTo("5");
            assertThat(query(s, "SELECT count(*) FROM schema_history")).isEqualTo("5");
            assertThat(query(s, "SELECT tag_list FROM reviews WHERE demo_id = 1")).isEqualTo("failed-grasp");
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("PRAGMA table_info(reviews)")) {
                while (rs.next()) {
                    columns.add(rs.getString("name"));
                }
            }
            assertThat(columns).doesNotContain("notes");
            assertThat(query(s, "PRAGMA foreign_key_check")).isNull();
            assertThat(query(s, "PRAGMA integrity_check")).isEqualTo("ok");
        }
    }

    @Test
    void refusesAWorkspaceWrittenByANewerStudioWithoutTouchingIt() throws Exception {
        Path ws = dir.resolve("future");
        TestData.workspaces().open(ws).close();
        try (Connection c = TestData.connect(ws); Statement s = c.createStatement()) {
            s.executeUpdate("PRAGMA user_version = 7");
        }
        String before = TestData.sha256(ws.resolve("workspace.db"));
        assertThatThrownBy(() -> TestData.workspaces().open(ws))
                .isInstanceOf(WorkspaceException.NewerVersion.class)
                .hasMessage("workspace " + ws + " uses schema version 7, but this VLA Studio knows versions up to 5."
                        + " Open it with a newer VLA Studio.");
        assertThat(TestData.sha256(ws.resolve("workspace.db"))).isEqualTo(before);
    }

    private static String query(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
