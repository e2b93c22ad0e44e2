package dev.zksim.model.explore;

import dev.zksim.model.k8s.ClusterTimings;
import dev.zksim.model.k8s.EvictionGranted;
import dev.zksim.model.k8s.PodSnapshot;
import dev.zksim.model.manifest.ContainerSpec;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.PdbSpec;
import dev.zksim.model.manifest.Probe;
import dev.zksim.model.manifest.ZkConfig;
import dev.zksim.model.zab.ZabChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The invariants of {@link ExploreInvariant}, judged after every step of one run from outside the rules that produce
 * the behaviour: the Zab model's history and servers ({@link ZabChecker}), every eviction the Eviction API grants
 * (judged again from the pods before it and the budget), the container runtime's starts (at most one per ordinal),
 * and — during waits, at every change — whether writes are served.
 *
 * <p>The availability budget: writes may stop (an election, a pod that restarts) but not longer than the budget when
 * everything that happened since the ensemble was last healthy is either only Kubernetes-permitted disruptions
 * (evictions through the PDB, a rolling update) or a single fault with nothing else going on. Two overlapping faults,
 * or a fault during maintenance, are beyond what a 2f+1 ensemble with f = 1 promises, so they do not count (they are
 * counted in the coverage as excused). A partition that leaves no side with a majority of the servers counts as two
 * faults (it separates more than f servers). A silent fault ({@link ActionKind#silent()}: a failed node, a partition,
 * a paused process, a slow link) is noticed by the followers only after syncLimit × tickTime (Learner's socket
 * time-out, docs/model.md "Silence"), so with one among the causes the outage is judged only after the budget plus
 * that detection time.
 *
 * <p>Usage: create it on a fresh {@link ExploreWorld} (before {@code applyAndSettle}), call {@link #beforeAction} and
 * {@link #afterAction} around every action, {@link #runWait} for waits, and {@link #finish} at the end. The first
 * violation ends the run: every method returns it from then on.
 */
public final class ExploreChecker {
    private final ExploreWorld world;
    private final long budgetMs;
    /** syncLimit × tickTime: how long followers take to notice a silent leader. */
    private final long detectionMs;
    /** When the open outage is judged: its start plus the budget, plus {@link #detectionMs} after a silent fault. */
    private long judgeAtMs;

    private final ZabChecker zab = new ZabChecker();
    private final ExploreCoverage.Run coverage;
    private Optional<ExploreViolation> violation = Optional.empty();
    /** Instants at which the ensemble was healthy, before an action. */
    private final List<Long> healthyAt = new ArrayList<>();

    private final List<Long> causeAt = new ArrayList<>();
    private final List<ActionKind> causes = new ArrayList<>();
    private long outageStartMs = -1;
    private final List<Long> outageStarts = new ArrayList<>();
    private boolean outageJudged;
    /** Whether the action about to run targets the leader of that moment (a pause's coverage). */
    private boolean hitsLeader;

    /**
     * @param budgetMs the longest write outage allowed ({@code --max-write-outage})
     */
    public ExploreChecker(ExploreWorld world, long budgetMs, ExploreCoverage.Run coverage) {
        if (budgetMs <= 0) {
            throw new IllegalArgumentException("budgetMs must be positive");
        }
        this.world = world;
        this.budgetMs = budgetMs;
        this.detectionMs = defaultBudgetMs(world.manifest());
        this.coverage = coverage;
        world.kubernetes().addEvictionListener(this::evictionGranted);
    }

    /** The default budget: syncLimit × tickTime, how long a healthy ensemble may take to notice a silent leader. */
    public static long defaultBudgetMs(EnsembleSpec spec) {
        ZkConfig zk = spec.statefulSet().template().container().zk();
        return (long) zk.syncLimit() * zk.tickTimeMs();
    }

    /**
     * How long a healed cluster may take to be writable with the rollout complete: per replica, a graceful stop, a
     * container creation, the readiness probe's delay and two periods and an initLimit sync; plus a drain's timeout
     * (a drain still running keeps evicting) and two maximal CrashLoopBackOff delays.
     */
    public static long livenessBoundMs(EnsembleSpec spec, ClusterTimings t) {
        ContainerSpec c = spec.statefulSet().template().container();
        ZkConfig zk = c.zk();
        Probe readiness = c.readinessProbe().orElse(Probe.withDefaults(List.of()));
        long perPod = t.containerStopMs()
                + spec.statefulSet().template().terminationGracePeriodSeconds() * 1000L
                + t.containerCreateMs()
                + readiness.initialDelaySeconds() * 1000L
                + 2L * Math.max(1, readiness.periodSeconds()) * 1000L * Math.max(1, readiness.successThreshold())
                + (long) zk.initLimit() * zk.tickTimeMs();
        return Math.max(1, spec.statefulSet().replicas()) * perPod
                + ExploreWorld.DRAIN_TIMEOUT_MS
                + 2 * t.crashLoopMaxBackOffMs();
    }

    public Optional<ExploreViolation> violation() {
        return violation;
    }

    /**
     * The ensemble settled and {@code /explore-0} was written: the budget's clock of faults starts here, and the
     * write's acknowledgement is checked in the instant it happened.
     */
    public Optional<ExploreViolation> settled() {
        healthyAt.add(world.nowMs());
        return safety();
    }

    /** Before an action: remembers whether the ensemble is healthy now, and what the action disrupts. */
    public void beforeAction(ExploreAction a) {
        if (violation.isPresent()) {
            return;
        }
        if (world.healthy()) {
            healthyAt.add(world.nowMs());
        }
        hitsLeader = a instanceof ExploreAction.PauseProcessAction p
                && world.leaderPod().isPresent()
                && world.resolve(p.pod()).equals(world.leaderPod());
        coverage.beforeAction(world, a);
    }

    /** After an action ran (or was skipped): the safety checks, and whether writes stopped at once. */
    public Optional<ExploreViolation> afterAction(TraceEntry e) {
        if (violation.isPresent()) {
            return violation;
        }
        if (e.executed()) {
            causeAt.add(e.startMs());
            causes.add(e.action().kind());
            coverage.fault(world, e.action(), hitsLeader);
            ActionKind k = e.action().kind();
            if ((k == ActionKind.PARTITION || k == ActionKind.ISOLATE || k == ActionKind.PARTITION_NODE)
                    && world.quorumlessCut()) {
                // no side keeps a majority: more than the f = 1 failures the ensemble promises to survive
                causeAt.add(e.startMs());
                causes.add(k);
            }
            coverage.executed(e.action().kind());
        } else {
            coverage.skipped(e.action().kind());
        }
        if (outageStartMs < 0 && !world.writable()) {
            openOutage();
        }
        return safety();
    }

    /** Lets {@code w}'s time pass, watching writes at every change; records the wait in the trace. */
    public Optional<ExploreViolation> runWait(ExploreAction.WaitAction w) {
        if (violation.isPresent()) {
            return violation;
        }
        long start = world.nowMs();
        long end = start + w.durationMs();
        while (violation.isEmpty()) {
            if (outageStartMs < 0) {
                world.runUntil(() -> !world.writable() || violation.isPresent(), end);
                if (!world.writable()) {
                    openOutage();
                } else if (world.nowMs() >= end) {
                    break;
                }
            } else {
                long deadline = outageJudged ? end : Math.min(end, judgeAtMs);
                world.runUntil(() -> world.writable() || violation.isPresent(), deadline);
                if (world.writable()) {
                    outageStartMs = -1;
                    outageJudged = false;
                } else {
                    if (!outageJudged && world.nowMs() >= judgeAtMs) {
                        judgeOutage();
                    }
                    if (world.nowMs() >= end) {
                        break;
                    }
                }
            }
        }
        world.recordWait(w, start);
        if (violation.isPresent()) {
            return violation;
        }
        return safety();
    }

    /**
     * The end of the actions: heal (recover nodes, uncordon, scale back) and expect a writable ensemble with its
     * rollout complete within {@code livenessBoundMs}.
     */
    public Optional<ExploreViolation> finish(long livenessBoundMs) {
        if (violation.isPresent()) {
            return violation;
        }
        coverage.finished(world);
        world.heal();
        long start = world.nowMs();
        boolean live = world.runUntil(
                () -> world.writable() && world.allReady(true) || violation.isPresent(), start + livenessBoundMs);
        if (violation.isEmpty() && !live) {
            violation = Optional.of(new ExploreViolation(
                    ExploreInvariant.LIVENESS,
                    world.nowMs(),
                    "after healing at " + start + " ms the ensemble was not "
                            + (world.writable() ? "" : "writable" + (world.allReady(true) ? "" : " and not "))
                            + (world.allReady(true) ? "" : "Ready at the update revision") + " within "
                            + livenessBoundMs + " ms ("
                            + podSummary() + ")",
                    -1));
        }
        return violation.isPresent() ? violation : safety();
    }

    private String podSummary() {
        List<String> parts = new ArrayList<>();
        for (PodSnapshot p : world.kubernetes().pods()) {
            parts.add(p.name() + " " + p.status() + (p.ready() ? " ready" : "")
                    + p.node().map(n -> " on " + n).orElse(""));
        }
        return parts.isEmpty() ? "no pods" : String.join(", ", parts);
    }

    /** When writes stopped, each time. */
    public List<Long> outageStartsMs() {
        return List.copyOf(outageStarts);
    }

    private void openOutage() {
        outageStartMs = world.nowMs();
        judgeAtMs = outageStartMs + budgetMs;
        outageStarts.add(outageStartMs);
        outageJudged = false;
        coverage.outageStarted(world);
    }

    /**
     * The outage has lasted the budget: it is a finding unless more than one fault (or a fault during maintenance)
     * caused it.
     */
    private void judgeOutage() {
        long h = 0;
        for (long t : healthyAt) {
            if (t <= outageStartMs) {
                h = t;
            }
        }
        boolean silent = false;
        for (int i = 0; i < causes.size(); i++) {
            if (causeAt.get(i) >= h
                    && causeAt.get(i) <= world.nowMs()
                    && causes.get(i).silent()) {
                silent = true;
            }
        }
        if (silent && judgeAtMs < outageStartMs + budgetMs + detectionMs) {
            judgeAtMs = outageStartMs + budgetMs + detectionMs;
            return;
        }
        outageJudged = true;
        int faults = 0;
        int permitted = 0;
        List<String> what = new ArrayList<>();
        for (int i = 0; i < causes.size(); i++) {
            if (causeAt.get(i) >= h && causeAt.get(i) <= world.nowMs()) {
                ActionKind k = causes.get(i);
                if (k.cause() == ActionKind.Cause.FAULT) {
                    faults++;
                    what.add(k.cliName());
                } else if (k.cause() == ActionKind.Cause.PERMITTED) {
                    permitted++;
                    what.add(k.cliName());
                }
            }
        }
        if (faults == 0 || (faults == 1 && permitted == 0)) {
            violation = Optional.of(new ExploreViolation(
                    ExploreInvariant.WRITE_OUTAGE_BUDGET,
                    world.nowMs(),
                    "writes stopped at " + outageStartMs + " ms and did not come back within the budget of "
                            + budgetMs + " ms"
                            + (judgeAtMs > outageStartMs + budgetMs
                                    ? " (plus " + detectionMs + " ms for ZooKeeper to notice a silent fault)"
                                    : "")
                            + "; since the ensemble was last healthy (" + h + " ms): "
                            + (what.isEmpty() ? "no disruption" : String.join(", ", what))
                            + (faults == 0 ? " (only disruptions Kubernetes permits)" : " (a single fault)"),
                    outageStartMs));
        } else {
            coverage.excusedOutage();
        }
    }

    private Optional<ExploreViolation> safety() {
        if (violation.isPresent()) {
            return violation;
        }
        List<String> ordinals = world.ordinalViolations();
        if (!ordinals.isEmpty()) {
            violation = Optional.of(
                    new ExploreViolation(ExploreInvariant.ONE_POD_PER_ORDINAL, world.nowMs(), ordinals.get(0), -1));
            return violation;
        }
        for (ZabChecker.Violation v : zab.check(world.zab())) {
            ExploreInvariant inv =
                    switch (v.invariant()) {
                        case "durability", "ack-needs-quorum" -> ExploreInvariant.ACKNOWLEDGED_WRITES_KEPT;
                        case "primary-order" -> ExploreInvariant.HISTORY_PREFIX;
                        default -> ExploreInvariant.ONE_LEADER_PER_EPOCH;
                    };
            violation = Optional.of(new ExploreViolation(inv, world.nowMs(), v.invariant() + ": " + v.detail(), -1));
            return violation;
        }
        return violation;
    }

    /** Judges a granted eviction from the pods before it and the budget, independently of the Eviction API's rule. */
    private void evictionGranted(EvictionGranted g) {
        coverage.evicted();
        if (violation.isPresent() || !g.podWasReady() || g.pdb().isEmpty()) {
            return;
        }
        PdbSpec pdb = g.pdb().get();
        Optional<PodSnapshot> pod =
                g.podsBefore().stream().filter(p -> p.name().equals(g.pod())).findFirst();
        if (pod.isEmpty() || !pdb.selector().matches(pod.get().labels())) {
            return;
        }
        BudgetOracle budget = BudgetOracle.of(pdb, g.podsBefore(), g.replicas());
        if (!budget.allowsEvictingAHealthyPod()) {
            violation = Optional.of(new ExploreViolation(
                    ExploreInvariant.PDB_RESPECTED,
                    g.timeMs(),
                    "evicted " + g.pod() + " while " + budget.healthy() + " pods were healthy and " + pdb.name()
                            + " needs " + budget.desired(),
                    -1));
        }
    }
}
