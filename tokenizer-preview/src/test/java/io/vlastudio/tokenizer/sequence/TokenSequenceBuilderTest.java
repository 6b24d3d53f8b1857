package io.vlastudio.tokenizer.sequence;

import io.vlastudio.dataset.Orientation;
import io.vlastudio.tokenizer.image.CodeGrid;
import io.vlastudio.tokenizer.image.TokenizerException;
import io.vlastudio.tokenizer.sequence.TokenSequenceBuilder.StepAction;
import io.vlastudio.tokenizer.sequence.TokenSequenceBuilder.StepImage;
import io.vlastudio.tokenizer.testing.PythonScripts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenSequenceBuilderTest {

    @TempDir
    static Path dir;
    private static Path tokenizerJson;
    private static HuggingFaceTextTokenizer text;
    private static ChameleonVocabulary vocabulary;

    /** A small word-level tokenizer JSON with Chameleon-style image code names, in a shuffled id order. */
    @BeforeAll
    static void writeTokenizer() throws Exception {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        vocab.put("<s>", 0);
        vocab.put("<unk>", 3);
        String[] words = "What action should the robot take to open drawer ? Generate next image based on provided sequence of historical images and corresponding actions ."
                .split(" ");
        for (int i = 0; i < words.length; i++) {
            vocab.put(words[i], 20000 + i);
        }
        for (int code = 0; code < 64; code++) {
            String letters = Integer.toString(code).chars().mapToObj(c -> String.valueOf((char) ('A' + (c - '0'))))
                    .collect(Collectors.joining());
            vocab.put("IMGIMG" + letters + "Z", 4 + (code * 37) % 64); // not code + 4
        }
        vocab.put("<racm3:break>", 8197);
        vocab.put("<reserved08706>", 8710);
        String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],\"normalizer\":null,"
                + "\"pre_tokenizer\":{\"type\":\"Whitespace\"},\"post_processor\":null,\"decoder\":null,"
                + "\"model\":{\"type\":\"WordLevel\",\"vocab\":{"
                + vocab.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue()).collect(Collectors.joining(","))
                + "},\"unk_token\":\"<unk>\"}}";
        tokenizerJson = dir.resolve("text_tokenizer.json");
        Files.writeString(tokenizerJson, json);
        text = HuggingFaceTextTokenizer.open(tokenizerJson);
        vocabulary = ChameleonVocabulary.read(tokenizerJson);
    }

    @AfterAll
    static void close() {
        text.close();
    }

    @Test
    void mapsImageCodesToIdsByNameThroughTheVocabulary() {
        assertThat(vocabulary.imageCodesFromVocabulary()).isTrue();
        assertThat(vocabulary.imageToken(0)).isEqualTo(4);
        assertThat(vocabulary.imageToken(1)).isEqualTo(4 + 37);
        assertThat(vocabulary.imageToken(12)).isEqualTo(4 + (12 * 37) % 64);
        assertThat(vocabulary.imageCode(4 + 37)).isEqualTo(1);
        assertThat(ChameleonVocabulary.fallback().imageToken(8191)).isEqualTo(8195);
        assertThat(ChameleonVocabulary.fallback().imageCodesFromVocabulary()).isFalse();
    }

    @Test
    void buildsTheActionModelSampleWithLabelsOnlyOverTheAnswer() {
        TokenSequenceBuilder builder = new TokenSequenceBuilder(vocabulary, text, null);
        TokenSequence s = builder.actionModel(7, "open the drawer",
                List.of(new StepImage(6, grid(16, 1)), new StepImage(7, grid(16, 2))),
                IntStream.range(7, 12).mapToObj(j -> new StepAction(j, new int[] {10006, 10133, 10261, 10100, 10200, 10150, 10261})).toList());

        int textTokens = text.encode("What action should the robot take to open the drawer?").length;
        assertThat(textTokens).isEqualTo(11);
        assertThat(s.length()).isEqualTo(1 + textTokens + 2 * 276 + 1 + 5 * 9 + 1);
        assertThat(s.length()).isEqualTo(611); // WorldVLA's "about 615" at 256 px, M=2, K=5
        int[] ids = s.ids();
        assertThat(ids[0]).isZero();
        assertThat(Arrays.copyOfRange(ids, 1, 4)).containsExactly(20000, 20001, 20002);
        int img = 1 + textTokens;
        assertThat(Arrays.copyOfRange(ids, img, img + 3)).containsExactly(8197, 8812, 8812);
        assertThat(ids[img + 3 + 16]).isEqualTo(8803); // row end after 16 codes
        assertThat(ids[img + 275]).isEqualTo(8196);
        assertThat(ids[img + 3]).isEqualTo(vocabulary.imageToken(grid(16, 1).codeAt(0, 0)));
        int sep = img + 2 * 276;
        assertThat(ids[sep]).isEqualTo(8710);
        assertThat(Arrays.copyOfRange(ids, sep + 1, sep + 10)).containsExactly(10004, 10006, 10133, 10261, 10100, 10200, 10150, 10261, 15004);
        assertThat(ids[s.length() - 1]).isEqualTo(8710);

        int[] labels = s.labels();
        for (int i = 0; i <= sep; i++) {
            assertThat(labels[i]).as("label %d", i).isEqualTo(-100);
        }
        for (int i = sep + 1; i < s.length(); i++) {
            assertThat(labels[i]).isEqualTo(ids[i]);
        }
        assertThat(s.predictedCount()).isEqualTo(46);
        assertThat(s.count(TokenKind.IMAGE_CODE)).isEqualTo(512);
        assertThat(s.exceedsLimit()).isFalse();
        assertThat(s.textTokenized()).isTrue();
    }

    @Test
    void actionBlocksOfTheChunkDoNotSeeEachOtherButSeeTheImages() {
        TokenSequence s = new TokenSequenceBuilder(vocabulary, text, null).actionModel(0, "open the drawer",
                List.of(new StepImage(0, grid(4, 3))),
                List.of(new StepAction(0, new int[] {10006, 10006, 10006, 10006, 10006, 10006, 10006}),
                        new StepAction(1, new int[] {10007, 10007, 10007, 10007, 10007, 10007, 10007}),
                        new StepAction(2, new int[] {10008, 10008, 10008, 10008, 10008, 10008, 10008})));
        ActionAttentionMask mask = s.attentionMask();
        int[] ids = s.ids();
        int a0 = indexOf(ids, 10004, 0);
        int a1 = indexOf(ids, 10004, a0 + 1);
        int a2 = indexOf(ids, 10004, a1 + 1);
        assertThat(mask.allowed(a1 + 3, a0 + 3)).isFalse();
        assertThat(mask.allowed(a2, a0)).isFalse();
        assertThat(mask.allowed(a2 + 8, a1 + 8)).isFalse();
        assertThat(mask.allowed(a1 + 3, a1 + 2)).isTrue(); // causal inside its own block
        assertThat(mask.allowed(a2 + 1, 5)).isTrue(); // sees the prompt and image
        assertThat(mask.allowed(s.length() - 1, a0 + 1)).isTrue(); // the closing 8710 sees everything
        assertThat(mask.allowed(3, 4)).isFalse(); // causal
        assertThat(mask.maskedPairs()).isEqualTo(9L * 9 + 2 * 9L * 9);
    }

    @Test
    void theAttentionMaskEqualsWorldVlasForBothSampleKinds() throws Exception {
        TokenSequenceBuilder builder = new TokenSequenceBuilder(vocabulary, text, null);
        List<TokenSequence> samples = new ArrayList<>();
        samples.add(builder.actionModel(1, "open the drawer", List.of(new StepImage(0, grid(2, 1)), new StepImage(1, grid(2, 2))),
                IntStream.range(1, 5).mapToObj(j -> new StepAction(j, new int[] {10006 + j, 10010, 10011, 10012, 10013, 10014, 10015})).toList()));
        samples.add(builder.worldModel(3, new StepImage(3, grid(2, 4)), new StepAction(3, new int[] {10020, 10021, 10022, 10023, 10024, 10025, 10026}),
                new StepImage(4, grid(2, 5))));
        int[] truncated = Arrays.copyOf(samples.get(0).ids(), samples.get(0).length() - 12); // ends inside an action block
        for (int[] ids : List.of(samples.get(0).ids(), samples.get(1).ids(), truncated)) {
            String[] rows = PythonScripts.run("worldvla_attention_mask.py",
                    Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(" "))).split("\n");
            ActionAttentionMask mask = new ActionAttentionMask(ids);
            for (int r = 0; r < ids.length; r++) {
                StringBuilder row = new StringBuilder();
                for (int c = 0; c < ids.length; c++) {
                    row.append(mask.allowed(r, c) ? '1' : '0');
                }
                assertThat(row.toString()).as("row %d", r).isEqualTo(rows[r]);
            }
        }
        assertThat(samples.get(1).attentionMask().maskedPairs()).isZero();
    }

    @Test
    void buildsTheWorldModelSampleWithTheNextFrameAsTheAnswer() {
        TokenSequence s = new TokenSequenceBuilder(vocabulary, text, null).worldModel(3, new StepImage(3, grid(16, 4)),
                new StepAction(3, new int[] {10006, 10007, 10008, 10009, 10010, 10011, 10012}), new StepImage(4, grid(16, 5)));
        int textTokens = text.encode(TokenSequenceBuilder.WORLD_MODEL_PROMPT).length;
        assertThat(s.length()).isEqualTo(1 + textTokens + 276 + 9 + 1 + 276 + 1);
        assertThat(s.predictedCount()).isEqualTo(277);
        assertThat(s.segments()).extracting(Segment::label).contains("image of step 4 (16x16 codes)", "action of step 3");
        assertThat(s.segments().stream().filter(Segment::predicted).map(Segment::label).toList())
                .containsExactly("image of step 4 (16x16 codes)", "end of answer (8710)");
    }

    @Test
    void withoutATextTokenizerTheTextIsOneLabelledBlockAndSaysWhy() {
        TokenSequence s = new TokenSequenceBuilder(ChameleonVocabulary.fallback(), null, "no text_tokenizer.json in /models")
                .actionModel(0, "open the drawer", List.of(new StepImage(0, grid(16, 1))),
                        List.of(new StepAction(0, new int[] {10006, 10006, 10006, 10006, 10006, 10006, 10006})));
        assertThat(s.textTokenized()).isFalse();
        assertThat(s.textNote()).isEqualTo("no text_tokenizer.json in /models");
        assertThat(s.count(TokenKind.TEXT_UNTOKENIZED)).isEqualTo(1);
        assertThat(s.segments().get(1).label()).contains("What action should the robot take to open the drawer?",
                "no text_tokenizer.json in /models");
        assertThat(s.id(5)).isEqualTo(ChameleonVocabulary.fallback().imageToken(grid(16, 1).codeAt(0, 0)));
    }

    @Test
    void historyAndChunkWindowsFollowWorldVla() {
        assertThat(TokenSequenceBuilder.historySteps(0, 2)).containsExactly(0);
        assertThat(TokenSequenceBuilder.historySteps(5, 2)).containsExactly(4, 5);
        assertThat(TokenSequenceBuilder.hasActionChunk(5, 5, 10)).isTrue();
        assertThat(TokenSequenceBuilder.hasActionChunk(6, 5, 10)).isFalse();
        assertThat(TokenSequenceBuilder.hasNextFrame(8, 10)).isTrue();
        assertThat(TokenSequenceBuilder.hasNextFrame(9, 10)).isFalse();
    }

    @Test
    void aMissingVocabularyFileIsNamed() {
        assertThatThrownBy(() -> ChameleonVocabulary.read(dir.resolve("missing.json"))).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("missing.json: expected Chameleon's text_tokenizer.json");
        assertThatThrownBy(() -> HuggingFaceTextTokenizer.open(dir.resolve("missing.json"))).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("no such file");
    }

    private static int indexOf(int[] ids, int id, int from) {
        for (int i = from; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void sampleCountsEqualTheLengthsOfTheSequencesTheBuilderMakes() {
        // the mix editor's counts come from WorldVlaSampleCounter: build every sample of a demo and compare
        TokenSequenceBuilder builder = new TokenSequenceBuilder(vocabulary, text, null);
        WorldVlaSampleCounter exact = new WorldVlaSampleCounter(text);
        for (int[] c : new int[][] {{12, 2, 5, 128}, {9, 4, 3, 256}, {4, 2, 5, 256}, {1, 1, 1, 64}, {30, 1, 1, 128}}) {
            int steps = c[0];
            int history = c[1];
            int chunk = c[2];
            int side = c[3] / WorldVlaSampleCounter.DOWNSAMPLING;
            long actionSamples = 0;
            long actionTokens = 0;
            long worldSamples = 0;
            long worldTokens = 0;
            StepAction act = new StepAction(0, new int[] {10006, 10133, 10261, 10100, 10200, 10150, 10261});
            for (int j = 0; j < steps; j++) {
                if (TokenSequenceBuilder.hasActionChunk(j, chunk, steps)) {
                    List<StepImage> images = TokenSequenceBuilder.historySteps(j, history).stream()
                            .map(k -> new StepImage(k, grid(side, k))).toList();
                    List<StepAction> actions = IntStream.range(j, j + chunk).mapToObj(k -> act).toList();
                    actionSamples++;
                    actionTokens += builder.actionModel(j, "open the drawer", images, actions).length();
                }
                if (TokenSequenceBuilder.hasNextFrame(j, steps)) {
                    worldSamples++;
                    worldTokens += builder.worldModel(j, new StepImage(j, grid(side, j)), act,
                            new StepImage(j + 1, grid(side, j + 1))).length();
                }
            }
            WorldVlaSampleCounter.Counts counts = exact.demo(steps, "open the drawer", history, chunk, c[3], true, true);
            assertThat(counts).as(Arrays.toString(c))
                    .isEqualTo(new WorldVlaSampleCounter.Counts(actionSamples, actionTokens, worldSamples, worldTokens));
        }
        // without a text tokenizer the prompt text is estimated at one token per four characters
        WorldVlaSampleCounter estimated = new WorldVlaSampleCounter(null);
        String prompt = TokenSequenceBuilder.actionPrompt("open the drawer");
        assertThat(estimated.textTokens(prompt)).isEqualTo((int) Math.ceil(prompt.length() / 4.0));
        assertThat(estimated.demo(12, "open the drawer", 2, 5, 256, true, false).actionTokens()
                - exact.demo(12, "open the drawer", 2, 5, 256, true, false).actionTokens())
                .isEqualTo(8L * (estimated.textTokens(prompt) - text.encode(prompt).length));
    }

    private static CodeGrid grid(int side, int seed) {
        int[] codes = new int[side * side];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (i * 7 + seed * 13) % 64;
        }
        return new CodeGrid(side, side, codes, Orientation.ROT180);
    }
}
