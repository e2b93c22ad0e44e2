package dev.zksim.model.scenario.engine;

import java.util.List;
import java.util.Optional;

/**
 * One {@code kubectl drain} run, started by {@link Engine#drain}.
 *
 * @param id the handle {@link Engine#drain} returned
 * @param refusedByPdb whether any eviction of this drain was answered 429 by a PodDisruptionBudget
 * @param evicted pods evicted so far, in order
 * @param lastError the last eviction error ("Cannot evict pod as it would violate the pod's disruption budget.")
 */
public record DrainView(
        int id, String node, DrainState state, boolean refusedByPdb, List<String> evicted, Optional<String> lastError) {
    public DrainView {
        evicted = List.copyOf(evicted);
    }

    /** Whether the drain finished either way. */
    public boolean done() {
        return state != DrainState.RUNNING;
    }

    /** A drain's state; the node stays cordoned in every one of them. */
    public enum DrainState {
        /** Evicting, waiting to retry refused evictions, or waiting for evicted pods to be gone. */
        RUNNING,
        /** Every pod evicted and gone ("node/NAME drained"). */
        SUCCEEDED,
        /** The timeout passed while a PodDisruptionBudget still refused an eviction. */
        REFUSED_BY_PDB,
        /** The timeout passed for another reason (evicted pods still terminating). */
        TIMED_OUT
    }
}
