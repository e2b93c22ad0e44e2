package dev.zksim.model.manifest;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The StatefulSet's pod template, reduced to what zksim simulates.
 *
 * @param resources the sum of the requests of all containers (what the scheduler fits)
 * @param container the container that runs {@code start-zookeeper} (the first one that does)
 * @param terminationGracePeriodSeconds default 30
 *     (kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination)
 * @param runAsUser the ZooKeeper container's user id (its own securityContext wins over the pod's), -1 when unset
 * @param fsGroup the pod's {@code securityContext.fsGroup}, -1 when unset
 */
public record PodTemplate(
        SortedMap<String, String> labels,
        ContainerSpec container,
        Resources resources,
        AntiAffinity antiAffinity,
        int terminationGracePeriodSeconds,
        long runAsUser,
        long fsGroup) {
    public PodTemplate {
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /**
     * The same template with the ZooKeeper container replaced. The template's resources are the sum over all its
     * containers, so the old container's requests are swapped for the new one's.
     */
    public PodTemplate withContainer(ContainerSpec c) {
        Resources total = new Resources(
                resources.cpuMillis()
                        - container.requests().cpuMillis()
                        + c.requests().cpuMillis(),
                resources.memoryBytes()
                        - container.requests().memoryBytes()
                        + c.requests().memoryBytes());
        return new PodTemplate(labels, c, total, antiAffinity, terminationGracePeriodSeconds, runAsUser, fsGroup);
    }
}
