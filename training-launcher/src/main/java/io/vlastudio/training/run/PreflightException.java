package io.vlastudio.training.run;

import java.util.List;
import java.util.stream.Collectors;

/** A start refused by pre-flight checks; nothing was started or changed. */
public final class PreflightException extends Exception {

    private final List<Problem> problems;

    public PreflightException(String run, List<Problem> problems) {
        super("run " + run + " cannot start:\n  " + problems.stream().filter(Problem::blocking).map(Problem::toString)
                .collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
