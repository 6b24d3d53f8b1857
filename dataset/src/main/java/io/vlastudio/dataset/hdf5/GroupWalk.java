package io.vlastudio.dataset.hdf5;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.links.SoftLink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The datasets under a demo group, found without recursion and without asking jHDF for any object's path:
 * paths are built here from the names walked. A group reached twice (a hard link back to a group already
 * walked, or to an ancestor such as {@code /data}) is walked once; groups deeper than {@link #MAX_DEPTH}
 * levels below the demo, and anything past {@link #MAX_NODES} objects, are left out. What was left out is
 * said in {@link #notes()}.
 * <p>
 * Why: a file is metadata the studio does not control. A hard-link cycle made the old recursive walk run
 * forever, and 8,000 nested groups overflowed the stack (jHDF builds a node's path by recursing to the root).
 */
final class GroupWalk {

    /** Deepest group walked below a demo: {@code obs/agentview_rgb} is at depth 2; robomimic's deepest is 3. */
    static final int MAX_DEPTH = 16;
    /** Most objects (groups, datasets, links) looked at under one demo. */
    static final int MAX_NODES = 20_000;

    /** A dataset and its path relative to the walked group ({@code obs/agentview_rgb}). */
    record Entry(String path, Dataset dataset) {
        String name() {
            int slash = path.lastIndexOf('/');
            return slash < 0 ? path : path.substring(slash + 1);
        }

        /** The name of the group holding it ({@code obs}), or "" at the top. */
        String parentName() {
            int slash = path.lastIndexOf('/');
            if (slash < 0) {
                return "";
            }
            int before = path.lastIndexOf('/', slash - 1);
            return path.substring(before + 1, slash);
        }
    }

    private final List<Entry> datasets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private GroupWalk() {
    }

    /**
     * Walks {@code group} (at {@code groupPath}), never entering a group whose address is in {@code outside}
     * (its ancestors: the root and {@code /data}).
     */
    static GroupWalk of(Group group, String groupPath, Set<Long> outside) {
        GroupWalk walk = new GroupWalk();
        Map<Long, String> seen = new HashMap<>();
        for (long address : outside) {
            seen.put(address, "an enclosing group");
        }
        seen.put(group.getAddress(), groupPath);
        record Pending(Group group, String path, int depth) {
        }
        Deque<Pending> stack = new ArrayDeque<>();
        stack.push(new Pending(group, "", 0));
        int nodes = 0;
        while (!stack.isEmpty()) {
            Pending p = stack.pop();
            for (Map.Entry<String, Node> child : p.group().getChildren().entrySet()) {
                if (++nodes > MAX_NODES) {
                    walk.notes.add("more than " + MAX_NODES + " objects under " + groupPath + "; the rest was not read");
                    return walk;
                }
                String path = p.path().isEmpty() ? child.getKey() : p.path() + "/" + child.getKey();
                Node node = child.getValue();
                if (node instanceof Link link) {
                    if (!(link instanceof SoftLink)) {
                        walk.notes.add(groupPath + "/" + path + " is an external link (" + link.getTargetPath()
                                + "); not followed");
                        continue;
                    }
                    try {
                        node = link.getTarget();
                    } catch (RuntimeException e) {
                        walk.notes.add(groupPath + "/" + path + " is a soft link to " + link.getTargetPath()
                                + ", which does not resolve");
                        continue;
                    }
                }
                if (node instanceof Dataset ds) {
                    walk.datasets.add(new Entry(path, ds));
                } else if (node instanceof Group g) {
                    String earlier = seen.putIfAbsent(g.getAddress(), groupPath + "/" + path);
                    if (earlier != null) {
                        walk.notes.add("a hard link cycle: " + groupPath + "/" + path + " is " + earlier
                                + " again; walked once");
                    } else if (p.depth() + 1 > MAX_DEPTH) {
                        walk.notes.add("groups nested more than " + MAX_DEPTH + " levels deep at " + groupPath + "/"
                                + path + "; the deeper ones were not read");
                    } else {
                        stack.push(new Pending(g, path, p.depth() + 1));
                    }
                }
            }
        }
        return walk;
    }

    List<Entry> datasets() {
        return datasets;
    }

    List<String> notes() {
        return notes;
    }

    /** The dataset at {@code path} relative to the walked group, if it was found. */
    Dataset dataset(String path) {
        for (Entry e : datasets) {
            if (e.path().equals(path)) {
                return e.dataset();
            }
        }
        return null;
    }
}
