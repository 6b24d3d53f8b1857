package io.vlastudio.training.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One process of a stage: its working folder, argv (no shell) and the environment it adds to the studio's.
 *
 * @param label  e.g. {@code shard 0}, {@code node 1}
 * @param local  whether the studio starts it (false for the other nodes of a multi-node run: the user runs those)
 * @param log    the file its stdout and stderr go to
 */
public record StageCommand(String label, Path cwd, List<String> argv, Map<String, String> env, boolean local, Path log) {

    public StageCommand {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }
}
