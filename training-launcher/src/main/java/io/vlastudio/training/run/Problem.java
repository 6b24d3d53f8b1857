package io.vlastudio.training.run;

/**
 * A pre-flight finding: what is wrong, where (a file, folder, port or command) and how to fix it. Errors stop a start;
 * warnings are shown.
 */
public record Problem(Severity severity, String what, String where, String fix) {

    public enum Severity { ERROR, WARNING }

    public static Problem error(String what, String where, String fix) {
        return new Problem(Severity.ERROR, what, where, fix);
    }

    public static Problem warning(String what, String where, String fix) {
        return new Problem(Severity.WARNING, what, where, fix);
    }

    public boolean blocking() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return (severity == Severity.ERROR ? "error: " : "warning: ") + what + (where == null ? "" : " (" + where + ")")
                + (fix == null ? "" : ". Fix: " + fix);
    }
}
