package io.vlastudio.tokenizer.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vlastudio.tokenizer.image.TokenizerException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Chameleon's token ids as WorldVLA uses them. Special ids are fixed; image codes map to ids <em>by name</em>
 * through the vocabulary of {@code text_tokenizer.json} ({@code IMGIMG<digits as letters A-J>Z} is code
 * {@code <digits>}), as Chameleon's {@code VocabTranslation} does. Without a vocabulary file the mapping falls back
 * to {@code id = code + 4} and {@link #imageCodesFromVocabulary()} says so.
 */
public final class ChameleonVocabulary {

    public static final int BOS = 0;
    public static final int IMAGE_END = 8196;
    public static final int IMAGE_START = 8197;
    public static final int SEPARATOR = 8710;
    public static final int IMAGE_ROW_END = 8803;
    /** Grid size tokens are {@code 8804 + side / 32}. */
    public static final int IMAGE_GRID_BASE = 8804;
    public static final int ACTION_START = 10004;
    public static final int ACTION_END = 15004;
    /** Offset of the fallback mapping of image codes (the first image token id). */
    public static final int IMAGE_CODE_FALLBACK_OFFSET = 4;

    /** Names whose ids WorldVLA hard-codes, checked against a vocabulary file when one is given. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, Integer> SPECIAL_NAMES = Map.of("<racm3:break>", IMAGE_START, "<eoss>", IMAGE_END,
            "<reserved08706>", SEPARATOR, "<reserved08799>", IMAGE_ROW_END, "<reserved10000>", ACTION_START,
            "<reserved15000>", ACTION_END);

    private final int[] codeToId;
    private final Map<Integer, Integer> idToCode;
    private final Path source;
    private final List<String> warnings;

    private ChameleonVocabulary(int[] codeToId, Path source, List<String> warnings) {
        this.codeToId = codeToId;
        this.source = source;
        this.warnings = List.copyOf(warnings);
        this.idToCode = new HashMap<>();
        for (int c = 0; c < codeToId.length; c++) {
            idToCode.put(codeToId[c], c);
        }
    }

    /** The {@code id = code + 4} fallback for 8192 codes, used when no vocabulary file is available. */
    public static ChameleonVocabulary fallback() {
        int[] map = new int[8192];
        for (int c = 0; c < map.length; c++) {
            map[c] = c + IMAGE_CODE_FALLBACK_OFFSET;
        }
        return new ChameleonVocabulary(map, null, List.of());
    }

    /**
     * Reads the image-code names of a Hugging Face tokenizer JSON ({@code model.vocab}).
     *
     * @throws TokenizerException when the file is missing or holds no {@code IMGIMG...Z} entries
     */
    public static ChameleonVocabulary read(Path textTokenizerJson) throws TokenizerException {
        JsonNode root;
        try (Reader r = Files.newBufferedReader(textTokenizerJson)) {
            root = JSON.readTree(r);
        } catch (IOException | RuntimeException e) {
            throw new TokenizerException(textTokenizerJson, "Chameleon's text_tokenizer.json (a Hugging Face tokenizers JSON)",
                    Files.exists(textTokenizerJson) ? "unreadable JSON: " + firstLine(e.getMessage()) : "no such file", e);
        }
        JsonNode vocab = root == null ? null : root.path("model").path("vocab");
        if (vocab == null || !vocab.isObject()) {
            throw new TokenizerException(textTokenizerJson, "a tokenizer JSON with a model.vocab map", "no model.vocab");
        }
        Map<String, Object> names = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isIntegralNumber()) {
                names.put(e.getKey(), e.getValue().intValue());
            }
        }
        Map<Integer, Integer> codes = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, Object> e : names.entrySet()) {
            String name = e.getKey();
            if (name.startsWith("IMGIMG") && name.endsWith("Z") && e.getValue() instanceof Number id) {
                StringBuilder digits = new StringBuilder();
                for (char ch : name.substring(6, name.length() - 1).toCharArray()) {
                    digits.append(ch >= 'A' && ch <= 'J' ? (char) ('0' + (ch - 'A')) : ch);
                }
                try {
                    codes.put(Integer.parseInt(digits.toString()), id.intValue());
                } catch (NumberFormatException ignored) {
                    // not an image code name
                }
            }
        }
        if (codes.isEmpty()) {
            throw new TokenizerException(textTokenizerJson, "image tokens named IMGIMG...Z in model.vocab", "none");
        }
        int max = codes.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        int[] map = new int[max + 1];
        java.util.Arrays.fill(map, -1);
        codes.forEach((code, id) -> map[code] = id);
        for (Map.Entry<String, Integer> s : SPECIAL_NAMES.entrySet()) {
            Object id = names.get(s.getKey());
            if (id instanceof Number n && n.intValue() != s.getValue()) {
                warnings.add(s.getKey() + " is " + n.intValue() + " in " + textTokenizerJson.getFileName()
                        + ", WorldVLA hard-codes " + s.getValue());
            }
        }
        return new ChameleonVocabulary(map, textTokenizerJson, warnings);
    }

    /** The token id of an image code. */
    public int imageToken(int code) {
        if (code < 0 || code >= codeToId.length || codeToId[code] < 0) {
            throw new IllegalArgumentException("image code " + code + " has no token in "
                    + (source == null ? "the fallback mapping" : source.getFileName()));
        }
        return codeToId[code];
    }

    /** The image code of a token id, or -1. */
    public int imageCode(int token) {
        return idToCode.getOrDefault(token, -1);
    }

    public int imageCodes() {
        return codeToId.length;
    }

    /** Whether image codes were mapped by name from a vocabulary file (false: the {@code code + 4} fallback). */
    public boolean imageCodesFromVocabulary() {
        return source != null;
    }

    /** Special ids that differ from WorldVLA's hard-coded ones in the vocabulary file (normally none). */
    public List<String> warnings() {
        return warnings;
    }

    /** The grid size token of a side of {@code codes} codes (16 codes = 256 px = token 8812). */
    public static int gridToken(int codes) {
        return IMAGE_GRID_BASE + codes * 16 / 32;
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }
}
