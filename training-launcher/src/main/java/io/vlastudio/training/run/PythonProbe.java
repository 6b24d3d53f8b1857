package io.vlastudio.training.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the user's Python reports about itself: its version, torch's, CUDA's, and the GPUs torch sees (names, memory).
 * Runs {@code python -c} with a short script; no shell.
 *
 * @param error why the probe failed (no such interpreter, torch missing, ...), or null
 */
public record PythonProbe(String python, String pythonVersion, String torchVersion, String cudaVersion, boolean cudaAvailable,
                          List<Gpu> gpus, String error) {

    public record Gpu(String name, long memoryMiB) {
    }

    private static final String SCRIPT = String.join("\n",
            "import json, sys",
            "out = {'python': sys.version.split()[0]}",
            "try:",
            "    import torch",
            "    out['torch'] = torch.__version__",
            "    out['cuda'] = torch.version.cuda",
            "    out['cuda_available'] = bool(torch.cuda.is_available())",
            "    out['gpus'] = [{'name': torch.cuda.get_device_name(i),",
            "                    'memory': torch.cuda.get_device_properties(i).total_memory // 1048576}",
            "                   for i in range(torch.cuda.device_count())] if out['cuda_available'] else []",
            "except Exception as e:",
            "    out['error'] = type(e).__name__ + ': ' + str(e)",
            "print(json.dumps(out))");

    public static PythonProbe run(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", SCRIPT).redirectErrorStream(false).start();
            BoundedProcess.Outcome o = BoundedProcess.await(p, 60, TimeUnit.SECONDS);
            String err = o.err().strip();
            if (o.timedOut()) {
                return failed(python, "it did not answer within 60 s");
            }
            if (o.exitCode() != 0) {
                return failed(python, "it exited with " + o.exitCode() + (err.isEmpty() ? "" : ": " + last(err)));
            }
            JsonNode n = new ObjectMapper().readTree(o.out());
            List<Gpu> gpus = new ArrayList<>();
            for (JsonNode g : n.path("gpus")) {
                gpus.add(new Gpu(g.path("name").asText(), g.path("memory").asLong()));
            }
            return new PythonProbe(python, n.path("python").asText(null), n.path("torch").asText(null),
                    n.path("cuda").isNull() ? null : n.path("cuda").asText(null), n.path("cuda_available").asBoolean(false),
                    List.copyOf(gpus), n.path("error").asText(null));
        } catch (IOException e) {
            return failed(python, "it cannot be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(python, "interrupted");
        }
    }

    private static String last(String s) {
        String[] lines = s.split("\n");
        return lines[lines.length - 1];
    }

    private static PythonProbe failed(String python, String why) {
        return new PythonProbe(python, null, null, null, false, List.of(), why);
    }
}
