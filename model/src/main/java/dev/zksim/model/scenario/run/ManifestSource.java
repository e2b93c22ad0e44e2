package dev.zksim.model.scenario.run;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ManifestLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads the manifests a scenario applies. Throws {@link dev.zksim.model.InvalidInputException} for a bad manifest.
 */
@FunctionalInterface
public interface ManifestSource {
    EnsembleSpec load(Path manifest);

    /** As {@code kubectl apply} with strict field validation would accept them ({@link ManifestLoader#loadStrict}). */
    ManifestSource STRICT = ManifestLoader::loadStrict;

    /**
     * Loads each path once and hands out the same (immutable) spec afterwards: for many runs in one JVM (benchmarks,
     * property tests), where decoding the manifest would otherwise cost more than running the scenario. Not for
     * concurrent use.
     */
    static ManifestSource cached(ManifestSource source) {
        Map<Path, EnsembleSpec> cache = new HashMap<>(); // looked up by key only, never iterated
        return path -> cache.computeIfAbsent(path.toAbsolutePath().normalize(), p -> source.load(path));
    }
}
