package dev.zksim.model.k8s;

import java.util.List;
import java.util.Optional;

/**
 * An immutable snapshot of one PersistentVolumeClaim, as {@code kubectl get pvc} shows it.
 *
 * @param name {@code datadir-zk-0} ({@code <claim>-<sts>-<ordinal>})
 * @param ordinal the ordinal it belongs to
 * @param status {@code Bound}, or {@code Terminating} while deleted but still mounted by a pod
 *     (the kubernetes.io/pvc-protection finalizer)
 * @param volumeId the bound volume ({@code pvc-<uuid>}); stable until the claim is deleted
 * @param capacityBytes requested storage
 * @param usedBy the pod that mounts it, if any
 */
public record PvcSnapshot(
        String name,
        int ordinal,
        String status,
        String volumeId,
        long capacityBytes,
        List<String> accessModes,
        long createdAtMs,
        Optional<String> usedBy) {
    public PvcSnapshot {
        accessModes = List.copyOf(accessModes);
    }
}
