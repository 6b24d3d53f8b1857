package io.vlastudio.training.predictions;

import io.vlastudio.dataset.CameraInfo;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One predictions folder (contract C), read and checked against its demo. {@link #open} reads {@code meta.json} and
 * {@code actions.json} and looks at every frame file's PNG header (cheap: no pixels are decoded); frames are decoded
 * one at a time by {@link #frame}. Bad content never throws: a damaged {@code actions.json}, a frame that is not a
 * PNG, one of the wrong size, missing frames or predictions made for a demo of another length are listed by
 * {@link #problems(Demo)}, naming the file, and everything else still loads. Thread-safe.
 *
 * <p>Alignment: {@code frame_<t>.png} is the prediction FOR step t (a rollout from {@code start} writes
 * {@code start+1, start+2, ...}) and is compared with the real frame of step t.
 */
public final class PredictionSet {

    /** What the header of one frame file says. */
    private record FrameFile(Path path, int width, int height, String problem) {
    }

    /** Problems listed one by one before they are summarised. */
    private static final int LISTED = 10;

    private final Path dir;
    private final PredictionMeta meta;
    private final Orientation orientation;
    private final Map<Integer, FrameFile> frames;
    private final SortedSet<Integer> steps;
    private final List<ActionChunk> chunks;
    private final List<String> folderProblems;
    private final List<String> decodeProblems = new CopyOnWriteArrayList<>();

    private PredictionSet(Path dir, PredictionMeta meta, Map<Integer, FrameFile> frames, List<ActionChunk> chunks,
                          List<String> folderProblems) {
        this.dir = dir;
        this.meta = meta;
        this.orientation = Orientation.fromId(meta.orientation());
        this.frames = Collections.unmodifiableMap(frames);
        this.steps = Collections.unmodifiableSortedSet(new TreeSet<>(frames.keySet()));
        this.chunks = List.copyOf(chunks);
        this.folderProblems = List.copyOf(folderProblems);
    }

    /**
     * Opens a predictions folder.
     *
     * @throws IOException only when the folder or its {@code meta.json} cannot be read or is not a predictions
     *                     folder's meta (the message names the file); content problems are {@link #problems(Demo)}
     */
    public static PredictionSet open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": no such predictions folder");
        }
        PredictionMeta meta = PredictionsFolder.readMeta(dir);
        List<String> problems = new ArrayList<>();
        Map<Integer, FrameFile> frames = new TreeMap<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                OptionalInt step = PredictionsFolder.frameStep(name);
                if (step.isPresent()) {
                    frames.put(step.getAsInt(), header(p));
                } else if (name.startsWith("frame_")) {
                    problems.add(name + ": not named frame_NNNNNN.png (six digits, the step), so it is ignored");
                }
            }
        }
        List<ActionChunk> chunks = List.of();
        try {
            chunks = PredictionsFolder.readActions(dir);
        } catch (IOException e) {
            problems.add(e.getMessage() + "; the action chunks are not shown");
        }
        problems.sort(null);
        return new PredictionSet(dir, meta, frames, chunks, problems);
    }

    /** Reads a frame file's PNG signature and IHDR size without decoding its pixels. */
    private static FrameFile header(Path p) {
        String name = p.getFileName().toString();
        byte[] head = new byte[24];
        int n = 0;
        try (InputStream in = Files.newInputStream(p)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return new FrameFile(p, -1, -1, name + ": cannot be read (" + e.getMessage() + ")");
        }
        byte[] read = java.util.Arrays.copyOf(head, n);
        if (!PredictionsFolder.isPng(read)) {
            return new FrameFile(p, -1, -1, name + ": not a PNG (" + PredictionsFolder.describe(read) + ")");
        }
        if (n < 24 || head[12] != 'I' || head[13] != 'H' || head[14] != 'D' || head[15] != 'R') {
            return new FrameFile(p, -1, -1, name + ": a damaged PNG (no image header)");
        }
        ByteBuffer b = ByteBuffer.wrap(head);
        return new FrameFile(p, b.getInt(16), b.getInt(20), null);
    }

    public Path dir() {
        return dir;
    }

    public PredictionMeta meta() {
        return meta;
    }

    /** {@code run · checkpoint · mode}, e.g. {@code run-a · epoch3 · open-loop}. */
    public String label() {
        return meta.run() + " · " + meta.checkpoint() + " · " + meta.mode();
    }

    /** Steps {@code t} with a {@code frame_<t>.png} present (readable or not: see {@link #readable}). */
    public SortedSet<Integer> steps() {
        return steps;
    }

    /** Whether the frame of a step is present and its header looked like a PNG (decoding may still fail). */
    public boolean readable(int step) {
        FrameFile f = frames.get(step);
        return f != null && f.problem() == null;
    }

    /** The file of a step's frame, if present. */
    public Optional<Path> frameFile(int step) {
        FrameFile f = frames.get(step);
        return f == null ? Optional.empty() : Optional.of(f.path());
    }

    /** The orientation of the frames ({@code raw} from {@code vla-studio predict}). */
    public Orientation orientation() {
        return orientation;
    }

    /**
     * The decoded predicted frame FOR step {@code step} (RGB, the orientation of {@link #orientation()}); empty when
     * the folder has no frame for it.
     *
     * @throws IOException naming the file when it is not a PNG or cannot be decoded (also listed by problems())
     */
    public Optional<Frame> frame(int step) throws IOException {
        FrameFile f = frames.get(step);
        if (f == null) {
            return Optional.empty();
        }
        if (f.problem() != null) {
            throw new IOException(f.problem());
        }
        try {
            return Optional.of(PredictionsFolder.readFrame(f.path(), orientation));
        } catch (IOException e) {
            if (!decodeProblems.contains(e.getMessage())) {
                decodeProblems.add(e.getMessage());
            }
            throw e;
        }
    }

    /** The predicted action chunks of {@code actions.json}, by start step (empty when there is none). */
    public List<ActionChunk> chunks() {
        return chunks;
    }

    /**
     * Everything wrong with these predictions for {@code demo}, one message each, naming the file: predictions
     * made for a demo of another name or length, missing frames, frames that are not PNGs or have the wrong size,
     * frames and chunks past the demo's end, a damaged {@code actions.json}, frames that failed to decode. Empty
     * when all is well.
     */
    public List<String> problems(Demo demo) {
        List<String> out = new ArrayList<>(folderProblems);
        if (!meta.demo().equals(demo.name())) {
            out.add("predictions are for " + meta.demo() + ", this is " + demo.name());
        }
        if (meta.length() != demo.length()) {
            out.add("predictions are for a " + meta.length() + "-step demo, this one has " + demo.length() + " steps");
        }
        CameraInfo camera = demo.cameras().stream().filter(c -> c.name().equals(meta.camera())).findFirst().orElse(null);
        if (camera == null) {
            out.add("the demo has no camera '" + meta.camera() + "' to compare the predicted frames with");
        }
        int w = camera != null ? camera.width() : meta.width();
        int h = camera != null ? camera.height() : meta.height();
        String sizeOf = camera != null ? "the demo's " + camera.name() : "meta.json";
        if (camera != null && !frames.isEmpty() && (meta.width() != w || meta.height() != h)) {
            out.add(PredictionsFolder.META + " says the frames are " + meta.width() + "x" + meta.height() + ", the demo's "
                    + camera.name() + " is " + w + "x" + h);
        }
        if (frames.isEmpty()) {
            out.add("no predicted frames (frame_NNNNNN.png) in " + dir);
        }
        int last = demo.length() - 1;
        List<String> past = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (FrameFile f : frames.values()) {
            String name = f.path().getFileName().toString();
            int step = PredictionsFolder.frameStep(name).orElse(-1);
            if (step > last) {
                past.add(name + " is for step " + step + ", past the demo's last step " + last);
            } else if (f.problem() != null) {
                bad.add(f.problem());
            } else if (f.width() != w || f.height() != h) {
                bad.add(name + " is " + f.width() + "x" + f.height() + ", expected " + w + "x" + h + " (" + sizeOf + ")");
            }
        }
        addListed(out, bad, "more frames are unreadable or of the wrong size");
        addListed(out, past, "more frames are past the demo's end");
        List<String> missing = new ArrayList<>();
        int lastPresent = steps.isEmpty() ? -1 : Math.min(last, steps.last());
        for (int t = meta.start() + 1; t <= lastPresent; t++) {
            if (!frames.containsKey(t)) {
                missing.add(PredictionsFolder.frameName(t) + " is missing");
            }
        }
        addListed(out, missing, "more frames are missing");
        List<String> chunkProblems = new ArrayList<>();
        int dims = actionDimensions(demo);
        for (ActionChunk c : chunks) {
            if (c.start() > last) {
                chunkProblems.add(PredictionsFolder.ACTIONS + ": the chunk at step " + c.start() + " is past the demo's last step " + last);
                continue;
            }
            for (double[] row : c.actions()) {
                if (dims > 0 && row.length != dims) {
                    chunkProblems.add(PredictionsFolder.ACTIONS + ": the chunk at step " + c.start() + " has actions of "
                            + row.length + " values, the demo's have " + dims);
                    break;
                }
            }
        }
        addListed(out, chunkProblems, "more action chunks do not fit the demo");
        for (String p : decodeProblems) {
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static int actionDimensions(Demo demo) {
        try {
            double[][] a = demo.actions();
            return a.length == 0 ? 0 : a[0].length;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void addListed(List<String> out, List<String> problems, String more) {
        for (int i = 0; i < Math.min(LISTED, problems.size()); i++) {
            out.add(problems.get(i));
        }
        if (problems.size() > LISTED) {
            out.add("… and " + (problems.size() - LISTED) + " " + more);
        }
    }

    @Override
    public String toString() {
        return label() + " (" + dir + ")";
    }
}
