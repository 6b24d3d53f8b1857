package io.vlastudio.dataset.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import io.vlastudio.dataset.CameraInfo;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.DatasetProblem;
import io.vlastudio.dataset.DatasetShape;
import io.vlastudio.dataset.DatasetVariant;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoSummary;
import io.vlastudio.dataset.TaskNames;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An HDF5 demonstration file opened by {@link Hdf5DemoReader}. */
final class Hdf5DemoFile implements DemoFile {

    private static final int MAX_ATTRIBUTE_CHARS = 4096;

    private final Path path;
    private final FileChannel channel;
    private final HdfFile hdf;
    private final long size;
    private final DatasetVariant variant;
    private final String task;
    private final String language;
    private final String languageSource;
    private final List<DemoSummary> demos;
    private final Map<String, List<String>> filterKeys;
    private final Map<String, Object> dataAttributes;

    private Hdf5DemoFile(Path path, FileChannel channel, HdfFile hdf, long size, DatasetVariant variant, String task,
                         String language, String languageSource, List<DemoSummary> demos,
                         Map<String, List<String>> filterKeys, Map<String, Object> dataAttributes) {
        this.path = path;
        this.channel = channel;
        this.hdf = hdf;
        this.size = size;
        this.variant = variant;
        this.task = task;
        this.language = language;
        this.languageSource = languageSource;
        this.demos = demos;
        this.filterKeys = filterKeys;
        this.dataAttributes = dataAttributes;
    }

    static Hdf5DemoFile open(Path path, FileChannel channel, HdfFile hdf) throws IOException {
        Node dataNode = hdf.getChildren().get("data");
        if (!(dataNode instanceof Group data)) {
            String found = dataNode == null ? "top-level entries " + hdf.getChildren().keySet() : "a dataset named 'data'";
            throw new DatasetException.MissingDataGroupException(path, found);
        }
        long size = channel.size();
        List<DemoSummary> demos = new ArrayList<>();
        for (Map.Entry<String, Node> child : data.getChildren().entrySet()) {
            if (child.getValue() instanceof Group demo && DemoSummary.indexOf(child.getKey()) >= 0) {
                demos.add(summarise(path, size, child.getKey(), demo));
            }
        }
        if (demos.isEmpty()) {
            throw new DatasetException.NoDemosException(path, data.getChildren().isEmpty()
                    ? "an empty 'data' group" : "only " + data.getChildren().keySet());
        }
        demos.sort(Comparator.comparingInt(DemoSummary::index).thenComparing(DemoSummary::name));

        Map<String, Object> attributes = readAttributes(data);
        Map<String, List<String>> filterKeys = readFilterKeys(hdf);
        DatasetVariant variant;
        if (attributes.containsKey("problem_info") || attributes.containsKey("bddl_file_name")) {
            variant = DatasetVariant.ORIGINAL;
        } else if (data.getAttributes().isEmpty() && filterKeys.isEmpty()) {
            variant = DatasetVariant.NO_NOOPS;
        } else {
            variant = DatasetVariant.ROBOMIMIC;
        }
        String task = TaskNames.taskName(path);
        String language = null;
        String languageSource = "file_name";
        Object problemInfo = attributes.get("problem_info");
        if (problemInfo instanceof String json) {
            Optional<String> instruction = ProblemInfo.languageInstruction(json);
            if (instruction.isPresent()) {
                language = instruction.get();
                languageSource = "problem_info";
            }
        }
        if (language == null) {
            language = TaskNames.languageFromTaskName(task);
        }
        return new Hdf5DemoFile(path, channel, hdf, size, variant, task, language, languageSource, List.copyOf(demos),
                filterKeys, attributes);
    }

    private static DemoSummary summarise(Path path, long fileSize, String name, Group demo) {
        String demoPath = "/data/" + name;
        List<DatasetProblem> problems = new ArrayList<>();
        Node actionsNode = demo.getChildren().get("actions");
        int length = 0;
        if (actionsNode instanceof Dataset actions && isNumeric(actions.getDataType())) {
            int[] dims = actions.getDimensions();
            length = dims.length > 0 ? dims[0] : 0;
            if (dims.length != 2 || dims[1] != 7) {
                problems.add(DatasetProblem.of(new DatasetException.ActionShapeException(path, demoPath + "/actions",
                        shapeText(dims) + " " + dtypeName(actions.getDataType())), name));
            }
        } else {
            String found = actionsNode == null ? "no 'actions' dataset" : actionsNode instanceof Dataset d
                    ? "a dataset of type " + dtypeName(d.getDataType()) : "a group";
            problems.add(DatasetProblem.of(new DatasetException.ActionShapeException(path, demoPath + "/actions", found), name));
        }
        List<CameraInfo> cameras = new ArrayList<>();
        List<Dataset> all = new ArrayList<>();
        collectDatasets(demo, all);
        for (Dataset ds : all) {
            int[] dims = ds.getDimensions();
            if (problems.isEmpty() && !ds.isScalar() && dims.length > 0 && dims[0] != length) {
                problems.add(DatasetProblem.of(new DatasetException.LengthMismatchException(path, ds.getPath(), length, dims[0]), name));
            }
            if (ds.getDataLayout() == io.jhdf.object.message.DataLayout.CONTIGUOUS
                    && ds instanceof io.jhdf.api.dataset.ContiguousDataset cd && !ds.isEmpty()) {
                long end = cd.getDataAddress() + ds.getSizeInBytes();
                if (end > fileSize) {
                    problems.add(DatasetProblem.of(new DatasetException.TruncatedFileException(path, ds.getPath(), end, fileSize), name));
                }
            }
            if (isCamera(ds) && ds.getParent().getName().equals("obs")) {
                cameras.add(new CameraInfo(CameraInfo.cameraName(ds.getName()), ds.getName(), dims[1], dims[2]));
            }
        }
        cameras.sort(Comparator.comparing(CameraInfo::name));
        return new DemoSummary(name, DemoSummary.indexOf(name), demoPath, length, cameras, problems);
    }

    static void collectDatasets(Group group, List<Dataset> out) {
        for (Node node : group.getChildren().values()) {
            if (node instanceof Dataset ds) {
                out.add(ds);
            } else if (node instanceof Group g) {
                collectDatasets(g, out);
            }
        }
    }

    static boolean isCamera(Dataset ds) {
        int[] dims = ds.getDimensions();
        return dims.length == 4 && dims[3] == 3 && ds.getDataType() instanceof FixedPoint fp && fp.getSize() == 1;
    }

    static boolean isNumeric(DataType type) {
        return type instanceof FixedPoint || type instanceof FloatingPoint;
    }

    static String dtypeName(DataType type) {
        if (type instanceof FloatingPoint) {
            return "float" + type.getSize() * 8;
        }
        if (type instanceof FixedPoint fp) {
            return (fp.isSigned() ? "int" : "uint") + type.getSize() * 8;
        }
        if (type instanceof VariableLength) {
            return "str";
        }
        if (type instanceof StringData) {
            return "|S" + type.getSize();
        }
        return type.getClass().getSimpleName().toLowerCase();
    }

    static String shapeText(int[] dims) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : ",").append(dims[i]);
        }
        return s.append(dims.length == 1 ? ",)" : ")").toString();
    }

    private static Map<String, Object> readAttributes(Node node) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Attribute> e : node.getAttributes().entrySet()) {
            Object value = attributeValue(e.getValue());
            if (value instanceof String s && s.length() > MAX_ATTRIBUTE_CHARS) {
                continue;
            }
            if (value != null) {
                out.put(e.getKey(), value);
            }
        }
        return out;
    }

    /** A scalar attribute as String, Long or Double; arrays as double[]/long[]; null if not representable. */
    static Object attributeValue(Attribute attribute) {
        Object data = attribute.getData();
        if (data instanceof String || data instanceof Long || data instanceof Double) {
            return data;
        }
        if (data instanceof Integer i) {
            return i.longValue();
        }
        if (data instanceof Float f) {
            return f.doubleValue();
        }
        if (data instanceof String[] strings && strings.length == 1) {
            return strings[0];
        }
        if (data instanceof double[] || data instanceof long[]) {
            return data;
        }
        if (data instanceof int[] ints) {
            return java.util.Arrays.stream(ints).asLongStream().toArray();
        }
        if (data instanceof float[] floats) {
            double[] d = new double[floats.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = floats[i];
            }
            return d;
        }
        return null;
    }

    private static Map<String, List<String>> readFilterKeys(HdfFile hdf) {
        Map<String, List<String>> keys = new TreeMap<>();
        if (hdf.getChildren().get("mask") instanceof Group mask) {
            for (Map.Entry<String, Node> e : mask.getChildren().entrySet()) {
                if (e.getValue() instanceof Dataset ds) {
                    List<String> names = new ArrayList<>();
                    Object data = ds.getData();
                    if (data instanceof String[] strings) {
                        names.addAll(List.of(strings));
                    } else if (data instanceof String s) {
                        names.add(s);
                    }
                    names.sort(Comparator.comparingInt(DemoSummary::indexOf).thenComparing(Comparator.naturalOrder()));
                    keys.put(e.getKey(), List.copyOf(names));
                }
            }
        }
        return keys;
    }

    Group demoGroup(String name) throws DatasetException {
        try {
            Node node = ((Group) hdf.getChild("data")).getChild(name);
            if (node instanceof Group g) {
                return g;
            }
        } catch (HdfException e) {
            throw new DatasetException(path, "/data/" + name, "a readable demo group", Hdf5DemoReader.describe(e), e);
        }
        throw new DatasetException(path, "/data/" + name, "a demo group", "nothing by that name");
    }

    /** The {@code data} group (for the curated exporter). */
    Group dataGroup() {
        return (Group) hdf.getChildren().get("data");
    }

    FileChannel channel() {
        return channel;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public long sizeBytes() {
        return size;
    }

    @Override
    public DatasetVariant variant() {
        return variant;
    }

    @Override
    public String suite() {
        return TaskNames.suiteName(path);
    }

    @Override
    public String task() {
        return task;
    }

    @Override
    public String language() {
        return language;
    }

    @Override
    public String languageSource() {
        return languageSource;
    }

    @Override
    public List<DemoSummary> demos() {
        return demos;
    }

    @Override
    public List<CameraInfo> cameras() {
        return demos.stream().filter(DemoSummary::valid).findFirst().or(() -> demos.stream().findFirst())
                .map(DemoSummary::cameras).orElse(List.of());
    }

    @Override
    public Map<String, List<String>> filterKeys() {
        return filterKeys;
    }

    @Override
    public Optional<String> envArgs() {
        Object v = dataAttributes.get("env_args");
        if (v == null) {
            v = dataAttributes.get("env_info");
        }
        return v instanceof String s ? Optional.of(s) : Optional.empty();
    }

    @Override
    public Map<String, Object> dataAttributes() {
        return java.util.Collections.unmodifiableMap(dataAttributes);
    }

    @Override
    public List<DatasetShape> datasetShapes(String demo) throws DatasetException {
        Group group = demoGroup(demo);
        List<Dataset> all = new ArrayList<>();
        try {
            collectDatasets(group, all);
        } catch (HdfException e) {
            throw new DatasetException(path, group.getPath(), "readable datasets", Hdf5DemoReader.describe(e), e);
        }
        String prefix = group.getPath().endsWith("/") ? group.getPath() : group.getPath() + "/";
        return all.stream()
                .map(ds -> new DatasetShape(ds.getPath().substring(prefix.length()), dtypeName(ds.getDataType()),
                        ds.getDimensionsAsLong()))
                .sorted(Comparator.comparing(DatasetShape::path))
                .toList();
    }

    @Override
    public Demo openDemo(String name) throws DatasetException {
        DemoSummary summary = demo(name).orElseThrow(() ->
                new DatasetException(path, "/data/" + name, "one of " + demos.size() + " demos", "no demo named " + name));
        if (!summary.valid()) {
            DatasetProblem first = summary.problems().get(0);
            throw new DatasetException(path, first.hdf5Path(), "a valid demo", first.message());
        }
        return new Hdf5Demo(this, summary, demoGroup(name));
    }

    @Override
    public void close() {
        try {
            hdf.close();
        } catch (RuntimeException ignored) {
            // closing a read-only file cannot lose data
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a read-only file cannot lose data
        }
    }

    @Override
    public String toString() {
        return path + " (" + variant.id() + ", " + demos.size() + " demos)";
    }

    static Map<String, Object> attributesOf(Node node) {
        return new LinkedHashMap<>(readAttributes(node));
    }
}
