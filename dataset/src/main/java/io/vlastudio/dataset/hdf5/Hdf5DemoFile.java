package io.vlastudio.dataset.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.links.ExternalLink;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An HDF5 demonstration file opened by {@link Hdf5DemoReader}. */
final class Hdf5DemoFile implements DemoFile {

    private static final int MAX_ATTRIBUTE_CHARS = 4096;

    /** Attributes over this many bytes are never read (a mutated file can declare a 256 MB string). */
    static final long MAX_ATTRIBUTE_BYTES = 1 << 20;
    /** {@code model_file} (MuJoCo XML, about 70 KB in LIBERO) may be larger than other attributes. */
    static final long MAX_MODEL_FILE_BYTES = 64L << 20;

    /** Opens the target of an external link ({@code null}: external links are reported, not followed). */
    @FunctionalInterface
    interface ExternalOpener {
        Hdf5DemoFile open(Path file) throws DatasetException;
    }

    /** A demo that is an external link: the file it lives in and its name there. */
    private record External(Hdf5DemoFile file, String demo) {
    }

    private final Path path;
    private final FileChannel channel;
    private final HdfFile hdf;
    private final long base;
    private final long size;
    private final DatasetVariant variant;
    private final String task;
    private final String language;
    private final String languageSource;
    private final List<DemoSummary> demos;
    private final Map<String, Group> demoGroups;
    private final Map<String, External> externals;
    private final List<DatasetProblem> warnings;
    private final Map<String, List<String>> filterKeys;
    private final Map<String, Object> dataAttributes;
    /** Each demo's {@code actions} as the lean walk found it (contiguous), for reads without jHDF. */
    private final Map<String, LeanGroupWalk.Entry> leanActions;
    /** Every dataset of each demo the lean walk summarised (its shapes, without a jHDF walk). */
    private final Map<String, List<LeanGroupWalk.Entry>> leanEntries;

    private Hdf5DemoFile(Path path, FileChannel channel, HdfFile hdf, long base, long size, DatasetVariant variant,
                         String task, String language, String languageSource, List<DemoSummary> demos,
                         Map<String, Group> demoGroups, Map<String, External> externals, List<DatasetProblem> warnings,
                         Map<String, List<String>> filterKeys, Map<String, Object> dataAttributes,
                         Map<String, LeanGroupWalk.Entry> leanActions, Map<String, List<LeanGroupWalk.Entry>> leanEntries) {
        this.path = path;
        this.channel = channel;
        this.hdf = hdf;
        this.base = base;
        this.size = size;
        this.variant = variant;
        this.task = task;
        this.language = language;
        this.languageSource = languageSource;
        this.demos = demos;
        this.demoGroups = demoGroups;
        this.externals = externals;
        this.warnings = warnings;
        this.filterKeys = filterKeys;
        this.dataAttributes = dataAttributes;
        this.leanActions = leanActions;
        this.leanEntries = leanEntries;
    }

    /**
     * Reads a file's structure.
     *
     * @param base      the base address (data addresses are relative to it; after a user block, if any)
     * @param metadataChannel the channel the lean walk reads structure through ({@link LeanGroupWalk}); null:
     *                  every demo is walked by jHDF
     * @param externals opens the files external-link demos point to; {@code null} to report them instead
     */
    static Hdf5DemoFile open(Path path, FileChannel channel, FileChannel metadataChannel, HdfFile hdf, long base,
                             ExternalOpener externals) throws IOException {
        return open(path, channel, metadataChannel, metadataChannel, hdf, base, externals);
    }

    /** {@link #open}; {@code listingChannel}: what the lean walk lists {@code /data} through (jHDF's cached one). */
    static Hdf5DemoFile open(Path path, FileChannel channel, FileChannel metadataChannel, FileChannel listingChannel,
                             HdfFile hdf, long base, ExternalOpener externals) throws IOException {
        Node dataNode = hdf.getChildren().get("data");
        if (dataNode instanceof io.jhdf.links.SoftLink link) {
            dataNode = resolve(link);
        }
        if (!(dataNode instanceof Group data)) {
            String found = dataNode == null ? "top-level entries " + hdf.getChildren().keySet() : "a dataset named 'data'";
            throw new DatasetException.MissingDataGroupException(path, found);
        }
        long size = channel.size();
        Set<Long> outside = Set.of(hdf.getAddress(), data.getAddress());
        List<DatasetProblem> warnings = new ArrayList<>();
        List<DemoSummary> demos = new ArrayList<>();
        Map<String, Group> demoGroups = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, External> external = new LinkedHashMap<>();
        Map<String, LeanGroupWalk.Entry> leanActions = new HashMap<>();
        LeanGroupWalk leanWalk = metadataChannel == null ? null : new LeanGroupWalk(metadataChannel, listingChannel, base, size);
        Map<String, List<LeanGroupWalk.Entry>> leanEntries = new HashMap<>();
        // plain h5py structure: every demo listed and summarised from the file's bytes, no jHDF node made
        Map<String, Long> leanMembers = leanWalk == null ? null : leanWalk.members(data.getAddress());
        if (leanMembers != null) {
            for (Map.Entry<String, Long> member : leanMembers.entrySet()) {
                String name = member.getKey();
                if (DemoSummary.indexOf(name) < 0) {
                    continue;
                }
                List<LeanGroupWalk.Entry> lean = leanWalk.walk(member.getValue(), outside);
                if (lean == null) {
                    leanMembers = null; // not plain after all: jHDF lists and summarises every demo below
                    demos.clear();
                    leanActions.clear();
                    leanEntries.clear();
                    break;
                }
                leanEntries.put(name, lean);
                demos.add(summariseLean(path, size, base, name, lean, leanActions));
            }
        }
        try {
            for (Map.Entry<String, Node> child : leanMembers != null ? Map.<String, Node>of().entrySet()
                    : data.getChildren().entrySet()) {
                String name = child.getKey();
                if (DemoSummary.indexOf(name) < 0) {
                    continue;
                }
                String demoPath = "/data/" + name;
                Node node = child.getValue();
                if (node instanceof ExternalLink link) {
                    demos.add(externalDemo(path, name, link, externals, external));
                    continue;
                }
                if (node instanceof Link link) {
                    node = resolve(link);
                    if (node == null) {
                        demos.add(brokenDemo(name, new DatasetException(path, demoPath, "a demo group",
                                "a soft link to " + link.getTargetPath() + ", which does not resolve")));
                        continue;
                    }
                }
                if (node instanceof Group demo) {
                    demoGroups.put(name, demo);
                    List<LeanGroupWalk.Entry> lean = leanWalk == null ? null : leanWalk.walk(demo.getAddress(), outside);
                    if (lean != null) {
                        leanEntries.put(name, lean);
                        demos.add(summariseLean(path, size, base, name, lean, leanActions));
                    } else {
                        demos.add(summarise(path, size, base, name, demo, outside, warnings));
                    }
                } else if (node instanceof Dataset) {
                    demos.add(brokenDemo(name, new DatasetException(path, demoPath, "a demo group", "a dataset")));
                }
            }
            if (demos.isEmpty()) {
                throw new DatasetException.NoDemosException(path, data.getChildren().isEmpty()
                        ? "an empty 'data' group" : "only " + data.getChildren().keySet());
            }
        } catch (IOException | RuntimeException | Error e) {
            external.values().forEach(x -> x.file().close());
            throw e;
        }
        demos.sort(Comparator.comparingInt(DemoSummary::index).thenComparing(DemoSummary::name));

        Map<String, Object> attributes = readAttributes(path, "/data", data, warnings);
        Map<String, List<String>> filterKeys = readFilterKeys(path, hdf, base, size, warnings);
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
        return new Hdf5DemoFile(path, channel, hdf, base, size, variant, task, language, languageSource, List.copyOf(demos),
                demoGroups, external, List.copyOf(warnings), filterKeys, attributes, leanActions, leanEntries);
    }

    private static Node resolve(Link link) {
        try {
            return link.getTarget();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static DemoSummary brokenDemo(String name, DatasetException problem) {
        return new DemoSummary(name, DemoSummary.indexOf(name), "/data/" + name, 0, List.of(),
                List.of(DatasetProblem.of(problem, name)));
    }

    /** A demo that is an external link: listed from the target file when it opens, else with the reason it does not. */
    private static DemoSummary externalDemo(Path path, String name, ExternalLink link, ExternalOpener opener,
                                            Map<String, External> external) {
        String demoPath = "/data/" + name;
        String targetFile = externalFile(link);
        String target = link.getTargetPath();
        if (target.startsWith(targetFile + ":")) {
            target = target.substring(targetFile.length() + 1); // jHDF gives "file:/path"
        }
        String described = "an external link to " + targetFile + ":" + target;
        if (opener == null) {
            return brokenDemo(name, new DatasetException(path, demoPath, "a demo group",
                    described + " inside a file reached by an external link (not followed further)"));
        }
        Path file = path.toAbsolutePath().getParent().resolve(targetFile).normalize();
        if (!java.nio.file.Files.isRegularFile(file)) {
            return brokenDemo(name, new DatasetException(path, demoPath, "a demo group",
                    described + "; " + file + " does not exist"));
        }
        String targetDemo = target.startsWith("/data/") ? target.substring("/data/".length()) : null;
        if (targetDemo == null || targetDemo.contains("/")) {
            return brokenDemo(name, new DatasetException(path, demoPath, "a demo group",
                    described + ", which is not a /data/demo_N group"));
        }
        Hdf5DemoFile opened;
        try {
            opened = opener.open(file);
        } catch (DatasetException e) {
            return brokenDemo(name, new DatasetException(path, demoPath, "a readable external link target",
                    described + ": " + e.getMessage()));
        }
        Optional<DemoSummary> summary = opened.demo(targetDemo);
        if (summary.isEmpty()) {
            opened.close();
            return brokenDemo(name, new DatasetException(path, demoPath, "a demo group",
                    described + ", which has no such demo"));
        }
        external.put(name, new External(opened, targetDemo));
        DemoSummary s = summary.get();
        return new DemoSummary(name, DemoSummary.indexOf(name), s.hdf5Path(), s.length(), s.cameras(), s.problems());
    }

    private static String externalFile(ExternalLink link) {
        String text = link.toString();
        // jHDF's ExternalLink keeps the file name private; its toString is "ExternalLink [name=..., targetFile=..., targetPath=...]"
        int from = text.indexOf("targetFile=");
        if (from < 0) {
            return text;
        }
        from += "targetFile=".length();
        int to = text.indexOf(", targetPath=", from);
        return to < 0 ? text.substring(from) : text.substring(from, to);
    }

    private static DemoSummary summarise(Path path, long fileSize, long base, String name, Group demo,
                                         Set<Long> outside, List<DatasetProblem> warnings) {
        String demoPath = "/data/" + name;
        List<DatasetProblem> problems = new ArrayList<>();
        GroupWalk walk;
        try {
            walk = GroupWalk.of(demo, demoPath, outside);
        } catch (RuntimeException e) {
            return brokenDemo(name, new DatasetException(path, demoPath, "readable groups and datasets",
                    Hdf5DemoReader.describe(e), e));
        }
        for (String note : walk.notes()) {
            warnings.add(new DatasetProblem(path, name, demoPath, -1, "structure", path + " at " + demoPath + ": " + note));
        }
        Dataset actions = walk.dataset("actions");
        long length = 0;
        if (actions != null && isNumeric(actions.getDataType())) {
            long[] dims = actions.getDimensionsAsLong();
            length = dims.length > 0 ? dims[0] : 0;
            if (dims.length != 2 || dims[1] != 7) {
                problems.add(DatasetProblem.of(new DatasetException.ActionShapeException(path, demoPath + "/actions",
                        StorageCheck.shape(actions) + " " + dtypeName(actions.getDataType())), name));
            }
            if (length > Integer.MAX_VALUE) {
                problems.add(DatasetProblem.of(new DatasetException(path, demoPath + "/actions", "fewer than 2^31 steps",
                        StorageCheck.format(length) + " steps"), name));
            }
        } else {
            String found = actions == null ? "no 'actions' dataset" : "a dataset of type " + dtypeName(actions.getDataType());
            problems.add(DatasetProblem.of(new DatasetException.ActionShapeException(path, demoPath + "/actions", found), name));
        }
        List<CameraInfo> cameras = new ArrayList<>();
        for (GroupWalk.Entry entry : walk.datasets()) {
            Dataset ds = entry.dataset();
            String dsPath = demoPath + "/" + entry.path();
            try {
                long[] dims = ds.getDimensionsAsLong();
                if (problems.isEmpty() && !ds.isScalar() && dims.length > 0 && dims[0] != length) {
                    problems.add(DatasetProblem.of(new DatasetException.LengthMismatchException(path, dsPath, length, dims[0]), name));
                }
                StorageCheck.requireStored(path, dsPath, ds, base, fileSize);
                if (isCamera(ds) && entry.parentName().equals("obs") && dims[1] <= 1 << 16 && dims[2] <= 1 << 16) {
                    cameras.add(new CameraInfo(CameraInfo.cameraName(entry.name()), entry.name(), (int) dims[1], (int) dims[2]));
                }
            } catch (DatasetException e) {
                problems.add(DatasetProblem.of(e, name));
            } catch (RuntimeException e) {
                problems.add(DatasetProblem.of(new DatasetException(path, dsPath, "a readable dataset",
                        Hdf5DemoReader.describe(e), e), name));
            }
        }
        cameras.sort(Comparator.comparing(CameraInfo::name));
        return new DemoSummary(name, DemoSummary.indexOf(name), demoPath, (int) Math.min(length, Integer.MAX_VALUE),
                cameras, problems);
    }

    /**
     * {@link #summarise} from the lean walk's entries (plain h5py structure, contiguous datasets): the same
     * checks and messages, without jHDF parsing every object header.
     */
    private static DemoSummary summariseLean(Path path, long fileSize, long base, String name,
                                             List<LeanGroupWalk.Entry> entries,
                                             Map<String, LeanGroupWalk.Entry> leanActions) {
        String demoPath = "/data/" + name;
        List<DatasetProblem> problems = new ArrayList<>();
        LeanGroupWalk.Entry actions = null;
        for (LeanGroupWalk.Entry e : entries) {
            if (e.path().equals("actions")) {
                actions = e;
                break;
            }
        }
        long length = 0;
        if (actions != null && actions.numeric()) {
            long[] dims = actions.dims();
            length = dims.length > 0 ? dims[0] : 0;
            if (dims.length != 2 || dims[1] != 7) {
                problems.add(DatasetProblem.of(new DatasetException.ActionShapeException(path, demoPath + "/actions",
                        actions.shape() + " " + actions.dtypeName()), name));
            }
            if (length > Integer.MAX_VALUE) {
                problems.add(DatasetProblem.of(new DatasetException(path, demoPath + "/actions", "fewer than 2^31 steps",
                        StorageCheck.format(length) + " steps"), name));
            }
        } else {
            String found = actions == null ? "no 'actions' dataset" : "a dataset of type " + actions.dtypeName();
            problems.add(DatasetProblem.of(new DatasetException.ActionShapeException(path, demoPath + "/actions", found), name));
        }
        List<CameraInfo> cameras = new ArrayList<>();
        for (LeanGroupWalk.Entry e : entries) {
            String dsPath = demoPath + "/" + e.path();
            long[] dims = e.dims();
            try {
                if (problems.isEmpty() && dims.length > 0 && dims[0] != length) {
                    problems.add(DatasetProblem.of(new DatasetException.LengthMismatchException(path, dsPath, length, dims[0]), name));
                }
                StorageCheck.requireStored(path, dsPath, e.shape(), e.declaredBytes(), e.address(), base, fileSize);
                if (dims.length == 4 && dims[3] == 3 && e.typeClass() == LeanGroupWalk.Entry.FIXED && e.typeSize() == 1
                        && e.parentName().equals("obs") && dims[1] <= 1 << 16 && dims[2] <= 1 << 16) {
                    cameras.add(new CameraInfo(CameraInfo.cameraName(e.name()), e.name(), (int) dims[1], (int) dims[2]));
                }
            } catch (DatasetException x) {
                problems.add(DatasetProblem.of(x, name));
            }
        }
        if (actions != null && problems.isEmpty() && actions.ieeeFloat()) {
            leanActions.put(name, actions);
        }
        cameras.sort(Comparator.comparing(CameraInfo::name));
        return new DemoSummary(name, DemoSummary.indexOf(name), demoPath, (int) Math.min(length, Integer.MAX_VALUE),
                cameras, problems);
    }

    /** {@code actions} of a demo as the lean walk found it (contiguous, IEEE float, stored), if it did. */
    LeanGroupWalk.Entry leanActions(String demo) {
        return externals.containsKey(demo) ? null : leanActions.get(demo);
    }


    /** Every dataset under {@code group}, walked once (cycles and depth bounded, see {@link GroupWalk}). */
    static void collectDatasets(Group group, List<Dataset> out) {
        for (GroupWalk.Entry e : GroupWalk.of(group, group.getName(), Set.of()).datasets()) {
            out.add(e.dataset());
        }
    }

    static boolean isCamera(Dataset ds) {
        long[] dims = ds.getDimensionsAsLong();
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

    /**
     * The node's attributes as strings and numbers, leaving out strings over 4 KB and, without reading them,
     * attributes that declare more than {@link #MAX_ATTRIBUTE_BYTES} (each of those is a warning).
     */
    private static Map<String, Object> readAttributes(Path file, String nodePath, Node node, List<DatasetProblem> warnings) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Attribute> e : node.getAttributes().entrySet()) {
            Object value;
            try {
                value = boundedValue(file, nodePath, e.getValue(), MAX_ATTRIBUTE_BYTES);
            } catch (DatasetException x) {
                if (warnings != null) {
                    warnings.add(new DatasetProblem(file, null, x.hdf5Path(), -1, "attribute", x.getMessage()));
                }
                continue;
            } catch (RuntimeException x) {
                continue; // an attribute jHDF cannot decode: not one the studio uses
            }
            if (value instanceof String s && s.length() > MAX_ATTRIBUTE_CHARS) {
                continue;
            }
            if (value != null) {
                out.put(e.getKey(), value);
            }
        }
        return out;
    }

    /**
     * The bytes an attribute's value takes once read: its element count times its element size, or for
     * variable-length strings the lengths recorded in its raw data (the strings themselves live in the global
     * heap and are only read by {@link Attribute#getData()}).
     */
    static long attributeBytes(Attribute attribute) {
        long elements = Math.max(1, attribute.getSize());
        if (attribute.getDataType() instanceof VariableLength vlen) {
            java.nio.ByteBuffer raw = attribute.getBuffer().duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int stride = vlen.getSize();
            long total = 0;
            for (long i = 0; i < elements; i++) {
                long at = i * stride;
                if (stride < 4 || at + 4 > raw.limit()) {
                    return Long.MAX_VALUE; // raw data shorter than the declared elements: a damaged attribute
                }
                total += Integer.toUnsignedLong(raw.getInt((int) at));
            }
            return total;
        }
        long bytes = attribute.getDataType().getSize();
        return elements > Long.MAX_VALUE / Math.max(1, bytes) ? Long.MAX_VALUE : elements * bytes;
    }

    /** {@link #attributeValue} after checking that the attribute declares at most {@code limit} bytes. */
    static Object boundedValue(Path file, String nodePath, Attribute attribute, long limit) throws DatasetException {
        long bytes = attributeBytes(attribute);
        if (bytes > limit) {
            throw new DatasetException(file, nodePath + "@" + attribute.getName(), "an attribute of at most "
                    + StorageCheck.format(limit) + " bytes", (bytes == Long.MAX_VALUE ? "a damaged size"
                    : StorageCheck.format(bytes) + " bytes") + "; not read");
        }
        return attributeValue(attribute);
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

    private static Map<String, List<String>> readFilterKeys(Path path, HdfFile hdf, long base, long size,
                                                            List<DatasetProblem> warnings) {
        Map<String, List<String>> keys = new TreeMap<>();
        if (hdf.getChildren().get("mask") instanceof Group mask) {
            for (Map.Entry<String, Node> e : mask.getChildren().entrySet()) {
                if (e.getValue() instanceof Dataset ds) {
                    String dsPath = "/mask/" + e.getKey();
                    List<String> names = new ArrayList<>();
                    Object data;
                    try {
                        StorageCheck.requireStored(path, dsPath, ds, base, size);
                        if (StorageCheck.declaredBytes(ds) > MAX_ATTRIBUTE_BYTES * 16) {
                            throw new DatasetException(path, dsPath, "a list of demo names of at most 16 MB",
                                    StorageCheck.format(StorageCheck.declaredBytes(ds)) + " bytes; not read");
                        }
                        data = ds.getData();
                    } catch (DatasetException x) {
                        warnings.add(new DatasetProblem(path, null, dsPath, -1, "filter_key", x.getMessage()));
                        continue;
                    } catch (RuntimeException x) {
                        warnings.add(new DatasetProblem(path, null, dsPath, -1, "filter_key", path + " at " + dsPath
                                + ": expected a readable list of demo names, found " + Hdf5DemoReader.describe(x)));
                        continue;
                    }
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
        External x = externals.get(name);
        if (x != null) {
            return x.file().demoGroup(x.demo());
        }
        Group g = demoGroups.get(name);
        if (g != null) {
            return g;
        }
        if (leanEntries.containsKey(name)) {
            // listed by the lean walk: jHDF's node is made when first needed (frames, other arrays, attributes)
            try {
                if (dataGroup().getChildren().get(name) instanceof Group group) {
                    demoGroups.put(name, group);
                    return group;
                }
            } catch (HdfException e) {
                throw new DatasetException(path, "/data/" + name, "a readable demo group", Hdf5DemoReader.describe(e), e);
            }
        }
        throw new DatasetException(path, "/data/" + name, "a demo group", "nothing by that name");
    }

    /** The base address: data addresses in the file are relative to it (it is after the user block, if any). */
    long base() {
        return base;
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
        List<LeanGroupWalk.Entry> lean = externals.containsKey(demo) ? null : leanEntries.get(demo);
        if (lean != null) {
            return lean.stream().map(e -> new DatasetShape(e.path(), e.dtypeName(), e.dims().clone()))
                    .sorted(Comparator.comparing(DatasetShape::path))
                    .toList();
        }
        Group group = demoGroup(demo);
        GroupWalk walk;
        try {
            walk = GroupWalk.of(group, "/data/" + demo, Set.of());
        } catch (HdfException e) {
            throw new DatasetException(path, "/data/" + demo, "readable datasets", Hdf5DemoReader.describe(e), e);
        }
        return walk.datasets().stream()
                .map(e -> new DatasetShape(e.path(), dtypeName(e.dataset().getDataType()), e.dataset().getDimensionsAsLong()))
                .sorted(Comparator.comparing(DatasetShape::path))
                .toList();
    }

    @Override
    public List<DatasetProblem> problems() {
        List<DatasetProblem> all = new ArrayList<>(warnings);
        demos.forEach(d -> all.addAll(d.problems()));
        return all;
    }

    @Override
    public Demo openDemo(String name) throws DatasetException {
        DemoSummary summary = demo(name).orElseThrow(() ->
                new DatasetException(path, "/data/" + name, "one of " + demos.size() + " demos", "no demo named " + name));
        if (!summary.valid()) {
            DatasetProblem first = summary.problems().get(0);
            throw new DatasetException(path, first.hdf5Path(), "a valid demo", first.message());
        }
        External x = externals.get(name);
        if (x != null) {
            return new Hdf5Demo(x.file(), summary, x.demo(), x.file().leanActions(x.demo()),
                    x.file().leanEntries.get(x.demo()));
        }
        return new Hdf5Demo(this, summary, name, leanActions.get(name), leanEntries.get(name));
    }

    @Override
    public void close() {
        externals.values().forEach(x -> x.file().close());
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
        return new LinkedHashMap<>(readAttributes(node.getFileAsPath(), node.getName(), node, null));
    }
}
