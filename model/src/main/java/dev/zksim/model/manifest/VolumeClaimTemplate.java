package dev.zksim.model.manifest;

import java.util.List;

/**
 * One {@code volumeClaimTemplates} entry; the StatefulSet names its PVCs {@code <name>-<sts>-<ordinal>}.
 *
 * @param storageBytes {@code spec.resources.requests.storage} in bytes
 * @param storageClassName empty when absent (the cluster's default StorageClass)
 */
public record VolumeClaimTemplate(String name, long storageBytes, List<String> accessModes, String storageClassName) {
    public VolumeClaimTemplate {
        accessModes = List.copyOf(accessModes);
    }
}
