package io.vlastudio.dataset.hdf5;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.message.DataLayout;
import io.vlastudio.dataset.CameraInfo;
import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoSummary;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A demo of an {@link Hdf5DemoFile}: lazy per-step arrays, one frame at a time. */
final class Hdf5Demo implements Demo {

    private final Hdf5DemoFile file;
    private final DemoSummary summary;
    /** The demo's name in {@link #file} (an external link's target name there); its jHDF group on first use. */
    private final String groupName;
    private Group group;
    private final Map<String, double[][]> arrays = new HashMap<>();
    private final Map<String, FrameSource> frameSources = new HashMap<>();
    /** The demo's datasets by path and its low-dim keys: walked with jHDF on first use (see {@link #walk()}). */
    private Map<String, Dataset> datasets;
    private List<String> lowDimKeys;
    private final LeanGroupWalk.Entry leanActions;

    /** @param leanActions the demo's actions as the file's lean walk found them, or null */
    Hdf5Demo(Hdf5DemoFile file, DemoSummary summary, String groupName, LeanGroupWalk.Entry leanActions,
             List<LeanGroupWalk.Entry> leanEntries) throws DatasetException {
        this.file = file;
        this.summary = summary;
        this.groupName = groupName;
        this.leanActions = leanActions;
        if (leanActions != null && leanEntries != null) {
            // the same keys, filter and order as the jHDF walk below gives
            this.lowDimKeys = leanEntries.stream()
                    .filter(e -> e.numeric() && e.dims().length >= 1 && e.dims().length <= 2)
                    .map(LeanGroupWalk.Entry::path)
                    .sorted(Comparator.comparing((String k) -> k.equals("actions") ? 0 : k.contains("/") ? 2 : 1)
                            .thenComparing(Comparator.naturalOrder()))
                    .toList();
        }
        if (leanActions == null) {
            walk(); // a demo the lean walk did not read: jHDF's walk now, its problems reported here as before
        }
    }

    /**
     * Walks the demo's datasets with jHDF, once. A demo whose actions the file's lean walk found (see
     * {@link LeanGroupWalk}) is walked only when something other than its actions is asked for: reading
     * every demo's actions (a metadata scan) then parses no dataset header with jHDF.
     */
    private synchronized void walk() throws DatasetException {
        if (datasets != null) {
            return;
        }
        GroupWalk walk;
        try {
            walk = GroupWalk.of(group(), summary.hdf5Path(), java.util.Set.of());
        } catch (HdfException e) {
            throw new DatasetException(file.path(), summary.hdf5Path(), "readable datasets", Hdf5DemoReader.describe(e), e);
        }
        Map<String, Dataset> found = new HashMap<>();
        walk.datasets().forEach(e -> found.putIfAbsent(e.path(), e.dataset()));
        this.lowDimKeys = walk.datasets().stream()
                .filter(e -> !Hdf5DemoFile.isCamera(e.dataset()) && Hdf5DemoFile.isNumeric(e.dataset().getDataType()))
                .filter(e -> e.dataset().getDimensionsAsLong().length >= 1 && e.dataset().getDimensionsAsLong().length <= 2)
                .map(GroupWalk.Entry::path)
                .sorted(Comparator.comparing((String k) -> k.equals("actions") ? 0 : k.contains("/") ? 2 : 1)
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        this.datasets = found;
    }

    private synchronized Group group() throws DatasetException {
        if (group == null) {
            group = file.demoGroup(groupName);
        }
        return group;
    }

    @Override
    public DemoSummary summary() {
        return summary;
    }

    @Override
    public synchronized double[][] actions() throws DatasetException {
        LeanGroupWalk.Entry lean = leanActions;
        if (lean != null && !arrays.containsKey("actions")) {
            String dsPath = summary.hdf5Path() + "/actions";
            long[] dims = lean.dims();
            long declared = lean.declaredBytes();
            if (declared > StorageCheck.MAX_ARRAY_BYTES) {
                throw new DatasetException(file.path(), dsPath, "an array of at most "
                        + StorageCheck.format(StorageCheck.MAX_ARRAY_BYTES) + " bytes",
                        lean.shape() + ", " + StorageCheck.format(declared) + " bytes (too large to read into memory)");
            }
            // stored inside the file: checked when the file was opened (the demo would not be valid otherwise)
            arrays.put("actions", NumericArrays.readFloats(file.path(), dsPath, file.channel(),
                    file.base() + lean.address(), (int) dims[0], (int) dims[1], lean.order(), lean.typeSize()));
        }
        return lowDim("actions");
    }

    @Override
    public synchronized List<String> lowDimKeys() {
        if (lowDimKeys != null) {
            return lowDimKeys;
        }
        try {
            walk();
        } catch (DatasetException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return lowDimKeys;
    }

    @Override
    public synchronized double[][] lowDim(String key) throws DatasetException {
        double[][] cached = arrays.get(key);
        if (cached != null) {
            return cached;
        }
        Dataset ds = dataset(key);
        String dsPath = summary.hdf5Path() + "/" + key;
        long[] dims = ds.getDimensionsAsLong();
        if (dims.length < 1 || dims.length > 2 || !Hdf5DemoFile.isNumeric(ds.getDataType())) {
            throw new DatasetException(file.path(), dsPath, "a numeric (T,) or (T,D) array",
                    Hdf5DemoFile.dtypeName(ds.getDataType()) + " " + StorageCheck.shape(ds));
        }
        double[][] values;
        try {
            StorageCheck.requireReadable(file.path(), dsPath, ds);
            StorageCheck.requireStored(file.path(), dsPath, ds, file.base(), file.sizeBytes());
            int rows = (int) dims[0];
            int cols = dims.length == 2 ? (int) dims[1] : 1;
            values = ds.getDataLayout() == DataLayout.CONTIGUOUS && ds instanceof ContiguousDataset cd
                    && NumericArrays.isIeeeFloat(ds.getDataType())
                    ? NumericArrays.readFloats(file.path(), dsPath, file.channel(), file.base() + cd.getDataAddress(),
                            rows, cols, ((io.jhdf.object.datatype.FloatingPoint) ds.getDataType()).getByteOrder(),
                            ds.getDataType().getSize())
                    : NumericArrays.toMatrix(ds.getDataFlat(), rows, cols);
        } catch (HdfException | IllegalArgumentException | ArithmeticException e) {
            throw new DatasetException(file.path(), dsPath, "readable values", Hdf5DemoReader.describe(e), e);
        } catch (StackOverflowError | OutOfMemoryError e) {
            throw Hdf5DemoReader.failure(file.path(), dsPath, e);
        }
        arrays.put(key, values);
        return values;
    }

    private Dataset dataset(String key) throws DatasetException {
        walk();
        Dataset ds = datasets.get(key);
        if (ds != null) {
            return ds;
        }
        throw new DatasetException(file.path(), summary.hdf5Path() + "/" + key, "a dataset", "nothing by that name");
    }

    @Override
    public Frame frame(String camera, int step, Orientation orientation) throws DatasetException {
        return frameSource(camera).frame(step, orientation);
    }

    @Override
    public Frame frame(String camera, int step, Orientation orientation, byte[] into) throws DatasetException {
        return frameSource(camera).frame(step, orientation, java.util.Objects.requireNonNull(into, "into"));
    }

    @Override
    public List<Frame> frames(String camera, int from, int to, Orientation orientation) throws DatasetException {
        FrameSource source = frameSource(camera);
        List<Frame> out = new ArrayList<>(Math.max(0, to - from));
        for (int step = from; step < to; step++) {
            out.add(source.frame(step, orientation));
        }
        return out;
    }

    private synchronized FrameSource frameSource(String camera) throws DatasetException {
        FrameSource source = frameSources.get(camera);
        if (source != null) {
            return source;
        }
        CameraInfo info = summary.cameras().stream().filter(c -> c.name().equals(camera) || c.datasetName().equals(camera))
                .findFirst().orElseThrow(() -> new DatasetException(file.path(), summary.hdf5Path() + "/obs",
                        "a camera named one of " + summary.cameras().stream().map(CameraInfo::name).toList(),
                        "'" + camera + "'"));
        Dataset ds = dataset("obs/" + info.datasetName());
        String dsPath = summary.hdf5Path() + "/obs/" + info.datasetName();
        int steps = summary.length();
        try {
            StorageCheck.requireStored(file.path(), dsPath, ds, file.base(), file.sizeBytes());
            if (ds.getDataLayout() == DataLayout.CONTIGUOUS && ds instanceof ContiguousDataset cd) {
                source = new ContiguousFrameSource(file.path(), dsPath, file.channel(), file.base() + cd.getDataAddress(),
                        steps, info.height(), info.width());
            } else if (ds instanceof ChunkedDataset chunked && ChunkedFrameSource.supports(chunked, info.height(), info.width())) {
                source = new ChunkedFrameSource(file.path(), dsPath, chunked, steps, info.height(), info.width());
            } else {
                source = new SliceFrameSource(file.path(), dsPath, ds, steps, info.height(), info.width());
            }
        } catch (HdfException e) {
            throw new DatasetException(file.path(), dsPath, "a readable camera dataset", Hdf5DemoReader.describe(e), e);
        }
        frameSources.put(camera, source);
        return source;
    }

    @Override
    public Optional<double[]> initState() throws DatasetException {
        Attribute a = attribute("init_state");
        if (a == null) {
            return Optional.empty();
        }
        Hdf5DemoFile.boundedValue(file.path(), summary.hdf5Path(), a, Hdf5DemoFile.MAX_ATTRIBUTE_BYTES);
        return Optional.of(NumericArrays.toDoubles(a.getData()));
    }

    @Override
    public Optional<String> modelFile() throws DatasetException {
        Attribute a = attribute("model_file");
        return a == null ? Optional.empty() : Optional.ofNullable(Hdf5DemoFile.boundedValue(file.path(), summary.hdf5Path(), a,
                Hdf5DemoFile.MAX_MODEL_FILE_BYTES) instanceof String s ? s : null);
    }

    private Attribute attribute(String name) throws DatasetException {
        try {
            return group().getAttribute(name);
        } catch (HdfException e) {
            throw new DatasetException(file.path(), summary.hdf5Path() + "@" + name, "a readable attribute",
                    Hdf5DemoReader.describe(e), e);
        }
    }
}
