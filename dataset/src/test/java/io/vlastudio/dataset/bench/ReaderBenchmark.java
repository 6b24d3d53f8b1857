package io.vlastudio.dataset.bench;

import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.DatasetScanner;
import io.vlastudio.dataset.FileGuard;
import io.vlastudio.dataset.FileReads;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.DemoFile;
import io.vlastudio.dataset.DemoSummary;
import io.vlastudio.dataset.FileInspection;
import io.vlastudio.dataset.FileInspector;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.dataset.Progress;
import io.vlastudio.dataset.hdf5.Hdf5DemoReader;
import io.vlastudio.dataset.stats.NoOpDetector;
import io.vlastudio.dataset.stats.StatisticsCalculator;
import io.vlastudio.dataset.testing.CountingFileChannel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * The reader benchmark ({@code mvn -Pbench -pl dataset verify}; see {@code docs/benchmarks.md}). Not a test:
 * surefire never runs it. In one run, on the same files, it times the studio's reader and h5py and reports
 * h5py's time divided by ours (above 1: we are faster):
 * <ul>
 *   <li>one-frame reads: {@code Demo.frame(camera, step, RAW)} vs {@code ds[step]}, and
 *       {@code Demo.frame(camera, step, RAW, into)} vs h5py's faster of {@code ds[step]} and {@code read_direct};
 *       contiguous 128² and 256², gzip-chunked 128²; random order (a shuffled pass over every frame, so chunk
 *       caches never hit) and sequential scrub; {@value #ROUNDS} alternating rounds, each side's best;</li>
 *   <li>open-to-first-frame of a 50-demo file (run 1 of the JVM, median, from a dropped page cache);</li>
 *   <li>a metadata scan of 130 files through {@code DatasetScanner.inspect} (what {@code inspect} runs, several
 *       files at once; also one at a time, and both processes' CPU), and whether it reads pixel bytes: every byte
 *       range the reader reads is logged through {@link CountingFileChannel} and intersected with the camera
 *       datasets' byte ranges as h5py reports them, with a positive control that reads one frame per demo; the
 *       page-cache residency of those ranges is shown beside it (that one includes kernel read-ahead).</li>
 * </ul>
 * Arguments: {@code [bench-files-folder [results.md]]}, defaults {@code target/bench-files} and
 * {@code target/bench-results.md}. Needs Linux and {@code /usr/bin/python3} with h5py and numpy.
 */
public final class ReaderBenchmark {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final String SCRIPT = "bench/make_bench_files.py";
    static final String CAMERA = "agentview";
    static final String CAMERA_DATASET = "agentview_rgb";
    static final int READS = 2000;
    static final int ROUNDS = 3;
    static final int WARMUP = 3000;
    static final long SEED = 20240611L;
    static final int OPEN_RUNS = 10;
    static final int SCAN_RUNS = 3;
    static final int CONTROL_FILES = 10;
    static final double OPEN_TARGET_MS = 500;

    record Read(String demo, int step) {
    }

    record Case(String id, String label, Path file, List<String> demos, List<Read> warmup, List<Read> random,
                List<Read> scrub, double minRatio, String target) {
    }

    record Timing(double medianUs, double meanUs, int n) {
        static Timing of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
            double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
            return new Timing(median / 1e3, mean / 1e3, n);
        }
    }

    /** Timings per row: random, scrub, random_into, scrub_into (the "_into" rows reuse one array). */
    record FrameResult(Map<String, Timing> rows, List<Long> crc32, long frameBytes) {
    }

    static final List<String> FRAME_ROWS = List.of("random", "scrub", "random_into", "scrub_into");

    record Row(String measurement, String ours, String h5py, String ratio, String target, String result) {
    }

    private final Path dir;
    private final Path script;
    private final Hdf5DemoReader reader = new Hdf5DemoReader();
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Object> raw = new LinkedHashMap<>();
    private long sink;

    private ReaderBenchmark(Path dir, Path script) {
        this.dir = dir;
        this.script = script;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench-files").toAbsolutePath();
        Path results = Path.of(args.length > 1 ? args[1] : "target/bench-results.md").toAbsolutePath();
        Files.createDirectories(dir);
        Path script = dir.resolve("make_bench_files.py");
        try (InputStream in = ReaderBenchmark.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException("missing test resource " + SCRIPT);
            }
            Files.write(script, in.readAllBytes());
        }
        new ReaderBenchmark(dir, script).run(results);
    }

    private void run(Path results) throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException(PYTHON + " is missing: install python3, python3-h5py and python3-numpy");
        }
        log("bench files in " + dir + " (generated once, reused while the script's VERSION is unchanged)");
        python(true, "make", dir.toString());

        Path file128 = dir.resolve("contiguous_128/task_demo.hdf5");
        // 1. open-to-first-frame, first thing in this JVM so that run 1 includes class loading and a cold JIT
        prewarm(file128);
        double[] open = timeOpen(file128);

        // 2. one-frame reads
        List<Case> cases = List.of(
                plan("contiguous_128", "contiguous 128x128", file128, 0, 1.0, ">= 1.0 (as fast as h5py)"),
                plan("contiguous_256", "contiguous 256x256", dir.resolve("contiguous_256/task_demo.hdf5"), 1, 1.0,
                        ">= 1.0 (as fast as h5py)"),
                plan("gzip_128", "gzip 128x128, 1 frame/chunk", dir.resolve("gzip_128/task_demo.hdf5"), 2, 1 / 1.5,
                        ">= 0.67 (within 1.5x of h5py)"));
        Path framesPlan = dir.resolve("plan-frames.json");
        Path restPlan = dir.resolve("plan-open-scan.json");
        writePlan(framesPlan, cases, null);
        writePlan(restPlan, List.of(), file128);
        // rounds alternate between the two readers, so that load from elsewhere on the machine hits both alike;
        // each side's best round (lowest median) is reported
        List<Map<String, FrameResult>> ours = new ArrayList<>();
        List<Map<String, Object>> pyFrames = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            Map<String, FrameResult> o = new LinkedHashMap<>();
            for (Case c : cases) {
                prewarm(c.file());
                o.put(c.id(), timeFrames(c, round));
            }
            ours.add(o);
            log("round " + round + ": timing h5py on the same reads");
            for (Case c : cases) {
                prewarm(c.file());
            }
            pyFrames.add(MiniJson.object(MiniJson.parse(python(false, "time", dir.toString(), framesPlan.toString())), "frames"));
        }

        // 3. metadata scan of 130 files, and the pixel-byte accounting
        Path scanFolder = dir.resolve("scan/libero_bench");
        List<Path> scanFiles = new DatasetScanner(reader).findFiles(List.of(scanFolder));
        Map<String, Object> scan = timeScan(scanFiles);

        // 4. h5py's open-to-first-frame and scan, in this run
        log("timing h5py: open-to-first-frame and the scan");
        Map<String, Object> py = asMap(MiniJson.parse(python(false, "time", dir.toString(), restPlan.toString())));

        report(cases, ours, pyFrames, open, scan, py);
        writeResults(results);
        System.out.println("\nresults written to " + results);
        if (sink == 42) {
            System.out.println();
        }
    }

    // ------------------------------------------------------------------------------------------- frame reads

    private Case plan(String id, String label, Path file, int salt, double minRatio, String target) throws DatasetException {
        List<String> demos = new ArrayList<>();
        List<Read> all = new ArrayList<>();
        List<Read> scrub = new ArrayList<>();
        try (DemoFile f = reader.open(file)) {
            for (DemoSummary d : f.demos()) {
                demos.add(d.name());
                for (int s = 0; s < d.length(); s++) {
                    all.add(new Read(d.name(), s));
                }
            }
        }
        // random: every frame of the file in a seeded shuffled order (wrapping with a new shuffle when the file
        // has fewer than READS frames), so a read almost never finds its chunk or page already fetched
        List<Read> random = new ArrayList<>(READS);
        Random rnd = new Random(SEED + salt);
        while (random.size() < READS) {
            List<Read> pass = new ArrayList<>(all);
            Collections.shuffle(pass, rnd);
            random.addAll(pass.subList(0, Math.min(pass.size(), READS - random.size())));
        }
        // scrub: demo_0 step 0, 1, 2, ... then the next demo, as when playing demos through
        for (int k = 0; scrub.size() < READS; k++) {
            scrub.add(all.get(k % all.size()));
        }
        // warm-up: frame 0 of every demo (opens every camera source), then WARMUP reads in another random order
        List<Read> warmup = new ArrayList<>();
        demos.forEach(d -> warmup.add(new Read(d, 0)));
        Random warm = new Random(SEED + 100 + salt);
        while (warmup.size() < demos.size() + WARMUP) {
            List<Read> shuffled = new ArrayList<>(all);
            Collections.shuffle(shuffled, warm);
            warmup.addAll(shuffled.subList(0, Math.min(shuffled.size(), demos.size() + WARMUP - warmup.size())));
        }
        return new Case(id, label, file, demos, warmup, random, scrub, minRatio, target);
    }

    private FrameResult timeFrames(Case c, int round) throws DatasetException {
        log("round " + round + ": timing our reader: " + c.label());
        try (DemoFile file = reader.open(c.file())) {
            Map<String, Demo> demos = new LinkedHashMap<>();
            for (String d : c.demos()) {
                demos.put(d, file.openDemo(d));
            }
            timeReads(demos, c.warmup(), false);
            timeReads(demos, c.warmup(), true);
            Map<String, Timing> rows = new LinkedHashMap<>();
            for (String row : FRAME_ROWS) {
                rows.put(row, Timing.of(timeReads(demos, row.startsWith("random") ? c.random() : c.scrub(), row.endsWith("_into"))));
            }
            List<Long> crc = new ArrayList<>();
            long frameBytes = 0;
            for (Read r : c.random().subList(0, 5)) {
                Frame f = demos.get(r.demo()).frame(CAMERA, r.step(), Orientation.RAW);
                CRC32 crc32 = new CRC32();
                crc32.update(f.rgb());
                crc.add(crc32.getValue());
                frameBytes = f.rgb().length;
            }
            return new FrameResult(rows, crc, frameBytes);
        }
    }

    /** Per read, the time of {@code frame(camera, step, RAW)}, or with {@code into}, of the same into one reused array. */
    private long[] timeReads(Map<String, Demo> demos, List<Read> reads, boolean into) throws DatasetException {
        long[] nanos = new long[reads.size()];
        byte[] reuse = null;
        for (int i = 0; i < nanos.length; i++) {
            Read r = reads.get(i);
            Demo demo = demos.get(r.demo());
            if (into && reuse == null) {
                var cam = demo.cameras().stream().filter(k -> k.name().equals(CAMERA)).findFirst().orElseThrow();
                reuse = new byte[cam.height() * cam.width() * 3];
            }
            long t0 = System.nanoTime();
            Frame f = into ? demo.frame(CAMERA, r.step(), Orientation.RAW, reuse) : demo.frame(CAMERA, r.step(), Orientation.RAW);
            long t1 = System.nanoTime();
            nanos[i] = t1 - t0;
            sink += f.rgb()[(r.step() * 7919) % f.rgb().length];
        }
        return nanos;
    }

    // ------------------------------------------------------------------------------------ open to first frame

    /** first run (ms), median of OPEN_RUNS (ms), one run after the file was dropped from the page cache (ms). */
    private double[] timeOpen(Path file) throws Exception {
        log("timing open-to-first-frame: " + file.getFileName() + " x" + OPEN_RUNS + ", then once from a cold page cache");
        long[] nanos = new long[OPEN_RUNS];
        for (int i = 0; i < OPEN_RUNS; i++) {
            nanos[i] = openFirstFrame(file);
        }
        System.gc(); // unmap the previous runs' frame windows so that eviction can drop their pages
        python(false, "evict", file.toString());
        long cold = openFirstFrame(file);
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double median = OPEN_RUNS % 2 == 1 ? sorted[OPEN_RUNS / 2] : (sorted[OPEN_RUNS / 2 - 1] + sorted[OPEN_RUNS / 2]) / 2.0;
        return new double[] {nanos[0] / 1e6, median / 1e6, cold / 1e6};
    }

    private long openFirstFrame(Path file) throws DatasetException {
        long t0 = System.nanoTime();
        DemoFile f = new Hdf5DemoReader().open(file);
        Frame frame = f.openDemo("demo_0").frame(CAMERA, 0, Orientation.RAW);
        long t1 = System.nanoTime();
        sink += frame.rgb()[0];
        f.close();
        return t1 - t0;
    }

    // -------------------------------------------------------------------------------------- metadata scan

    private Map<String, Object> timeScan(List<Path> files) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        Path rangesFile = dir.resolve("scan_ranges.json");
        python(false, "ranges", files.get(0).getParent().toString(), rangesFile.toString());
        Map<Path, long[][]> cameraRanges = cameraRanges(rangesFile);
        log("scan: dropping the " + files.size() + " scan files from the page cache, then scanning");
        evict(files);
        CountingFileChannel.Log reads = new CountingFileChannel.Log();
        Hdf5DemoReader counting = new Hdf5DemoReader(CountingFileChannel.opener(reads));
        long[] io0 = procSelfIo();
        long t0 = System.nanoTime();
        long[] counts = scanOnce(counting, files, FileReads.defaultThreads());
        long coldNanos = System.nanoTime() - t0;
        long[] io1 = procSelfIo();
        Map<String, Object> resident = asMap(MiniJson.parse(python(false, "resident", rangesFile.toString())));
        out.put("files", files.size());
        out.put("demos", counts[0]);
        out.put("steps", counts[1]);
        out.put("cold_s", coldNanos / 1e9);
        out.put("requested_reads", reads.count());
        out.put("requested_bytes", reads.totalBytes());
        out.put("requested_pixel_bytes", overlap(reads, cameraRanges));
        out.put("pixel_bytes", MiniJson.number(resident, "pixel_bytes"));
        out.put("rchar", io1[0] - io0[0]);
        out.put("read_bytes", io1[1] - io0[1]);
        out.put("page_cache_after_scan", resident);

        // positive control: the same two accountings, after reading one frame (step T/2) of every demo of some files
        List<Path> control = files.subList(0, Math.min(CONTROL_FILES, files.size()));
        evict(control);
        CountingFileChannel.Log controlReads = new CountingFileChannel.Log();
        Hdf5DemoReader controlReader = new Hdf5DemoReader(CountingFileChannel.opener(controlReads));
        long controlFrames = 0;
        long controlFrameBytes = 0;
        for (Path p : control) {
            try (DemoFile f = controlReader.open(p)) {
                for (DemoSummary d : f.demos()) {
                    Frame frame = f.openDemo(d.name()).frame(CAMERA, d.length() / 2, Orientation.RAW);
                    sink += frame.rgb()[0];
                    controlFrames++;
                    controlFrameBytes += frame.rgb().length;
                }
            }
        }
        List<String> controlArgs = new ArrayList<>(List.of("resident", rangesFile.toString()));
        control.forEach(p -> controlArgs.add(p.toString()));
        Map<String, Object> controlResident = asMap(MiniJson.parse(python(false, controlArgs.toArray(String[]::new))));
        out.put("control_frames", controlFrames);
        out.put("control_frame_bytes", controlFrameBytes);
        out.put("control_requested_pixel_bytes", overlap(controlReads, cameraRanges));
        out.put("control_page_cache", controlResident);

        // warm runs: the files' metadata now in the page cache, as in h5py's timing. The scan is timed through
        // DatasetScanner.inspect, the path `vla-studio inspect` runs (index reads files through the same
        // FileReads): with its default number of reading threads, and with one, alternating; process CPU beside
        int threads = FileReads.defaultThreads();
        long[] warm = new long[SCAN_RUNS];
        long[] warmCpu = new long[SCAN_RUNS];
        long[] single = new long[SCAN_RUNS];
        long[] singleCpu = new long[SCAN_RUNS];
        for (int i = 0; i < SCAN_RUNS; i++) {
            long c = processCpuNanos();
            long s = System.nanoTime();
            scanOnce(reader, files, threads);
            warm[i] = System.nanoTime() - s;
            warmCpu[i] = processCpuNanos() - c;
            c = processCpuNanos();
            s = System.nanoTime();
            scanOnce(reader, files, 1);
            single[i] = System.nanoTime() - s;
            singleCpu[i] = processCpuNanos() - c;
        }
        out.put("threads", threads);
        out.put("warm_median_s", median(warm) / 1e9);
        out.put("warm_cpu_median_s", median(warmCpu) / 1e9);
        out.put("single_median_s", median(single) / 1e9);
        out.put("single_cpu_median_s", median(singleCpu) / 1e9);
        return out;
    }

    private static long median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    /** CPU time of this whole process (every thread: readers, JIT, GC), as h5py's {@code time.process_time}. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The byte ranges of every camera dataset, per file, as h5py reports them ({@code make_bench_files.py ranges}). */
    private static Map<Path, long[][]> cameraRanges(Path rangesFile) throws IOException {
        Map<Path, long[][]> out = new LinkedHashMap<>();
        Map<String, Object> json = asMap(MiniJson.parse(Files.readString(rangesFile)));
        json.forEach((file, list) -> {
            List<?> ranges = (List<?>) list;
            long[][] r = new long[ranges.size()][];
            for (int i = 0; i < r.length; i++) {
                List<?> pair = (List<?>) ranges.get(i);
                r[i] = new long[] {((Double) pair.get(0)).longValue(), ((Double) pair.get(1)).longValue()};
            }
            Arrays.sort(r, (a, b) -> Long.compare(a[0], b[0]));
            out.put(Path.of(file).toAbsolutePath().normalize(), r);
        });
        return out;
    }

    /** Bytes of the logged reads that fall inside camera datasets. */
    private static long overlap(CountingFileChannel.Log log, Map<Path, long[][]> cameraRanges) {
        long total = 0;
        for (Path file : log.ranges().keySet()) {
            long[][] ranges = cameraRanges.get(file);
            if (ranges == null) {
                throw new IllegalStateException("no camera ranges for " + file);
            }
            total += log.bytesInside(file, Arrays.asList(ranges));
        }
        return total;
    }

    /**
     * What {@code vla-studio inspect} does for every file (open, demo list and lengths, actions statistics), through
     * the same call: {@link DatasetScanner#inspect}, reading up to {@code threads} files at once.
     */
    private long[] scanOnce(Hdf5DemoReader reader, List<Path> files, int threads) throws DatasetException {
        FileInspector inspector = new FileInspector(new StatisticsCalculator(new NoOpDetector()));
        long[] counts = new long[2];
        DatasetException[] failed = new DatasetException[1];
        new DatasetScanner(reader, new FileGuard(), threads).inspect(files, inspector, Progress.NONE, () -> false, r -> {
            if (!r.ok()) {
                failed[0] = failed[0] == null ? r.error() : failed[0];
                return;
            }
            counts[0] += r.inspection().demoList().size();
            counts[1] += r.inspection().statistics().transitions();
        });
        if (failed[0] != null) {
            throw failed[0];
        }
        return counts;
    }

    /** {@code rchar} (bytes through read syscalls) and {@code read_bytes} (bytes from storage) of this process. */
    private static long[] procSelfIo() {
        long rchar = -1;
        long readBytes = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("rchar:")) {
                    rchar = Long.parseLong(line.substring(6).trim());
                } else if (line.startsWith("read_bytes:")) {
                    readBytes = Long.parseLong(line.substring(11).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: reported as -1
        }
        return new long[] {rchar, readBytes};
    }

    private void evict(List<Path> files) throws Exception {
        List<String> args = new ArrayList<>(List.of("evict"));
        files.forEach(p -> args.add(p.toString()));
        python(false, args.toArray(String[]::new));
    }

    // ------------------------------------------------------------------------------------------- reporting

    private void report(List<Case> cases, List<Map<String, FrameResult>> oursRounds, List<Map<String, Object>> pyRounds,
                        double[] open, Map<String, Object> scan, Map<String, Object> py) {
        boolean identical = true;
        for (Case c : cases) {
            List<FrameResult> o = oursRounds.stream().map(r -> r.get(c.id())).toList();
            List<Map<String, Object>> p = pyRounds.stream().map(r -> MiniJson.object(r, c.id())).toList();
            for (int round = 0; round < o.size(); round++) {
                List<Long> pyCrc = ((List<?>) p.get(round).get("crc32")).stream().map(v -> ((Double) v).longValue()).toList();
                identical &= pyCrc.equals(o.get(round).crc32());
            }
            Map<String, Object> r = new LinkedHashMap<>();
            for (String row : FRAME_ROWS) {
                boolean into = row.endsWith("_into");
                if (into && !c.id().startsWith("contiguous")) {
                    continue;
                }
                List<Timing> ours = o.stream().map(f -> f.rows().get(row)).toList();
                // h5py's counterpart: ds[step]; for the "into" rows, the faster of ds[step] and read_direct into a reused array
                List<Timing> theirs = p.stream().map(m -> {
                    Timing t = pyTiming(MiniJson.object(m, row.replace("_into", "")));
                    if (into) {
                        Timing direct = pyTiming(MiniJson.object(m, row));
                        return direct.medianUs() < t.medianUs() ? direct : t;
                    }
                    return t;
                }).toList();
                Timing best = ours.stream().min((a, b) -> Double.compare(a.medianUs(), b.medianUs())).orElseThrow();
                Timing pyBest = theirs.stream().min((a, b) -> Double.compare(a.medianUs(), b.medianUs())).orElseThrow();
                double ratio = pyBest.medianUs() / best.medianUs();
                rows.add(new Row("frame, " + c.label() + ", " + (row.startsWith("random") ? "random order" : "sequential scrub")
                        + (into ? ", into a reused array" : "") + " (median / mean, µs)",
                        fmt(best.medianUs()) + " / " + fmt(best.meanUs()),
                        fmt(pyBest.medianUs()) + " / " + fmt(pyBest.meanUs()),
                        String.format(Locale.ROOT, "%.2f / %.2f", ratio, pyBest.meanUs() / best.meanUs()),
                        c.target(), ratio >= c.minRatio() ? "PASS" : "FAIL"));
                r.put(row + "_ours_rounds", ours);
                r.put(row + "_h5py_rounds", p.stream().map(m -> pyTiming(MiniJson.object(m, row))).toList());
            }
            r.put("frame_bytes", o.get(0).frameBytes());
            r.put("h5py_file", Map.of("compression", String.valueOf(p.get(0).get("compression")),
                    "chunks", String.valueOf(p.get(0).get("chunks")), "compression_ratio", String.valueOf(p.get(0).get("compression_ratio"))));
            raw.put("frames_" + c.id(), r);
        }
        rows.add(new Row("frames identical to h5py's (CRC32 of the first 5 random reads, every case and round)",
                identical ? "yes" : "NO", "", "", "identical", identical ? "PASS" : "FAIL"));

        Map<String, Object> po = MiniJson.object(py, "open");
        String[] openNames = {"open to first frame, 50-demo file: run 1 of the JVM (ms)",
            "open to first frame, 50-demo file: median of " + OPEN_RUNS + " (ms)",
            "open to first frame, 50-demo file: page cache dropped first (ms)"};
        String[] openKeys = {"first_ms", "median_ms", "cold_cache_ms"};
        for (int i = 0; i < 3; i++) {
            double p = MiniJson.number(po, openKeys[i]);
            rows.add(new Row(openNames[i], fmt(open[i]), fmt(p), String.format(Locale.ROOT, "%.3f", p / open[i]),
                    "< 500 ms", open[i] < OPEN_TARGET_MS ? "PASS" : "FAIL"));
        }
        raw.put("open_ms", Map.of("first", open[0], "median", open[1], "cold_cache", open[2]));
        raw.put("open_h5py", po);

        Map<String, Object> ps = MiniJson.object(py, "scan");
        double pyWarm = MiniJson.number(ps, "median_s");
        double warm = (Double) scan.get("warm_median_s");
        double pyCpu = MiniJson.number(ps, "cpu_median_s");
        double single = (Double) scan.get("single_median_s");
        double warmCpu = (Double) scan.get("warm_cpu_median_s");
        double singleCpu = (Double) scan.get("single_cpu_median_s");
        rows.add(new Row("metadata scan, " + scan.get("files") + " files / " + scan.get("demos") + " demos: page cache warm, median of "
                + SCAN_RUNS + " (s); ours: `DatasetScanner.inspect` as `inspect`/`index` run it, " + scan.get("threads")
                + " files at once; h5py: its single-threaded `scan_one` loop", fmt3(warm), fmt3(pyWarm),
                String.format(Locale.ROOT, "%.2f", pyWarm / warm), ">= 1.0", pyWarm / warm >= 1.0 ? "PASS" : "FAIL"));
        rows.add(new Row("metadata scan, the same call reading one file at a time (s)", fmt3(single), fmt3(pyWarm),
                String.format(Locale.ROOT, "%.2f", pyWarm / single), "", ""));
        rows.add(new Row("metadata scan, process CPU (JIT and GC threads included), " + scan.get("threads")
                + " files at once / one at a time (s)", fmt3(warmCpu) + " / " + fmt3(singleCpu), fmt3(pyCpu),
                String.format(Locale.ROOT, "%.2f / %.2f", pyCpu / warmCpu, pyCpu / singleCpu), "", ""));
        rows.add(new Row("metadata scan: page cache dropped first (s)", fmt3((Double) scan.get("cold_s")), "", "", "", ""));
        long requestedPixels = (Long) scan.get("requested_pixel_bytes");
        double pixelBytes = (Double) scan.get("pixel_bytes");
        rows.add(new Row("metadata scan: bytes read inside camera datasets (of " + gib(pixelBytes) + " of pixels)",
                requestedPixels + " B", "", "", "0 (reads no pixel bytes)", requestedPixels == 0 ? "PASS" : "FAIL"));
        rows.add(new Row("metadata scan: all bytes read (reads) / through read() (rchar) / from storage (read_bytes)",
                mib(((Long) scan.get("requested_bytes")).doubleValue()) + " (" + scan.get("requested_reads") + ") / "
                        + mib(((Long) scan.get("rchar")).doubleValue()) + " / " + mib(((Long) scan.get("read_bytes")).doubleValue()),
                "", "", "", ""));
        @SuppressWarnings("unchecked")
        Map<String, Object> after = (Map<String, Object>) scan.get("page_cache_after_scan");
        rows.add(new Row("metadata scan: camera-dataset pages in the page cache afterwards (kernel read-ahead included)",
                mib(MiniJson.number(after, "pixel_resident_bytes")), "", "", "", ""));
        long controlFrames = (Long) scan.get("control_frames");
        long controlBytes = (Long) scan.get("control_frame_bytes");
        long controlRequested = (Long) scan.get("control_requested_pixel_bytes");
        @SuppressWarnings("unchecked")
        Map<String, Object> controlCache = (Map<String, Object>) scan.get("control_page_cache");
        rows.add(new Row("control: reading 1 frame of each of " + controlFrames + " demos (" + controlBytes
                + " B): bytes read inside camera datasets / pages cached",
                controlRequested + " B / " + mib(MiniJson.number(controlCache, "pixel_resident_bytes")), "", "",
                "= frame bytes (accounting sees reads)", controlRequested == controlBytes ? "PASS" : "FAIL"));
        raw.put("scan", scan);
        raw.put("scan_h5py", ps);
        raw.put("h5py_version", py.get("h5py") + " (HDF5 " + py.get("hdf5") + ")");

        System.out.println();
        System.out.println(table());
    }

    private static Timing pyTiming(Map<String, Object> m) {
        return new Timing(MiniJson.number(m, "median_us"), MiniJson.number(m, "mean_us"), (int) MiniJson.number(m, "n"));
    }

    private String table() {
        StringBuilder b = new StringBuilder();
        b.append("ratio = h5py time / our time: above 1 means our reader is faster than h5py.\n");
        b.append("frame rows: ours = Demo.frame(camera, step, RAW) (a new array per frame), h5py = ds[step]; \"into a reused\n");
        b.append("array\" rows: ours = Demo.frame(camera, step, RAW, into), h5py = the faster of ds[step] and\n");
        b.append("ds.read_direct(buf, np.s_[step]). Each side's best of " + ROUNDS + " alternating rounds (lowest median).\n\n");
        b.append("| measurement | ours | h5py | ratio h5py/ours | target | result |\n");
        b.append("|---|---:|---:|---:|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(r.measurement()).append(" | ").append(r.ours()).append(" | ").append(r.h5py())
                    .append(" | ").append(r.ratio()).append(" | ").append(r.target()).append(" | ").append(r.result())
                    .append(" |\n");
        }
        return b.toString();
    }

    private void writeResults(Path results) throws IOException {
        StringBuilder b = new StringBuilder("# Reader benchmark results\n\n");
        b.append("- when: ").append(Instant.now()).append('\n');
        b.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append('\n');
        b.append("- java: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append(", max heap ").append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB\n");
        b.append("- h5py: ").append(raw.get("h5py_version")).append('\n');
        b.append("- files: ").append(dir).append('\n');
        b.append("- rounds: ").append(ROUNDS).append(" (frame rows: each side's round with the lowest median)\n");
        b.append("- reads per row: ").append(READS).append(" (after a warm-up of frame 0 of every demo + ").append(WARMUP)
                .append(" reads), camera ").append(CAMERA_DATASET).append(", Orientation.RAW\n\n");
        b.append(table()).append("\n## Raw figures\n\n```\n");
        raw.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
        b.append("```\n");
        Files.createDirectories(results.getParent());
        Files.writeString(results, b.toString());
    }

    // --------------------------------------------------------------------------------------------- helpers

    /** The plan for the h5py side: the frame cases given, and open + scan when {@code openFile} is given. */
    private void writePlan(Path planFile, List<Case> cases, Path openFile) throws IOException {
        StringBuilder b = new StringBuilder("{");
        if (!cases.isEmpty()) {
            b.append("\"frames\": {");
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                b.append(i == 0 ? "" : ", ").append(MiniJson.quote(c.id())).append(": {\"file\": ")
                        .append(MiniJson.quote(c.file().toString())).append(", \"camera\": ").append(MiniJson.quote(CAMERA_DATASET))
                        .append(", \"demos\": [");
                for (int d = 0; d < c.demos().size(); d++) {
                    b.append(d == 0 ? "" : ", ").append(MiniJson.quote(c.demos().get(d)));
                }
                b.append("], \"warmup\": ").append(reads(c.warmup())).append(", \"random\": ").append(reads(c.random()))
                        .append(", \"scrub\": ").append(reads(c.scrub())).append('}');
            }
            b.append('}');
        }
        if (openFile != null) {
            b.append("\"open\": {\"file\": ").append(MiniJson.quote(openFile.toString())).append(", \"runs\": ").append(OPEN_RUNS)
                    .append("}, \"scan\": {\"folder\": ").append(MiniJson.quote(dir.resolve("scan/libero_bench").toString()))
                    .append(", \"runs\": ").append(SCAN_RUNS).append('}');
        }
        b.append("}\n");
        Files.writeString(planFile, b.toString());
    }

    private static String reads(List<Read> reads) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < reads.size(); i++) {
            b.append(i == 0 ? "" : ", ").append("[\"").append(reads.get(i).demo()).append("\", ").append(reads.get(i).step()).append(']');
        }
        return b.append(']').toString();
    }

    /** Reads the whole file once through read() (no mapping), so both readers start from a warm page cache. */
    private static void prewarm(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            while (ch.read(buf) > 0) {
                buf.clear();
            }
        }
    }

    /** Runs the bench script; returns its stdout. With {@code inherit}, its output goes to the console. */
    private String python(boolean inherit, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (inherit) {
            pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        }
        Process p = pb.start();
        String out = inherit ? "" : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd.subList(0, Math.min(4, cmd.size())));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("bench script failed (" + p.exitValue() + "): " + cmd.subList(0, Math.min(4, cmd.size()))
                    + "\n" + out);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return new LinkedHashMap<>((Map<String, Object>) o);
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fmt3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String mib(double bytes) {
        return bytes < 1 << 20 ? String.format(Locale.ROOT, "%.0f KiB", bytes / 1024) : String.format(Locale.ROOT, "%.1f MiB", bytes / (1 << 20));
    }

    private static String gib(double bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1L << 30));
    }

    private static void log(String message) {
        System.out.println("[bench] " + message);
    }
}
