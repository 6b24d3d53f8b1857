package io.vlastudio.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vlastudio.dataset.CameraInfo;
import io.vlastudio.dataset.DatasetProblem;
import io.vlastudio.dataset.DatasetShape;
import io.vlastudio.dataset.FileInspection;
import io.vlastudio.dataset.stats.AggregateStatistics;
import io.vlastudio.dataset.stats.DimensionStatistics;

import java.util.List;
import java.util.Map;

/** The JSON form of {@code vla-studio inspect --json}: one object per file. */
final class InspectionJson {

    private final ObjectMapper mapper;

    InspectionJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode toJson(FileInspection r) {
        AggregateStatistics s = r.statistics();
        ObjectNode o = mapper.createObjectNode();
        o.put("path", r.path().toString());
        o.put("size_bytes", r.sizeBytes());
        o.put("variant", r.variant().id());
        o.put("suite", r.suite());
        o.put("task", r.task());
        o.put("language", r.language());
        o.put("language_source", r.languageSource());
        o.put("demos", r.demoList().size());
        o.put("valid_demos", s.demos());
        o.put("transitions", s.transitions());
        ObjectNode length = o.putObject("length");
        length.put("mean", s.lengthMean());
        length.put("std", s.lengthStd());
        length.put("min", s.lengthMin());
        length.put("max", s.lengthMax());
        ObjectNode action = o.putObject("action");
        ArrayNode min = action.putArray("min");
        ArrayNode max = action.putArray("max");
        ArrayNode mean = action.putArray("mean");
        ArrayNode std = action.putArray("std");
        ArrayNode q01 = action.putArray("q01");
        ArrayNode q99 = action.putArray("q99");
        for (DimensionStatistics d : s.dimensions()) {
            number(min, d.min());
            number(max, d.max());
            number(mean, d.mean());
            number(std, d.std());
            number(q01, d.q01());
            number(q99, d.q99());
        }
        o.put("noops", s.noOps());
        o.put("out_of_range", s.outOfRange());
        ArrayNode cameras = o.putArray("cameras");
        r.cameras().forEach(c -> cameras.add(c.name()));
        ArrayNode imageShape = o.putArray("image_shape");
        if (!r.cameras().isEmpty()) {
            CameraInfo c = r.cameras().get(0);
            imageShape.add(c.height()).add(c.width()).add(3);
        }
        ObjectNode filterKeys = o.putObject("filter_keys");
        for (Map.Entry<String, List<String>> e : r.filterKeys().entrySet()) {
            ArrayNode names = filterKeys.putArray(e.getKey());
            e.getValue().forEach(names::add);
        }
        o.set("env_args", r.envArgs().map(this::parseOrText).orElse(mapper.nullNode()));
        ArrayNode demoList = o.putArray("demo_list");
        for (FileInspection.DemoEntry d : r.demoList()) {
            demoList.addObject().put("name", d.name()).put("length", d.length()).put("noops", d.noOps()).put("valid", d.valid());
        }
        ObjectNode datasets = o.putObject("datasets");
        for (DatasetShape shape : r.firstDemoShapes()) {
            ObjectNode ds = datasets.putObject(shape.path());
            ArrayNode dims = ds.putArray("shape");
            for (long v : shape.shape()) {
                dims.add(v);
            }
            ds.put("dtype", shape.dtype());
        }
        ArrayNode problems = o.putArray("problems");
        for (DatasetProblem p : r.problems()) {
            ObjectNode po = problems.addObject().put("kind", p.kind());
            if (p.demo() != null) {
                po.put("demo", p.demo());
            }
            po.put("hdf5_path", p.hdf5Path());
            if (p.step() >= 0) {
                po.put("step", p.step());
            }
            po.put("message", p.message());
        }
        return o;
    }

    private static void number(ArrayNode array, double v) {
        if (Double.isFinite(v)) {
            array.add(v);
        } else {
            array.addNull();
        }
    }

    private JsonNode parseOrText(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return mapper.getNodeFactory().textNode(text);
        }
    }
}
