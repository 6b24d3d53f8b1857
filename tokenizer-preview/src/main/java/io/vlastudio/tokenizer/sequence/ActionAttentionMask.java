package io.vlastudio.tokenizer.sequence;

import java.util.ArrayList;
import java.util.List;

/**
 * WorldVLA's attention mask for action chunks: causal, except that the tokens of an action block (from its 10004 to
 * its 15004) that comes after the last image block do not see earlier action blocks, so each action of a chunk is
 * predicted from text and images only (WorldVLA's {@code generate_att_mask_3}). A block without its 15004
 * (truncated) runs to the end of the sequence. The mask is computed on demand, never stored as a matrix.
 */
public final class ActionAttentionMask {

    private final int length;
    private final List<int[]> masked = new ArrayList<>(); // {rowStart, rowEnd, colStart, colEnd}, inclusive

    public ActionAttentionMask(int[] ids) {
        this.length = ids.length;
        List<Integer> imageEnds = new ArrayList<>();
        List<Integer> imageStarts = new ArrayList<>();
        List<Integer> actionStarts = new ArrayList<>();
        List<Integer> actionEnds = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            switch (ids[i]) {
                case ChameleonVocabulary.IMAGE_START -> imageStarts.add(i);
                case ChameleonVocabulary.IMAGE_END -> imageEnds.add(i);
                case ChameleonVocabulary.ACTION_START -> actionStarts.add(i);
                case ChameleonVocabulary.ACTION_END -> actionEnds.add(i);
                default -> { }
            }
        }
        if (imageStarts.size() > imageEnds.size()) {
            imageEnds.add(ids.length - 1);
        }
        if (actionStarts.size() > actionEnds.size()) {
            actionEnds.add(ids.length - 1);
        } else if (actionStarts.size() < actionEnds.size()) {
            actionEnds.remove(actionEnds.size() - 1);
        }
        int lastImageEnd = imageEnds.isEmpty() ? -1 : imageEnds.get(imageEnds.size() - 1);
        int blocks = Math.min(actionStarts.size(), actionEnds.size());
        for (int b = 0; b < blocks; b++) {
            int s = actionStarts.get(b);
            int e = actionEnds.get(b);
            if (s <= lastImageEnd) {
                continue;
            }
            for (int p = 0; p < blocks; p++) {
                if (actionEnds.get(p) < s) {
                    masked.add(new int[] {s, e, actionStarts.get(p), actionEnds.get(p)});
                }
            }
        }
    }

    public int length() {
        return length;
    }

    /** Whether token {@code row} attends to token {@code col}. */
    public boolean allowed(int row, int col) {
        if (col > row) {
            return false;
        }
        for (int[] m : masked) {
            if (row >= m[0] && row <= m[1] && col >= m[2] && col <= m[3]) {
                return false;
            }
        }
        return true;
    }

    /** Row/column ranges (inclusive) that causal attention would allow but the action mask blocks. */
    public List<int[]> maskedBlocks() {
        return masked.stream().map(int[]::clone).toList();
    }

    /** Number of (row, col) pairs the action mask removes from causal attention. */
    public long maskedPairs() {
        long n = 0;
        for (int[] m : masked) {
            n += (long) (m[1] - m[0] + 1) * (m[3] - m[2] + 1);
        }
        return n;
    }
}
