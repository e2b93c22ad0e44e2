package dev.zksim.model.explore;

import dev.zksim.model.k8s.ClusterSpec;
import dev.zksim.model.scenario.parse.ScenarioParser;
import java.nio.file.Path;

/**
 * The cluster every run of a search starts with, read exactly as {@code zksim run} reads a scenario's
 * {@code cluster:} block, so the scenario file of a finding describes the same nodes.
 */
public final class ExploreClusters {
    private ExploreClusters() {}

    /** The {@code cluster:} block of {@code count} identical nodes ({@code node-1 ..}). */
    public static String uniformYaml(int count, String cpu, String memory) {
        return "cluster:\n  nodes: {count: " + count + ", cpu: \"" + cpu + "\", memory: \"" + memory + "\"}";
    }

    /**
     * Parses a {@code cluster:} block (scenario format) as the scenario parser does.
     *
     * @param source the file the block comes from, for error messages ({@code FILE:LINE: field: problem})
     * @throws dev.zksim.model.InvalidInputException for a bad block
     */
    public static ClusterSpec parse(Path source, String clusterYaml) {
        // the block comes first so that line numbers in errors are the file's own
        return ScenarioParser.parse(
                        source,
                        clusterYaml.stripTrailing() + "\nname: explore\nmanifest: explore.yaml\n"
                                + "steps:\n  - apply\n")
                .cluster();
    }
}
