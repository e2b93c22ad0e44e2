package dev.zksim.model.scenario;

import java.util.List;

/** The simulated cluster's nodes, in declaration order (node names are unique). */
public record ClusterSpec(List<NodeSpec> nodes) {
    public ClusterSpec {
        nodes = List.copyOf(nodes);
    }
}
