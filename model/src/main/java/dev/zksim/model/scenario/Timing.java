package dev.zksim.model.scenario;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/** The scenario's timing overrides; keys not given keep the engine's defaults. */
public record Timing(SortedMap<String, Long> overridesMs) {
    public static final Timing DEFAULTS = new Timing(new TreeMap<>());

    public Timing {
        overridesMs = Collections.unmodifiableSortedMap(new TreeMap<>(overridesMs));
    }

    /** Builds from typed keys. */
    public static Timing of(Map<TimingKey, Long> overrides) {
        TreeMap<String, Long> m = new TreeMap<>();
        overrides.forEach((k, v) -> m.put(k.yamlName(), v));
        return new Timing(m);
    }

    /** The override for {@code key}, if the scenario gives one. */
    public OptionalLong ms(TimingKey key) {
        Long v = overridesMs.get(key.yamlName());
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** The overrides by key. */
    public Map<TimingKey, Long> byKey() {
        EnumMap<TimingKey, Long> m = new EnumMap<>(TimingKey.class);
        for (TimingKey k : TimingKey.values()) {
            ms(k).ifPresent(v -> m.put(k, v));
        }
        return m;
    }
}
