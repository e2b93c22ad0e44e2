package dev.zksim.model.explore;

import dev.zksim.model.k8s.PodSnapshot;
import dev.zksim.model.manifest.IntOrPercent;
import dev.zksim.model.manifest.PdbSpec;
import java.util.List;

/**
 * A PodDisruptionBudget's arithmetic worked out afresh from the pods before an eviction, for checkers that judge the
 * Kubernetes model's Eviction API ({@code k8s.Disruption}) from outside it: explore's invariant and the Kubernetes
 * model's own test invariants use this one oracle rather than the code they check.
 *
 * <p>The rules, from the Kubernetes docs ("Specifying a Disruption Budget"): the pods that count are those the
 * budget's selector matches; healthy means Ready and not being deleted; {@code maxUnavailable} gives desiredHealthy =
 * replicas − maxUnavailable, {@code minAvailable} gives it directly; a percentage is of the controller's replicas,
 * rounded up. An eviction of a healthy pod is allowed only if it leaves at least desiredHealthy healthy pods.
 *
 * @param matching the pods the budget selects
 * @param healthy those of them Ready and not terminating
 * @param desired desiredHealthy, never below 0
 */
public record BudgetOracle(int matching, int healthy, int desired) {

    /** The budget's counts over {@code podsBefore}, for a controller of {@code replicas} pods. */
    public static BudgetOracle of(PdbSpec pdb, List<PodSnapshot> podsBefore, int replicas) {
        int matching = 0;
        int healthy = 0;
        for (PodSnapshot p : podsBefore) {
            if (pdb.selector().matches(p.labels())) {
                matching++;
                if (p.ready() && !p.terminating()) {
                    healthy++;
                }
            }
        }
        int desired = 0;
        if (pdb.maxUnavailable().isPresent()) {
            desired = Math.max(0, replicas - ofReplicas(pdb.maxUnavailable().get(), replicas));
        } else if (pdb.minAvailable().isPresent()) {
            desired = ofReplicas(pdb.minAvailable().get(), replicas);
        }
        return new BudgetOracle(matching, healthy, desired);
    }

    /** Whether one more healthy pod may go: at least {@code desired} stay healthy. */
    public boolean allowsEvictingAHealthyPod() {
        return healthy - 1 >= desired;
    }

    /** A count or a percentage of the replicas, rounded up (computed here, not through {@link IntOrPercent}). */
    private static int ofReplicas(IntOrPercent v, int replicas) {
        return v.percent() ? (int) Math.ceil(v.value() * replicas / 100.0) : v.value();
    }
}
