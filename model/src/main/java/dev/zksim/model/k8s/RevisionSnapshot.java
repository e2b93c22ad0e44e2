package dev.zksim.model.k8s;

import dev.zksim.model.manifest.PodTemplate;

/**
 * One ControllerRevision of the StatefulSet, a line of {@code kubectl rollout history sts/zk}.
 *
 * @param number the REVISION number; re-applying an older template moves that revision to a new, highest number
 * @param name {@code <sts>-<hash>}, the pods' {@code controller-revision-hash} label
 * @param current this is {@code status.currentRevision}
 * @param update this is {@code status.updateRevision} (the template now in the spec)
 */
public record RevisionSnapshot(int number, String name, PodTemplate template, boolean current, boolean update) {}
