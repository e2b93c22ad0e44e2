package dev.zksim.model.k8s;

import dev.zksim.model.manifest.IntOrPercent;
import java.util.Optional;

/**
 * The policy/v1 PodDisruptionBudget's status, computed as the disruption controller does
 * (kubernetes.io/docs/tasks/run-application/configure-pdb/).
 *
 * @param currentHealthy pods matching the selector that are Ready and not being deleted
 * @param desiredHealthy minimum healthy pods the budget asks for
 * @param expectedPods the scale the budget is computed against (the StatefulSet's replicas for maxUnavailable and
 *     percentages; the number of matching pods for an integer minAvailable)
 * @param disruptionsAllowed {@code max(0, currentHealthy - desiredHealthy)}
 */
public record PdbSnapshot(
        String name,
        Optional<IntOrPercent> minAvailable,
        Optional<IntOrPercent> maxUnavailable,
        String unhealthyPodEvictionPolicy,
        int currentHealthy,
        int desiredHealthy,
        int expectedPods,
        int disruptionsAllowed) {}
