package dev.zksim.model.manifest;

import java.util.List;

/**
 * The result of {@link ManifestLoader#load}: the ensemble and the problems found on the way, ordered by line.
 *
 * @param spec the ensemble, every default resolved
 * @param problems unknown fields, duplicate keys, removed API versions and skipped objects; empty for a clean file
 */
public record LoadedManifest(EnsembleSpec spec, List<ManifestProblem> problems) {
    public LoadedManifest {
        problems = List.copyOf(problems);
    }
}
