package dev.zksim.model.manifest;

import java.util.List;

/**
 * An apps/v1 StatefulSet, with the API defaults filled in
 * (kubernetes.io/docs/concepts/workloads/controllers/statefulset/).
 *
 * @param replicas default 1
 * @param podManagementPolicy default OrderedReady
 * @param minReadySeconds default 0
 * @param revisionHistoryLimit default 10
 */
public record StatefulSetSpec(
        String name,
        String serviceName,
        int replicas,
        LabelSelector selector,
        PodManagementPolicy podManagementPolicy,
        UpdateStrategy updateStrategy,
        int minReadySeconds,
        int revisionHistoryLimit,
        PvcRetentionPolicy pvcRetentionPolicy,
        PodTemplate template,
        List<VolumeClaimTemplate> volumeClaimTemplates,
        int documentIndex) {
    public StatefulSetSpec {
        volumeClaimTemplates = List.copyOf(volumeClaimTemplates);
    }

    /** The same spec with another replica count ({@code kubectl scale}). */
    public StatefulSetSpec withReplicas(int newReplicas) {
        return with(newReplicas, updateStrategy, template);
    }

    /** The same spec with another pod template (a rollout's new revision). */
    public StatefulSetSpec withTemplate(PodTemplate newTemplate) {
        return with(replicas, updateStrategy, newTemplate);
    }

    /** The same spec with another update strategy (a patched rolling update partition). */
    public StatefulSetSpec withUpdateStrategy(UpdateStrategy newStrategy) {
        return with(replicas, newStrategy, template);
    }

    /** The fields {@code kubectl scale} and {@code patch} change; the rest stays. */
    private StatefulSetSpec with(int r, UpdateStrategy u, PodTemplate t) {
        return new StatefulSetSpec(
                name,
                serviceName,
                r,
                selector,
                podManagementPolicy,
                u,
                minReadySeconds,
                revisionHistoryLimit,
                pvcRetentionPolicy,
                t,
                volumeClaimTemplates,
                documentIndex);
    }

    /** {@code spec.podManagementPolicy}. */
    public enum PodManagementPolicy {
        ORDERED_READY,
        PARALLEL
    }

    /**
     * {@code spec.updateStrategy}; partition and maxUnavailable apply to RollingUpdate only.
     * maxUnavailable defaults to 1 (it is behind the MaxUnavailableStatefulSet feature gate in Kubernetes).
     */
    public record UpdateStrategy(Type type, int partition, IntOrPercent maxUnavailable) {
        public static final UpdateStrategy DEFAULT = new UpdateStrategy(Type.ROLLING_UPDATE, 0, IntOrPercent.count(1));

        /** The update strategy type. */
        public enum Type {
            ROLLING_UPDATE,
            ON_DELETE
        }
    }

    /** {@code spec.persistentVolumeClaimRetentionPolicy}; both default to Retain. */
    public record PvcRetentionPolicy(boolean deleteWhenDeleted, boolean deleteWhenScaled) {
        public static final PvcRetentionPolicy RETAIN = new PvcRetentionPolicy(false, false);
    }
}
