package dev.zksim.model.k8s;

import java.util.Optional;
import java.util.SortedMap;

/**
 * An immutable snapshot of one pod, with the columns {@code kubectl get pods -o wide} shows and what a scenario checks.
 *
 * @param name {@code zk-1}
 * @param ordinal the StatefulSet ordinal ({@code apps.kubernetes.io/pod-index})
 * @param uid unique per pod object: a re-created pod of the same name has a new uid
 * @param status the STATUS column exactly as kubectl prints it: {@code Pending}, {@code ContainerCreating},
 *     {@code Running}, {@code Terminating}, {@code CrashLoopBackOff}, {@code Error}, {@code Completed}, {@code Unknown}
 * @param phase {@code status.phase}
 * @param ready the pod's Ready condition (what endpoints, DNS and PodDisruptionBudgets count)
 * @param readyContainers the READY column's numerator (containers whose status says ready)
 * @param totalContainers the READY column's denominator
 * @param restarts the RESTARTS column
 * @param node the node it is bound to ({@code spec.nodeName}), empty while unscheduled
 * @param ip the pod IP, assigned when bound; a re-created pod gets a new one
 * @param revision the {@code controller-revision-hash} label ({@code zk-5db4499664})
 * @param revisionNumber the number of that revision as {@code kubectl rollout history} shows it, or 0 when the
 *     revision has been pruned from the history
 * @param pvc the claim it mounts ({@code datadir-zk-1}), empty when the template has no volumeClaimTemplates
 * @param volumeId the bound volume's identity, empty when the claim is missing
 * @param createdAtMs creation time of this pod object (AGE counts from here)
 * @param pendingReason the last FailedScheduling message while unscheduled
 * @param terminating the pod has a deletion timestamp
 * @param labels the pod's labels, including {@code statefulset.kubernetes.io/pod-name},
 *     {@code apps.kubernetes.io/pod-index} and {@code controller-revision-hash}
 * @param hostname the pod's hostname (= name)
 * @param fqdn {@code zk-1.zk-hs.default.svc.cluster.local}
 */
public record PodSnapshot(
        String name,
        int ordinal,
        String uid,
        String status,
        PodPhase phase,
        boolean ready,
        int readyContainers,
        int totalContainers,
        int restarts,
        Optional<String> node,
        Optional<String> ip,
        String revision,
        int revisionNumber,
        Optional<String> pvc,
        Optional<String> volumeId,
        long createdAtMs,
        Optional<String> pendingReason,
        boolean terminating,
        SortedMap<String, String> labels,
        String hostname,
        String fqdn) {

    public PodSnapshot {
        labels = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(labels));
    }

    /** The READY column: {@code 1/1}. */
    public String readyColumn() {
        return readyContainers + "/" + totalContainers;
    }

    /** Running with every container ready and the Ready condition true (what the StatefulSet controller waits for). */
    public boolean runningAndReady() {
        return phase == PodPhase.RUNNING && ready && !terminating;
    }
}
