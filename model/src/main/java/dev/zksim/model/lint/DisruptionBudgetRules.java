package dev.zksim.model.lint;

import dev.zksim.model.manifest.IntOrPercent;
import dev.zksim.model.manifest.PdbSpec;
import java.util.List;
import java.util.Optional;

/**
 * The PodDisruptionBudget against the ensemble's quorum: voluntary disruptions (drains, upgrades, autoscaler
 * scale-downs) must never evict more servers than the ensemble can lose, and must be able to evict one.
 * See https://kubernetes.io/docs/tasks/run-application/configure-pdb/ and
 * https://kubernetes.io/docs/tutorials/stateful-application/zookeeper/#surviving-maintenance
 */
final class DisruptionBudgetRules {
    private DisruptionBudgetRules() {}

    static List<LintRule> all() {
        return List.of(new PdbMissing(), new AllowsQuorumLoss(), new BlocksEviction());
    }

    /**
     * The budget's {@code disruptionsAllowed} when all {@code replicas} pods are healthy, as the disruption
     * controller computes it: maxUnavailable gives desiredHealthy = replicas - maxUnavailable, minAvailable gives
     * desiredHealthy = minAvailable; percentages of the replicas round up
     * (https://kubernetes.io/docs/tasks/run-application/configure-pdb/#rounding-logic-when-specifying-percentages);
     * neither field means desiredHealthy = 0.
     */
    static int disruptionsAllowed(PdbSpec pdb, int replicas) {
        int desiredHealthy;
        if (pdb.maxUnavailable().isPresent()) {
            desiredHealthy = Math.max(0, replicas - pdb.maxUnavailable().get().resolve(replicas, true));
        } else if (pdb.minAvailable().isPresent()) {
            desiredHealthy = pdb.minAvailable().get().resolve(replicas, true);
        } else {
            desiredHealthy = 0;
        }
        return Math.max(0, replicas - desiredHealthy);
    }

    /**
     * The budget to reason about: present, selecting the pods, and valid (the loader already rejects a budget with
     * both minAvailable and maxUnavailable, as the API server does; specs built in code may still carry one).
     */
    private static Optional<PdbSpec> effective(LintContext ctx) {
        return ctx.spec()
                .pdb()
                .filter(p -> p.selector().matches(SelectorRules.podLabels(ctx.spec())))
                .filter(p -> p.minAvailable().isEmpty() || p.maxUnavailable().isEmpty());
    }

    private static String setting(PdbSpec pdb) {
        if (pdb.maxUnavailable().isPresent()) {
            return "maxUnavailable: " + pdb.maxUnavailable().get();
        }
        if (pdb.minAvailable().isPresent()) {
            return "minAvailable: " + pdb.minAvailable().get();
        }
        return "neither minAvailable nor maxUnavailable";
    }

    private static String path(PdbSpec pdb) {
        if (pdb.maxUnavailable().isPresent()) {
            return "spec.maxUnavailable";
        }
        return pdb.minAvailable().isPresent() ? "spec.minAvailable" : "spec";
    }

    /** {@code maxUnavailable: 50%, which rounds up to 2 of 3}; no rounding note for counts. */
    private static String describe(PdbSpec pdb, int replicas) {
        IntOrPercent v = pdb.maxUnavailable().or(pdb::minAvailable).orElse(null);
        if (v == null || !v.percent()) {
            return setting(pdb);
        }
        return setting(pdb) + ", which rounds up to " + v.resolve(replicas, true) + " of " + replicas;
    }

    /**
     * {@code pdb-missing}: without a PodDisruptionBudget nothing stops a drain, a node upgrade or the cluster
     * autoscaler from evicting several servers at once.
     * See https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets
     */
    static final class PdbMissing extends AbstractRule {
        PdbMissing() {
            super(
                    "pdb-missing",
                    Severity.WARNING,
                    "Without a PodDisruptionBudget, voluntary disruptions (drains, upgrades, autoscaler) can evict"
                            + " a majority of the servers at once.",
                    "https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            int replicas = ctx.spec().statefulSet().replicas();
            if (ctx.spec().pdb().isPresent() || replicas <= 1) {
                return List.of();
            }
            int quorum = EnsembleSizeRules.quorum(replicas);
            return List.of(ctx.atStatefulSet(
                    this,
                    severity(),
                    "metadata",
                    "No PodDisruptionBudget selects the " + replicas + " ZooKeeper pods: `kubectl drain`, node"
                            + " upgrades and the cluster autoscaler evict them without limit, so draining nodes in"
                            + " parallel (or in a row, before the evicted pod is back) can take "
                            + (replicas - quorum + 1)
                            + " servers away and the ensemble loses quorum.",
                    "Add a policy/v1 PodDisruptionBudget with the pod selector and maxUnavailable: 1."));
        }
    }

    /**
     * {@code pdb-allows-quorum-loss}: with all pods healthy the budget's disruptionsAllowed must not exceed
     * replicas - quorum, or a drain can evict enough servers to lose quorum. Standalone (one server) is left to
     * {@code standalone-ensemble}.
     * See https://kubernetes.io/docs/tasks/run-application/configure-pdb/ ("Think about how your application reacts to
     * disruptions")
     */
    static final class AllowsQuorumLoss extends AbstractRule {
        AllowsQuorumLoss() {
            super(
                    "pdb-allows-quorum-loss",
                    Severity.ERROR,
                    "A PodDisruptionBudget that allows more evictions than replicas minus quorum lets a drain take"
                            + " quorum away: writes stop.",
                    "https://kubernetes.io/docs/tasks/run-application/configure-pdb/"
                            + "#think-about-how-your-application-reacts-to-disruptions");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            Optional<PdbSpec> budget = effective(ctx);
            int replicas = ctx.spec().statefulSet().replicas();
            int servers = ctx.spec().statefulSet().template().container().zk().servers();
            int quorum = EnsembleSizeRules.quorum(servers);
            if (budget.isEmpty() || servers <= 1 || replicas < quorum) {
                return List.of();
            }
            PdbSpec pdb = budget.get();
            int allowed = disruptionsAllowed(pdb, replicas);
            int tolerated = replicas - quorum;
            if (allowed <= tolerated) {
                return List.of();
            }
            return List.of(ctx.finding(
                    this,
                    pdb.documentIndex(),
                    path(pdb),
                    "PodDisruptionBudget " + pdb.name() + " (" + describe(pdb, replicas) + ") allows " + allowed
                            + " voluntary eviction(s) with all " + replicas + " pods healthy, but the ensemble needs "
                            + quorum + " of " + servers + " servers for quorum and can lose only " + tolerated
                            + ": draining nodes can evict " + allowed + " servers at once and writes stop until they"
                            + " are back.",
                    "Use maxUnavailable: 1" + (tolerated > 1 ? " (at most " + tolerated + ")" : "")
                            + ", or minAvailable: " + quorum + "."));
        }
    }

    /**
     * {@code pdb-blocks-eviction}: a budget whose disruptionsAllowed is 0 even with every pod healthy
     * (maxUnavailable 0, minAvailable equal to the replicas or 100%) refuses every eviction: {@code kubectl drain}
     * retries forever with "Cannot evict pod as it would violate the pod's disruption budget".
     * See https://kubernetes.io/docs/tasks/administer-cluster/safely-drain-node/
     */
    static final class BlocksEviction extends AbstractRule {
        BlocksEviction() {
            super(
                    "pdb-blocks-eviction",
                    Severity.WARNING,
                    "A PodDisruptionBudget that allows no eviction even when every pod is healthy makes every drain"
                            + " of a node with a ZooKeeper pod hang.",
                    "https://kubernetes.io/docs/tasks/administer-cluster/safely-drain-node/");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            Optional<PdbSpec> budget = effective(ctx);
            int replicas = ctx.spec().statefulSet().replicas();
            if (budget.isEmpty() || replicas == 0 || disruptionsAllowed(budget.get(), replicas) > 0) {
                return List.of();
            }
            PdbSpec pdb = budget.get();
            return List.of(ctx.finding(
                    this,
                    pdb.documentIndex(),
                    path(pdb),
                    "PodDisruptionBudget " + pdb.name() + " (" + describe(pdb, replicas)
                            + ") allows no voluntary eviction even with all "
                            + replicas + " pods healthy: `kubectl drain` of any node running a ZooKeeper pod retries"
                            + " forever (\"Cannot evict pod as it would violate the pod's disruption budget\"), so"
                            + " node maintenance, upgrades and autoscaler scale-downs hang.",
                    replicas > 1
                            ? "Use maxUnavailable: 1."
                            : "A single server cannot be both protected and drainable:"
                                    + " run 3 replicas with maxUnavailable: 1, or drop the budget for development."));
        }
    }
}
