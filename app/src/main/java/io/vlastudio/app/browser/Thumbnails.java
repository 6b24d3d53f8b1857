package io.vlastudio.app.browser;

import io.vlastudio.app.library.DemoItem;
import io.vlastudio.app.tasks.TaskRunner;
import io.vlastudio.dataset.CameraInfo;
import io.vlastudio.dataset.Demo;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Thumbnail strips for the library: four small frames of a demo's first camera (start, a third, two thirds,
 * end). Requests from visible rows are queued and read in one background job at a time, newest first, so
 * scrolling a long library never floods the workers; strips are kept in a bounded LRU cache.
 */
public final class Thumbnails {

    /** Frames per strip and the side of each, in pixels. */
    public static final int FRAMES = 4;
    public static final int SIDE = 28;
    private static final int CACHED = 2048;

    /** A strip as opaque ARGB pixels, {@code FRAMES*SIDE} wide and {@code SIDE} high. */
    public record Strip(int width, int height, int[] argb) {
    }

    private final TaskRunner runner;
    private final Map<DemoItem, Strip> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<DemoItem, Strip> eldest) {
            return size() > CACHED;
        }
    };
    private final Deque<DemoItem> queue = new ArrayDeque<>();
    private final Set<DemoItem> queued = new LinkedHashSet<>();
    private final Map<DemoItem, List<Consumer<Strip>>> waiting = new LinkedHashMap<>();
    private boolean running;

    public Thumbnails(TaskRunner runner) {
        this.runner = runner;
    }

    /** The strip of a demo if it is ready; otherwise null, and {@code whenReady} is called once it is. */
    public Strip get(DemoItem item, Consumer<Strip> whenReady) {
        Strip s = cache.get(item);
        if (s != null || !item.summary().valid() || item.summary().cameras().isEmpty()) {
            return s;
        }
        waiting.computeIfAbsent(item, k -> new ArrayList<>()).add(whenReady);
        if (queued.add(item)) {
            queue.addFirst(item);
        }
        drain();
        return null;
    }

    /** Forgets queued requests (the library was rebuilt). */
    public void clear() {
        queue.clear();
        queued.clear();
        waiting.clear();
        cache.clear();
    }

    private void drain() {
        if (running || queue.isEmpty()) {
            return;
        }
        List<DemoItem> batch = new ArrayList<>();
        while (!queue.isEmpty() && batch.size() < 16) {
            DemoItem item = queue.pollFirst();
            queued.remove(item);
            batch.add(item);
        }
        running = true;
        runner.run(TaskRunner.Request.batch("Reading ahead thumbnails"), ctx -> {
            Map<DemoItem, Strip> out = new LinkedHashMap<>();
            for (DemoItem item : batch) {
                if (ctx.isCancelled()) {
                    break;
                }
                try {
                    out.put(item, render(item.file().openDemo(item.summary().name())));
                } catch (Exception e) {
                    // a demo whose frames cannot be read simply has no strip; the viewer reports the error
                }
            }
            return out;
        }, strips -> {
            running = false;
            strips.forEach((item, strip) -> {
                cache.put(item, strip);
                List<Consumer<Strip>> consumers = waiting.remove(item);
                if (consumers != null) {
                    consumers.forEach(c -> c.accept(strip));
                }
            });
            drain();
        }, e -> {
            running = false;
            drain();
        }, () -> {
            running = false;
            batch.forEach(waiting::remove);
        });
    }

    /** Reads the strip's frames (background thread). */
    static Strip render(Demo demo) throws Exception {
        CameraInfo camera = demo.cameras().get(0);
        int w = FRAMES * SIDE;
        int[] argb = new int[w * SIDE];
        int last = Math.max(0, demo.length() - 1);
        for (int k = 0; k < FRAMES; k++) {
            int step = (int) Math.round((double) k * last / (FRAMES - 1));
            Frame f = demo.frame(camera.name(), step, Orientation.UPRIGHT);
            for (int y = 0; y < SIDE; y++) {
                int sy = y * f.height() / SIDE;
                for (int x = 0; x < SIDE; x++) {
                    int sx = x * f.width() / SIDE;
                    argb[y * w + k * SIDE + x] = 0xFF000000 | f.rgbAt(sx, sy);
                }
            }
        }
        return new Strip(w, SIDE, argb);
    }
}
