package io.vlastudio.training.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads WorldVLA's training log (worldvla-pipeline §5) line by line: {@code Epoch: [E]  [i/N]} progress lines with
 * meters printed as {@code window (global)}, telling the training pass from the val_ind / val_ood passes (each pass
 * ends with {@code Averaged stats:}; a new epoch number starts training again), {@code Epoch: [E] Total time:}, the
 * studio's pre-tokenize progress, and failures (NaN loss, CUDA out of memory, NCCL, disk full, a Python traceback).
 * Lines may carry torchrun's {@code [default0]:} prefix. One instance per log; not thread-safe.
 */
public final class LogParser {

    private static final Pattern HEADER = Pattern.compile("Epoch: \\[(\\d+)]\\s+\\[\\s*(\\d+)/(\\d+)]");
    private static final Pattern TOTAL = Pattern.compile("Epoch: \\[(\\d+)] Total time: (\\S+)");
    private static final Pattern METER = Pattern.compile("^(.+?): (\\S+)(?: \\((\\S+)\\))?$");
    private static final Pattern RECORDS = Pattern.compile("studio-pretokenize: (\\d+)/(\\d+)");
    private static final Pattern SPLIT = Pattern.compile("\\s{2,}");

    private int epoch = -1;
    private LogEvent.Phase phase = LogEvent.Phase.TRAIN;
    private int trainIterations = -1;

    /** The event a line carries, or null. */
    public LogEvent accept(String line) {
        int e = line.indexOf("Epoch: [");
        if (e >= 0) {
            return epochLine(line, e);
        }
        int a = line.indexOf("Averaged stats:");
        if (a >= 0) {
            LogEvent.PhaseEnd end = new LogEvent.PhaseEnd(phase, epoch, meters(line.substring(a + 15), null));
            phase = phase == LogEvent.Phase.TRAIN ? LogEvent.Phase.VAL_IND : LogEvent.Phase.VAL_OOD;
            return end;
        }
        if (line.startsWith("studio-pretokenize: ")) {
            Matcher m = RECORDS.matcher(line);
            return m.find() ? new LogEvent.Records(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))) : null;
        }
        return failure(line);
    }

    private LogEvent epochLine(String line, int at) {
        String rest = line.substring(at);
        Matcher t = TOTAL.matcher(rest);
        if (t.lookingAt()) {
            return new LogEvent.EpochEnd(Integer.parseInt(t.group(1)), t.group(2));
        }
        Matcher h = HEADER.matcher(rest);
        if (!h.lookingAt()) {
            return null;
        }
        int ep = Integer.parseInt(h.group(1));
        int it = Integer.parseInt(h.group(2));
        int n = Integer.parseInt(h.group(3));
        if (ep != epoch) {
            epoch = ep;
            phase = LogEvent.Phase.TRAIN;
        }
        if (phase == LogEvent.Phase.TRAIN) {
            trainIterations = n;
        } else if (n == trainIterations && it == 0 && rest.contains("lr: ")) {
            phase = LogEvent.Phase.TRAIN; // a training pass after a log that lacked its Averaged stats line
        }
        Map<String, Double> global = new LinkedHashMap<>();
        Map<String, Double> window = meters(rest.substring(h.end()), global);
        return new LogEvent.Progress(phase, ep, it, n, window, global);
    }

    private static Map<String, Double> meters(String text, Map<String, Double> global) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String part : SPLIT.split(text.trim())) {
            Matcher m = METER.matcher(part);
            if (m.matches()) {
                Double w = number(m.group(2));
                if (w != null) {
                    out.put(m.group(1), w);
                    if (global != null && m.group(3) != null) {
                        Double g = number(m.group(3));
                        if (g != null) {
                            global.put(m.group(1), g);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static Double number(String s) {
        switch (s.toLowerCase()) {
            case "nan":
                return Double.NaN;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.valueOf(s);
                } catch (NumberFormatException e) {
                    return null;
                }
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
