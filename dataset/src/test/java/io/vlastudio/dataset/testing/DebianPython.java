package io.vlastudio.dataset.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code /usr/bin/python3}, the reference interpreter of the cross-check tests, and the Debian packages its
 * imports come from. A test that needs a module calls {@link #require}; when the module is missing the test
 * <em>fails</em> with the package to install, because CI ({@code .ci/run}) installs them all and a silent skip there
 * would hide a lost cross-check.
 */
public final class DebianPython {

    public static final Path PYTHON = Path.of("/usr/bin/python3");

    /** Python module → Debian package that provides it for {@code /usr/bin/python3}. */
    private static final Map<String, String> PACKAGES = Map.of(
            "h5py", "python3-h5py",
            "numpy", "python3-numpy",
            "torch", "python3-torch",
            "PIL", "python3-pil",
            "yaml", "python3-yaml");

    private static final Pattern MISSING_MODULE = Pattern.compile("No module named '([A-Za-z0-9_]+)");
    private static final Map<String, Boolean> IMPORTABLE = new ConcurrentHashMap<>();

    private DebianPython() {
    }

    /** The Debian package providing {@code module} ({@code python3-<module>} when not in the table). */
    public static String packageFor(String module) {
        return PACKAGES.getOrDefault(module, "python3-" + module.toLowerCase(java.util.Locale.ROOT));
    }

    /** Fails with the apt command to run unless {@code /usr/bin/python3} exists and imports every module. */
    public static void require(String... modules) {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException(PYTHON + " is missing: this test cross-checks against Debian's Python;"
                    + " install it with apt-get install python3 " + packagesFor(modules) + " (.ci/run installs them)");
        }
        StringBuilder missing = new StringBuilder();
        for (String module : modules) {
            if (!IMPORTABLE.computeIfAbsent(module, DebianPython::imports)) {
                missing.append(' ').append(packageFor(module));
            }
        }
        if (missing.length() > 0) {
            throw new IllegalStateException(PYTHON + " cannot import " + String.join(", ", modules)
                    + ": this test cross-checks against them; install apt-get install" + missing
                    + " (.ci/run installs them)");
        }
    }

    /**
     * A message for a script that failed: names the Debian package when the failure is a missing module, otherwise
     * returns {@code fallback}.
     */
    public static String explainFailure(String output, String fallback) {
        Matcher m = MISSING_MODULE.matcher(output);
        if (m.find()) {
            String module = m.group(1);
            return PYTHON + " has no module '" + module + "': install the Debian package " + packageFor(module)
                    + " (apt-get install " + packageFor(module) + "; .ci/run installs it)";
        }
        return fallback;
    }

    private static String packagesFor(String... modules) {
        StringBuilder b = new StringBuilder();
        for (String m : modules) {
            b.append(b.length() == 0 ? "" : " ").append(packageFor(m));
        }
        return b.toString();
    }

    private static boolean imports(String module) {
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + module).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
