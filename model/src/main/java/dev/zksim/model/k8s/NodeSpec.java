package dev.zksim.model.k8s;

import dev.zksim.model.manifest.Resources;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One node of the simulated cluster, as a scenario declares it.
 *
 * @param name the node name ({@code kubernetes-node-pb41}); also the value of its {@code kubernetes.io/hostname} label
 * @param labels node labels; {@code kubernetes.io/hostname=<name>} is added when missing, as the kubelet does
 *     (kubernetes.io/docs/reference/labels-annotations-taints/#kubernetesiohostname)
 * @param allocatable what the scheduler may hand out ({@code status.allocatable}: capacity minus system reserved)
 * @param reserved requests of pods that are not part of the ensemble but already run on the node
 *     (kube-system pods on a minikube node); they count against {@code allocatable}
 */
public record NodeSpec(String name, SortedMap<String, String> labels, Resources allocatable, Resources reserved) {
    /** The well-known label that the tutorial's anti-affinity uses as its topology key. */
    public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

    public NodeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(allocatable, "allocatable");
        Objects.requireNonNull(reserved, "reserved");
        TreeMap<String, String> l = new TreeMap<>(labels);
        l.putIfAbsent(HOSTNAME_LABEL, name);
        labels = Collections.unmodifiableSortedMap(l);
    }

    /** A node with only the hostname label and nothing reserved. */
    public static NodeSpec of(String name, Resources allocatable) {
        return new NodeSpec(name, new TreeMap<>(), allocatable, Resources.NONE);
    }

    /** The same node with {@code reserved} already requested by other pods. */
    public NodeSpec withReserved(Resources reservedRequests) {
        return new NodeSpec(name, labels, allocatable, reservedRequests);
    }
}
