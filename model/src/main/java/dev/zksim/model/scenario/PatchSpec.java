package dev.zksim.model.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A {@code patch} step's changes to the StatefulSet. Template changes (cpu, memory, image, flags) make a new revision
 * and start a rolling update; {@code replicas} and {@code partition} do not (kubectl patch semantics).
 *
 * @param cpu the new CPU request as written ({@code "0.3"}, {@code "300m"}) and {@code cpuMillis} its value
 * @param memory the new memory request as written and {@code memoryBytes} its value
 * @param flags start-zookeeper flags to set, without {@code --} ({@code sync_limit: 10}), in the order written
 */
public record PatchSpec(
        Optional<String> cpu,
        OptionalLong cpuMillis,
        Optional<String> memory,
        OptionalLong memoryBytes,
        Optional<String> image,
        Map<String, String> flags,
        OptionalInt replicas,
        OptionalInt partition) {
    public PatchSpec {
        flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    }

    /** Whether the patch changes nothing at all (a {@code patch} step must change something). */
    public boolean isEmpty() {
        return !changesTemplate() && replicas.isEmpty() && partition.isEmpty();
    }

    /** Whether the patch changes the pod template (and so makes a new revision). */
    public boolean changesTemplate() {
        return cpu.isPresent() || memory.isPresent() || image.isPresent() || !flags.isEmpty();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        cpu.ifPresent(v -> parts.add("cpu=" + v));
        memory.ifPresent(v -> parts.add("memory=" + v));
        image.ifPresent(v -> parts.add("image=" + v));
        flags.forEach((k, v) -> parts.add("--" + k + "=" + v));
        replicas.ifPresent(v -> parts.add("replicas=" + v));
        partition.ifPresent(v -> parts.add("partition=" + v));
        return String.join(" ", parts);
    }
}
