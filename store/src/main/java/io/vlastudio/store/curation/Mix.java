package io.vlastudio.store.curation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A named training mix: weighted components and the settings that turn them into samples. */
public record Mix(String name, List<MixComponent> components, MixSettings settings) {

    public Mix {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings");
        components = List.copyOf(components);
        Names.check("mix", name);
    }

    public Mix withComponents(List<MixComponent> c) {
        return new Mix(name, c, settings);
    }

    public Mix withSettings(MixSettings s) {
        return new Mix(name, components, s);
    }

    /** The definition as stored: components and settings. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> cs = new ArrayList<>();
        components.forEach(c -> cs.add(c.toJson()));
        m.put("components", cs);
        m.put("settings", settings.toJson());
        return io.vlastudio.store.Json.write(m);
    }

    public static Mix fromJson(String name, String json) {
        try {
            Map<?, ?> m = (Map<?, ?>) io.vlastudio.store.Json.parse(json);
            List<MixComponent> cs = new ArrayList<>();
            for (Object o : (List<?>) m.get("components")) {
                cs.add(MixComponent.fromJson((Map<?, ?>) o));
            }
            return new Mix(name, cs, MixSettings.fromJson((Map<?, ?>) m.get("settings")));
        } catch (io.vlastudio.store.Json.ParseException | RuntimeException e) {
            throw new IllegalArgumentException("the definition of mix '" + name + "' is unreadable: " + e.getMessage(), e);
        }
    }
}
