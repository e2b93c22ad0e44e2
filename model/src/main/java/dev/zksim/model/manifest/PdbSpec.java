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
        int documentIndex) {}
