package dev.zksim.model.manifest;

import java.util.List;

/** One {@code volumeClaimTemplates} entry; the StatefulSet names its PVCs {@code <name>-<sts>-<ordinal>}. */
public record VolumeClaimTemplate(String name, long storageBytes, List<String> accessModes, String storageClassName) {
    public VolumeClaimTemplate {
        accessModes = List.copyOf(accessModes);
    }
}
