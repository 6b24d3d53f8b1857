package io.vlastudio.store;

import io.vlastudio.store.curation.Curation;
import io.vlastudio.store.curation.CurationRow;
import io.vlastudio.store.curation.FilterExpression;
import io.vlastudio.store.curation.Manifest;
import io.vlastudio.store.curation.Mix;
import io.vlastudio.store.curation.MixComponent;
import io.vlastudio.store.curation.MixCounter;
import io.vlastudio.store.curation.MixCounts;
import io.vlastudio.store.curation.ResolvedComponent;
import io.vlastudio.store.curation.SampleCounter;
import io.vlastudio.store.curation.SavedSplit;
import io.vlastudio.store.curation.SavedView;
import io.vlastudio.store.curation.SplitPart;
import io.vlastudio.store.curation.SplitRule;
import io.vlastudio.store.curation.SplitSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Curation} in the workspace database (schema 4: views, splits, split_members, mixes). */
final class SqliteCuration implements Curation {

    private final SqliteWorkspace workspace;
    private final Database db;
    private final Clock clock;
    private final SampleCounter counter;

    SqliteCuration(SqliteWorkspace workspace, Database db, Clock clock, SampleCounter counter) {
        this.workspace = workspace;
        this.db = db;
        this.clock = clock;
        this.counter = counter;
    }

    @Override
    public MixCounts count(Mix mix) throws WorkspaceException {
        return MixCounter.count(mix, resolve(mix, rows()), counter);
    }

    private record Extra(int[] noOps, double[] min, double[] max, int gripper, String fingerprint, long size, boolean reviewed) {
    }

    @Override
    public List<CurationRow> rows() throws WorkspaceException {
        return db.read(c -> {
            Map<Long, Extra> extra = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT d.id, d.noop_steps, d.statistics, f.fingerprint, f.size_bytes, r.demo_id IS NOT NULL
                    FROM demos d JOIN source_files f ON f.id = d.file_id LEFT JOIN reviews r ON r.demo_id = d.id
                    WHERE d.present = 1""")) {
                while (rs.next()) {
                    double[][] range = range(rs.getString(3));
                    extra.put(rs.getLong(1), new Extra(steps(rs.getString(2)), range[0], range[1], gripper(rs.getString(3)),
                            rs.getString(4), rs.getLong(5), rs.getBoolean(6)));
                }
            }
            List<DemoRecord> records = workspace.query(c, DemoQuery.all());
            Map<Path, Long> fileSteps = new HashMap<>();
            Map<Path, Integer> positions = new HashMap<>();
            List<CurationRow> out = new ArrayList<>();
            for (DemoRecord d : records) {
                if (extra.containsKey(d.id())) {
                    fileSteps.merge(d.file(), (long) d.length(), Long::sum);
                }
            }
            for (DemoRecord d : records) {
                Extra e = extra.get(d.id());
                if (e == null) {
                    continue; // no longer in its file
                }
                int position = positions.merge(d.file(), 1, Integer::sum) - 1; // records come by file, demo number
                Review review = e.reviewed() ? ReviewTables.load(c, d.id()) : Review.EMPTY;
                out.add(new CurationRow(d, review, e.noOps(), e.min(), e.max(), e.gripper(), e.fingerprint(), e.size(),
                        fileSteps.getOrDefault(d.file(), 0L), position));
            }
            return out;
        });
    }

    private static int[] steps(String text) {
        String inner = text.substring(1, text.length() - 1).trim();
        return inner.isEmpty() ? new int[0] : java.util.Arrays.stream(inner.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    }

    private static double[][] range(String json) {
        if (json == null) {
            return new double[][] {new double[0], new double[0]};
        }
        try {
            List<?> dims = (List<?>) ((Map<?, ?>) Json.parse(json)).get("actions");
            double[] min = new double[dims.size()];
            double[] max = new double[dims.size()];
            for (int i = 0; i < min.length; i++) {
                Map<?, ?> d = (Map<?, ?>) dims.get(i);
                min[i] = d.get("min") == null ? Double.NaN : ((Number) d.get("min")).doubleValue();
                max[i] = d.get("max") == null ? Double.NaN : ((Number) d.get("max")).doubleValue();
            }
            return new double[][] {min, max};
        } catch (Json.ParseException | RuntimeException e) {
            return new double[][] {new double[0], new double[0]};
        }
    }

    private static int gripper(String json) {
        if (json == null) {
            return 0;
        }
        try {
            Object g = ((Map<?, ?>) Json.parse(json)).get("gripper_events");
            return g instanceof Number n ? n.intValue() : 0;
        } catch (Json.ParseException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public List<CurationRow> select(String expression) throws WorkspaceException {
        return FilterExpression.parse(expression).select(rows());
    }

    // ---- views -----------------------------------------------------------------------------------------------

    @Override
    public SavedView saveView(String name, String expression) throws WorkspaceException {
        checkName("view", name);
        String text = FilterExpression.parse(expression).text();
        String now = Times.format(Times.now(clock));
        db.write("saving view " + name, c -> {
            try (PreparedStatement p = c.prepareStatement("""
                    INSERT INTO views (name, expression, created_at, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET expression = excluded.expression, updated_at = excluded.updated_at""")) {
                p.setString(1, name);
                p.setString(2, text);
                p.setString(3, now);
                p.setString(4, now);
                p.executeUpdate();
            }
            return null;
        });
        return view(name).orElseThrow();
    }

    @Override
    public Optional<SavedView> view(String name) throws WorkspaceException {
        return views().stream().filter(v -> v.name().equals(name)).findFirst();
    }

    @Override
    public List<SavedView> views() throws WorkspaceException {
        return db.read(c -> {
            List<SavedView> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name, expression, created_at, updated_at FROM views ORDER BY name")) {
                while (rs.next()) {
                    out.add(new SavedView(rs.getString(1), rs.getString(2), Times.parse(rs.getString(3)), Times.parse(rs.getString(4))));
                }
            }
            return out;
        });
    }

    @Override
    public boolean deleteView(String name) throws WorkspaceException {
        return db.write("deleting view " + name, c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM views WHERE name = ?")) {
                p.setString(1, name);
                return p.executeUpdate() > 0;
            }
        });
    }

    // ---- splits ----------------------------------------------------------------------------------------------

    @Override
    public SavedSplit createSplit(String name, SplitSpec spec, String sourceView, boolean replace) throws WorkspaceException {
        checkName("split", name);
        List<CurationRow> rows;
        if (sourceView == null) {
            rows = rows();
        } else {
            SavedView v = view(sourceView).orElseThrow(() -> unknown("view", sourceView));
            rows = select(v.expression());
        }
        List<SplitRule.Candidate> candidates = rows.stream().map(r -> new SplitRule.Candidate(r.id(), r.demo().suite(),
                r.demo().task(), r.demo().demo(), r.position())).toList();
        for (String held : spec.heldOutTasks()) {
            if (candidates.stream().noneMatch(c -> c.task().equals(held))) {
                throw new WorkspaceException(db.directory(), "held-out task '" + held + "' has no demos in "
                        + (sourceView == null ? "the workspace" : "view " + sourceView) + "; nothing was saved");
            }
        }
        Map<Long, SplitPart> parts = SplitRule.assign(candidates, spec);
        String now = Times.format(Times.now(clock));
        db.write("saving split " + name, c -> {
            boolean exists;
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM splits WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (exists && !replace) {
                throw new WorkspaceException(db.directory(), "a split named " + name + " exists; splits are kept so that"
                        + " training stays reproducible. Choose another name, or replace it explicitly.");
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM split_members WHERE split = ?");
                 PreparedStatement q = c.prepareStatement("DELETE FROM splits WHERE name = ?")) {
                p.setString(1, name);
                p.executeUpdate();
                q.setString(1, name);
                q.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO splits (name, spec, source, created_at) VALUES (?, ?, ?, ?)")) {
                p.setString(1, name);
                p.setString(2, Json.write(specJson(spec)));
                p.setString(3, sourceView);
                p.setString(4, now);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO split_members (split, demo_id, part) VALUES (?, ?, ?)")) {
                for (Map.Entry<Long, SplitPart> e : parts.entrySet()) {
                    p.setString(1, name);
                    p.setLong(2, e.getKey());
                    p.setString(3, e.getValue().id());
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
        return split(name).orElseThrow();
    }

    static Map<String, Object> specJson(SplitSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", spec.mode().id());
        m.put("seed", spec.seed());
        m.put("train_fraction", spec.trainFraction());
        m.put("task_fraction", spec.taskFraction());
        m.put("held_out_tasks", List.copyOf(spec.heldOutTasks()));
        return m;
    }

    static SplitSpec spec(String json) {
        try {
            Map<?, ?> m = (Map<?, ?>) Json.parse(json);
            return new SplitSpec(SplitSpec.Mode.fromId((String) m.get("mode")), ((Number) m.get("seed")).longValue(),
                    ((Number) m.get("train_fraction")).doubleValue(), ((Number) m.get("task_fraction")).doubleValue(),
                    ((List<?>) m.get("held_out_tasks")).stream().map(String::valueOf).toList());
        } catch (Json.ParseException e) {
            throw new IllegalStateException("unreadable split rule: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<SavedSplit> split(String name) throws WorkspaceException {
        return splits().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    @Override
    public List<SavedSplit> splits() throws WorkspaceException {
        return db.read(c -> {
            Map<String, Map<SplitPart, Integer>> sizes = new HashMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT split, part, count(*) FROM split_members GROUP BY split, part")) {
                while (rs.next()) {
                    sizes.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(SplitPart.class))
                            .put(SplitPart.fromId(rs.getString(2)), rs.getInt(3));
                }
            }
            List<SavedSplit> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name, spec, source, created_at FROM splits ORDER BY name")) {
                while (rs.next()) {
                    Map<SplitPart, Integer> size = new EnumMap<>(SplitPart.class);
                    for (SplitPart p : SplitPart.values()) {
                        size.put(p, sizes.getOrDefault(rs.getString(1), Map.of()).getOrDefault(p, 0));
                    }
                    out.add(new SavedSplit(rs.getString(1), spec(rs.getString(2)), rs.getString(3), size,
                            Times.parse(rs.getString(4))));
                }
            }
            return out;
        });
    }

    @Override
    public Map<Long, SplitPart> splitMembers(String name) throws WorkspaceException {
        return db.read(c -> {
            Map<Long, SplitPart> out = new LinkedHashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT demo_id, part FROM split_members WHERE split = ? ORDER BY demo_id")) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), SplitPart.fromId(rs.getString(2)));
                    }
                }
            }
            return out;
        });
    }

    // ---- mixes -----------------------------------------------------------------------------------------------

    @Override
    public void saveMix(Mix mix) throws WorkspaceException {
        String now = Times.format(Times.now(clock));
        db.write("saving mix " + mix.name(), c -> {
            try (PreparedStatement p = c.prepareStatement("""
                    INSERT INTO mixes (name, definition, created_at, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at""")) {
                p.setString(1, mix.name());
                p.setString(2, mix.toJson());
                p.setString(3, now);
                p.setString(4, now);
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean deleteMix(String name) throws WorkspaceException {
        return db.write("deleting mix " + name, c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM mixes WHERE name = ?")) {
                p.setString(1, name);
                return p.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Optional<Mix> mix(String name) throws WorkspaceException {
        String json = db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT definition FROM mixes WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        return json == null ? Optional.empty() : Optional.of(Mix.fromJson(name, json));
    }

    @Override
    public List<String> mixes() throws WorkspaceException {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM mixes ORDER BY name")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    @Override
    public List<ResolvedComponent> resolve(Mix mix, List<CurationRow> rows) throws WorkspaceException {
        List<ResolvedComponent> out = new ArrayList<>();
        Map<String, SavedView> views = new HashMap<>();
        views().forEach(v -> views.put(v.name(), v));
        for (MixComponent c : mix.components()) {
            if (c.kind() == MixComponent.Kind.VIEW) {
                SavedView v = views.get(c.name());
                if (v == null) {
                    out.add(new ResolvedComponent(c, List.of(), "no view named " + c.name()));
                } else {
                    out.add(new ResolvedComponent(c, FilterExpression.parse(v.expression()).select(rows), null));
                }
            } else {
                Map<Long, SplitPart> members = splitMembers(c.name());
                if (members.isEmpty() && split(c.name()).isEmpty()) {
                    out.add(new ResolvedComponent(c, List.of(), "no split named " + c.name()));
                } else {
                    out.add(new ResolvedComponent(c, rows.stream().filter(r -> members.get(r.id()) == c.part()).toList(), null));
                }
            }
        }
        return out;
    }

    @Override
    public Manifest manifest(Mix mix, String studioVersion) throws WorkspaceException {
        List<ResolvedComponent> resolved = resolve(mix, rows());
        Map<String, Map<String, Object>> definitions = new HashMap<>();
        for (MixComponent c : mix.components()) {
            Map<String, Object> d = new LinkedHashMap<>();
            if (c.kind() == MixComponent.Kind.VIEW) {
                view(c.name()).ifPresent(v -> d.put("expression", v.expression()));
            } else {
                Optional<SavedSplit> s = split(c.name());
                if (s.isPresent()) {
                    d.put("rule", specJson(s.get().spec()));
                    d.put("source_view", s.get().source());
                }
            }
            definitions.put(c.label(), d);
        }
        return Manifest.build(mix, resolved, definitions, MixCounter.count(mix, resolved, counter), studioVersion);
    }

    @Override
    public List<Path> changedFiles(Collection<Path> files) {
        Map<Path, String> indexed = new HashMap<>();
        try {
            for (SourceFile f : workspace.files()) {
                indexed.put(f.path(), f.fingerprint());
            }
        } catch (WorkspaceException e) {
            return List.copyOf(files);
        }
        List<Path> changed = new ArrayList<>();
        for (Path f : new java.util.TreeSet<>(files)) {
            try {
                if (!Files.isRegularFile(f) || !Fingerprint.of(f).equals(indexed.get(f))) {
                    changed.add(f);
                }
            } catch (IOException e) {
                changed.add(f);
            }
        }
        return changed;
    }

    private void checkName(String what, String name) throws WorkspaceException {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new WorkspaceException(db.directory(), "a " + what + " name is 1-64 letters, digits, '.', '_' or '-'"
                    + " starting with a letter or digit, got '" + name + "'");
        }
    }

    private WorkspaceException unknown(String what, String name) {
        return new WorkspaceException(db.directory(), "workspace " + db.directory() + " has no " + what + " named " + name);
    }
}
