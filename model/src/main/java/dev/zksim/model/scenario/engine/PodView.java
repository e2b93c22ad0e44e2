package dev.zksim.model.scenario.engine;

import java.util.Optional;

/**
 * One pod as {@code kubectl get pods -o wide} shows it, at one moment. Immutable; engines hand out fresh views.
 *
 * @param name {@code zk-1}
 * @param phase the pod phase (Pending, Running, Succeeded, Failed, Unknown)
 * @param status the STATUS column (Pending, ContainerCreating, Running, Terminating, CrashLoopBackOff, ...)
 * @param ready whether the pod's Ready condition is true
 * @param readyContainers ready containers (the READY column's numerator)
 * @param containers containers in the pod (the READY column's denominator)
 * @param restarts the RESTARTS column
 * @param node the node it is bound to, empty while unscheduled
 * @param revision the controller revision it was created from ({@code zk-5db4499664}); "" when unknown
 * @param createdMs creation time (engine time), for the AGE column
 * @param pendingReason the latest FailedScheduling message while it is unscheduled
 */
public record PodView(
        String name,
        String phase,
        String status,
        boolean ready,
        int readyContainers,
        int containers,
        int restarts,
        Optional<String> node,
        String revision,
        long createdMs,
        Optional<String> pendingReason) {

    /** The READY column: {@code 1/1}. */
    public String readyColumn() {
        return readyContainers + "/" + containers;
    }

    /** Whether the columns a watcher sees differ (everything but the pending reason, which events carry). */
    public boolean sameRow(PodView o) {
        return o != null
                && name.equals(o.name)
                && phase.equals(o.phase)
                && status.equals(o.status)
                && ready == o.ready
                && readyContainers == o.readyContainers
                && containers == o.containers
                && restarts == o.restarts
                && node.equals(o.node)
                && revision.equals(o.revision)
                && createdMs == o.createdMs;
    }
}
