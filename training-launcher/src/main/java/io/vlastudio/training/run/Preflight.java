package io.vlastudio.training.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The checks a start runs before anything is launched (issue 10): the export, the WorldVLA checkout and its
 * tokenizer files, the Python and torch, the GPUs, the port, the run folder, free disk, existing checkpoints and a
 * stale {@code xllmx_data_cache}. Each finding names the file and the fix. Checks read only.
 */
public final class Preflight {

    /** Checkpoint size per model size (weights + per-rank optimizer state; worldvla-pipeline §5 estimate), GB. */
    static double checkpointGb(String modelSize) {
        return "34B".equals(modelSize) ? 340 : 70;
    }

    private Preflight() {
    }

    /** Everything found; {@code probe} may be null when no Python check is wanted (studio-model target). */
    public static List<Problem> check(RunConfig c, RunPlanner.Layout layout, PythonProbe probe, boolean resume) {
        List<Problem> out = new ArrayList<>();
        checkExport(c, out);
        if (c.target() != Target.STUDIO_MODEL) {
            checkCheckout(c, out);
            checkPython(c, probe, out);
            if (c.target() == Target.SLURM) {
                if (!onPath("sbatch")) {
                    out.add(Problem.error("sbatch is not on the PATH of this machine", "PATH", "run the studio on a Slurm submit host,"
                            + " or choose the local or nodes target"));
                }
            } else if (!c.cpu() && probe != null && probe.error() == null && (!probe.cudaAvailable() || probe.gpus().isEmpty())) {
                out.add(Problem.error("there is no GPU: " + c.python() + " (torch " + probe.torchVersion()
                        + ") reports torch.cuda.is_available() = False", c.python(),
                        "WorldVLA needs NVIDIA GPUs (80 GB class for a 7B fine-tune): run on a GPU machine or submit with"
                                + " --target slurm; preview works here"));
            } else if (!c.cpu() && probe != null && probe.error() == null && probe.gpus().size() < c.gpus()) {
                out.add(Problem.error("the run asks for " + c.gpus() + " GPUs per node but torch sees " + probe.gpus().size(),
                        c.python(), "lower --gpus to " + probe.gpus().size()));
            }
            if (c.masterPort() > 0 && c.target() != Target.SLURM && !portFree(c.masterPort())) {
                out.add(Problem.error("port " + c.masterPort() + " is already in use on this machine (another run or program)",
                        "port " + c.masterPort(), "choose another --master-port, or 0 to pick a free one at start"));
            }
            checkCache(c, out);
        }
        checkRunFolder(c, layout, resume, out);
        return out;
    }

    private static void checkExport(RunConfig c, List<Problem> out) {
        Path dir = Path.of(c.export());
        Path manifest = dir.resolve("manifest.json");
        if (!Files.isDirectory(dir)) {
            out.add(Problem.error("the export folder does not exist (moved or deleted?)", dir.toString(),
                    "export the mix again (vla-studio mix export / Training → New Run from a mix) or point --export at it"));
            return;
        }
        if (!Files.isRegularFile(manifest)) {
            out.add(Problem.error("the export has no manifest.json: it is not a VLA Studio WorldVLA export", manifest.toString(),
                    "export the mix again into an empty folder"));
            return;
        }
        try {
            JsonNode m = new ObjectMapper().readTree(manifest.toFile());
            if (!"vla-studio-worldvla-export".equals(m.path("format").asText())) {
                out.add(Problem.error("manifest.json is not a VLA Studio WorldVLA export (format '" + m.path("format").asText() + "')",
                        manifest.toString(), "point --export at the folder `vla-studio` exported"));
                return;
            }
            for (JsonNode conv : m.path("conversations")) {
                Path f = dir.resolve(conv.path("file").asText());
                if (!Files.isRegularFile(f)) {
                    out.add(Problem.error("a conversation file the manifest lists is missing", f.toString(),
                            "export the mix again; the export is incomplete"));
                }
            }
        } catch (IOException e) {
            out.add(Problem.error("manifest.json cannot be read: " + e.getMessage(), manifest.toString(), "export the mix again"));
        }
    }

    private static void checkCheckout(RunConfig c, List<Problem> out) {
        if (c.worldvla() == null) {
            out.add(Problem.error("no WorldVLA checkout is set", "--worldvla", "clone https://github.com/alibaba-damo-academy/WorldVLA"
                    + " and pass its folder with --worldvla"));
            return;
        }
        Path root = Path.of(c.worldvla());
        Path script = root.resolve(RunPlanner.TRAIN_SCRIPT);
        if (!Files.isDirectory(root)) {
            out.add(Problem.error("the WorldVLA checkout does not exist", root.toString(),
                    "clone https://github.com/alibaba-damo-academy/WorldVLA there, or point --worldvla at your clone"));
            return;
        }
        if (!Files.isRegularFile(script)) {
            out.add(Problem.error("this folder is not a WorldVLA checkout: " + RunPlanner.TRAIN_SCRIPT + " is missing", script.toString(),
                    "point --worldvla at the folder that holds worldvla/pretrain_solver_awm_w_ck.py"));
            return;
        }
        String module = c.itemProcessor().split(":")[0].replace('.', '/') + ".py";
        Path item = RunPlanner.checkoutCode(c).resolve(module);
        if (!Files.isRegularFile(item)) {
            out.add(Problem.error("WorldVLA's pre-tokenize item processor is missing", item.toString(),
                    "update the checkout (git pull), or set the item processor (module:Class) of your version"));
        }
        Path tok = RunPlanner.tokenizerDir(c);
        for (String name : List.of("text_tokenizer.json", "vqgan.yaml", "vqgan.ckpt")) {
            Path f = tok.resolve(name);
            try {
                if (!Files.isRegularFile(f) || Files.size(f) == 0) {
                    out.add(Problem.error("the Chameleon tokenizer file " + name + " is missing or empty", f.toString(),
                            "download the Chameleon tokenizer files (Meta's licence) into " + tok + " as WorldVLA's README says"));
                } else if (name.equals("text_tokenizer.json")) {
                    JsonNode n = new ObjectMapper().readTree(f.toFile());
                    if (!n.has("model")) {
                        out.add(Problem.error("text_tokenizer.json is not a Hugging Face tokenizers file (no \"model\" key)",
                                f.toString(), "download it again"));
                    }
                } else if (name.equals("vqgan.yaml") && !Files.readString(f).contains("embed_dim")) {
                    out.add(Problem.error("vqgan.yaml does not look like the VQ-GAN config (no embed_dim)", f.toString(),
                            "download it again"));
                }
            } catch (IOException e) {
                out.add(Problem.error(name + " cannot be read: " + e.getMessage(), f.toString(), "download it again"));
            }
        }
        if (c.initFrom() != null && !Files.isRegularFile(Path.of(c.initFrom()).resolve("config.json"))) {
            out.add(Problem.error("the init-from checkpoint has no config.json", c.initFrom(),
                    "point --init-from at a Hugging Face model folder (config.json + safetensors)"));
        }
    }

    private static void checkPython(RunConfig c, PythonProbe probe, List<Problem> out) {
        if (probe == null) {
            return;
        }
        if (probe.error() != null) {
            String what = probe.torchVersion() == null && probe.pythonVersion() != null
                    ? c.python() + " (Python " + probe.pythonVersion() + ") cannot import torch: " + probe.error()
                    : c.python() + " cannot be used: " + probe.error();
            out.add(Problem.error(what, c.python(), "pass --python with the interpreter of WorldVLA's environment"
                    + " (e.g. ~/miniconda3/envs/worldvla/bin/python)"));
        }
    }

    private static void checkCache(RunConfig c, List<Problem> out) {
        Path cache = RunPlanner.trainCwd(c).resolve("xllmx_data_cache");
        if (!Files.isDirectory(cache)) {
            return;
        }
        try {
            FileTime cacheTime = Files.getLastModifiedTime(cache);
            FileTime exportTime = Files.getLastModifiedTime(Path.of(c.export()).resolve("manifest.json"));
            if (exportTime.compareTo(cacheTime) > 0) {
                out.add(Problem.warning("WorldVLA's data cache is older than the export, so training would read stale data"
                        + (c.cacheAnnOnDisk() ? "" : " if --cache_ann_on_disk is on"), cache.toString(),
                        "clear it (run start --clear-cache, or the Clear cache button)"));
            }
        } catch (IOException e) {
            // the export check reports an unreadable export
        }
    }

    private static void checkRunFolder(RunConfig c, RunPlanner.Layout layout, boolean resume, List<Problem> out) {
        Path dir = layout.runDir();
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                out.add(Problem.error("the run folder is not writable", dir.toString(), "choose another --output-dir"));
                return;
            }
        } catch (IOException e) {
            out.add(Problem.error("the run folder cannot be created: " + e.getMessage(), dir.toString(), "choose another --output-dir"));
            return;
        }
        if (!resume && Files.isDirectory(layout.output())) {
            try (Stream<Path> s = Files.list(layout.output())) {
                List<String> ckpts = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("epoch\\d+(-iter\\d+)?")).sorted().toList();
                if (!ckpts.isEmpty()) {
                    out.add(Problem.error("the run folder already holds checkpoints " + ckpts + "; a fresh start would mix them up",
                            layout.output().toString(), "resume the run (vla-studio run resume " + c.name()
                                    + "), or duplicate it under a new name"));
                }
            } catch (IOException ignored) {
                // unreadable: the trainer will say
            }
        }
        if (c.target() == Target.STUDIO_MODEL || c.cpu()) {
            return;
        }
        try {
            double free = Files.getFileStore(dir).getUsableSpace() / 1e9;
            int kept = c.ckptMaxKeep() != null ? Math.min(c.ckptMaxKeep(), c.epochs()) : Math.min(2, c.epochs());
            double need = checkpointGb(c.modelSize()) * kept;
            if (free < checkpointGb(c.modelSize())) {
                out.add(Problem.error(String.format("only %.0f GB free where checkpoints go; one %s checkpoint needs about %.0f GB",
                        free, c.modelSize(), checkpointGb(c.modelSize())), dir.toString(), "free disk space or choose another --output-dir"));
            } else if (free < need) {
                out.add(Problem.warning(String.format("%.0f GB free where checkpoints go; keeping %d checkpoints needs about %.0f GB",
                        free, kept, need), dir.toString(), "lower --ckpt-max-keep or free disk space"));
            }
        } catch (IOException e) {
            // cannot tell
        }
    }

    static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A free TCP port for a rendezvous. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e.getMessage(), e);
        }
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(":")) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }
}
