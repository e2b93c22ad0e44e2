package dev.zksim.model.scenario;

import dev.zksim.model.k8s.ClusterSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed scenario file (docs/scenarios.md): the manifest, the cluster, the timing, and the steps in order.
 *
 * @param file the scenario file as the user named it
 * @param manifest the manifest the {@code apply} steps use unless they name another
 * @param namespace overrides the manifest's namespace when present
 * @param cluster the nodes, with the scenario's timing overrides already applied to the control plane's timings
 * @param timing the overrides as written
 * @param seed the scenario's seed; {@code zksim run --seed} overrides it
 */
public record Scenario(
        Path file,
        String name,
        String description,
        ManifestRef manifest,
        Optional<String> namespace,
        ClusterSpec cluster,
        OptionalLong seed,
        Timing timing,
        List<Step> steps) {
    /** The seed used when neither the scenario nor the command line gives one. */
    public static final long DEFAULT_SEED = 1;

    public Scenario {
        steps = List.copyOf(steps);
    }

    /** The seed to run with: {@code override}, else the scenario's, else {@link #DEFAULT_SEED}. */
    public long seedOr(OptionalLong override) {
        return override.isPresent() ? override.getAsLong() : seed.orElse(DEFAULT_SEED);
    }

    /** Every manifest the scenario applies, the default one first, without repeats. */
    public List<ManifestRef> manifests() {
        java.util.LinkedHashMap<Path, ManifestRef> all = new java.util.LinkedHashMap<>();
        all.put(manifest.path(), manifest);
        for (Step s : steps) {
            if (s instanceof Step.Apply a) {
                a.manifest().ifPresent(m -> all.putIfAbsent(m.path(), m));
            }
        }
        return List.copyOf(all.values());
    }
}
