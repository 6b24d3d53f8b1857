package io.vlastudio.training.studio;

import java.util.ArrayList;
import java.util.List;

/**
 * The attention masks the studio model trains with, on its dense ids ({@link StudioVocabulary}): plain causal, or
 * WorldVLA's action mask (causal, except that an action block after the last image block does not see earlier action
 * blocks). Same rule and same handling of truncated blocks as tokenizer-preview's {@code ActionAttentionMask}, which
 * is the reference a test compares this against; computed here as a dense row-major {@code L x L} matrix because the
 * model needs one per sample.
 */
public final class AttentionMasks {

    /** Which mask to train with. */
    public enum Kind {
        ACTION, CAUSAL;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind fromId(String id) {
            for (Kind k : values()) {
                if (k.id().equalsIgnoreCase(id)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown mask '" + id + "' (expected action or causal)");
        }
    }

    private static final int IMAGE_END = 1;
    private static final int IMAGE_START = 2;
    private static final int ACTION_START = 5;
    private static final int ACTION_END = 6;

    private AttentionMasks() {
    }

    /** Row-major {@code size x size} mask of a sample of {@code ids.length} dense ids padded to {@code size}. */
    public static boolean[] mask(int[] ids, int size, Kind kind) {
        boolean[] m = new boolean[size * size];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c <= r; c++) {
                m[r * size + c] = true;
            }
        }
        if (kind == Kind.ACTION) {
            for (int[] b : maskedBlocks(ids)) {
                for (int r = b[0]; r <= b[1]; r++) {
                    for (int c = b[2]; c <= b[3]; c++) {
                        m[r * size + c] = false;
                    }
                }
            }
        }
        return m;
    }

    /** Rectangles {rowStart, rowEnd, colStart, colEnd} (inclusive) that causal allows and the action mask blocks. */
    public static List<int[]> maskedBlocks(int[] ids) {
        List<Integer> imageStarts = new ArrayList<>();
        List<Integer> imageEnds = new ArrayList<>();
        List<Integer> actionStarts = new ArrayList<>();
        List<Integer> actionEnds = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            switch (ids[i]) {
                case IMAGE_START -> imageStarts.add(i);
                case IMAGE_END -> imageEnds.add(i);
                case ACTION_START -> actionStarts.add(i);
                case ACTION_END -> actionEnds.add(i);
                default -> { }
            }
        }
        if (imageStarts.size() > imageEnds.size()) {
            imageEnds.add(ids.length - 1); // an image cut off by truncation runs to the end
        }
        if (actionStarts.size() > actionEnds.size()) {
            actionEnds.add(ids.length - 1);
        } else if (actionStarts.size() < actionEnds.size()) {
            actionEnds.remove(actionEnds.size() - 1);
        }
        int lastImageEnd = imageEnds.isEmpty() ? -1 : imageEnds.get(imageEnds.size() - 1);
        int blocks = Math.min(actionStarts.size(), actionEnds.size());
        List<int[]> out = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            int s = actionStarts.get(b);
            if (s <= lastImageEnd) {
                continue;
            }
            for (int p = 0; p < blocks; p++) {
                if (actionEnds.get(p) < s) {
                    out.add(new int[] {s, actionEnds.get(b), actionStarts.get(p), actionEnds.get(p)});
                }
            }
        }
        return out;
    }
}
