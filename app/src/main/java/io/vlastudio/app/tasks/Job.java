package io.vlastudio.app.tasks;

/** Slow, blocking work handed to a {@link TaskRunner}: file reads, SQL, model calls, process waits. */
@FunctionalInterface
public interface Job<T> {

    T run(JobContext context) throws Exception;
}
