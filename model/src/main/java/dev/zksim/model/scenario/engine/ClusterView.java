package dev.zksim.model.scenario.engine;

import java.util.List;
import java.util.Optional;

/**
 * A consistent snapshot of the cluster at {@code nowMs}: what kubectl would list. Lists are sorted by name (pods by
 * ordinal), so views compare and print deterministically.
 *
 * @param pods the StatefulSet's pods (Terminating ones included)
 * @param statefulSet empty when no StatefulSet exists (before apply, after delete-statefulset)
 * @param drains every drain started so far, in start order
 */
public record ClusterView(
        long nowMs,
        List<PodView> pods,
        List<PvcView> pvcs,
        List<NodeView> nodes,
        Optional<StatefulSetView> statefulSet,
        List<DrainView> drains) {
    public ClusterView {
        pods = List.copyOf(pods);
        pvcs = List.copyOf(pvcs);
        nodes = List.copyOf(nodes);
        drains = List.copyOf(drains);
    }

    public Optional<PodView> pod(String name) {
        return pods.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<PvcView> pvc(String name) {
        return pvcs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<NodeView> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Optional<DrainView> drain(int id) {
        return drains.stream().filter(d -> d.id() == id).findFirst();
    }

    /** Pods whose Ready condition is true. */
    public int readyCount() {
        return (int) pods.stream().filter(PodView::ready).count();
    }
}
