package io.vlastudio.dataset.hdf5;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.message.DataLayout;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoSummary;
import io.vlastudio.dataset.Progress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Writes selected steps of demos from LIBERO / robomimic files into a new file of the same layout (one per task):
 * every per-step dataset keeps only the kept steps, with its dtype and trailing shape; the {@code data} group keeps
 * the first source's attributes with {@code num_demos} and {@code total} updated when present; each demo keeps its
 * attributes with {@code num_samples} updated and {@code init_state} set to the first kept state (LIBERO's
 * {@code init_state == states[0]}).
 *
 * <p>What loaders need is completed, not only copied: every demo gets {@code num_samples} and the {@code data} group
 * {@code num_demos} and {@code total}; a source without {@code env_args} or {@code problem_info} (a no-noops
 * regeneration carries no attributes at all) gets a minimal {@code env_args} and a {@code problem_info} holding the
 * language instruction derived from the file name, so robomimic's {@code SequenceDataset} and LIBERO's
 * {@code get_dataset} load the curated file where they could not load its source. A demo whose last kept step is
 * not terminal (trimmed, or its last steps excluded) gets {@code dones = 1} there: offline-RL algorithms read it as
 * the episode's end; {@code rewards} stay as the source recorded them. Bytes are copied in runs of consecutive kept steps, straight from the source's
 * contiguous datasets to the writer's reserved extents, through one reused buffer: memory does not grow with the
 * data (ADR 0020). Sources are only read.
 */
public final class Hdf5DemoCopier {

    /** One demo to copy: its source file (opened by the caller), its name there, the steps to keep and its new name. */
    public record Selection(DemoFile source, String demo, int[] keptSteps, String outputName) {
    }

    /**
     * What a copy added beyond the sources' bytes.
     *
     * @param dataAttributesAdded attributes of {@code data} the source lacked and the copy wrote
     * @param language            the language instruction written into an added {@code problem_info}, or null
     * @param terminalSet         demos whose last kept step was made terminal ({@code dones = 1})
     */
    public record Report(List<String> dataAttributesAdded, String language, int terminalSet) {
        public Report {
            dataAttributesAdded = List.copyOf(dataAttributesAdded);
        }
    }

    /** The {@code env_args} written for a source that has none: the fields robomimic's env utilities read. */
    static final String MINIMAL_ENV_ARGS = "{\"env_name\": \"unknown\", \"type\": 1, \"env_kwargs\": {}, "
            + "\"written_by\": \"VLA Studio curated export: the source file carried no env_args\"}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int BUFFER_BYTES = 8 << 20;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);

    /** Bytes of dataset data a selection will copy (for progress and size estimates). */
    public static long dataBytes(Selection s) throws DatasetException {
        Hdf5DemoFile file = hdf5(s.source());
        Group demo = file.demoGroup(s.demo());
        int length = summary(file, s.demo()).length();
        long bytes = 0;
        List<Dataset> all = new ArrayList<>();
        Hdf5DemoFile.collectDatasets(demo, all);
        for (Dataset ds : all) {
            int[] dims = ds.getDimensions();
            if (dims.length >= 1 && dims[0] == length && length > 0) {
                bytes += ds.getSizeInBytes() / length * s.keptSteps().length;
            } else {
                bytes += ds.getSizeInBytes();
            }
        }
        return bytes;
    }

    /**
     * Writes {@code selections} into {@code writer}'s file as {@code /data/<outputName>} groups.
     *
     * @param progress  data bytes copied out of {@code totalBytes}
     * @param cancelled checked between runs of steps; a cancel throws {@link CancellationException}
     */
    public Report copy(Hdf5Writer writer, List<Selection> selections, long totalBytes, long doneBefore, Progress progress,
                       BooleanSupplier cancelled) throws IOException {
        GroupBuilder data = writer.root().group("data");
        long total = 0;
        for (Selection s : selections) {
            total += s.keptSteps().length;
        }
        List<String> added = new ArrayList<>();
        String language = null;
        if (!selections.isEmpty()) {
            Hdf5DemoFile first = hdf5(selections.get(0).source());
            Map<String, Object> always = new java.util.LinkedHashMap<>();
            always.put("num_demos", (long) selections.size());
            always.put("total", total);
            Set<String> present = copyAttributes(first.path(), first.dataGroup(), data, always, Map.of());
            if (!present.contains("env_args")) {
                data.attribute("env_args", MINIMAL_ENV_ARGS);
                added.add("env_args");
            }
            if (!present.contains("problem_info")) {
                language = first.language();
                Map<String, Object> info = new java.util.LinkedHashMap<>();
                info.put("problem_name", "unknown");
                info.put("domain_name", "robosuite");
                info.put("language_instruction", language);
                info.put("language_source", first.languageSource());
                data.attribute("problem_info", JSON.writeValueAsString(info));
                added.add("problem_info");
            }
            for (String k : always.keySet()) {
                if (!present.contains(k)) {
                    added.add(k);
                }
            }
        }
        long done = doneBefore;
        int terminal = 0;
        for (Selection s : selections) {
            boolean[] madeTerminal = new boolean[1];
            done = copyDemo(data, s, done, Math.max(1, totalBytes), progress, cancelled, madeTerminal);
            terminal += madeTerminal[0] ? 1 : 0;
        }
        return new Report(added, language, terminal);
    }

    private long copyDemo(GroupBuilder data, Selection s, long done, long totalBytes, Progress progress,
                          BooleanSupplier cancelled, boolean[] madeTerminal) throws IOException {
        Hdf5DemoFile file = hdf5(s.source());
        Group demo = file.demoGroup(s.demo());
        int length = summary(file, s.demo()).length();
        int[] kept = s.keptSteps();
        for (int step : kept) {
            if (step < 0 || step >= length) {
                throw new DatasetException(file.path(), "/data/" + s.demo(), "kept steps within 0.." + (length - 1),
                        "step " + step);
            }
        }
        GroupBuilder out = data.group(s.outputName());
        List<Dataset> all = new ArrayList<>();
        try {
            Hdf5DemoFile.collectDatasets(demo, all);
        } catch (HdfException e) {
            throw new DatasetException(file.path(), "/data/" + s.demo(), "readable datasets", Hdf5DemoReader.describe(e), e);
        }
        String prefix = demo.getPath().endsWith("/") ? demo.getPath() : demo.getPath() + "/";
        double[] initState = null;
        for (Dataset ds : all) {
            String key = ds.getPath().startsWith(prefix) ? ds.getPath().substring(prefix.length()) : ds.getName();
            int[] dims = ds.getDimensions();
            Hdf5Type type = type(file.path(), ds);
            boolean perStep = dims.length >= 1 && dims[0] == length;
            long[] shape = new long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                shape[i] = dims[i];
            }
            if (perStep) {
                shape[0] = kept.length;
            }
            DatasetWriter w = out.dataset(key, type, shape);
            if (ds.isEmpty() || w.byteSize() == 0) {
                continue;
            }
            if (ds.getDataLayout() != DataLayout.CONTIGUOUS || !(ds instanceof ContiguousDataset cd)) {
                throw new DatasetException(file.path(), ds.getPath(), "a contiguous dataset (as every LIBERO file has)",
                        ds.getDataLayout() + " storage, which the curated export does not copy yet");
            }
            long address = file.base() + cd.getDataAddress();
            if (!perStep) {
                done = copyBytes(file, address, 0, w, 0, ds.getSizeInBytes(), done, totalBytes, progress, cancelled);
                continue;
            }
            long row = w.rowByteSize();
            int i = 0;
            long target = 0;
            while (i < kept.length) {
                int j = i + 1;
                while (j < kept.length && kept[j] == kept[j - 1] + 1) {
                    j++;
                }
                long bytes = (long) (j - i) * row;
                done = copyBytes(file, address + (long) kept[i] * row, 0, w, target, bytes, done, totalBytes, progress,
                        cancelled);
                target += bytes;
                i = j;
            }
            if (key.equals("dones") && kept.length > 0 && dims.length == 1) {
                madeTerminal[0] = makeTerminal(file, address + (long) kept[kept.length - 1] * row, w, type, kept.length);
            }
            if (key.equals("states") && kept.length > 0 && type == Hdf5Type.FLOAT64 && dims.length == 2) {
                ByteBuffer first = ByteBuffer.allocate((int) row).order(ByteOrder.LITTLE_ENDIAN);
                readFully(file, address + (long) kept[0] * row, first);
                first.flip();
                initState = new double[dims[1]];
                for (int k = 0; k < initState.length; k++) {
                    initState[k] = first.getDouble();
                }
            }
        }
        Map<String, Object> overrides = new java.util.HashMap<>();
        if (initState != null) {
            overrides.put("init_state", initState);
        }
        copyAttributes(file.path(), demo, out, Map.of("num_samples", (long) kept.length), overrides);
        return done;
    }

    /**
     * Sets the last row of a copied {@code dones} to 1 when the source's value at that step is 0 (the curated demo
     * would otherwise end without a terminal step). Returns whether it did.
     */
    private static boolean makeTerminal(Hdf5DemoFile file, long sourceRowAddress, DatasetWriter w, Hdf5Type type, int rows)
            throws IOException {
        int size = (int) w.rowByteSize();
        ByteBuffer source = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, sourceRowAddress, source);
        boolean zero = true;
        for (byte b : source.array()) {
            zero &= b == 0;
        }
        if (!zero) {
            return false;
        }
        ByteBuffer one = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case FLOAT32 -> one.putFloat(1f);
            case FLOAT64 -> one.putDouble(1.0);
            default -> one.put((byte) 1);
        }
        one.clear();
        w.write((long) (rows - 1) * size, one);
        return true;
    }

    private long copyBytes(Hdf5DemoFile file, long sourceAddress, long unused, DatasetWriter w, long targetOffset, long bytes,
                           long done, long totalBytes, Progress progress, BooleanSupplier cancelled) throws IOException {
        long copied = 0;
        while (copied < bytes) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("export cancelled");
            }
            int n = (int) Math.min(BUFFER_BYTES, bytes - copied);
            buffer.clear().limit(n);
            readFully(file, sourceAddress + copied, buffer);
            buffer.flip();
            w.write(targetOffset + copied, buffer);
            copied += n;
            done += n;
            progress.report(Math.min(done, totalBytes), totalBytes, "copying " + w.path());
        }
        return done;
    }

    private static void readFully(Hdf5DemoFile file, long position, ByteBuffer into) throws IOException {
        FileChannel channel = file.channel();
        while (into.hasRemaining()) {
            int n = channel.read(into, position);
            if (n < 0) {
                throw new DatasetException(file.path(), "/", "data up to byte " + (position + into.remaining()),
                        "the end of the file");
            }
            position += n;
        }
    }

    /**
     * Copies every attribute it can represent, replacing those in {@code overrides} that the source has and writing
     * those in {@code always} whether it has them or not. Returns the names of the source's attributes.
     */
    private static Set<String> copyAttributes(Path file, Node from, GroupBuilder to, Map<String, Object> always,
                                              Map<String, Object> overrides) throws DatasetException {
        Map<String, Attribute> attributes;
        try {
            attributes = from.getAttributes();
        } catch (HdfException e) {
            throw new DatasetException(file, from.getPath(), "readable attributes", Hdf5DemoReader.describe(e), e);
        }
        Map<String, Object> values = new java.util.TreeMap<>();
        for (Map.Entry<String, Attribute> e : attributes.entrySet()) {
            String k = e.getKey();
            values.put(k, always.containsKey(k) ? always.get(k)
                    : overrides.containsKey(k) ? overrides.get(k) : Hdf5DemoFile.attributeValue(e.getValue()));
        }
        always.forEach(values::putIfAbsent);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object value = e.getValue();
            if (value instanceof String s) {
                to.attribute(e.getKey(), s);
            } else if (value instanceof Long l) {
                to.attribute(e.getKey(), l);
            } else if (value instanceof Double d) {
                to.attribute(e.getKey(), d);
            } else if (value instanceof double[] d) {
                to.attribute(e.getKey(), d);
            } else if (value instanceof long[] l) {
                to.attribute(e.getKey(), l);
            }
        }
        return attributes.keySet();
    }

    private static Hdf5Type type(Path file, Dataset ds) throws DatasetException {
        DataType t = ds.getDataType();
        if (t instanceof FixedPoint fp && fp.getByteOrder() == ByteOrder.LITTLE_ENDIAN) {
            return switch (fp.getSize() * 10 + (fp.isSigned() ? 1 : 0)) {
                case 11 -> Hdf5Type.INT8;
                case 10 -> Hdf5Type.UINT8;
                case 21 -> Hdf5Type.INT16;
                case 20 -> Hdf5Type.UINT16;
                case 41 -> Hdf5Type.INT32;
                case 40 -> Hdf5Type.UINT32;
                case 81 -> Hdf5Type.INT64;
                case 80 -> Hdf5Type.UINT64;
                default -> throw unsupported(file, ds);
            };
        }
        if (t instanceof FloatingPoint fp && fp.getByteOrder() == ByteOrder.LITTLE_ENDIAN) {
            return switch (fp.getSize()) {
                case 4 -> Hdf5Type.FLOAT32;
                case 8 -> Hdf5Type.FLOAT64;
                default -> throw unsupported(file, ds);
            };
        }
        throw unsupported(file, ds);
    }

    private static DatasetException unsupported(Path file, Dataset ds) {
        return new DatasetException(file, ds.getPath(), "a little-endian integer or float dataset",
                Hdf5DemoFile.dtypeName(ds.getDataType()));
    }

    private static Hdf5DemoFile hdf5(DemoFile f) {
        if (f instanceof Hdf5DemoFile h) {
            return h;
        }
        throw new IllegalArgumentException("the curated export copies files opened by Hdf5DemoReader, got " + f.getClass());
    }

    private static DemoSummary summary(Hdf5DemoFile file, String demo) throws DatasetException {
        return file.demo(demo).orElseThrow(() -> new DatasetException(file.path(), "/data/" + demo, "a demo named " + demo,
                "no such demo"));
    }
}
