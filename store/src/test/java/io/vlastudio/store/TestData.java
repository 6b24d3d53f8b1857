package io.vlastudio.store;

import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.stats.NoOpDetector;
import io.vlastudio.dataset.stats.StatisticsCalculator;
import io.vlastudio.dataset.synthetic.GeneratorSettings;
import io.vlastudio.dataset.synthetic.SuiteSpec;
import io.vlastudio.dataset.synthetic.SyntheticSuiteWriter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test data and helpers shared by the store's tests: a small synthetic suite, workspaces, checksums. */
final class TestData {

    /** Two tasks of four demos, 32x32 frames, original LIBERO layout: small but real. */
    static final SuiteSpec SMALL = SuiteSpec.defaults(DatasetVariant.ORIGINAL).withTasks(2).withDemosPerTask(4)
            .withImageSize(32).withFailuresPerTask(1);

    private TestData() {
    }

    /** Writes the small suite into {@code dir/libero_small} and returns that folder. */
    static Path smallSuite(Path dir) throws IOException {
        return smallSuite(dir, SMALL);
    }

    static Path smallSuite(Path dir, SuiteSpec spec) throws IOException {
        Path suite = dir.resolve("libero_small");
        new SyntheticSuiteWriter(GeneratorSettings.defaults()).write(suite, spec, Progress.NONE, () -> false);
        return suite;
    }

    static SqliteWorkspaces workspaces(Clock clock) {
        return new SqliteWorkspaces(new Hdf5DemoReader(), new StatisticsCalculator(new NoOpDetector()), clock, "ana",
                WorkspaceOptions.defaults(), TestCounting.worldVla());
    }

    static SqliteWorkspaces workspaces(Clock clock, io.vlastudio.dataset.DemoReader reader, WorkspaceOptions options) {
        return new SqliteWorkspaces(reader, new StatisticsCalculator(new NoOpDetector()), clock, "ana", options,
                TestCounting.worldVla());
    }

    static SqliteWorkspaces workspaces() {
        return workspaces(new TestClock());
    }

    /** A clock that moves one second each time it is read: every change gets its own time. */
    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-05-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            now = now.plus(Duration.ofSeconds(1));
            return now;
        }
    }

    /** SHA-256 and modification time of every file under the folders. */
    static Map<Path, String> checksums(List<Path> roots) throws IOException {
        Map<Path, String> out = new TreeMap<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    out.put(p, sha256(p) + " " + Files.getLastModifiedTime(p).toMillis());
                }
            }
        }
        return out;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest sha = Fingerprint.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A plain connection to a workspace's database, as another program would open it. */
    static Connection connect(Path workspace) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + workspace.resolve(Workspaces.DATABASE_FILE));
    }

    static String integrityCheck(Path workspace) throws SQLException {
        try (Connection c = connect(workspace); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                out.append(out.length() == 0 ? "" : "\n").append(rs.getString(1));
            }
            return out.toString();
        }
    }

    static long count(Path workspace, String sql) throws SQLException {
        try (Connection c = connect(workspace); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
