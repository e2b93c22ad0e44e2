package dev.zksim.model.k8s;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A running or finished {@code kubectl drain NODE --timeout=...}: the node is cordoned at once, then every ensemble
 * pod on it is evicted through the Eviction API; a refused eviction (429) is retried every
 * {@link ClusterTimings#drainRetryMs()}; the drain succeeds when every pod is evicted and gone, and ends unsuccessfully
 * when the timeout expires (the node stays cordoned either way)
 * (kubernetes.io/docs/tasks/administer-cluster/safely-drain-node/).
 *
 * <p>A live view: its answers change as the simulation runs.
 */
public interface NodeDrain {

    /** The drained node. */
    String node();

    /** The drain's state now. */
    DrainStatus status();

    /** Whether any eviction of this drain was refused by a PodDisruptionBudget (429). */
    boolean refusedByPdb();

    /** The last eviction error, e.g. the 429 message. */
    Optional<String> lastError();

    /** Pods this drain evicted so far, in order. */
    List<String> evictedPods();

    /** What kubectl printed so far, in order. */
    List<String> output();

    long startedAtMs();

    /** When it succeeded or gave up. */
    OptionalLong finishedAtMs();

    default boolean done() {
        return status() != DrainStatus.RUNNING;
    }

    /** The states of a drain. */
    enum DrainStatus {
        /** Still evicting or waiting for evicted pods to terminate. */
        RUNNING,
        /** Every pod was evicted and has terminated: {@code node/<name> drained}. */
        SUCCEEDED,
        /** The timeout expired while a PodDisruptionBudget still refused an eviction. */
        REFUSED_BY_PDB,
        /** The timeout expired for another reason (evicted pods still terminating). */
        TIMED_OUT,
        /** The node does not exist: {@code Error from server (NotFound): nodes "x" not found}. */
        FAILED
    }
}
