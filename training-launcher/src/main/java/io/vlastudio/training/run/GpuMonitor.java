package io.vlastudio.training.run;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * GPU use from {@code nvidia-smi} where it is installed: {@code nvidia-smi
 * --query-gpu=index,name,utilization.gpu,memory.used,memory.total --format=csv,noheader,nounits}, run through
 * {@link BoundedProcess} (10 s limit: a wedged driver can hang nvidia-smi). No nvidia-smi on the PATH means no GPU
 * section and no error; one that fails (no driver, exit 9) gives none either, with the reason in {@link #problem()}.
 * Only this machine's GPUs: for a Slurm run they are on the compute nodes, so the launcher does not poll them.
 */
public final class GpuMonitor {

    /** One GPU as nvidia-smi reports it; a value it prints as {@code [N/A]} is null. */
    public record GpuSample(int index, String name, Double utilization, Long memoryUsedMiB, Long memoryTotalMiB) {
    }

    public static final List<String> QUERY = List.of("--query-gpu=index,name,utilization.gpu,memory.used,memory.total",
            "--format=csv,noheader,nounits");

    private final String path;
    private volatile String problem;

    /** @param path the PATH to find nvidia-smi on (the launcher's own by default) */
    public GpuMonitor(String path) {
        this.path = path == null ? "" : path;
    }

    public static GpuMonitor fromEnvironment() {
        return new GpuMonitor(System.getenv("PATH"));
    }

    /** The nvidia-smi on the PATH, if any. */
    public Optional<Path> executable() {
        for (String d : path.split(File.pathSeparator)) {
            if (d.isBlank()) {
                continue;
            }
            Path p = Path.of(d, "nvidia-smi");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The GPUs now; empty when there is no nvidia-smi or it failed (see {@link #problem()}). */
    public Optional<List<GpuSample>> sample() {
        Optional<Path> exe = executable();
        if (exe.isEmpty()) {
            problem = null;
            return Optional.empty();
        }
        List<String> argv = new ArrayList<>();
        argv.add(exe.get().toString());
        argv.addAll(QUERY);
        try {
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.environment().put("PATH", path);
            BoundedProcess.Outcome o = BoundedProcess.await(pb.start(), 10, TimeUnit.SECONDS);
            if (o.timedOut()) {
                problem = exe.get() + " did not answer within 10 s";
                return Optional.empty();
            }
            if (o.exitCode() != 0) {
                String msg = (o.out() + o.err()).strip();
                problem = exe.get() + " failed (exit " + o.exitCode() + ")" + (msg.isEmpty() ? "" : ": " + msg.lines().findFirst().orElse(""));
                return Optional.empty();
            }
            List<GpuSample> out = parse(o.out());
            problem = null;
            return Optional.of(out);
        } catch (java.io.IOException e) {
            problem = "could not run " + exe.get() + ": " + e.getMessage();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            problem = exe.get() + ": " + e.getMessage();
            return Optional.empty();
        }
    }

    /** Why the last sample came back empty although nvidia-smi is installed; null otherwise. */
    public String problem() {
        return problem;
    }

    /**
     * The CSV nvidia-smi prints for {@link #QUERY}: one line per GPU, fields separated by {@code ", "}, never quoted
     * (GPU names hold no commas).
     */
    static List<GpuSample> parse(String csv) {
        List<GpuSample> out = new ArrayList<>();
        for (String line : csv.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 5) {
                throw new IllegalArgumentException("unexpected output line '" + line.strip() + "' (5 fields expected)");
            }
            try {
                out.add(new GpuSample(Integer.parseInt(f[0].strip()), f[1].strip(), number(f[2]), whole(f[3]), whole(f[4])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unexpected output line '" + line.strip() + "'");
            }
        }
        return out;
    }

    private static Double number(String s) {
        String t = s.strip();
        return t.startsWith("[") ? null : Double.valueOf(t);
    }

    private static Long whole(String s) {
        String t = s.strip();
        return t.startsWith("[") ? null : Long.valueOf(t);
    }

    /** One line per GPU for people: {@code GPU 0 NVIDIA H100 80GB HBM3: 87% · 61234 / 81559 MiB}. */
    public static String describe(List<GpuSample> gpus) {
        StringBuilder b = new StringBuilder();
        for (GpuSample g : gpus) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append("GPU ").append(g.index()).append(' ').append(g.name()).append(": ")
                    .append(g.utilization() == null ? "n/a" : String.format("%.0f%%", g.utilization())).append(" · ")
                    .append(g.memoryUsedMiB() == null ? "n/a" : g.memoryUsedMiB()).append(" / ")
                    .append(g.memoryTotalMiB() == null ? "n/a" : g.memoryTotalMiB()).append(" MiB");
        }
        return b.toString();
    }
}
