package dev.zksim.model.scenario;

import java.nio.file.Path;

/**
 * A manifest named by a scenario.
 *
 * @param asWritten the path as the scenario spells it (for output)
 * @param path resolved against the scenario file's directory
 * @param line the scenario line that names it (0 when not from a scenario file)
 * @param field the scenario field that names it ({@code manifest}, {@code steps[3].apply}), for error messages
 */
public record ManifestRef(String asWritten, Path path, int line, String field) {

    /** A manifest not named at a known place of a scenario file. */
    public ManifestRef(String asWritten, Path path) {
        this(asWritten, path, 0, "manifest");
    }

    @Override
    public String toString() {
        return asWritten;
    }
}
