package io.vlastudio.tokenizer.sequence;

import io.vlastudio.tokenizer.image.CodeGrid;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds WorldVLA's training samples, as its conversation item processor does:
 * {@code [BOS] + prompt text + prompt media + [8710] + answer media + [8710]}, media in placeholder order, labels
 * -100 over the prompt turn. An image block is {@code 8197, grid(h), grid(w)}, then per row the codes (mapped through
 * the vocabulary) and 8803, then 8196; an action block is {@code 10004, 7 bins, 15004}.
 * <ul>
 *   <li>action model: prompt {@code What action should the robot take to <task>?} with the history images
 *       (frames {@code max(0, j-M+1) .. j}), answer: the chunk of actions {@code j .. j+K-1};</li>
 *   <li>world model: prompt {@code Generate the next image based on the provided sequence of historical images and
 *       corresponding actions.} with frame j and action j, answer: frame j+1.</li>
 * </ul>
 */
public final class TokenSequenceBuilder {

    public static final String WORLD_MODEL_PROMPT =
            "Generate the next image based on the provided sequence of historical images and corresponding actions.";

    /** The placeholder WorldVLA's conversation records put in a prompt for each image, consumed in order. */
    public static final String IMAGE_PLACEHOLDER = "<|image|>";

    /** The placeholder WorldVLA's conversation records put in a turn for each action, consumed in order. */
    public static final String ACTION_PLACEHOLDER = "<|action|>";

    /** An image of a step, encoded. */
    public record StepImage(int step, CodeGrid codes) {
    }

    /** An action of a step, as its 7 bin tokens. */
    public record StepAction(int step, int[] tokens) {
    }

    private final ChameleonVocabulary vocabulary;
    private final TextTokenizer text;
    private final String noTextReason;

    /**
     * @param text         the prompt text tokenizer, or null to show text as one block
     * @param noTextReason why there is no text tokenizer (shown to the user), when {@code text} is null
     */
    public TokenSequenceBuilder(ChameleonVocabulary vocabulary, TextTokenizer text, String noTextReason) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.text = text;
        this.noTextReason = text != null ? "" : (noTextReason == null || noTextReason.isBlank()
                ? "no text_tokenizer.json was given" : noTextReason);
    }

    /** The steps whose frames the action-model sample of step {@code step} shows: {@code max(0, j-M+1) .. j}. */
    public static List<Integer> historySteps(int step, int history) {
        List<Integer> out = new ArrayList<>();
        for (int s = Math.max(0, step - history + 1); s <= step; s++) {
            out.add(s);
        }
        return out;
    }

    /** Whether step {@code step} of a demo of {@code length} steps has the {@code chunk} future actions a sample needs. */
    public static boolean hasActionChunk(int step, int chunk, int length) {
        return step >= 0 && step + chunk <= length;
    }

    /** Whether step {@code step} has a next frame, so a world-model sample. */
    public static boolean hasNextFrame(int step, int length) {
        return step >= 0 && step <= length - 2;
    }

    /**
     * The task text WorldVLA's conversation generator puts into action prompts: the task folder name with every
     * {@code _} replaced by a space (so libero_10 keeps its {@code KITCHEN SCENE3} prefix).
     */
    public static String taskDirText(String taskDir) {
        return taskDir.replace('_', ' ');
    }

    /** Action dimensions of a WorldVLA action block (x, y, z, roll, pitch, yaw, gripper). */
    public static final int ACTION_DIMENSIONS = 7;

    /** Tokens of an image block of {@code rows x cols} codes: start, two grid tokens, each row and its end, end. */
    public static int imageBlockLength(int rows, int cols) {
        return 3 + rows * (cols + 1) + 1;
    }

    /** Tokens of an action block: start, {@link #ACTION_DIMENSIONS} bins, end. */
    public static int actionBlockLength() {
        return ACTION_DIMENSIONS + 2;
    }

    /**
     * The length of {@link #actionModel}'s sequence without building it: BOS, the prompt's text tokens,
     * {@code images} image blocks, the separator, {@code chunk} action blocks, the separator.
     */
    public static int actionModelLength(int promptTextTokens, int images, int chunk, int rows, int cols) {
        return 1 + promptTextTokens + images * imageBlockLength(rows, cols) + 1 + chunk * actionBlockLength() + 1;
    }

    /** The length of {@link #worldModel}'s sequence without building it. */
    public static int worldModelLength(int promptTextTokens, int rows, int cols) {
        return 1 + promptTextTokens + imageBlockLength(rows, cols) + actionBlockLength() + 1
                + imageBlockLength(rows, cols) + 1;
    }

    /** Action-model samples a demo of {@code length} steps gives: one per step with a full chunk ahead. */
    public static int actionSampleCount(int length, int chunk) {
        return Math.max(0, length - chunk + 1);
    }

    /** World-model samples a demo of {@code length} steps gives: one per step with a next frame. */
    public static int worldSampleCount(int length) {
        return Math.max(0, length - 1);
    }

    /** The action-model prompt for a task text. */
    public static String actionPrompt(String taskText) {
        return "What action should the robot take to " + taskText + "?";
    }

    /** The action-model sample of step {@code step}: history images and a chunk of actions. */
    public TokenSequence actionModel(int step, String taskText, List<StepImage> images, List<StepAction> actions) {
        Assembly a = new Assembly();
        a.prompt(actionPrompt(taskText));
        for (StepImage im : images) {
            a.image(im, false);
        }
        a.separator(false);
        for (StepAction act : actions) {
            a.action(act, true);
        }
        a.separator(true);
        return a.build("action model, step " + step);
    }

    /** The world-model sample of step {@code step}: frame j and action j in, frame j+1 out. */
    public TokenSequence worldModel(int step, StepImage current, StepAction action, StepImage next) {
        Assembly a = new Assembly();
        a.prompt(WORLD_MODEL_PROMPT);
        a.image(current, false);
        a.action(action, false);
        a.separator(false);
        a.image(next, true);
        a.separator(true);
        return a.build("world model, step " + step);
    }

    private final class Assembly {
        private final List<Integer> ids = new ArrayList<>();
        private final List<TokenKind> kinds = new ArrayList<>();
        private final List<Boolean> predicted = new ArrayList<>();
        private final List<Segment> segments = new ArrayList<>();

        void prompt(String prompt) {
            add(ChameleonVocabulary.BOS, TokenKind.BOS, false);
            segment(TokenKind.BOS, ids.size() - 1, "<s>", false);
            int start = ids.size();
            if (text != null) {
                for (int id : text.encode(prompt)) {
                    add(id, TokenKind.TEXT, false);
                }
                segment(TokenKind.TEXT, start, "\"" + prompt + "\"", false);
            } else {
                add(-1, TokenKind.TEXT_UNTOKENIZED, false);
                segment(TokenKind.TEXT_UNTOKENIZED, start, "\"" + prompt + "\" (" + noTextReason + ")", false);
            }
        }

        void image(StepImage image, boolean answer) {
            CodeGrid g = image.codes();
            int start = ids.size();
            add(ChameleonVocabulary.IMAGE_START, TokenKind.IMAGE_START, answer);
            add(ChameleonVocabulary.gridToken(g.rows()), TokenKind.IMAGE_GRID, answer);
            add(ChameleonVocabulary.gridToken(g.cols()), TokenKind.IMAGE_GRID, answer);
            for (int r = 0; r < g.rows(); r++) {
                for (int c = 0; c < g.cols(); c++) {
                    add(vocabulary.imageToken(g.codeAt(r, c)), TokenKind.IMAGE_CODE, answer);
                }
                add(ChameleonVocabulary.IMAGE_ROW_END, TokenKind.IMAGE_ROW_END, answer);
            }
            add(ChameleonVocabulary.IMAGE_END, TokenKind.IMAGE_END, answer);
            segment(TokenKind.IMAGE_CODE, start, "image of step " + image.step() + " (" + g.rows() + "x" + g.cols() + " codes)", answer);
        }

        void action(StepAction action, boolean answer) {
            int start = ids.size();
            add(ChameleonVocabulary.ACTION_START, TokenKind.ACTION_START, answer);
            for (int t : action.tokens()) {
                add(t, TokenKind.ACTION_BIN, answer);
            }
            add(ChameleonVocabulary.ACTION_END, TokenKind.ACTION_END, answer);
            segment(TokenKind.ACTION_BIN, start, "action of step " + action.step(), answer);
        }

        void separator(boolean answer) {
            add(ChameleonVocabulary.SEPARATOR, TokenKind.SEPARATOR, answer);
            segment(TokenKind.SEPARATOR, ids.size() - 1, answer ? "end of answer (8710)" : "end of prompt (8710)", answer);
        }

        private void add(int id, TokenKind kind, boolean answer) {
            ids.add(id);
            kinds.add(kind);
            predicted.add(answer);
        }

        private void segment(TokenKind kind, int start, String label, boolean answer) {
            segments.add(new Segment(kind, start, ids.size(), label, answer));
        }

        TokenSequence build(String name) {
            int n = ids.size();
            int[] idArray = new int[n];
            int[] labels = new int[n];
            TokenKind[] kindArray = new TokenKind[n];
            for (int i = 0; i < n; i++) {
                idArray[i] = ids.get(i);
                kindArray[i] = kinds.get(i);
                labels[i] = predicted.get(i) ? ids.get(i) : TokenSequence.IGNORE;
            }
            return new TokenSequence(name, idArray, kindArray, labels, segments, noTextReason);
        }
    }
}
