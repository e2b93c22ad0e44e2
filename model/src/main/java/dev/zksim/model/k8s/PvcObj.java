package dev.zksim.model.k8s;

import dev.zksim.model.manifest.VolumeClaimTemplate;

/** One PersistentVolumeClaim with its dynamically provisioned volume. */
final class PvcObj {
    final String name;
    final int ordinal;
    final VolumeClaimTemplate template;
    final String volumeId;
    final long createdAtMs;
    /** Deleted while a pod still mounts it; removed when no pod does (kubernetes.io/pvc-protection). */
    boolean deleting;

    PvcObj(String name, int ordinal, VolumeClaimTemplate template, String volumeId, long createdAtMs) {
        this.name = name;
        this.ordinal = ordinal;
        this.template = template;
        this.volumeId = volumeId;
        this.createdAtMs = createdAtMs;
    }
}
