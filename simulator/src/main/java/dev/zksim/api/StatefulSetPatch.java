package dev.zksim.api;

import dev.zksim.model.scenario.PatchSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A change to the StatefulSet, as {@code kubectl patch sts zk} makes it: start-zookeeper flags, the CPU request or
 * the image change the pod template (a new revision: a rolling update, highest ordinal first); replicas do not.
 * Immutable; combine with {@link #and}.
 *
 * @param spec the patch as a {@code patch} scenario step holds it (docs/scenarios.md)
 */
public record StatefulSetPatch(PatchSpec spec) {
    public StatefulSetPatch {
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("a patch must change something");
        }
    }

    /** A start-zookeeper flag without its dashes, e.g. {@code flag("tick_time", "1000")}. */
    public static StatefulSetPatch flag(String name, String value) {
        if (name == null || name.isBlank() || name.startsWith("-") || value == null) {
            throw new IllegalArgumentException("a flag is a start-zookeeper option without '--' and a value, e.g."
                    + " flag(\"tick_time\", \"1000\"); got " + name + "=" + value);
        }
        return new StatefulSetPatch(new PatchSpec(
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Map.of(name, value),
                OptionalInt.empty(),
                OptionalInt.empty()));
    }

    /** A new CPU request of the ZooKeeper container in millicores ({@code 300} is {@code 300m}). */
    public static StatefulSetPatch cpuMillis(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("a CPU request is positive, got " + millis + "m");
        }
        return new StatefulSetPatch(new PatchSpec(
                Optional.of(millis + "m"),
                OptionalLong.of(millis),
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Map.of(),
                OptionalInt.empty(),
                OptionalInt.empty()));
    }

    /** Both patches at once ({@code other} wins where both set the same thing). */
    public StatefulSetPatch and(StatefulSetPatch other) {
        PatchSpec a = spec;
        PatchSpec b = other.spec;
        Map<String, String> flags = new LinkedHashMap<>(a.flags());
        flags.putAll(b.flags());
        return new StatefulSetPatch(new PatchSpec(
                b.cpu().or(a::cpu),
                b.cpuMillis().isPresent() ? b.cpuMillis() : a.cpuMillis(),
                b.memory().or(a::memory),
                b.memoryBytes().isPresent() ? b.memoryBytes() : a.memoryBytes(),
                b.image().or(a::image),
                flags,
                b.replicas().isPresent() ? b.replicas() : a.replicas(),
                b.partition().isPresent() ? b.partition() : a.partition()));
    }

    @Override
    public String toString() {
        return spec.toString();
    }
}
