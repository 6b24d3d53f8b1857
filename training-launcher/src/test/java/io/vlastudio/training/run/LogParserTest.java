package io.vlastudio.training.run;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LogParserTest {

    @Test
    void aRecordedTwoRankLogGivesTrainAndValidationProgressWithWindowAndGlobalAverages() throws Exception {
        List<LogEvent> events = new ArrayList<>();
        LogParser parser = new LogParser();
        for (String line : Files.readAllLines(Fixture.resource("recorded-standin-2ranks.log"))) {
            LogEvent e = parser.accept(line);
            if (e != null) {
                events.add(e);
            }
        }
        List<LogEvent.Progress> progress = events.stream().filter(LogEvent.Progress.class::isInstance).map(LogEvent.Progress.class::cast).toList();
        assertThat(progress).filteredOn(p -> p.phase() == LogEvent.Phase.TRAIN).hasSize(12);
        assertThat(progress).filteredOn(p -> p.phase() == LogEvent.Phase.VAL_IND).hasSize(6);
        assertThat(progress).filteredOn(p -> p.phase() == LogEvent.Phase.VAL_OOD).isEmpty();
        LogEvent.Progress first = progress.get(0);
        assertThat(first.epoch()).isZero();
        assertThat(first.iterations()).isEqualTo(10);
        assertThat(first.meters()).containsEntry("lr", 0.002).containsEntry("closs", 5.7270).containsEntry("max mem", 0.0);
        assertThat(first.meters().get("samples/sec")).isCloseTo(53.96, within(1e-9));
        assertThat(first.global()).containsEntry("closs", 5.7270).doesNotContainKey("lr");
        LogEvent.Progress secondEpoch = progress.stream().filter(p -> p.epoch() == 1).findFirst().orElseThrow();
        assertThat(secondEpoch.phase()).isEqualTo(LogEvent.Phase.TRAIN);
        assertThat(events).filteredOn(LogEvent.EpochEnd.class::isInstance).hasSize(2);
        assertThat(events).filteredOn(LogEvent.PhaseEnd.class::isInstance).extracting(e -> ((LogEvent.PhaseEnd) e).phase())
                .containsExactly(LogEvent.Phase.TRAIN, LogEvent.Phase.VAL_IND, LogEvent.Phase.TRAIN, LogEvent.Phase.VAL_IND);
        assertThat(events).noneMatch(LogEvent.Failure.class::isInstance);
    }

    @Test
    void worldVlaLinesWithTorchrunPrefixesAndAllThreePhasesAreToldApart() {
        LogParser p = new LogParser();
        String h = "[default0]:[rank0:INFO|misc.py:180] 2025-06-30 10:00:00,000 >> ";
        LogEvent.Progress t = (LogEvent.Progress) p.accept(h + "Epoch: [3]  [120/5000]  lr: 0.000005  acc_action_5: 0.6100 (0.5500)"
                + "  closs: 1.8300 (1.9100)  z_loss: 12.3000 (13.0000)  time: 1.2345  data: 0.0123  samples/sec: 12.96  max mem: 61234");
        assertThat(t.phase()).isEqualTo(LogEvent.Phase.TRAIN);
        assertThat(t.meters()).containsEntry("acc_action_5", 0.61).containsEntry("max mem", 61234.0).containsEntry("time", 1.2345);
        assertThat(t.global()).containsEntry("acc_action_5", 0.55).containsEntry("z_loss", 13.0);
        p.accept(h + "Averaged stats: closs: 1.9  z_loss: 13.0");
        assertThat(((LogEvent.Progress) p.accept(h + "Epoch: [3]  [0/40]  closs: 2.0 (2.0)")).phase()).isEqualTo(LogEvent.Phase.VAL_IND);
        p.accept(h + "Averaged stats: closs: 2.0");
        assertThat(((LogEvent.Progress) p.accept(h + "Epoch: [3]  [0/40]  closs: 2.1 (2.1)")).phase()).isEqualTo(LogEvent.Phase.VAL_OOD);
        p.accept(h + "Averaged stats: closs: 2.1");
        assertThat(p.accept(h + "Epoch: [3] Total time: 1:02:03")).isEqualTo(new LogEvent.EpochEnd(3, "1:02:03"));
        assertThat(((LogEvent.Progress) p.accept(h + "Epoch: [4]  [0/5000]  lr: 0.000005  closs: nan (nan)")).meters().get("closs")).isNaN();
    }

    @Test
    void failuresAreNamed() {
        assertThat(LogParser.failure("[rank0:ERROR|pretrain.py:1] x >> Loss is nan, stopping training").kind())
                .isEqualTo(LogEvent.Failure.Kind.NAN_LOSS);
        assertThat(LogParser.failure("torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB").kind())
                .isEqualTo(LogEvent.Failure.Kind.CUDA_OOM);
        assertThat(LogParser.failure("RuntimeError: NCCL error in: ../torch/csrc/distributed/c10d/ProcessGroupNCCL.cpp:1269, unhandled system error").kind())
                .isEqualTo(LogEvent.Failure.Kind.NCCL);
        assertThat(LogParser.failure("OSError: [Errno 28] No space left on device: '/out/epoch3/model-00002.safetensors'").kind())
                .isEqualTo(LogEvent.Failure.Kind.DISK_FULL);
        assertThat(LogParser.failure("Traceback (most recent call last):").kind()).isEqualTo(LogEvent.Failure.Kind.PYTHON_ERROR);
        assertThat(LogParser.failure("Epoch: [0]  [0/10]  closs: 1.0 (1.0)")).isNull();
        assertThat(new LogParser().accept("studio-pretokenize: 12/30 libero_goal")).isEqualTo(new LogEvent.Records(12, 30));
    }

    @Test
    void aWholeFileParsedFromBytesGivesTheSameEventsAsLineByLine(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(Fixture.resource("recorded-standin-2ranks.log")));
        lines.add("[rank0:INFO|x.py:1] 2026 >> Epoch: [2]  [0/10]  lr: 0.1  closs: 4.0 (4.0)  note: ünïcödé (x)\r");
        lines.add("Epoch: [2]  [1/10]  closs: 3.5 (3.75)  " + "pad: 1.0  ".repeat(150_000)); // longer than the buffer
        lines.add("Traceback (most recent call last):");
        lines.add("torch.cuda.OutOfMemoryError: CUDA out of memory.");
        lines.add("studio-pretokenize: 7/9 libero_goal");
        lines.add("Epoch: [2] Total time: 0:00:03"); // the last line has no newline
        Path log = dir.resolve("common.log");
        Files.writeString(log, String.join("\n", lines));

        List<LogEvent> expected = new ArrayList<>();
        LogParser byLine = new LogParser();
        for (String l : lines) {
            LogEvent e = byLine.accept(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
            if (e != null) {
                expected.add(e);
            }
        }
        List<LogEvent> got = new ArrayList<>();
        assertThat(LogParser.parse(log, got::add)).isEqualTo(lines.size());
        assertThat(got).hasSize(expected.size()).isEqualTo(expected);
        assertThat(got).filteredOn(LogEvent.Failure.class::isInstance).hasSize(2);
        assertThat(got.get(got.size() - 1)).isEqualTo(new LogEvent.EpochEnd(2, "0:00:03"));
        LogEvent.Progress big = (LogEvent.Progress) got.stream().filter(e -> e instanceof LogEvent.Progress p
                && p.iteration() == 1 && p.epoch() == 2).findFirst().orElseThrow();
        assertThat(big.meters()).containsEntry("closs", 3.5).containsEntry("pad", 1.0);
        assertThat(big.global()).containsEntry("closs", 3.75);

        List<LogEvent> fromStream = new ArrayList<>();
        new LogParser().parse(new ByteArrayInputStream("Epoch: [0]  [0/1]  closs: 1 (1)".getBytes(StandardCharsets.UTF_8)), fromStream::add);
        assertThat(fromStream).hasSize(1);
    }

    @Test
    void metersAreReadExactlyAsTheRegularExpressionsOfTheFirstVersionReadThem() {
        String[] names = {"lr", "closs", "max mem", "samples/sec", "acc_action_3", "a: b", "x"};
        String[] values = {"0.002000", "5.7270", "nan", "NaN", "inf", "-inf", "1e-05", "-0.5", "12", "1234567890123456789.25",
                ".5", "5.", "abc", "0x1p3", "(3)", "", "+2.5", "0.1234567890123456", "7d", "-NaN", "+NaN", "-nan", "NAN", "Infinity",
                "-Infinity", "1.5E3", "00012.50"};
        String[] seps = {"  ", "   ", " ", "\t\t", " \t"};
        Random r = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder line = new StringBuilder("[rank0:INFO|misc.py:1] t >> Epoch: [1]  [").append(r.nextInt(50)).append("/50]");
            int parts = r.nextInt(6);
            for (int k = 0; k < parts; k++) {
                line.append(seps[r.nextInt(seps.length)]).append(names[r.nextInt(names.length)]).append(": ")
                        .append(values[r.nextInt(values.length)]);
                switch (r.nextInt(4)) {
                    case 0 -> line.append(" (").append(values[r.nextInt(values.length)]).append(')');
                    case 1 -> line.append(" ").append(values[r.nextInt(values.length)]);
                    default -> { }
                }
            }
            if (r.nextBoolean()) {
                line.append(seps[r.nextInt(seps.length)]);
            }
            String l = line.toString();
            LogEvent.Progress p = (LogEvent.Progress) new LogParser().accept(l);
            Map<String, Double> global = new LinkedHashMap<>();
            Map<String, Double> window = RegexReference.meters(l.substring(l.indexOf("/50]") + 4), global);
            assertThat(p.meters()).as(l).isEqualTo(window);
            assertThat(p.global()).as(l).isEqualTo(global);
        }
    }

    /** The meter parsing of the first LogParser (one regular expression per meter), kept as the reference. */
    private static final class RegexReference {
        private static final Pattern METER = Pattern.compile("^(.+?): (\\S+)(?: \\((\\S+)\\))?$");
        private static final Pattern SPLIT = Pattern.compile("\\s{2,}");

        static Map<String, Double> meters(String text, Map<String, Double> global) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (String part : SPLIT.split(text.trim())) {
                Matcher m = METER.matcher(part);
                if (m.matches()) {
                    Double w = number(m.group(2));
                    if (w != null) {
                        out.put(m.group(1), w);
                        if (m.group(3) != null) {
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

        static Double number(String s) {
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
    }
}
