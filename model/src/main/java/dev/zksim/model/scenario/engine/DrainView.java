package dev.zksim.model.scenario.engine;

import java.util.List;
import java.util.Optional;

/**
 * One {@code kubectl drain} run, started by {@link Engine#drain}.
 *
 * @param id the handle {@link Engine#drain} returned
 * @param refusals evictions answered 429 by a PodDisruptionBudget so far
 * @param evicted pods evicted so far, in order
 * @param lastRefusal the last refusal's message ("Cannot evict pod as it would violate the pod's disruption budget.")
 */
public record DrainView(int id, String node, State state, int refusals, List<String> evicted,
                        Optional<String> lastRefusal) {
    public DrainView {
        evicted = List.copyOf(evicted);
    }

    /** Whether the drain finished either way. */
    public boolean done() {
        return state != State.RUNNING;
    }

    /** A drain's state. */
    public enum State {
        /** Evicting, or waiting to retry refused evictions. */
        RUNNING,
        /** Every pod evicted ("node/NAME drained"). */
        SUCCEEDED,
        /** The timeout passed with pods left ("error: ... global timeout reached"); the node stays cordoned. */
        TIMED_OUT
    }
}
