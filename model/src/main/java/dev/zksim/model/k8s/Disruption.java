package dev.zksim.model.k8s;

import dev.zksim.model.manifest.IntOrPercent;
import dev.zksim.model.manifest.PdbSpec;
import java.util.List;
import java.util.Optional;

/**
 * The disruption controller's PodDisruptionBudget status and the Eviction API that consults it
 * (kubernetes.io/docs/concepts/workloads/pods/disruptions/, kubernetes.io/docs/tasks/run-application/configure-pdb/,
 * kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/).
 *
 * <p>Status: with maxUnavailable (or a percentage minAvailable) the expected count is the StatefulSet's scale, with an
 * integer minAvailable it is the number of matching pods; percentages round up; currentHealthy counts matching pods
 * that are Ready and not being deleted; disruptionsAllowed = max(0, currentHealthy - desiredHealthy). The model
 * computes it on demand, which equals the controller's status plus the eviction API's DisruptedPods bookkeeping.
 *
 * <p>Eviction: a pod that is being deleted or not Running is evicted without looking at the budget; a Running pod that
 * is not Ready is evicted when the policy is AlwaysAllow, or (IfHealthyBudget, the default) when the budget is healthy
 * (currentHealthy ≥ desiredHealthy > 0); otherwise the budget must allow a disruption, else 429.
 */
final class Disruption {
    static final String ALWAYS_ALLOW = "AlwaysAllow";

    /** What an invariant checker needs to judge one granted eviction independently. */
    record Granted(
            long timeMs,
            String pod,
            boolean podWasReady,
            List<PodSnapshot> podsBefore,
            int replicas,
            Optional<PdbSpec> pdb) {}

    private final ClusterState state;
    /** Test hook: sees every granted eviction, before the pod is deleted. */
    java.util.function.Consumer<Granted> observer;
    /** Test-only switch: a deliberately broken Eviction API that never consults the budget. */
    boolean ignoreBudget;

    Disruption(ClusterState state) {
        this.state = state;
    }

    Optional<PdbSnapshot> view() {
        return state.lastApplied().flatMap(e -> e.pdb()).map(this::compute);
    }

    PdbSnapshot compute(PdbSpec pdb) {
        int matching = 0;
        int healthy = 0;
        for (PodObj p : state.podsByOrdinal().values()) {
            if (pdb.selector().matches(p.labels)) {
                matching++;
                if (p.readyCondition && !p.terminating) {
                    healthy++;
                }
            }
        }
        int scale = state.sts() == null ? 0 : state.sts().replicas();
        // the controller's arithmetic lives once, in PdbSpec (lint reads a manifest's budget with it too)
        int expected = pdb.expectedPods(scale, matching);
        int desired = pdb.desiredHealthy(scale, matching);
        int allowed = state.sts() == null
                        && (pdb.maxUnavailable().isPresent()
                                || pdb.minAvailable().map(IntOrPercent::percent).orElse(false))
                ? 0 // no controller to take the scale from: the disruption controller cannot compute the budget
                : Math.max(0, healthy - desired);
        return new PdbSnapshot(
                pdb.name(),
                pdb.minAvailable(),
                pdb.maxUnavailable(),
                pdb.unhealthyPodEvictionPolicy(),
                healthy,
                desired,
                expected,
                allowed);
    }

    /** One eviction request; on success the pod is deleted gracefully. */
    EvictionResult evict(String podName, String command) {
        EvictionResult r = decide(podName);
        if (command != null) {
            String line =
                    switch (r.outcome()) {
                        case EVICTED -> "pod/" + podName + " evicted";
                        case REFUSED_BY_PDB -> "Error from server (TooManyRequests): " + r.message();
                        case NOT_FOUND -> "Error from server (NotFound): " + r.message();
                    };
            state.output(command, r.evicted(), List.of(line));
        }
        return r;
    }

    private EvictionResult decide(String podName) {
        Optional<PodObj> found = state.podObj(podName);
        if (found.isEmpty()) {
            return new EvictionResult(
                    podName,
                    EvictionResult.EvictionOutcome.NOT_FOUND,
                    404,
                    "pods \"" + podName + "\" not found",
                    Optional.empty());
        }
        PodObj p = found.get();
        Optional<PdbSpec> pdb = state.lastApplied().flatMap(e -> e.pdb()).filter(b -> b.selector()
                .matches(p.labels));
        if (p.terminating || p.phase != PodPhase.RUNNING || pdb.isEmpty() || ignoreBudget) {
            return evicted(p);
        }
        PdbSnapshot status = compute(pdb.get());
        if (!p.readyCondition) {
            if (ALWAYS_ALLOW.equals(pdb.get().unhealthyPodEvictionPolicy())) {
                return evicted(p);
            }
            if (status.currentHealthy() >= status.desiredHealthy() && status.desiredHealthy() > 0) {
                return evicted(p);
            }
        }
        if (status.disruptionsAllowed() <= 0) {
            return new EvictionResult(
                    podName,
                    EvictionResult.EvictionOutcome.REFUSED_BY_PDB,
                    429,
                    EvictionResult.PDB_VIOLATION,
                    Optional.of("The disruption budget " + status.name() + " needs " + status.desiredHealthy()
                            + " healthy pods and has " + status.currentHealthy() + " currently"));
        }
        return evicted(p);
    }

    private EvictionResult evicted(PodObj p) {
        if (observer != null) {
            observer.accept(new Granted(
                    state.nowMs(),
                    p.name,
                    p.readyCondition && !p.terminating,
                    state.podViews(),
                    state.sts() == null ? 0 : state.sts().replicas(),
                    state.lastApplied().flatMap(e -> e.pdb())));
        }
        state.kubelet().deleteGracefully(p, p.revision.template.terminationGracePeriodSeconds() * 1000L);
        return new EvictionResult(p.name, EvictionResult.EvictionOutcome.EVICTED, 201, "", Optional.empty());
    }
}
