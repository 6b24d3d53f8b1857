package io.vlastudio.tokenizer.image;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import io.vlastudio.tokenizer.torch.TorchRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** One TorchScript file loaded through DJL, run on NDArrays; failures become {@link MetricModelException}s naming it. */
final class TorchScriptModule implements AutoCloseable {

    private final Path file;
    private final String what;
    private final NDManager manager;
    private final ZooModel<NDList, NDList> model;

    private TorchScriptModule(Path file, String what, NDManager manager, ZooModel<NDList, NDList> model) {
        this.file = file;
        this.what = what;
        this.manager = manager;
        this.model = model;
    }

    /** Loads {@code file}; {@code what} describes it in messages ("the LPIPS model written by export_lpips_vgg.py"). */
    static TorchScriptModule load(Path file, String what, TorchRuntime runtime) throws MetricModelException {
        if (!Files.isRegularFile(file)) {
            throw new MetricModelException(file, what, Files.isDirectory(file) ? "a folder" : "no such file");
        }
        runtime.engine();
        NDManager manager = runtime.newManager();
        try {
            Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                    .optModelPath(file).optEngine("PyTorch").build();
            return new TorchScriptModule(file, what, manager, criteria.loadModel());
        } catch (MalformedModelException | ModelNotFoundException | IOException | RuntimeException e) {
            manager.close();
            throw new MetricModelException(file, what + " (a TorchScript zip)", "a file PyTorch cannot load: "
                    + firstLine(e.getMessage()), e);
        }
    }

    Path file() {
        return file;
    }

    NDManager manager() {
        return manager;
    }

    /** Runs the module on {@code inputs} and returns its single output tensor. */
    NDArray forward(NDArray... inputs) throws MetricModelException {
        String taking = Arrays.stream(inputs).map(TorchScriptModule::describe).collect(Collectors.joining(" and "));
        NDList out;
        try {
            out = model.getBlock().forward(new ParameterStore(inputs[0].getManager(), false), new NDList(inputs), false);
        } catch (RuntimeException e) {
            throw new MetricModelException(file, what + " taking " + taking, "a module that fails on it: "
                    + errorLine(e.getMessage()), e);
        }
        if (out.size() != 1) {
            throw new MetricModelException(file, "one output tensor for " + taking, out.size() + " outputs");
        }
        return out.singletonOrThrow();
    }

    static String describe(NDArray a) {
        return a.getDataType().toString().toLowerCase() + " " + shape(a.getShape().getShape());
    }

    static String shape(long... dims) {
        return "(" + Arrays.stream(dims).mapToObj(Long::toString).collect(Collectors.joining(", ")) + ")";
    }

    /** The line of a TorchScript interpreter trace that says what went wrong ({@code RuntimeError: ...}). */
    static String errorLine(String s) {
        if (s != null) {
            String[] lines = s.strip().split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (lines[i].contains("Error: ")) {
                    return lines[i].strip();
                }
            }
        }
        return firstLine(s);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    @Override
    public void close() {
        model.close();
        manager.close();
    }
}
