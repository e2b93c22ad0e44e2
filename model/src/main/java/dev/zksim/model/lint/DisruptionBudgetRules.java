package dev.zksim.model.lint;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.IntOrPercent;
import dev.zksim.model.manifest.PdbSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The PodDisruptionBudget against the ensemble's quorum: voluntary disruptions (drains, upgrades, autoscaler
 * scale-downs) must never evict more servers than the ensemble can lose, and must be able to evict one.
 * See https://kubernetes.io/docs/tasks/run-application/configure-pdb/ and
 * https://kubernetes.io/docs/tutorials/stateful-application/zookeeper/#surviving-maintenance
 */
final class DisruptionBudgetRules {
    private DisruptionBudgetRules() {}

    static List<LintRule> all() {
        return List.of(
                new PdbMissing(),
                new AllowsQuorumLoss(),
                new BlocksEviction(),
                new CountsObservers(),
                new ExpectsReplicas());
    }

    /**
     * The budget's {@code disruptionsAllowed} when all {@code replicas} pods are healthy and {@code matching} of them
     * are the budget's, as the disruption controller computes it ({@link PdbSpec#desiredHealthy}, the arithmetic the
     * Kubernetes model's Eviction API uses): max(0, matching − desiredHealthy).
     */
    static int disruptionsAllowed(PdbSpec pdb, int replicas, int matching) {
        return Math.max(0, matching - pdb.desiredHealthy(replicas, matching));
    }

    /**
     * The ordinals of the StatefulSet's pods the budget's selector matches, with the labels the StatefulSet controller
     * gives each pod ({@link EnsembleSpec#podLabels}: the template's, its name and its index).
     */
    static List<Integer> matchingOrdinals(EnsembleSpec spec, PdbSpec pdb) {
        List<Integer> ordinals = new ArrayList<>();
        for (int i = 0; i < spec.statefulSet().replicas(); i++) {
            if (pdb.selector().matches(spec.podLabels(i))) {
                ordinals.add(i);
            }
        }
        return ordinals;
    }

    /**
     * The budget to reason about: present, selecting the pods, and valid (the loader already rejects a budget with
     * both minAvailable and maxUnavailable, as the API server does; specs built in code may still carry one).
     */
    private static Optional<PdbSpec> effective(LintContext ctx) {
        return ctx.spec()
                .pdb()
                .filter(p -> p.selector().matches(SelectorRules.podLabels(ctx.spec()))
                        || !matchingOrdinals(ctx.spec(), p).isEmpty())
                .filter(p -> p.minAvailable().isEmpty() || p.maxUnavailable().isEmpty());
    }

    /** Pods matched, for the arithmetic: all replicas when the template's labels match (every pod carries them). */
    private static int matching(LintContext ctx, PdbSpec pdb) {
        return pdb.selector().matches(SelectorRules.podLabels(ctx.spec()))
                ? ctx.spec().statefulSet().replicas()
                : matchingOrdinals(ctx.spec(), pdb).size();
    }

    /** A budget that matches only part of the pods and takes its expected count from the StatefulSet's scale. */
    private static boolean scaleMismatch(LintContext ctx, PdbSpec pdb) {
        int replicas = ctx.spec().statefulSet().replicas();
        int matching = matching(ctx, pdb);
        return matching > 0 && matching < replicas && pdb.expectedPods(replicas, matching) != matching;
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
            // with observers (--participants=N) only the N participants vote, and an eviction may hit any of them
            OptionalInt participants = EnsembleSizeRules.participants(ctx);
            int servers = participants.orElse(
                    ctx.spec().statefulSet().template().container().zk().servers());
            int quorum = EnsembleSizeRules.quorum(servers);
            if (budget.isEmpty() || servers <= 1 || replicas < quorum) {
                return List.of();
            }
            PdbSpec pdb = budget.get();
            int allowed = disruptionsAllowed(pdb, replicas, matching(ctx, pdb));
            int tolerated = participants.isPresent() ? servers - quorum : replicas - quorum;
            if (allowed <= tolerated) {
                return List.of();
            }
            String voters = participants.isPresent() ? " participants (the observers do not vote)" : " servers";
            return List.of(ctx.finding(
                    this,
                    pdb.documentIndex(),
                    path(pdb),
                    "PodDisruptionBudget " + pdb.name() + " (" + describe(pdb, replicas) + ") allows " + allowed
                            + " voluntary eviction(s) with all " + replicas + " pods healthy, but the ensemble needs "
                            + quorum + " of " + servers + voters + " for quorum and can lose only " + tolerated
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
            if (budget.isEmpty()
                    || replicas == 0
                    || disruptionsAllowed(budget.get(), replicas, matching(ctx, budget.get())) > 0
                    || scaleMismatch(ctx, budget.get())) {
                return List.of(); // a partial selector's block is pdb-expects-replicas's finding, with its cause
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

    /**
     * {@code pdb-counts-observers}: with the reconfig start script's {@code --participants=N} below the replicas, the
     * pods from ordinal N on are observers: they do not vote (QuorumPeer.getVotingMembers excludes them, and
     * Leader.tryToCommit counts only voters' ACKs), so a budget that counts them allows evicting participants a quorum
     * needs while the observers stand in for them in its arithmetic, and refuses harmless observer evictions while a
     * participant is down. The budget must select the participants only, by {@code apps.kubernetes.io/pod-index}
     * (the StatefulSet controller's label, Kubernetes 1.28+).
     * See https://zookeeper.apache.org/doc/r3.9.4/zookeeperObservers.html and
     * https://kubernetes.io/docs/reference/labels-annotations-taints/#apps-kubernetes.io-pod-index
     */
    static final class CountsObservers extends AbstractRule {
        CountsObservers() {
            super(
                    "pdb-counts-observers",
                    Severity.WARNING,
                    "A PodDisruptionBudget that selects observer pods counts servers that do not vote: it can allow"
                            + " evicting participants the quorum needs, and refuse observer evictions that are safe.",
                    "https://zookeeper.apache.org/doc/r3.9.4/zookeeperObservers.html");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            Optional<PdbSpec> budget = ctx.spec().pdb();
            int replicas = ctx.spec().statefulSet().replicas();
            OptionalInt participants = EnsembleSizeRules.participants(ctx);
            if (budget.isEmpty() || participants.isEmpty()) {
                return List.of();
            }
            int n = participants.getAsInt();
            List<String> counted = new ArrayList<>();
            for (int ordinal : matchingOrdinals(ctx.spec(), budget.get())) {
                if (ordinal >= n) {
                    counted.add(ctx.spec().podName(ordinal));
                }
            }
            if (counted.isEmpty()) {
                return List.of();
            }
            PdbSpec pdb = budget.get();
            StringBuilder indexes = new StringBuilder();
            for (int i = 0; i < n; i++) {
                indexes.append(i == 0 ? "" : ", ").append('"').append(i).append('"');
            }
            int quorum = EnsembleSizeRules.quorum(n);
            return List.of(ctx.finding(
                    this,
                    pdb.documentIndex(),
                    "spec.selector",
                    "PodDisruptionBudget " + pdb.name() + " selects the observers " + counted + " (the start script's"
                            + " --participants=" + n + " makes every pod from ordinal " + n
                            + " on an observer). Observers"
                            + " do not vote, so the budget counts servers the quorum (" + quorum + " of " + n
                            + " participants) cannot use: it lets evictions take participants the quorum needs while"
                            + " observers keep its count up, and refuses to evict an observer while a participant is"
                            + " down.",
                    "Select the participants only and give the count as minAvailable (not maxUnavailable, which"
                            + " takes the StatefulSet's replicas as the expected count): matchExpressions [{key: "
                            + EnsembleSpec.LABEL_POD_INDEX + ", operator: In, values: [" + indexes + "]}] with"
                            + " minAvailable: " + quorum + ", as k8s-manifests/zookeeper-observers.yaml does."));
        }
    }

    /**
     * {@code pdb-expects-replicas}: with maxUnavailable or a percentage minAvailable the disruption controller takes the
     * expected pod count from the scale of the pods' controller, not from the pods the selector matches
     * (pkg/controller/disruption/disruption.go, getExpectedPodCount and getExpectedScale; {@link PdbSpec#desiredHealthy}).
     * A selector that matches only part of the StatefulSet's pods then wants more healthy pods than it can ever count
     * and allows fewer evictions than it says, usually none.
     * See https://kubernetes.io/docs/tasks/run-application/configure-pdb/#arbitrary-controllers-and-selectors
     */
    static final class ExpectsReplicas extends AbstractRule {
        ExpectsReplicas() {
            super(
                    "pdb-expects-replicas",
                    Severity.WARNING,
                    "A PodDisruptionBudget with maxUnavailable or a percentage that selects only some of the"
                            + " StatefulSet's pods computes its budget from all the replicas, and allows fewer evictions"
                            + " than it says, usually none.",
                    "https://kubernetes.io/docs/tasks/run-application/configure-pdb/"
                            + "#arbitrary-controllers-and-selectors");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            Optional<PdbSpec> budget = effective(ctx);
            if (budget.isEmpty() || !scaleMismatch(ctx, budget.get())) {
                return List.of();
            }
            PdbSpec pdb = budget.get();
            int replicas = ctx.spec().statefulSet().replicas();
            int matching = matching(ctx, pdb);
            int desired = pdb.desiredHealthy(replicas, matching);
            int allowed = disruptionsAllowed(pdb, replicas, matching);
            return List.of(ctx.finding(
                    this,
                    pdb.documentIndex(),
                    path(pdb),
                    "PodDisruptionBudget " + pdb.name() + " selects " + matching + " of the StatefulSet's " + replicas
                            + " pods, but with " + setting(pdb) + " the disruption controller takes the expected count"
                            + " from the StatefulSet's replicas (" + replicas + "): it wants " + desired
                            + " healthy pods out of the " + matching + " it counts, so it allows " + allowed
                            + " eviction(s) with every pod healthy"
                            + (allowed == 0 ? " and `kubectl drain` of a node with one of them retries forever." : "."),
                    "Give the count as an integer minAvailable, which is of the selected pods (e.g. minAvailable: "
                            + Math.max(1, matching - 1) + " of these " + matching + ")."));
        }
    }
}
