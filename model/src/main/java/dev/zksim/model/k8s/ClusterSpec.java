package dev.zksim.model.k8s;

import dev.zksim.model.manifest.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The simulated cluster: its nodes (in declaration order, which also fixes each node's pod CIDR
 * {@code 10.244.<index+1>.0/24}), the cluster DNS domain, the control plane's timings, and which images its nodes
 * can pull.
 */
public record ClusterSpec(List<NodeSpec> nodes, String clusterDomain, ClusterTimings timings, ImageRegistry images) {

    /** A cluster whose nodes pull every image. */
    public ClusterSpec(List<NodeSpec> nodes, String clusterDomain, ClusterTimings timings) {
        this(nodes, clusterDomain, timings, ImageRegistry.ANY);
    }

    public ClusterSpec {
        Objects.requireNonNull(images, "images");
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(clusterDomain, "clusterDomain");
        Objects.requireNonNull(timings, "timings");
        TreeSet<String> names = new TreeSet<>();
        for (NodeSpec n : nodes) {
            if (!names.add(n.name())) {
                throw new IllegalArgumentException("duplicate node name " + n.name());
            }
        }
        if (nodes.size() > 250) {
            throw new IllegalArgumentException("at most 250 nodes, got " + nodes.size());
        }
    }

    /** {@code count} identical nodes named {@code <prefix>-1 .. <prefix>-count}, default domain and timings. */
    public static ClusterSpec uniform(int count, String prefix, Resources allocatable) {
        List<NodeSpec> l = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            l.add(NodeSpec.of(prefix + "-" + i, allocatable));
        }
        return new ClusterSpec(l, "cluster.local", ClusterTimings.DEFAULTS);
    }

    public static ClusterSpec of(List<NodeSpec> nodes) {
        return new ClusterSpec(nodes, "cluster.local", ClusterTimings.DEFAULTS);
    }
}
