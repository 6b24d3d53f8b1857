package io.vlastudio.training.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads WorldVLA's training log (worldvla-pipeline §5) line by line: {@code Epoch: [E]  [i/N]} progress lines with
 * meters printed as {@code window (global)}, telling the training pass from the val_ind / val_ood passes (each pass
 * ends with {@code Averaged stats:}; a new epoch number starts training again), {@code Epoch: [E] Total time:}, the
 * studio's pre-tokenize progress, and failures (NaN loss, CUDA out of memory, NCCL, disk full, a Python traceback).
 * Lines may carry torchrun's {@code [default0]:} prefix. One instance per log; not thread-safe.
 *
 * <p>Written for speed (ADR 0050, docs/benchmarks.md): a line is looked at only after a literal prefilter
 * ({@code "Epoch: ["}, {@code "Averaged stats:"}, ...), and meters are read by scanning {@code name: value (global)}
 * tokens separated by two or more blanks, with no regular expression. {@link #parse(Path, Consumer)} reads a whole
 * log with a large byte buffer.
 */
public final class LogParser {

    private static final String EPOCH = "Epoch: [";
    private static final String AVERAGED = "Averaged stats:";
    private static final String PRETOKENIZE = "studio-pretokenize: ";
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
            1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private int epoch = -1;
    private LogEvent.Phase phase = LogEvent.Phase.TRAIN;
    private int trainIterations = -1;
    /** Meter names seen at each position of a line, so a repeated name is not decoded again. */
    private final byte[][] nameBytes = new byte[256][];
    private final String[] names = new String[256];
    private int nameCount;
    private final int[] slotAt = new int[64];

    {
        Arrays.fill(slotAt, -1);
    }

    /** The event a line carries, or null. */
    public LogEvent accept(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return accept(b, 0, b.length);
    }

    /** The event the UTF-8 line {@code b[from, to)} carries (no line terminator), or null. */
    private LogEvent accept(byte[] b, int from, int to) {
        int e = indexOf(b, from, to, EPOCH);
        if (e >= 0) {
            return epochLine(b, e, to);
        }
        int a = indexOf(b, from, to, AVERAGED);
        if (a >= 0) {
            LogEvent.PhaseEnd end = new LogEvent.PhaseEnd(phase, epoch, meters(b, a + AVERAGED.length(), to, null));
            phase = phase == LogEvent.Phase.TRAIN ? LogEvent.Phase.VAL_IND : LogEvent.Phase.VAL_OOD;
            return end;
        }
        if (startsWith(b, from, to, PRETOKENIZE)) {
            return records(b, from + PRETOKENIZE.length(), to);
        }
        return candidate(b, from, to) ? failure(new String(b, from, to - from, StandardCharsets.UTF_8)) : null;
    }

    /**
     * Parses a whole log file from its start, handing every event to {@code sink} in order. Reads bytes through a
     * 1 MiB buffer and never decodes a whole line unless it names a failure; returns the number of lines read.
     */
    public static long parse(Path log, Consumer<LogEvent> sink) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            return new LogParser().parse(in, sink);
        }
    }

    /** As {@link #parse(Path, Consumer)}, from a stream (this parser's phase state carries on). */
    public long parse(InputStream in, Consumer<LogEvent> sink) throws IOException {
        byte[] buf = new byte[1 << 20];
        int filled = 0;
        int scanned = 0;
        long lines = 0;
        while (true) {
            int n = in.read(buf, filled, buf.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
            int start = 0;
            for (int nl = newline(buf, scanned, filled); nl >= 0; nl = newline(buf, nl + 1, filled)) {
                lines++;
                line(buf, start, nl, sink);
                start = nl + 1;
            }
            if (start == 0 && filled == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
                scanned = filled;
                continue;
            }
            System.arraycopy(buf, start, buf, 0, filled - start);
            filled -= start;
            scanned = filled;
        }
        if (filled > 0) {
            lines++;
            line(buf, 0, filled, sink);
        }
        return lines;
    }

    /** The index of the first '\n' in b[from, to), or -1; eight bytes at a time. */
    private static int newline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long t = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void line(byte[] b, int from, int to, Consumer<LogEvent> sink) {
        if (to > from && b[to - 1] == '\r') {
            to--;
        }
        LogEvent e = accept(b, from, to);
        if (e != null) {
            sink.accept(e);
        }
    }

    /**
     * Whether a line may name a failure: it holds one of the literals {@link #failure} looks for. Every such literal
     * starts with one of {@code L C O N n T}.
     */
    private static boolean candidate(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            switch (b[i]) {
                case 'L':
                    if (at(b, i, to, "Loss is ")) {
                        return true;
                    }
                    break;
                case 'C':
                    if (at(b, i, to, "CUDA out of memory")) {
                        return true;
                    }
                    break;
                case 'O':
                    if (at(b, i, to, "OutOfMemoryError")) {
                        return true;
                    }
                    break;
                case 'N':
                    if (at(b, i, to, "NCCL") || at(b, i, to, "No space left on device")) {
                        return true;
                    }
                    break;
                case 'n':
                    if (at(b, i, to, "nccl")) {
                        return true;
                    }
                    break;
                case 'T':
                    if (i == from && at(b, i, to, "Traceback")) {
                        return true;
                    }
                    break;
                default:
                    break;
            }
        }
        return false;
    }

    private static boolean at(byte[] b, int i, int to, String lit) {
        int n = lit.length();
        if (to - i < n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (b[i + k] != lit.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int from, int to, String lit) {
        return at(b, from, to, lit);
    }

    /** The first index of an ASCII literal in b[from, to), or -1. */
    private static int indexOf(byte[] b, int from, int to, String lit) {
        byte first = (byte) lit.charAt(0);
        int last = to - lit.length();
        for (int i = from; i <= last; i++) {
            if (b[i] == first && at(b, i, to, lit)) {
                return i;
            }
        }
        return -1;
    }

    private LogEvent epochLine(byte[] b, int at, int to) {
        int p = at + EPOCH.length();
        int d = digits(b, p, to);
        if (d == p || d >= to || b[d] != ']') {
            return null;
        }
        int ep = parseInt(b, p, d);
        p = d + 1;
        if (at(b, p, to, " Total time: ")) {
            int s = p + 13;
            int t = s;
            while (t < to && !blank(b[t])) {
                t++;
            }
            return t > s ? new LogEvent.EpochEnd(ep, new String(b, s, t - s, StandardCharsets.UTF_8)) : null;
        }
        int q = p;
        while (q < to && blank(b[q])) {
            q++;
        }
        if (q == p || q >= to || b[q] != '[') {
            return null;
        }
        q++;
        while (q < to && blank(b[q])) {
            q++;
        }
        int i0 = q;
        q = digits(b, q, to);
        if (q == i0 || q >= to || b[q] != '/') {
            return null;
        }
        int it = parseInt(b, i0, q);
        int n0 = ++q;
        q = digits(b, q, to);
        if (q == n0 || q >= to || b[q] != ']') {
            return null;
        }
        int n = parseInt(b, n0, q);
        if (ep != epoch) {
            epoch = ep;
            phase = LogEvent.Phase.TRAIN;
        }
        if (phase == LogEvent.Phase.TRAIN) {
            trainIterations = n;
        } else if (n == trainIterations && it == 0 && indexOf(b, q, to, "lr: ") >= 0) {
            phase = LogEvent.Phase.TRAIN; // a training pass after a log that lacked its Averaged stats line
        }
        MeterMap global = new MeterMap();
        Map<String, Double> window = meters(b, q + 1, to, global);
        return new LogEvent.Progress(phase, ep, it, n, window, global);
    }

    private static int digits(byte[] b, int i, int to) {
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }

    private static int parseInt(byte[] b, int from, int to) {
        if (to - from > 9) {
            // throws for an absurd number, as the first (regex) version did
            return Integer.parseInt(new String(b, from, to - from, StandardCharsets.US_ASCII));
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    /** Java's {@code \s} less '\n' (never inside a line): space, tab, VT, FF, CR. */
    private static boolean blank(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /**
     * The meters of b[from, to): parts separated by two or more blanks, each {@code name: value} or
     * {@code name: value (global)}; parts of another shape and values that are not numbers are skipped.
     */
    private Map<String, Double> meters(byte[] b, int from, int to, MeterMap global) {
        MeterMap out = new MeterMap();
        int end = to;
        while (end > from && b[end - 1] >= 0 && b[end - 1] <= ' ') {
            end--;
        }
        int i = from;
        while (i < end && b[i] >= 0 && b[i] <= ' ') {
            i++;
        }
        int k = 0;
        while (i < end) {
            int j = usualPart(b, i, end, k, out, global);
            if (j < 0) {
                j = i;
                while (j < end && !(blank(b[j]) && j + 1 < end && blank(b[j + 1]))) {
                    j++;
                }
                part(b, i, j, k, out, global);
            }
            k++;
            i = j;
            while (i < end && blank(b[i])) {
                i++;
            }
        }
        return out;
    }

    /**
     * The usual part at {@code from}, {@code name: value} or {@code name: value (global)} followed by two blanks or
     * the end, read in one pass; returns where it ends, or -1 for any other shape ({@link #part} then decides).
     */
    private int usualPart(byte[] b, int from, int end, int k, MeterMap out, MeterMap global) {
        int c = from + 1;
        while (true) {
            if (c + 2 >= end) {
                return -1;
            }
            byte x = b[c];
            if (x == ':') {
                if (b[c + 1] == ' ') {
                    break;
                }
            } else if (blank(x) && blank(b[c + 1])) {
                return -1;
            }
            c++;
        }
        int v = c + 2;
        int ve = v;
        while (ve < end && !blank(b[ve])) {
            ve++;
        }
        if (ve == v) {
            return -1;
        }
        int partEnd;
        int gs = -1;
        int ge = -1;
        if (ve == end || blank(b[ve + 1])) { // end is trimmed, so a blank at ve has a byte after it
            partEnd = ve;
        } else if (b[ve] == ' ' && b[ve + 1] == '(') {
            gs = ve + 2;
            int g = gs;
            while (g < end && !blank(b[g])) {
                g++;
            }
            if (g - 1 <= gs || b[g - 1] != ')' || (g < end && !blank(b[g + 1]))) {
                return -1;
            }
            ge = g - 1;
            partEnd = g;
        } else {
            return -1;
        }
        double w = number(b, v, ve);
        if (w == w || nan(b, v, ve)) {
            String name = name(b, from, c, k);
            out.put(name, w);
            if (global != null && gs >= 0) {
                double g = number(b, gs, ge);
                if (g == g || nan(b, gs, ge)) {
                    global.put(name, g);
                }
            }
        }
        return partEnd;
    }

    /** One part [from, to): the first {@code ": "} after which the rest is {@code value} or {@code value (global)}. */
    private void part(byte[] b, int from, int to, int k, MeterMap out, MeterMap global) {
        for (int c = from + 1; c + 2 < to; c++) {
            if (b[c] != ':' || b[c + 1] != ' ') {
                continue;
            }
            int v = c + 2;
            int ve = v;
            while (ve < to && !blank(b[ve])) {
                ve++;
            }
            int gs = -1;
            int ge = -1;
            boolean ok = ve > v;
            if (ok && ve < to) {
                // the rest must be " (global)" with no blank inside
                ok = b[ve] == ' ' && ve + 3 < to && b[ve + 1] == '(' && b[to - 1] == ')';
                if (ok) {
                    gs = ve + 2;
                    ge = to - 1;
                    for (int x = gs; x < ge; x++) {
                        if (blank(b[x])) {
                            ok = false;
                            break;
                        }
                    }
                }
            }
            if (ok) {
                double w = number(b, v, ve);
                if (w == w || nan(b, v, ve)) {
                    String name = name(b, from, c, k);
                    out.put(name, w);
                    if (global != null && gs >= 0) {
                        double g = number(b, gs, ge);
                        if (g == g || nan(b, gs, ge)) {
                            global.put(name, g);
                        }
                    }
                }
                return;
            }
        }
    }

    /** The meter name b[from, to) at position k of its line, each distinct name decoded once. */
    private String name(byte[] b, int from, int to, int k) {
        if (k < slotAt.length) {
            int slot = slotAt[k];
            if (slot >= 0 && Arrays.equals(nameBytes[slot], 0, nameBytes[slot].length, b, from, to)) {
                return names[slot];
            }
        }
        for (int i = 0; i < nameCount; i++) { // e.g. a validation line has no lr, so its names sit one place earlier
            if (Arrays.equals(nameBytes[i], 0, nameBytes[i].length, b, from, to)) {
                remember(k, i);
                return names[i];
            }
        }
        String name = new String(b, from, to - from, StandardCharsets.UTF_8);
        if (nameCount < names.length) {
            nameBytes[nameCount] = Arrays.copyOfRange(b, from, to);
            names[nameCount] = name;
            remember(k, nameCount++);
        }
        return name;
    }

    private void remember(int k, int slot) {
        if (k < slotAt.length) {
            slotAt[k] = slot;
        }
    }

    /** Whether b[from, to) is a NaN Python or Java prints ({@code nan}, {@code NaN}, signed). */
    private static boolean nan(byte[] b, int from, int to) {
        String t = new String(b, from, to - from, StandardCharsets.UTF_8);
        return t.equalsIgnoreCase("nan") || t.equals("+NaN") || t.equals("-NaN") || t.equals("NaN");
    }

    /**
     * A number as Python prints it: plain decimals fast and exact, anything else through Double.parseDouble;
     * NaN also when it is not a number at all (tell the two apart with {@link #nan}).
     */
    private static double number(byte[] b, int from, int to) {
        int i = from;
        boolean neg = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            neg = b[i] == '-';
            i++;
        }
        long m = 0;
        int nd = 0;
        int frac = -1;
        boolean plain = i < to;
        for (; i < to; i++) {
            byte ch = b[i];
            if (ch >= '0' && ch <= '9') {
                m = m * 10 + (ch - '0');
                if (++nd > 15) {
                    plain = false;
                    break;
                }
                if (frac >= 0) {
                    frac++;
                }
            } else if (ch == '.' && frac < 0) {
                frac = 0;
            } else {
                plain = false;
                break;
            }
        }
        if (plain && nd > 0) {
            // m < 10^15 < 2^53 and 10^frac (frac <= 15) are exact doubles, so one division rounds exactly as
            // Double.parseDouble does
            double v = frac > 0 ? m / POW10[frac] : m;
            return neg ? -v : v;
        }
        String t = new String(b, from, to - from, StandardCharsets.UTF_8);
        switch (t.toLowerCase()) {
            case "nan":
                return Double.NaN;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
        }
    }

    private static LogEvent.Records records(byte[] b, int p, int to) {
        int d = digits(b, p, to);
        if (d == p || d >= to || b[d] != '/') {
            return null;
        }
        int t = digits(b, d + 1, to);
        if (t == d + 1) {
            return null;
        }
        try {
            return new LogEvent.Records(Long.parseLong(new String(b, p, d - p, StandardCharsets.US_ASCII)),
                    Long.parseLong(new String(b, d + 1, t - d - 1, StandardCharsets.US_ASCII)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A failure the line names, or null. */
    public static LogEvent.Failure failure(String line) {
        if (line.contains("Loss is ") && (line.contains("ERROR") || line.contains("stopping training"))) {
            return new LogEvent.Failure(LogEvent.Failure.Kind.NAN_LOSS, line.strip());
        }
        if (line.contains("CUDA out of memory") || line.contains("OutOfMemoryError")) {
            return new LogEvent.Failure(LogEvent.Failure.Kind.CUDA_OOM, line.strip());
        }
        if (line.contains("NCCL error") || line.contains("ncclInternalError") || line.contains("ncclSystemError")
                || line.contains("NCCL WARN") || line.contains("ncclUnhandledCudaError")) {
            return new LogEvent.Failure(LogEvent.Failure.Kind.NCCL, line.strip());
        }
        if (line.contains("No space left on device")) {
            return new LogEvent.Failure(LogEvent.Failure.Kind.DISK_FULL, line.strip());
        }
        if (line.startsWith("Traceback (most recent call last)")) {
            return new LogEvent.Failure(LogEvent.Failure.Kind.PYTHON_ERROR, line.strip());
        }
        return null;
    }
}
