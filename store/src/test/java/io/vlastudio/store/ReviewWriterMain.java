package io.vlastudio.store;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;

/**
 * The child of {@link CrashSafetyTest}: edits reviews in a loop (single and multi-demo edits, undos) and prints
 * {@code committed FILE#DEMO TAG} after each edit call returned, until it is killed.
 * Arguments: workspace folder, tag prefix, seed.
 */
public final class ReviewWriterMain {

    private ReviewWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Path ws = Path.of(args[0]);
        String prefix = args[1];
        Random random = new Random(Long.parseLong(args[2]));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("opening");
        try (Workspace workspace = TestData.workspaces(Clock.systemUTC()).open(ws)) {
            List<DemoRef> demos = workspace.demos(DemoQuery.all()).stream().map(DemoRecord::ref).toList();
            out.println("ready");
            for (int i = 0; i < 10_000; i++) {
                DemoRef demo = demos.get(random.nextInt(demos.size()));
                String tag = prefix + "-" + i;
                ReviewEdit edit = ReviewEdit.create().addTag(tag);
                if (i % 3 == 0) {
                    edit = edit.verdict(Verdict.values()[random.nextInt(Verdict.values().length)]);
                }
                if (i % 4 == 1) {
                    edit = edit.addNote("note " + tag + " " + "x".repeat(random.nextInt(2000)));
                }
                if (i % 5 == 2) {
                    edit = edit.addSegment(new Segment(0, 1 + random.nextInt(20), "segment", tag));
                }
                workspace.edit(demo, edit);
                out.println("committed " + demo + " " + tag);
                if (i % 6 == 5) {
                    List<DemoRef> some = demos.subList(0, 3);
                    String multi = prefix + "-m" + i;
                    workspace.edit(some, ReviewEdit.create().addTag(multi));
                    for (DemoRef d : some) {
                        out.println("committed " + d + " " + multi);
                    }
                }
                if (i % 7 == 3) {
                    // a unique tag, so the edit changes something and the undo reverts this edit, not an earlier one
                    workspace.edit(demo, ReviewEdit.create().addTag("scratch-" + prefix + "-" + i));
                    workspace.undo();
                }
            }
        }
    }
}
