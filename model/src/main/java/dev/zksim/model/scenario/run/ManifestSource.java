package dev.zksim.model.scenario.run;

import dev.zksim.model.manifest.EnsembleSpec;
import java.nio.file.Path;

/**
 * Loads the manifests a scenario applies (the CLI passes the manifest loader). Throws
 * {@link dev.zksim.model.InvalidInputException} for a bad manifest.
 */
@FunctionalInterface
public interface ManifestSource {
    EnsembleSpec load(Path manifest);
}
