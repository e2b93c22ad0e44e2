package dev.zksim.model.manifest;

import java.util.Optional;

/**
 * A policy/v1 PodDisruptionBudget (kubernetes.io/docs/tasks/run-application/configure-pdb/).
 * Exactly one of {@code minAvailable} and {@code maxUnavailable} is normally set.
 *
 * @param unhealthyPodEvictionPolicy {@code IfHealthyBudget} (default) or {@code AlwaysAllow}
 */
public record PdbSpec(
        String name,
        LabelSelector selector,
        Optional<IntOrPercent> minAvailable,
        Optional<IntOrPercent> maxUnavailable,
        String unhealthyPodEvictionPolicy,
        int documentIndex) {

    /**
     * The disruption controller's expectedPods (kubernetes pkg/controller/disruption/disruption.go,
     * getExpectedPodCount): with maxUnavailable or a percentage minAvailable it is the scale of the pods' controller
     * (getExpectedScale: the StatefulSet's replicas, however many of its pods the selector matches); with an integer
     * minAvailable, or neither field, the number of matching pods.
     *
     * @param scale the StatefulSet's replicas
     * @param matching the pods the selector matches
     */
    public int expectedPods(int scale, int matching) {
        boolean fromScale = maxUnavailable.isPresent()
                || minAvailable.map(IntOrPercent::percent).orElse(false);
        return fromScale ? scale : matching;
    }

    /**
     * desiredHealthy (getExpectedPodCount): expectedPods − maxUnavailable (never below 0), or minAvailable, a
     * percentage of expectedPods rounded up; 0 without either field. The budget allows max(0, currentHealthy −
     * desiredHealthy) evictions.
     */
    public int desiredHealthy(int scale, int matching) {
        int expected = expectedPods(scale, matching);
        if (maxUnavailable.isPresent()) {
            return Math.max(0, expected - maxUnavailable.get().resolve(expected, true));
        }
        return minAvailable.map(m -> m.resolve(expected, true)).orElse(0);
    }
}
