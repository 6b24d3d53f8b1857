package io.vlastudio.training.studio;

import io.vlastudio.tokenizer.image.CodeGrid;
import io.vlastudio.tokenizer.sequence.TokenKind;
import io.vlastudio.tokenizer.sequence.TokenSequence;
import io.vlastudio.tokenizer.sequence.TokenSequenceBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the studio model's samples with tokenizer-preview's {@link TokenSequenceBuilder} (the one owner of
 * WorldVLA's prompts and layout) and remaps them to dense ids; also lays out the answer slots generation fills.
 */
public final class SampleFactory {

    private final StudioVocabulary vocabulary;
    private final TokenSequenceBuilder builder;

    public SampleFactory(StudioVocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.builder = new TokenSequenceBuilder(vocabulary.chameleon(), vocabulary.textTokenizer(), null);
    }

    public StudioVocabulary vocabulary() {
        return vocabulary;
    }

    public TokenSequenceBuilder builder() {
        return builder;
    }

    public EncodedSample action(String name, int record, int step, String taskText, List<TokenSequenceBuilder.StepImage> images,
                                List<TokenSequenceBuilder.StepAction> actions) {
        return remap(EncodedSample.Kind.ACTION, name, record, builder.actionModel(step, taskText, images, actions));
    }

    public EncodedSample world(String name, int record, int step, TokenSequenceBuilder.StepImage current,
                               TokenSequenceBuilder.StepAction action, TokenSequenceBuilder.StepImage next) {
        return remap(EncodedSample.Kind.WORLD, name, record, builder.worldModel(step, current, action, next));
    }

    /** A Chameleon-id sequence in dense ids. */
    public EncodedSample remap(EncodedSample.Kind kind, String name, int record, TokenSequence seq) {
        int n = seq.length();
        int[] ids = vocabulary.toCompact(seq.ids());
        int[] labels = new int[n];
        TokenKind[] kinds = new TokenKind[n];
        int[] raw = seq.labels();
        for (int i = 0; i < n; i++) {
            labels[i] = raw[i] == TokenSequence.IGNORE ? EncodedSample.IGNORE : ids[i];
            kinds[i] = seq.kind(i);
        }
        return new EncodedSample(kind, ids, labels, kinds, name, record);
    }

    /** Answer slots of an action chunk of {@code chunk} actions of {@code dims} values, then the closing 8710. */
    public static List<StudioModel.Slot> actionSlots(int chunk, int dims) {
        List<StudioModel.Slot> slots = new ArrayList<>();
        for (int k = 0; k < chunk; k++) {
            slots.add(StudioModel.Slot.forced(5));
            for (int d = 0; d < dims; d++) {
                slots.add(StudioModel.Slot.choose(StudioVocabulary.ACTION_BASE, StudioVocabulary.IMAGE_BASE));
            }
            slots.add(StudioModel.Slot.forced(6));
        }
        slots.add(StudioModel.Slot.forced(3));
        return slots;
    }

    /** Answer slots of an image of {@code rows x cols} codes, then the closing 8710. */
    public List<StudioModel.Slot> imageSlots(int rows, int cols) {
        List<StudioModel.Slot> slots = new ArrayList<>();
        slots.add(StudioModel.Slot.forced(2));
        slots.add(StudioModel.Slot.forced(vocabulary.toCompact(io.vlastudio.tokenizer.sequence.ChameleonVocabulary.gridToken(rows))));
        slots.add(StudioModel.Slot.forced(vocabulary.toCompact(io.vlastudio.tokenizer.sequence.ChameleonVocabulary.gridToken(cols))));
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                slots.add(StudioModel.Slot.choose(StudioVocabulary.IMAGE_BASE, StudioVocabulary.IMAGE_BASE + vocabulary.codebookSize()));
            }
            slots.add(StudioModel.Slot.forced(4));
        }
        slots.add(StudioModel.Slot.forced(1));
        slots.add(StudioModel.Slot.forced(3));
        return slots;
    }

    /** The action bins (Chameleon ids 10006..10261) of a generated chunk, one row per action. */
    public static int[][] actionTokens(int[] answer, int chunk, int dims) {
        int[][] out = new int[chunk][dims];
        for (int k = 0; k < chunk; k++) {
            for (int d = 0; d < dims; d++) {
                out[k][d] = answer[k * (dims + 2) + 1 + d] - StudioVocabulary.ACTION_BASE
                        + io.vlastudio.tokenizer.action.ActionTokenizer.FIRST_TOKEN;
            }
        }
        return out;
    }

    /** The code grid of a generated image answer. */
    public static CodeGrid imageCodes(int[] answer, int rows, int cols, io.vlastudio.dataset.Orientation orientation) {
        int[] codes = new int[rows * cols];
        int i = 3;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                codes[r * cols + c] = answer[i++] - StudioVocabulary.IMAGE_BASE;
            }
            i++;
        }
        return new CodeGrid(rows, cols, codes, orientation);
    }
}
