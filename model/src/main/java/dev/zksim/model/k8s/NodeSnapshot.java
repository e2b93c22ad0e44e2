package dev.zksim.model.k8s;

import dev.zksim.model.manifest.Resources;
import java.util.List;
import java.util.SortedMap;

/**
 * An immutable snapshot of one node.
 *
 * @param status the STATUS column of {@code kubectl get nodes}: {@code Ready}, {@code NotReady},
 *     {@code Ready,SchedulingDisabled}, {@code NotReady,SchedulingDisabled}
 * @param ready the node's Ready condition as the control plane sees it (a failed node stays Ready until the node
 *     monitor grace period has passed)
 * @param down the machine is off (failNode) — ground truth, which the control plane learns only later
 * @param unschedulable cordoned ({@code spec.unschedulable})
 * @param requested sum of the requests of the pods bound to it, plus the node's reserved requests
 * @param podCidr {@code 10.244.<i>.0/24}
 * @param taints taints as {@code key:Effect}, e.g. {@code node.kubernetes.io/unschedulable:NoSchedule}
 * @param pods names of the ensemble pods bound to it, sorted
 */
public record NodeSnapshot(
        String name,
        SortedMap<String, String> labels,
        Resources allocatable,
        Resources requested,
        String status,
        boolean ready,
        boolean down,
        boolean unschedulable,
        String podCidr,
        List<String> taints,
        List<String> pods) {
    public NodeSnapshot {
        labels = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(labels));
        taints = List.copyOf(taints);
        pods = List.copyOf(pods);
    }
}
