package io.vlastudio.training.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A stage process started as the leader of its own session and process group ({@code setsid}, no shell), so that one
 * signal to the group reaches torchrun and every rank (launch.md §2.4-§2.5). Its output goes to a file, never a pipe:
 * the process keeps running and logging while the studio is closed, and a reopened studio re-attaches from the
 * recorded pid (= pgid) and start time, which tells the process from a later one that got the same pid.
 */
public final class GroupProcess {

    private final long pgid;
    private final long startTicks;
    private final Process child; // null when re-attached

    private GroupProcess(long pgid, long startTicks, Process child) {
        this.pgid = pgid;
        this.startTicks = startTicks;
        this.child = child;
    }

    /** Starts {@code argv} in {@code cwd} with {@code env} added, stdout and stderr appended to {@code log}. */
    public static GroupProcess start(List<String> argv, Path cwd, Map<String, String> env, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(argv.size() + 1);
        cmd.add("setsid");
        cmd.addAll(argv);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        long ticks = startTicks(p.pid());
        return new GroupProcess(p.pid(), ticks, p);
    }

    /** The process recorded earlier, if it still runs (same pid and start time). */
    public static GroupProcess attach(long pgid, long startTicks) {
        return new GroupProcess(pgid, startTicks, null);
    }

    public long pgid() {
        return pgid;
    }

    public long startTicks() {
        return startTicks;
    }

    /** Whether the studio started it in this JVM (then its exit code is known). */
    public boolean ownChild() {
        return child != null;
    }

    /** Whether the group's leader still runs (a zombie counts as gone). */
    public boolean leaderAlive() {
        if (child != null) {
            return child.isAlive();
        }
        long[] st = stat(pgid);
        return st != null && st[2] == startTicks && st[3] == 0;
    }

    /** Whether any live (non-zombie) process remains in the group. */
    public boolean groupAlive() {
        return !members(pgid).isEmpty();
    }

    /** The exit code, when the studio started it and it ended. */
    public OptionalInt exitCode() {
        if (child == null || child.isAlive()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(child.exitValue());
    }

    /** Waits for the leader to end; true if it did within the time. */
    public boolean waitFor(Duration d) throws InterruptedException {
        if (child != null) {
            return child.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        }
        long end = System.nanoTime() + d.toNanos();
        while (leaderAlive()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /**
     * Stop: TERM to the group (torchrun forwards it to its ranks and exits 1), up to {@code grace} for the group to
     * empty, then KILL to the group, which also sweeps ranks a dead agent left behind.
     */
    public void stop(Duration grace) throws InterruptedException {
        if (startTicks != 0 && !sameProcess()) {
            sweepGroup();
            return;
        }
        signal(pgid, "TERM");
        long end = System.nanoTime() + grace.toNanos();
        while (groupAlive() && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        signal(pgid, "KILL");
        if (child != null) {
            child.waitFor(5, TimeUnit.SECONDS);
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (groupAlive() && System.nanoTime() < until) {
            Thread.sleep(50);
        }
    }

    private boolean sameProcess() {
        long[] st = stat(pgid);
        return st == null || st[2] == startTicks; // gone leader: its group may still hold orphaned ranks
    }

    private void sweepGroup() {
        // the pid was reused by another process: only signal the group if its members are ours (same session id)
        for (long pid : members(pgid)) {
            long[] st = stat(pid);
            if (st != null && st[1] == pgid) {
                signal(pgid, "KILL");
                return;
            }
        }
    }

    static void signal(long pgid, String sig) {
        if (pgid <= 1) {
            throw new IllegalArgumentException("refusing to signal process group " + pgid);
        }
        try {
            new ProcessBuilder("kill", "-" + sig, "--", "-" + pgid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill to stop process group " + pgid + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Live (non-zombie) processes whose process group is {@code pgid}. */
    public static List<Long> members(long pgid) {
        List<Long> out = new ArrayList<>();
        try (var dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path d : dirs) {
                long pid = Long.parseLong(d.getFileName().toString());
                long[] st = stat(pid);
                if (st != null && st[0] == pgid && st[3] == 0) {
                    out.add(pid);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        return out;
    }

    /** {pgrp, session, starttime, zombie?1:0} from /proc/PID/stat, or null when the process is gone. */
    static long[] stat(long pid) {
        String s;
        try {
            s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return null;
        }
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        // f[0] = state (field 3), f[2] = pgrp (5), f[3] = session (6), f[19] = starttime (22)
        return new long[] {Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[19]), "Z".equals(f[0]) || "X".equals(f[0]) ? 1 : 0};
    }

    static long startTicks(long pid) {
        long[] st = stat(pid);
        return st == null ? 0 : st[2];
    }
}
