package io.vlastudio.dataset.hdf5;

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
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Writes selected steps of demos from LIBERO / robomimic files into a new file of the same layout (one per task):
 * every per-step dataset keeps only the kept steps, with its dtype and trailing shape; the {@code data} group keeps
 * the first source's attributes with {@code num_demos} and {@code total} updated when present; each demo keeps its
 * attributes with {@code num_samples} updated and {@code init_state} set to the first kept state (LIBERO's
 * {@code init_state == states[0]}). Bytes are copied in runs of consecutive kept steps, straight from the source's
 * contiguous datasets to the writer's reserved extents, through one reused buffer: memory does not grow with the
 * data (ADR 0020). Sources are only read.
 */
public final class Hdf5DemoCopier {

    /** One demo to copy: its source file (opened by the caller), its name there, the steps to keep and its new name. */
    public record Selection(DemoFile source, String demo, int[] keptSteps, String outputName) {
    }

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
    public void copy(Hdf5Writer writer, List<Selection> selections, long totalBytes, long doneBefore, Progress progress,
                     BooleanSupplier cancelled) throws IOException {
        GroupBuilder data = writer.root().group("data");
        long total = 0;
        for (Selection s : selections) {
            total += s.keptSteps().length;
        }
        if (!selections.isEmpty()) {
            Hdf5DemoFile first = hdf5(selections.get(0).source());
            copyAttributes(first.path(), first.dataGroup(), data, Map.of("num_demos", (long) selections.size(), "total", total));
        }
        long done = doneBefore;
        for (Selection s : selections) {
            done = copyDemo(data, s, done, Math.max(1, totalBytes), progress, cancelled);
        }
    }

    private long copyDemo(GroupBuilder data, Selection s, long done, long totalBytes, Progress progress,
                          BooleanSupplier cancelled) throws IOException {
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
        overrides.put("num_samples", (long) kept.length);
        if (initState != null) {
            overrides.put("init_state", initState);
        }
        copyAttributes(file.path(), demo, out, overrides);
        return done;
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

    /** Copies every attribute it can represent, replacing those in {@code overrides} that the source has. */
    private static void copyAttributes(Path file, Node from, Object to, Map<String, Object> overrides) throws DatasetException {
        Map<String, Attribute> attributes;
        try {
            attributes = from.getAttributes();
        } catch (HdfException e) {
            throw new DatasetException(file, from.getPath(), "readable attributes", Hdf5DemoReader.describe(e), e);
        }
        for (Map.Entry<String, Attribute> e : new java.util.TreeMap<>(attributes).entrySet()) {
            Object value = overrides.containsKey(e.getKey()) ? overrides.get(e.getKey()) : Hdf5DemoFile.attributeValue(e.getValue());
            if (value == null) {
                continue;
            }
            if (to instanceof GroupBuilder g) {
                if (value instanceof String s) {
                    g.attribute(e.getKey(), s);
                } else if (value instanceof Long l) {
                    g.attribute(e.getKey(), l);
                } else if (value instanceof Double d) {
                    g.attribute(e.getKey(), d);
                } else if (value instanceof double[] d) {
                    g.attribute(e.getKey(), d);
                } else if (value instanceof long[] l) {
                    g.attribute(e.getKey(), l);
                }
            }
        }
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
