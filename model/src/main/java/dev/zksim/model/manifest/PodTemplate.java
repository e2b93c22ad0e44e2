package dev.zksim.model.manifest;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The StatefulSet's pod template, reduced to what zksim simulates.
 *
 * @param resources the sum of the requests of all containers (what the scheduler fits)
 * @param terminationGracePeriodSeconds default 30 (kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination)
 */
public record PodTemplate(SortedMap<String, String> labels, ContainerSpec container, Resources resources,
                          AntiAffinity antiAffinity, int terminationGracePeriodSeconds,
                          long runAsUser, long fsGroup) {
    public PodTemplate {
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }
}
