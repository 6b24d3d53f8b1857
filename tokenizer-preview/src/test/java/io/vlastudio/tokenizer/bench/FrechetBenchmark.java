package io.vlastudio.tokenizer.bench;

import io.vlastudio.tokenizer.image.FrechetDistance;
import io.vlastudio.tokenizer.testing.PythonScripts;

import java.util.Locale;
import java.util.Random;

/**
 * FVD's Fréchet distance (EJML, float64) against NumPy on the same features, in the same run: wall time per call at the
 * real I3D widths (400 logits, 1024 features) and the relative difference of the two results. Run:
 * {@code java -cp <test classpath> io.vlastudio.tokenizer.bench.FrechetBenchmark [samples]} (docs/decisions/0070).
 */
public final class FrechetBenchmark {

    private FrechetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        for (int d : new int[] {400, 1024}) {
            Random r = new Random(d);
            double[][] a = new double[n][d];
            double[][] b = new double[n][d];
            StringBuilder csv = new StringBuilder();
            for (double[][] x : new double[][][] {a, b}) {
                for (double[] row : x) {
                    for (int j = 0; j < d; j++) {
                        row[j] = r.nextGaussian() * (1 + j % 7) + (x == b ? 0.3 : 0);
                        csv.append(row[j]).append(j + 1 < d ? "," : "\n");
                    }
                }
            }
            FrechetDistance.of(a, b); // warm-up
            long t0 = System.nanoTime();
            double java = FrechetDistance.of(a, b);
            double javaMs = (System.nanoTime() - t0) / 1e6;
            String[] py = PythonScripts.run("frechet_numpy.py", csv.toString(), Integer.toString(n), Integer.toString(d))
                    .strip().split(" ");
            double numpy = Double.parseDouble(py[0]);
            double numpyMs = Double.parseDouble(py[1]);
            System.out.printf(Locale.ROOT, "d=%d n=%d  EJML %.1f ms  NumPy %.1f ms  ratio %.2f  values %.6f / %.6f  rel.diff %.2e%n",
                    d, n, javaMs, numpyMs, javaMs / numpyMs, java, numpy, Math.abs(java - numpy) / Math.abs(numpy));
        }
    }
}
