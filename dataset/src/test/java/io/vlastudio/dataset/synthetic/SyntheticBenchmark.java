package io.vlastudio.dataset.synthetic;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Prints how long generating a batch of synthetic demos takes (not a test: surefire only runs classes ending in
 * "Test"). Run with
 * {@code java -cp dataset/target/classes:dataset/target/test-classes io.vlastudio.dataset.synthetic.SyntheticBenchmark}.
 */
public final class SyntheticBenchmark {

    private SyntheticBenchmark() {
    }

    /**
     * Entry point.
     *
     * @param args optional: number of demos (default 10)
     * @throws Exception if a worker fails
     */
    public static void main(String[] args) throws Exception {
        int demos = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long start = System.nanoTime();
        SyntheticEpisodeGenerator generator = new SyntheticEpisodeGenerator(GeneratorSettings.defaults());
        System.out.printf("generator construction (table texture): %.0f ms%n", (System.nanoTime() - start) / 1e6);
        SyntheticTask task = SyntheticTask.catalogue().get(0);
        for (int round = 0; round < 2; round++) {
            String label = round == 0 ? "warm-up" : "measured";
            for (int size : new int[] {128, 256}) {
                time(label + " sequential", generator, task, demos, size, 1);
                time(label + " 2 threads ", generator, task, demos, size, 2);
            }
        }
    }

    private static void time(String label, SyntheticEpisodeGenerator generator, SyntheticTask task, int demos,
                             int size, int threads) throws Exception {
        long start = System.nanoTime();
        long steps = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<SyntheticEpisode>> futures = IntStream.range(0, demos)
                    .mapToObj(d -> pool.submit(() -> generator.generate(task, d, 7L, size, false, true)))
                    .toList();
            for (Future<SyntheticEpisode> f : futures) {
                steps += f.get().length();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s %3dx%-3d: %d demos, %d steps, 2 cameras: %.2f s (%.2f ms/step)%n", label, size, size,
                demos, steps, seconds, seconds * 1000 / steps);
    }
}
