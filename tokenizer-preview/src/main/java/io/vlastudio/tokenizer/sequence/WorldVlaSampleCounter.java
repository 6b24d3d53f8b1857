package io.vlastudio.tokenizer.sequence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many samples and tokens WorldVLA's data script makes of a demo, without encoding a frame: the counting side
 * of {@link TokenSequenceBuilder}, built on its prompts, sample rules and block lengths (the one owner of those
 * rules), so a count always equals the length of the sequences the builder makes. The image grid is
 * {@code resolution / 16} codes a side (Chameleon's VQ-GAN). Prompt text is counted with the text tokenizer when
 * there is one, otherwise estimated at one token per four characters (rounded up).
 */
public final class WorldVlaSampleCounter {

    /** Chameleon's VQ-GAN downsampling: one code per 16 x 16 pixels. */
    public static final int DOWNSAMPLING = 16;

    /** Samples and tokens of one demo. */
    public record Counts(long actionSamples, long actionTokens, long worldSamples, long worldTokens) {
    }

    private final TextTokenizer text;
    private final Map<String, Integer> textTokens = new ConcurrentHashMap<>();

    /** @param text the prompt text tokenizer, or null to estimate text tokens from the prompt's length */
    public WorldVlaSampleCounter(TextTokenizer text) {
        this.text = text;
    }

    /** Whether text tokens are counted exactly (a text tokenizer is loaded) rather than estimated. */
    public boolean exactText() {
        return text != null;
    }

    /** Tokens of a prompt's text. */
    public int textTokens(String prompt) {
        return textTokens.computeIfAbsent(prompt, p -> text != null ? text.encode(p).length : (p.length() + 3) / 4);
    }

    /**
     * The samples of a demo of {@code steps} steps.
     *
     * @param taskText   the task text of its action prompt
     * @param history    frames an action-model sample shows at most (M)
     * @param chunk      actions an action-model sample predicts (K)
     * @param resolution the side of the frames, in pixels
     */
    public Counts demo(int steps, String taskText, int history, int chunk, int resolution, boolean actionModel,
                       boolean worldModel) {
        int side = resolution / DOWNSAMPLING;
        long actionSamples = 0;
        long actionTokens = 0;
        if (actionModel) {
            actionSamples = TokenSequenceBuilder.actionSampleCount(steps, chunk);
            int prompt = textTokens(TokenSequenceBuilder.actionPrompt(taskText));
            // the first samples show fewer frames; from step `history` on every sample shows the same number
            int ramp = (int) Math.min(actionSamples, history);
            for (int j = 0; j < ramp; j++) {
                int images = TokenSequenceBuilder.historySteps(j, history).size();
                actionTokens += TokenSequenceBuilder.actionModelLength(prompt, images, chunk, side, side);
            }
            int full = TokenSequenceBuilder.historySteps(history, history).size();
            actionTokens += (actionSamples - ramp)
                    * (long) TokenSequenceBuilder.actionModelLength(prompt, full, chunk, side, side);
        }
        long worldSamples = 0;
        long worldTokens = 0;
        if (worldModel) {
            worldSamples = TokenSequenceBuilder.worldSampleCount(steps);
            worldTokens = worldSamples * TokenSequenceBuilder.worldModelLength(
                    textTokens(TokenSequenceBuilder.WORLD_MODEL_PROMPT), side, side);
        }
        return new Counts(actionSamples, actionTokens, worldSamples, worldTokens);
    }
}
