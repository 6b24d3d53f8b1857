package io.vlastudio.app.viewer;

import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A least-recently-used cache of decoded frames bounded by bytes, so memory stays flat however long a curator
 * scrubs. Keys name the demo (any stable identity), camera, step and orientation.
 */
public final class FrameCache {

    /** What a cached frame is. */
    public record Key(Object demo, String camera, int step, Orientation orientation) {
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, Frame> frames = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    public FrameCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public synchronized Frame get(Key key) {
        Frame f = frames.get(key);
        if (f == null) {
            misses++;
        } else {
            hits++;
        }
        return f;
    }

    public synchronized boolean contains(Key key) {
        return frames.containsKey(key);
    }

    /**
     * Puts {@code frame} only if it fits beside what is held without evicting anything (for frames read ahead of need,
     * which must never push out frames in use); returns whether it is held now.
     */
    public synchronized boolean putIfRoom(Key key, Frame frame) {
        if (frames.containsKey(key)) {
            return true;
        }
        if (bytes + frame.rgb().length > maxBytes) {
            return false;
        }
        frames.put(key, frame);
        bytes += frame.rgb().length;
        return true;
    }

    public synchronized void put(Key key, Frame frame) {
        Frame old = frames.put(key, frame);
        if (old != null) {
            bytes -= old.rgb().length;
        }
        bytes += frame.rgb().length;
        var it = frames.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<Key, Frame> eldest = it.next();
            if (eldest.getKey().equals(key)) {
                continue;
            }
            bytes -= eldest.getValue().rgb().length;
            it.remove();
        }
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int size() {
        return frames.size();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Share of lookups served from the cache so far. */
    public synchronized double hitRate() {
        long n = hits + misses;
        return n == 0 ? 0 : (double) hits / n;
    }

    public synchronized void clear() {
        frames.clear();
        bytes = 0;
    }
}
