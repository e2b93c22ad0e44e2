package dev.zksim.model.scenario;

import java.nio.file.Path;

/**
 * A manifest named by a scenario.
 *
 * @param asWritten the path as the scenario spells it (for output)
 * @param path resolved against the scenario file's directory
 */
public record ManifestRef(String asWritten, Path path) {
    @Override
    public String toString() {
        return asWritten;
    }
}
