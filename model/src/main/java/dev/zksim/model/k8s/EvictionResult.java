package dev.zksim.model.k8s;

import java.util.Optional;

/**
 * The answer of the Eviction API ({@code POST pods/<name>/eviction}, policy/v1) for one pod
 * (kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/).
 *
 * @param httpStatus 201 evicted, 429 refused by a PodDisruptionBudget, 404 no such pod
 * @param message the API's message, e.g. {@code Cannot evict pod as it would violate the pod's disruption budget.}
 * @param cause the status cause's detail, e.g. {@code The disruption budget zk-pdb needs 2 healthy pods and has 2
 *     currently}
 */
public record EvictionResult(
        String pod, EvictionOutcome outcome, int httpStatus, String message, Optional<String> cause) {

    /** The message of a 429 answer, verbatim from the API server. */
    public static final String PDB_VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

    /** How the eviction ended. */
    public enum EvictionOutcome {
        EVICTED,
        REFUSED_BY_PDB,
        NOT_FOUND
    }

    public boolean evicted() {
        return outcome == EvictionOutcome.EVICTED;
    }
}
