package dev.zksim.model.explore;

import java.util.Optional;

/**
 * One step of a run as it happened: the action, when it ran, and the scenario step that repeats it (empty when the
 * action did nothing — its target did not exist, or the API server refused it — and so is left out of the
 * scenario).
 *
 * @param startMs virtual time the action ran (or the wait began)
 * @param endMs virtual time the step ended (the wait's end; the action's time for actions)
 * @param yamlStep the scenario step, e.g. {@code drain: {nodeOf: zk-1, timeout: 5m}}
 * @param story one kubectl-like line: {@code kubectl drain node-2   # zk-1 led}
 */
public record TraceEntry(ExploreAction action, long startMs, long endMs, Optional<String> yamlStep, String story) {
    public boolean executed() {
        return yamlStep.isPresent();
    }
}
