package io.vlastudio.training.studio;

import io.vlastudio.tokenizer.action.ActionTokenizer;
import io.vlastudio.tokenizer.sequence.ChameleonVocabulary;
import io.vlastudio.tokenizer.sequence.TextTokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The studio model's compact vocabulary. Samples are built in Chameleon ids by tokenizer-preview's
 * {@code TokenSequenceBuilder} (WorldVLA's layout, one owner), then remapped to dense ids so the embedding and output
 * layers hold only what occurs:
 * <pre>
 *   0 BOS, 1 end of image (8196), 2 begin of image (8197), 3 turn separator (8710), 4 image row end (8803),
 *   5 begin of action (10004), 6 end of action (15004),
 *   7 .. 7+G-1        grid size tokens 8804 .. 8804+G-1 (G = 33: grids up to 64 codes a side)
 *   ACTION_BASE ..    the 256 action bins 10006 .. 10261
 *   IMAGE_BASE ..     the image codes 0 .. codebook-1 (Chameleon id = vocabulary mapping of the code)
 *   WORD_BASE ..      prompt words (lower-cased, split on non-letters/digits), the first one being the unknown word
 * </pre>
 * Prompt words have no Chameleon BPE here (its text_tokenizer.json is the user's): the word tokenizer gives word
 * {@code i} the Chameleon-space id {@code WORD_CHAMELEON_BASE + i}, outside every id WorldVLA hard-codes, so the
 * attention mask and labels computed on Chameleon ids are unaffected.
 */
public final class StudioVocabulary {

    public static final int GRID_TOKENS = 33;
    public static final int ACTION_BASE = 7 + GRID_TOKENS;
    public static final int ACTION_BINS = ActionTokenizer.LAST_TOKEN - ActionTokenizer.FIRST_TOKEN + 1;
    public static final int IMAGE_BASE = ACTION_BASE + ACTION_BINS;
    /** Chameleon-space ids of prompt words start here (above 15004, clear of every special id). */
    public static final int WORD_CHAMELEON_BASE = 40_000;
    public static final String UNKNOWN_WORD = "<unk>";

    private static final int[] SPECIALS = {ChameleonVocabulary.BOS, ChameleonVocabulary.IMAGE_END,
            ChameleonVocabulary.IMAGE_START, ChameleonVocabulary.SEPARATOR, ChameleonVocabulary.IMAGE_ROW_END,
            ChameleonVocabulary.ACTION_START, ChameleonVocabulary.ACTION_END};

    private final int codebookSize;
    private final List<String> words;
    private final Map<String, Integer> wordIndex = new HashMap<>();
    private final ChameleonVocabulary chameleon;

    public StudioVocabulary(int codebookSize, List<String> words) {
        if (codebookSize < 1) {
            throw new IllegalArgumentException("codebook size must be positive, got " + codebookSize);
        }
        if (words.isEmpty() || !words.get(0).equals(UNKNOWN_WORD)) {
            throw new IllegalArgumentException("the word list must start with " + UNKNOWN_WORD);
        }
        this.codebookSize = codebookSize;
        this.words = List.copyOf(words);
        for (int i = 0; i < words.size(); i++) {
            wordIndex.put(words.get(i), i);
        }
        this.chameleon = ChameleonVocabulary.fallback();
    }

    /** A vocabulary over the words of {@code prompts} (sorted, so the same prompts give the same ids). */
    public static StudioVocabulary of(int codebookSize, List<String> prompts) {
        TreeSet<String> set = new TreeSet<>();
        for (String p : prompts) {
            set.addAll(split(p));
        }
        List<String> words = new ArrayList<>();
        words.add(UNKNOWN_WORD);
        set.remove(UNKNOWN_WORD);
        words.addAll(set);
        return new StudioVocabulary(codebookSize, words);
    }

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    public int size() {
        return WORD_BASE() + words.size();
    }

    private int WORD_BASE() {
        return IMAGE_BASE + codebookSize;
    }

    public int wordBase() {
        return WORD_BASE();
    }

    public int codebookSize() {
        return codebookSize;
    }

    public List<String> words() {
        return words;
    }

    /** Chameleon's image-code mapping used to build samples (the {@code code + 4} fallback; the studio model never
     * needs Chameleon's real text ids, since its vocabulary is remapped). */
    public ChameleonVocabulary chameleon() {
        return chameleon;
    }

    /** The word tokenizer the sample builder uses for prompts. */
    public TextTokenizer textTokenizer() {
        return new TextTokenizer() {
            @Override
            public int[] encode(String text) {
                return split(text).stream().mapToInt(w -> WORD_CHAMELEON_BASE + wordIndex.getOrDefault(w, 0)).toArray();
            }

            @Override
            public String description() {
                return "studio model word vocabulary (" + words.size() + " words)";
            }

            @Override
            public void close() {
            }
        };
    }

    /** The dense id of a Chameleon id. */
    public int toCompact(int id) {
        for (int s = 0; s < SPECIALS.length; s++) {
            if (SPECIALS[s] == id) {
                return s;
            }
        }
        if (id >= ChameleonVocabulary.IMAGE_GRID_BASE && id < ChameleonVocabulary.IMAGE_GRID_BASE + GRID_TOKENS) {
            return 7 + id - ChameleonVocabulary.IMAGE_GRID_BASE;
        }
        if (id >= ActionTokenizer.FIRST_TOKEN && id <= ActionTokenizer.LAST_TOKEN) {
            return ACTION_BASE + id - ActionTokenizer.FIRST_TOKEN;
        }
        if (id >= WORD_CHAMELEON_BASE && id < WORD_CHAMELEON_BASE + words.size()) {
            return WORD_BASE() + id - WORD_CHAMELEON_BASE;
        }
        int code = chameleon.imageCode(id);
        if (code >= 0 && code < codebookSize) {
            return IMAGE_BASE + code;
        }
        throw new IllegalArgumentException("token " + id + " has no place in the studio model's vocabulary");
    }

    /** The Chameleon id of a dense id. */
    public int toChameleon(int compact) {
        if (compact < 0 || compact >= size()) {
            throw new IllegalArgumentException("dense id " + compact + " is outside 0.." + (size() - 1));
        }
        if (compact < SPECIALS.length) {
            return SPECIALS[compact];
        }
        if (compact < ACTION_BASE) {
            return ChameleonVocabulary.IMAGE_GRID_BASE + compact - 7;
        }
        if (compact < IMAGE_BASE) {
            return ActionTokenizer.FIRST_TOKEN + compact - ACTION_BASE;
        }
        if (compact < WORD_BASE()) {
            return chameleon.imageToken(compact - IMAGE_BASE);
        }
        return WORD_CHAMELEON_BASE + compact - WORD_BASE();
    }

    public int[] toCompact(int[] ids) {
        return Arrays.stream(ids).map(this::toCompact).toArray();
    }

    public boolean isImageCode(int compact) {
        return compact >= IMAGE_BASE && compact < WORD_BASE();
    }

    public boolean isActionBin(int compact) {
        return compact >= ACTION_BASE && compact < IMAGE_BASE;
    }
}
