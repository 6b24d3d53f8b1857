package io.vlastudio.training.studio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vlastudio.dataset.Orientation;
import io.vlastudio.tokenizer.image.CodeGrid;
import io.vlastudio.tokenizer.sequence.ActionAttentionMask;
import io.vlastudio.tokenizer.sequence.TokenSequenceBuilder;
import io.vlastudio.tokenizer.sequence.TokenSequenceBuilder.StepAction;
import io.vlastudio.tokenizer.sequence.TokenSequenceBuilder.StepImage;
import io.vlastudio.tokenizer.torch.TorchRuntime;
import io.vlastudio.tokenizer.torch.TorchSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StudioModelTest {

    private static final TorchRuntime RUNTIME = new TorchRuntime(TorchSettings.defaults().withThreads(1));
    private static final NDManager ROOT = RUNTIME.newManager();
    private static final StudioVocabulary VOCAB = StudioVocabulary.of(16, List.of("open the drawer", "put the bowl"));
    private static final SampleFactory FACTORY = new SampleFactory(VOCAB);

    @AfterAll
    static void close() {
        ROOT.close();
    }

    static StepImage image(int step, Random rng, int side) {
        int[] codes = new int[side * side];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = rng.nextInt(16);
        }
        return new StepImage(step, new CodeGrid(side, side, codes, Orientation.ROT180));
    }

    static StepAction action(int step, Random rng) {
        int[] t = new int[7];
        for (int i = 0; i < 7; i++) {
            t[i] = 10006 + rng.nextInt(256);
        }
        return new StepAction(step, t);
    }

    static EncodedSample actionSample(Random rng, int images, int chunk) {
        List<StepImage> im = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            im.add(image(i, rng, 2));
        }
        List<StepAction> ac = new ArrayList<>();
        for (int i = 0; i < chunk; i++) {
            ac.add(action(i, rng));
        }
        return FACTORY.action("t", 0, 1, "open the drawer", im, ac);
    }

    static EncodedSample worldSample(Random rng) {
        return FACTORY.world("t", 0, 0, image(0, rng, 2), action(0, rng), image(1, rng, 2));
    }

    @Test
    void actionMaskMatchesTokenizerPreviewOnWholeAndTruncatedSequences() {
        Random rng = new Random(1);
        TokenSequenceBuilder b = FACTORY.builder();
        List<int[]> chameleon = new ArrayList<>();
        chameleon.add(b.actionModel(1, "open the drawer", List.of(image(0, rng, 2), image(1, rng, 2)),
                List.of(action(1, rng), action(2, rng), action(3, rng))).ids());
        chameleon.add(b.actionModel(0, "put the bowl", List.of(image(0, rng, 2)), List.of(action(0, rng), action(1, rng))).ids());
        chameleon.add(b.worldModel(0, image(0, rng, 2), action(0, rng), image(1, rng, 2)).ids());
        int checked = 0;
        int maskedSomewhere = 0;
        for (int[] full : chameleon) {
            for (int cut = 3; cut <= full.length; cut++) {
                int[] ids = java.util.Arrays.copyOf(full, cut);
                ActionAttentionMask ref = new ActionAttentionMask(ids);
                int[] dense = VOCAB.toCompact(ids);
                boolean[] mine = AttentionMasks.mask(dense, cut, AttentionMasks.Kind.ACTION);
                boolean[] causal = AttentionMasks.mask(dense, cut, AttentionMasks.Kind.CAUSAL);
                for (int r = 0; r < cut; r++) {
                    boolean[] row = StudioModel.maskRow(dense, r, AttentionMasks.Kind.ACTION);
                    for (int c = 0; c < cut; c++) {
                        assertThat(mine[r * cut + c]).as("row %d col %d of %d tokens", r, c, cut).isEqualTo(ref.allowed(r, c));
                        assertThat(row[c]).isEqualTo(ref.allowed(r, c));
                        assertThat(causal[r * cut + c]).isEqualTo(c <= r);
                        checked++;
                    }
                }
                if (ref.maskedPairs() > 0) {
                    maskedSomewhere++;
                }
            }
        }
        assertThat(checked).isGreaterThan(10_000);
        assertThat(maskedSomewhere).isGreaterThan(10);
    }

    @Test
    void labelsIgnoreThePromptAndWeightImageTokensByAlpha() {
        Random rng = new Random(2);
        EncodedSample a = actionSample(rng, 2, 2);
        EncodedSample w = worldSample(rng);
        int[] t = new int[a.length()];
        float[] wt = new float[a.length()];
        Recipe.targets(a, 0.04, t, wt, 0);
        int start = a.answerStart();
        for (int i = 0; i < a.length() - 1; i++) {
            float expected = i + 1 < start ? 0f : 1f; // action answer: all weight 1, prompt 0
            assertThat(wt[i]).as("position %d", i).isEqualTo(expected);
        }
        // the answer is 2 action blocks of 9 and the closing separator
        assertThat(a.length() - start).isEqualTo(19);
        int[] tw = new int[w.length()];
        float[] ww = new float[w.length()];
        Recipe.targets(w, 0.04, tw, ww, 0);
        int ws = w.answerStart();
        // world answer: image block of 2x2 codes = 1 + 2 + 2*(2+1) + 1 = 10 tokens at alpha, then 8710 at 1
        for (int i = ws - 1; i < ws - 1 + 10; i++) {
            assertThat(ww[i]).isEqualTo(0.04f);
        }
        assertThat(ww[w.length() - 2]).isEqualTo(1f);
        assertThat(ww[ws - 2]).isZero();

        // the loss is sum(w * CE) / sum(w), checked against a direct computation
        try (NDManager m = ROOT.newSubManager()) {
            float[] logits = new float[2 * 3 * 4];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) rng.nextGaussian();
            }
            long[] targets = {1, 2, 0, 3, 3, 1};
            float[] weights = {1f, 0.04f, 0f, 1f, 0.5f, 0f};
            NDArray l = Recipe.loss(m.create(logits, new Shape(2, 3, 4)), m.create(targets, new Shape(2, 3)),
                    m.create(weights, new Shape(2, 3)));
            double num = 0;
            double den = 0;
            for (int p = 0; p < 6; p++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int v = 0; v < 4; v++) {
                    max = Math.max(max, logits[p * 4 + v]);
                }
                double sum = 0;
                for (int v = 0; v < 4; v++) {
                    sum += Math.exp(logits[p * 4 + v] - max);
                }
                double ce = -(logits[p * 4 + (int) targets[p]] - max - Math.log(sum));
                num += weights[p] * ce;
                den += weights[p];
            }
            assertThat(l.getFloat()).isCloseTo((float) (num / den), within(1e-5f));
        }
    }

    static StudioModelConfig tiny() {
        return new StudioModelConfig(VOCAB.size(), 128, 1, 32, 2, 2);
    }

    static List<EncodedSample> fixedBatch() {
        Random rng = new Random(3);
        return List.of(actionSample(rng, 2, 3), actionSample(rng, 1, 3), worldSample(rng), worldSample(rng));
    }

    @Test
    void aTimeLimitFitsTheLearningRateScheduleToTheStepsItAffords() {
        long started = System.nanoTime();
        StudioTrainer.SchedulePlan plan = new StudioTrainer.SchedulePlan(100_000, 1.0, started);
        plan.stepTook(30); // the first step warms the native library up: not counted
        for (int i = 0; i < StudioTrainer.SchedulePlan.FIRST_PLAN; i++) {
            assertThat(plan.replan(i)).isNull();
            plan.stepTook(0.5);
        }
        assertThat(plan.total()).isEqualTo(100_000);
        String line = plan.replan(StudioTrainer.SchedulePlan.FIRST_PLAN);
        assertThat(line).contains("fitted to the time limit").contains("0.50 s a step");
        // about 60 s left at 0.5 s a step: some 120 more steps, not the 100,000 of all epochs
        assertThat(plan.total()).isBetween(100L, 131L);
        assertThat(StudioTrainer.learningRate(1e-3, plan.total(), plan.total())).isCloseTo(1e-4, within(1e-12));
        assertThat(StudioTrainer.learningRate(1e-3, plan.total() / 2, plan.total())).isBetween(4e-4, 7e-4);
        // not re-planned before REPLAN_EVERY more steps
        plan.stepTook(0.5);
        assertThat(plan.replan(StudioTrainer.SchedulePlan.FIRST_PLAN + 1)).isNull();

        StudioTrainer.SchedulePlan none = new StudioTrainer.SchedulePlan(5_000, 0, started);
        for (int i = 0; i < 40; i++) {
            none.stepTook(0.5);
            assertThat(none.replan(i)).isNull();
        }
        assertThat(none.total()).isEqualTo(5_000);
    }

    @Test
    void aFewStepsLowerTheLossOnAFixedBatch() {
        try (StudioModel model = new StudioModel(RUNTIME.engine(), ROOT, tiny(), 7)) {
            List<EncodedSample> batch = fixedBatch();
            double first = model.evalLoss(batch, AttentionMasks.Kind.ACTION, 0.04);
            for (int i = 0; i < 30; i++) {
                model.trainStep(batch, AttentionMasks.Kind.ACTION, 0.04, 3e-3);
            }
            double last = model.evalLoss(batch, AttentionMasks.Kind.ACTION, 0.04);
            assertThat(last).isLessThan(first * 0.5);
        }
    }

    @Test
    void aSeedGivesTheSameWeightsAndResumeFromACheckpointGivesTheSameWeights(@TempDir Path out) throws Exception {
        List<EncodedSample> batch = fixedBatch();
        ModelSpec spec = new ModelSpec(ModelSpec.FORMAT, 1, tiny(), VOCAB.words(), 16, "action", 0.04, 7, "builtin", "abc", 32,
                "/t", new double[7], new double[7], 2, 3);
        float[][] straight;
        try (StudioModel a = new StudioModel(RUNTIME.engine(), ROOT, tiny(), 7);
             StudioModel b = new StudioModel(RUNTIME.engine(), ROOT, tiny(), 7)) {
            for (int i = 0; i < 2; i++) {
                a.trainStep(batch, AttentionMasks.Kind.ACTION, 0.04, 1e-3);
                b.trainStep(batch, AttentionMasks.Kind.ACTION, 0.04, 1e-3);
            }
            assertThat(weights(a)).isDeepEqualTo(weights(b));
            Checkpoints.save(out, 1, a, spec, new Checkpoints.TrainState(1, a.optimizer().step(), 2));
            for (int i = 0; i < 2; i++) {
                a.trainStep(batch, AttentionMasks.Kind.ACTION, 0.04, 1e-3);
            }
            straight = weights(a);
        }
        try (StudioModel c = new StudioModel(RUNTIME.engine(), ROOT, tiny(), 99)) {
            Path ckpt = Checkpoints.latest(out).orElseThrow();
            assertThat(ckpt.getFileName().toString()).isEqualTo("epoch1");
            assertThat(Checkpoints.readSpec(ckpt)).usingRecursiveComparison().isEqualTo(spec);
            Checkpoints.load(ckpt, c, true, ROOT);
            for (int i = 0; i < 2; i++) {
                c.trainStep(batch, AttentionMasks.Kind.ACTION, 0.04, 1e-3);
            }
            assertThat(weights(c)).isDeepEqualTo(straight);
        }
    }

    @Test
    void generationFillsTheAnswerLayout() {
        try (StudioModel model = new StudioModel(RUNTIME.engine(), ROOT, tiny(), 7)) {
            EncodedSample a = actionSample(new Random(4), 2, 3);
            int[] prefix = java.util.Arrays.copyOf(a.ids(), a.answerStart());
            List<StudioModel.Slot> slots = SampleFactory.actionSlots(3, 7);
            int[] answer = model.generate(prefix, slots, AttentionMasks.Kind.ACTION);
            assertThat(answer).hasSize(3 * 9 + 1);
            int[][] bins = SampleFactory.actionTokens(answer, 3, 7);
            for (int[] row : bins) {
                assertThat(java.util.Arrays.stream(row).boxed().toList()).allSatisfy(t -> assertThat(t).isBetween(10006, 10261));
            }
            EncodedSample w = worldSample(new Random(5));
            int[] wp = java.util.Arrays.copyOf(w.ids(), w.answerStart());
            int[] img = model.generate(wp, FACTORY.imageSlots(2, 2), AttentionMasks.Kind.ACTION);
            CodeGrid g = SampleFactory.imageCodes(img, 2, 2, Orientation.ROT180);
            assertThat(java.util.Arrays.stream(g.codes()).boxed().toList()).allSatisfy(c -> assertThat(c).isBetween(0, 15));
            // cached generation gives the same logits as a full forward: the generated tokens are the arg-max there
            int[] full = java.util.Arrays.copyOf(wp, wp.length + img.length);
            System.arraycopy(img, 0, full, wp.length, img.length);
            try (NDManager m = ROOT.newSubManager()) {
                NDArray logits = model.transformer().forward(m.create(StudioModel.toLong(full), new Shape(1, full.length)), 0,
                        m.create(AttentionMasks.mask(full, full.length, AttentionMasks.Kind.ACTION),
                                new Shape(1, full.length, full.length)), null);
                int pos = wp.length - 1 + 3; // predicts the first code
                float[] row = logits.get(0).get(pos).toFloatArray();
                int best = StudioVocabulary.IMAGE_BASE;
                for (int i = best; i < StudioVocabulary.IMAGE_BASE + 16; i++) {
                    if (row[i] > row[best]) {
                        best = i;
                    }
                }
                assertThat(img[3]).isEqualTo(best);
            }
        }
    }

    static float[][] weights(StudioModel m) {
        Map<String, NDArray> p = m.transformer().parameters();
        return p.values().stream().map(NDArray::toFloatArray).toArray(float[][]::new);
    }
}
