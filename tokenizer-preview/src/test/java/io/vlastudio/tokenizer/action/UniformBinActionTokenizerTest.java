package io.vlastudio.tokenizer.action;

import io.vlastudio.tokenizer.testing.PythonScripts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The action tokenizer against WorldVLA's NumPy code, run by {@code /usr/bin/python3} in the test itself. */
class UniformBinActionTokenizerTest {

    private final UniformBinActionTokenizer worldVla = new UniformBinActionTokenizer(ActionBounds.worldVla());

    @Test
    void mapsNormalisedMinusOneZeroAndPlusOneToTheDocumentedTokens() {
        assertThat(UniformBinActionTokenizer.digitize(-1.0) + 10005).isEqualTo(10006);
        assertThat(UniformBinActionTokenizer.digitize(0.0) + 10005).isEqualTo(10133);
        assertThat(UniformBinActionTokenizer.digitize(1.0) + 10005).isEqualTo(10261);
        assertThat(worldVla.value(6, 10261)).isCloseTo(0.99608, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(worldVla.value(6, 10006)).isCloseTo(-0.99608, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void encodesAndDecodesEveryValueExactlyAsNumPyDoes() throws Exception {
        List<double[]> actions = interestingActions(ActionBounds.worldVla());
        ActionBounds custom = new ActionBounds(BoundsPreset.MINMAX, new double[] {-0.2, -0.5, 0, -1e-3, -0.1, -0.3, -1},
                new double[] {0.3, 0.5, 0.7, 2e-3, 0.1, 0.25, 1});
        for (ActionBounds bounds : List.of(ActionBounds.worldVla(), custom)) {
            UniformBinActionTokenizer tokenizer = new UniformBinActionTokenizer(bounds);
            List<double[]> inputs = new ArrayList<>(actions);
            inputs.addAll(interestingActions(bounds));
            StringBuilder in = new StringBuilder();
            in.append("MIN ").append(hex(bounds.min())).append('\n');
            in.append("MAX ").append(hex(bounds.max())).append('\n');
            for (double[] a : inputs) {
                in.append("A ").append(hex(a)).append('\n');
            }
            List<int[]> tokenRows = new ArrayList<>();
            for (int t = 10000; t < 10270; t += 7) {
                tokenRows.add(new int[] {t, t + 1, t + 2, t + 3, t + 4, t + 5, t + 6});
            }
            tokenRows.add(new int[] {10006, 10133, 10261, 10005, 10262, 0, 65535});
            for (int[] row : tokenRows) {
                in.append("T ").append(Arrays.stream(row).mapToObj(Integer::toString).collect(Collectors.joining(" "))).append('\n');
            }
            String[] lines = PythonScripts.run("numpy_action_tokens.py", in.toString()).split("\n");

            assertThat(hex(UniformBinActionTokenizer.edges())).isEqualTo(lines[0].substring("EDGES ".length()));
            assertThat(hex(UniformBinActionTokenizer.centres())).isEqualTo(lines[1].substring("CENTRES ".length()));
            for (int i = 0; i < inputs.size(); i++) {
                String[] parts = lines[2 + i].substring(4).split(" \\| ");
                int[] expectedTokens = Arrays.stream(parts[0].split(" ")).mapToInt(Integer::parseInt).toArray();
                int[] tokens = tokenizer.encode(inputs.get(i), "test", i);
                assertThat(tokens).as("tokens of %s with %s", Arrays.toString(inputs.get(i)), bounds).containsExactly(expectedTokens);
                assertThat(hex(tokenizer.decode(tokens))).as("decoded %s", Arrays.toString(inputs.get(i))).isEqualTo(parts[1]);
            }
            for (int i = 0; i < tokenRows.size(); i++) {
                String expected = lines[2 + inputs.size() + i].substring("DEC ".length());
                assertThat(hex(tokenizer.decode(tokenRows.get(i)))).isEqualTo(expected);
            }
        }
    }

    @Test
    void theColumnFastPathAgreesWithTheOneActionPath() {
        SplittableRandom random = new SplittableRandom(3);
        double[] values = new double[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(-1.5, 1.5);
        }
        int[] fast = new int[values.length];
        for (int d = 0; d < 7; d++) {
            assertThat(worldVla.encodeColumn(d, values, 0, values.length, fast)).isEqualTo(-1);
            for (int i = 0; i < values.length; i++) {
                assertThat(fast[i]).isEqualTo(worldVla.token(d, values[i]));
            }
        }
        values[42] = Double.NaN;
        assertThat(worldVla.encodeColumn(0, values, 0, values.length, fast)).isEqualTo(42);
    }

    @Test
    void refusesANanNamingTheDemoStepAndDimension() {
        double[][] actions = {{0, 0, 0, 0, 0, 0, -1}, {0.1, 0.2, Double.NaN, 0, 0, 0, 1}};
        assertThatThrownBy(() -> worldVla.encode(new DemoActions("open_the_drawer_demo.hdf5 demo_3", actions)))
                .isInstanceOf(NonFiniteActionException.class)
                .hasMessageContaining("open_the_drawer_demo.hdf5 demo_3 step 1")
                .hasMessageContaining("dimension 2 is NaN")
                .satisfies(e -> {
                    NonFiniteActionException n = (NonFiniteActionException) e;
                    assertThat(n.step()).isEqualTo(1);
                    assertThat(n.dimension()).isEqualTo(2);
                });
        assertThatThrownBy(() -> worldVla.encode(new double[] {0, 0, 0, 0, 0, Double.POSITIVE_INFINITY, 0}, "demo_0", 4))
                .isInstanceOf(NonFiniteActionException.class).hasMessageContaining("demo_0 step 4");
    }

    @Test
    void refusesAnActionOfTheWrongLength() {
        assertThatThrownBy(() -> worldVla.encode(new double[] {0, 0, 0}, "demo_0", 0))
                .hasMessageContaining("expected an action of 7 values, found 3");
    }

    /** Bounds, midpoints, values outside, values that normalise onto bin edges, and random values. */
    static List<double[]> interestingActions(ActionBounds bounds) {
        double[] min = bounds.min();
        double[] max = bounds.max();
        List<double[]> out = new ArrayList<>();
        out.add(min.clone());
        out.add(max.clone());
        out.add(map(min, max, (lo, hi) -> (lo + hi) / 2));
        out.add(map(min, max, (lo, hi) -> lo - 0.5));
        out.add(map(min, max, (lo, hi) -> hi + 0.5));
        out.add(map(min, max, (lo, hi) -> hi + 1e-9));
        out.add(map(min, max, (lo, hi) -> lo - 1e-12));
        out.add(new double[] {0, 0, 0, 0, 0, 0, 0});
        out.add(new double[] {-0.0, 1e-300, -1e-300, 1e6, -1e6, Double.MIN_VALUE, -Double.MAX_VALUE});
        double[] edges = UniformBinActionTokenizer.edges();
        for (int k = 0; k < edges.length; k += 5) {
            int kk = k;
            // the value whose normalisation lands on edge k (up to rounding), and its neighbours
            out.add(map(min, max, (lo, hi) -> (edges[kk] + 1) / 2 * (hi - lo + 1e-8) + lo));
            out.add(map(min, max, (lo, hi) -> Math.nextUp((edges[kk] + 1) / 2 * (hi - lo + 1e-8) + lo)));
            out.add(map(min, max, (lo, hi) -> Math.nextDown((edges[kk] + 1) / 2 * (hi - lo + 1e-8) + lo)));
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 300; i++) {
            out.add(map(min, max, (lo, hi) -> random.nextDouble(lo - 0.1, hi + 0.1)));
        }
        return out;
    }

    private interface Op {
        double apply(double lo, double hi);
    }

    private static double[] map(double[] min, double[] max, Op op) {
        double[] out = new double[min.length];
        for (int d = 0; d < out.length; d++) {
            out[d] = op.apply(min[d], max[d]);
        }
        return out;
    }

    /** Doubles in the spelling of Python's {@code float.hex}, for exact comparison. */
    static String hex(double[] values) {
        return Arrays.stream(values).mapToObj(UniformBinActionTokenizerTest::pythonHex).collect(Collectors.joining(" "));
    }

    static String pythonHex(double v) {
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + "0x0.0p+0";
        }
        String s = Double.toHexString(v); // 0x1.8p-1, 0x1.0p0, 0x0.0000000000001p-1022
        String sign = s.startsWith("-") ? "-" : "";
        s = s.substring(sign.length() + 2);
        int p = s.indexOf('p');
        String mantissa = s.substring(0, p);
        int exp = Integer.parseInt(s.substring(p + 1));
        String[] m = mantissa.split("\\.");
        String frac = (m[1] + "0000000000000").substring(0, 13);
        if (m[0].equals("0")) { // subnormal: Python normalises to 0x1.xxxp-1074 style? it prints 0x0.xxxp-1022
            return sign + "0x0." + frac + "p-1022";
        }
        return sign + "0x1." + frac + "p" + (exp >= 0 ? "+" : "") + exp;
    }
}
