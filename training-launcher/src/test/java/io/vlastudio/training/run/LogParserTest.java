package io.vlastudio.training.run;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

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
}
