package dev.zksim.model.scenario;

import dev.zksim.model.manifest.Resources;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One node of the simulated cluster.
 *
 * @param name the node name; also its {@code kubernetes.io/hostname} label
 * @param labels the node's labels, {@code kubernetes.io/hostname} included
 * @param capacity the node's capacity (CPU in millicores, memory in bytes)
 * @param reserved what the kubelet keeps for the system (kube-reserved + system-reserved): the scheduler fits pods
 *     into {@code capacity - reserved}, the node's allocatable
 *     (kubernetes.io/docs/tasks/administer-cluster/reserve-compute-resources/#node-allocatable)
 */
public record NodeSpec(String name, SortedMap<String, String> labels, Resources capacity, Resources reserved) {
    /** The well-known hostname label (kubernetes.io/docs/reference/labels-annotations-taints/#kubernetesiohostname). */
    public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

    public NodeSpec {
        TreeMap<String, String> l = new TreeMap<>(labels);
        l.putIfAbsent(HOSTNAME_LABEL, name);
        labels = Collections.unmodifiableSortedMap(l);
    }

    /** What the scheduler may hand out: capacity minus reserved. */
    public Resources allocatable() {
        return new Resources(Math.max(0, capacity.cpuMillis() - reserved.cpuMillis()),
                Math.max(0, capacity.memoryBytes() - reserved.memoryBytes()));
    }
}
