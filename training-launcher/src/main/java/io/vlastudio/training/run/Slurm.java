package io.vlastudio.training.run;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Slurm client commands the launcher uses: {@code sbatch --parsable}, {@code squeue}, {@code scontrol show job},
 * {@code sacct} where accounting is on, {@code scancel}. They find the cluster as the user's shell does (the
 * environment, e.g. {@code SLURM_CONF}, is inherited).
 */
public final class Slurm {

    /** A job's state: PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, ..., or UNKNOWN. */
    public record JobState(String state, String exitCode) {
        public boolean finished() {
            return !(state.equals("PENDING") || state.equals("RUNNING") || state.equals("CONFIGURING")
                    || state.equals("COMPLETING") || state.equals("SUSPENDED") || state.equals("REQUEUED") || state.equals("UNKNOWN"));
        }

        public boolean succeeded() {
            return state.equals("COMPLETED");
        }
    }

    private static final Pattern STATE = Pattern.compile("JobState=(\\S+)");
    private static final Pattern EXIT = Pattern.compile("ExitCode=(\\S+)");

    private Slurm() {
    }

    /** Runs the sbatch argv; returns the job id. */
    public static String submit(List<String> argv, java.nio.file.Path cwd) throws IOException {
        Result r = run(argv, cwd);
        if (r.code != 0) {
            throw new IOException("sbatch failed (exit " + r.code + "): " + r.out.strip());
        }
        String id = r.out.strip().split("[;\\s]")[0];
        if (!id.matches("\\d+(_\\d+)?")) {
            throw new IOException("sbatch did not print a job id: " + r.out.strip());
        }
        return id;
    }

    public static JobState state(String jobId) {
        try {
            Result q = run(List.of("squeue", "-h", "-j", jobId, "-o", "%T"), null);
            if (q.code == 0 && !q.out.isBlank()) {
                return new JobState(q.out.strip().split("\\s+")[0], null);
            }
            Result s = run(List.of("scontrol", "show", "job", jobId), null);
            if (s.code == 0) {
                Matcher m = STATE.matcher(s.out);
                Matcher e = EXIT.matcher(s.out);
                if (m.find()) {
                    return new JobState(m.group(1), e.find() ? e.group(1) : null);
                }
            }
            Result a = run(List.of("sacct", "-n", "-X", "-P", "-j", jobId, "-o", "State,ExitCode"), null);
            if (a.code == 0 && !a.out.isBlank()) {
                String[] f = a.out.strip().split("\n")[0].split("\\|");
                return new JobState(f[0].split(" ")[0], f.length > 1 ? f[1] : null);
            }
        } catch (IOException e) {
            // fall through
        }
        return new JobState("UNKNOWN", null);
    }

    public static void cancel(String jobId) throws IOException {
        Result r = run(List.of("scancel", jobId), null);
        if (r.code != 0) {
            throw new IOException("scancel " + jobId + " failed: " + r.out.strip());
        }
    }

    private record Result(int code, String out) {
    }

    private static Result run(List<String> argv, java.nio.file.Path cwd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        Process p = pb.start();
        try {
            BoundedProcess.Outcome o = BoundedProcess.await(p, 30, TimeUnit.SECONDS);
            if (o.timedOut()) {
                throw new IOException(argv.get(0) + " did not answer within 30 s");
            }
            return new Result(o.exitCode(), o.out());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
