package dev.zksim.model.scenario.engine;

import java.util.List;

/**
 * The StatefulSet's status.
 *
 * @param replicas {@code spec.replicas}
 * @param readyReplicas pods Ready
 * @param currentRevision the revision of the pods before the rollout in progress
 * @param updateRevision the revision new pods are created from
 * @param revisions the revision numbers {@code kubectl rollout history} lists, oldest first
 */
public record StatefulSetView(
        String name,
        int replicas,
        int readyReplicas,
        String currentRevision,
        String updateRevision,
        List<Integer> revisions) {
    public StatefulSetView {
        revisions = List.copyOf(revisions);
    }
}
