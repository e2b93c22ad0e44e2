package dev.zksim.model.k8s;

import dev.zksim.model.manifest.StatefulSetSpec;

/**
 * An immutable snapshot of the StatefulSet's spec highlights and status.
 *
 * @param replicas {@code spec.replicas}
 * @param existingPods pods that exist (terminating ones included): {@code status.replicas}
 * @param readyReplicas Running and Ready pods
 * @param currentReplicas pods at {@code currentRevision}
 * @param updatedReplicas pods at {@code updateRevision}
 * @param rolloutComplete every pod at the update revision and ready (what {@code kubectl rollout status} waits for)
 */
public record StatefulSetSnapshot(
        String name,
        int replicas,
        int existingPods,
        int readyReplicas,
        int currentReplicas,
        int updatedReplicas,
        String currentRevision,
        String updateRevision,
        StatefulSetSpec.PodManagementPolicy podManagementPolicy,
        StatefulSetSpec.UpdateStrategy updateStrategy,
        boolean rolloutComplete) {}
