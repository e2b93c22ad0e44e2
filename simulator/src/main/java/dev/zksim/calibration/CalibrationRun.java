package dev.zksim.calibration;

import dev.zksim.calibration.CalibrationLog.LineKind;
import dev.zksim.calibration.CalibrationLog.LogEvent;
import dev.zksim.engine.real.RealEngine;
import dev.zksim.engine.real.RealEngineSettings;
import dev.zksim.model.k8s.ClusterSpec;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.scenario.Timing;
import dev.zksim.model.scenario.engine.ClientTarget;
import dev.zksim.model.scenario.engine.EngineSetup;
import dev.zksim.model.scenario.engine.PodView;
import dev.zksim.runtime.ClientResult;
import dev.zksim.runtime.QuorumPeerStatus;
import dev.zksim.runtime.RealContainerRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * One calibration run: a fresh real ensemble (the real engine, as {@code zksim run --engine real} runs it) is
 * started, written to, and loses its leader twice — its process killed, then its pod deleted — and ZooKeeper's own
 * log lines (with their millisecond timestamps, {@link CalibrationLog}) time each phase the model has a duration
 * for. Every wait is bounded ({@link #STATE_TIMEOUT_MS} of Kubernetes time, {@link #WRITE_TIMEOUT_MS} per write).
 *
 * <p>What is measured, all in milliseconds ({@link Metric}): container start → LOOKING; LOOKING → decision; a
 * LOOKING peer's first notification from another (one-way message delay); LEADING → the leader's quorum port bound;
 * FOLLOWING → the first connection attempt, and whether it was refused; connected → UPTODATE; the leader's end →
 * the first follower UPTODATE (writes back); a write through the leader; restore time per thousand transactions.
 */
final class CalibrationRun {
    /** Bound of every wait for a state, Kubernetes milliseconds (time passes at least as fast as the wall clock). */
    static final long STATE_TIMEOUT_MS = 600_000;
    /** Bound of one write, wall milliseconds. */
    static final long WRITE_TIMEOUT_MS = 30_000;

    /** The measured quantities. */
    enum Metric {
        PROCESS_START("container start → LOOKING (empty or small database)"),
        NOTICE("the leader's container ends → a follower LOOKING"),
        ELECTION("LOOKING → LEADING/FOLLOWING (failover elections)"),
        MESSAGE_DELAY("a LOOKING peer → its first notification logged by another peer"),
        LEADER_BIND("LEADING → Leader.lead's first line (quorum port bound)"),
        FOLLOWER_SETUP("FOLLOWING → the first connection attempt to the leader"),
        FIRST_ATTEMPT_REFUSED("1 when that first attempt failed (the leader had not bound yet), else 0"),
        SYNC_HANDSHAKE("connected to the leader → UPTODATE"),
        PROCESS_KILLED_TO_SERVING("leader's process killed → a quorum serves again (first follower UPTODATE)"),
        POD_DELETED_TO_SERVING("leader's pod deleted → a quorum serves again (first follower UPTODATE)"),
        QUORUM_WRITE("a write through the leader (ZooKeeper client, kept session)"),
        RECOVERY_PER_THOUSAND("extra restore time per 1000 transactions (\"Snapshot loaded in\")");

        final String what;

        Metric(String what) {
            this.what = what;
        }
    }

    private final EnsembleSpec spec;
    private final ClusterSpec cluster;
    private final long seed;
    private final int writes;
    private final int recoveryTxns;
    private final Map<Metric, List<Long>> samples = new LinkedHashMap<>();
    private final List<Long> emptyRestoreMs = new ArrayList<>();

    /**
     * @param spec the manifest to run (already {@link CalibrationEnsemble#quickStart quick-start})
     * @param writes writes through the leader to time (the first, which opens the session, is not counted)
     * @param recoveryTxns writes made before the pod deletion, whose restore is timed (0: no recovery measurement)
     */
    CalibrationRun(EnsembleSpec spec, ClusterSpec cluster, long seed, int writes, int recoveryTxns) {
        this.spec = spec;
        this.cluster = cluster;
        this.seed = seed;
        this.writes = writes;
        this.recoveryTxns = recoveryTxns;
        for (Metric m : Metric.values()) {
            samples.put(m, new ArrayList<>());
        }
    }

    /** Runs it and returns the samples per metric (possibly empty lists). */
    Map<Metric, List<Long>> run() {
        try (RealEngine engine = RealEngine.create(
                new EngineSetup(cluster, Timing.DEFAULTS, seed),
                RealEngineSettings.defaults().withProbeWrites(false).withFaultLayer(false))) {
            Map<String, Long> marks = new LinkedHashMap<>();
            engine.apply(spec);
            awaitSteady(engine);
            RealContainerRuntime rt = engine.containers().orElseThrow();
            for (int i = 0; i < spec.statefulSet().replicas(); i++) {
                CalibrationLog log = CalibrationLog.readFrom(rt.logFile(spec.podName(i)), 0);
                log.first(LineKind.CONTAINER_START, 0).ifPresent(start -> {
                    log.first(LineKind.LOOKING, start.atMs())
                            .ifPresent(l -> add(Metric.PROCESS_START, l.atMs() - start.atMs()));
                    log.first(LineKind.RESTORED, start.atMs()).ifPresent(r -> emptyRestoreMs.add(r.number()));
                });
            }
            timeWrites(rt);

            String leader = leader(rt);
            markAll(rt, marks);
            engine.killProcess(leader);
            awaitSteady(engine);
            failover(rt, marks, leader, Metric.PROCESS_KILLED_TO_SERVING, false);

            int bulk = bulkWrites(rt);
            leader = leader(rt);
            markAll(rt, marks);
            engine.deletePod(leader, false, OptionalLong.empty());
            awaitSteady(engine);
            failover(rt, marks, leader, Metric.POD_DELETED_TO_SERVING, bulk > 0);
        }
        return samples;
    }

    private void add(Metric m, long value) {
        samples.get(m).add(value);
    }

    private void timeWrites(RealContainerRuntime rt) {
        ClientTarget target = ClientTarget.pod(leader(rt));
        for (int i = 0; i <= writes; i++) {
            ClientResult r = rt.clients().write(target, "/calibrate", "w" + i, WRITE_TIMEOUT_MS);
            if (!(r instanceof ClientResult.Acknowledged a)) {
                throw new IllegalStateException("a write through the leader failed: " + r);
            }
            if (i > 0) {
                add(Metric.QUORUM_WRITE, a.write().latencyMs());
            }
        }
    }

    /** Sequential writes (so the restore after the next restart has transactions to replay); returns how many. */
    private int bulkWrites(RealContainerRuntime rt) {
        ClientTarget target = ClientTarget.pod(leader(rt));
        for (int i = 0; i < recoveryTxns; i++) {
            ClientResult r = rt.clients().write(target, "/calibrate-" + i, "0123456789", WRITE_TIMEOUT_MS);
            if (!r.acknowledged()) {
                throw new IllegalStateException("a write through the leader failed: " + r);
            }
        }
        return recoveryTxns;
    }

    private void markAll(RealContainerRuntime rt, Map<String, Long> marks) {
        marks.clear();
        for (int i = 0; i < spec.statefulSet().replicas(); i++) {
            String pod = spec.podName(i);
            marks.put(pod, CalibrationLog.mark(rt.logFile(pod)));
        }
    }

    /** Reads the failover after the leader {@code victim} ended out of every pod's log since the marks. */
    private void failover(
            RealContainerRuntime rt, Map<String, Long> marks, String victim, Metric toServing, boolean timeRestore) {
        Map<String, CalibrationLog> logs = new LinkedHashMap<>();
        marks.forEach((pod, mark) -> logs.put(pod, CalibrationLog.readFrom(rt.logFile(pod), mark)));
        Optional<LogEvent> end = logs.get(victim).first(LineKind.CONTAINER_END, 0);
        if (end.isEmpty()) {
            return;
        }
        long t0 = end.get().atMs();
        Map<String, Long> looking = new LinkedHashMap<>();
        Map<String, LogEvent> decided = new LinkedHashMap<>();
        logs.forEach((pod, log) -> {
            if (pod.equals(victim)) {
                return;
            }
            log.first(LineKind.LOOKING, t0).ifPresent(l -> {
                looking.put(pod, l.atMs());
                log.first(e -> e.kind() == LineKind.LEADING || e.kind() == LineKind.FOLLOWING, l.atMs())
                        .ifPresent(d -> decided.put(pod, d));
            });
        });
        looking.values().forEach(l -> add(Metric.NOTICE, l - t0));
        decided.forEach((pod, d) -> add(Metric.ELECTION, d.atMs() - looking.get(pod)));
        // One-way delay: a peer's first LOOKING notification of this election as logged by each other survivor.
        looking.forEach((sender, since) -> {
            long sid = ordinal(sender) + 1;
            looking.keySet().stream().filter(r -> !r.equals(sender)).forEach(receiver -> logs.get(receiver)
                    .first(e -> e.kind() == LineKind.NOTIFICATION && e.number() == sid, since)
                    .ifPresent(n -> add(Metric.MESSAGE_DELAY, n.atMs() - since)));
        });
        long servingAt = Long.MAX_VALUE;
        for (Map.Entry<String, LogEvent> d : decided.entrySet()) {
            CalibrationLog log = logs.get(d.getKey());
            long at = d.getValue().atMs();
            if (d.getValue().kind() == LineKind.LEADING) {
                log.first(LineKind.LEADER_BOUND, at).ifPresent(b -> add(Metric.LEADER_BIND, b.atMs() - at));
                continue;
            }
            Optional<LogEvent> attempt =
                    log.first(e -> e.kind() == LineKind.CONNECT_FAILED || e.kind() == LineKind.CONNECTED, at);
            attempt.ifPresent(a -> {
                add(Metric.FOLLOWER_SETUP, a.atMs() - at);
                add(Metric.FIRST_ATTEMPT_REFUSED, a.kind() == LineKind.CONNECT_FAILED ? 1 : 0);
            });
            Optional<LogEvent> connected = log.first(LineKind.CONNECTED, at);
            Optional<LogEvent> upToDate = log.first(LineKind.UPTODATE, at);
            if (connected.isPresent() && upToDate.isPresent()) {
                add(
                        Metric.SYNC_HANDSHAKE,
                        upToDate.get().atMs() - connected.get().atMs());
                servingAt = Math.min(servingAt, upToDate.get().atMs());
            }
        }
        if (servingAt != Long.MAX_VALUE) {
            add(toServing, servingAt - t0);
        }
        // The victim's next container: its start, and with data its restore.
        CalibrationLog own = logs.get(victim);
        own.first(LineKind.CONTAINER_START, t0).ifPresent(start -> {
            own.first(LineKind.LOOKING, start.atMs()).ifPresent(l -> {
                if (!timeRestore) {
                    add(Metric.PROCESS_START, l.atMs() - start.atMs());
                }
            });
            Optional<LogEvent> restored = own.first(LineKind.RESTORED, start.atMs());
            if (timeRestore && restored.isPresent() && !emptyRestoreMs.isEmpty()) {
                long base = emptyRestoreMs.stream().sorted().toList().get(emptyRestoreMs.size() / 2);
                long txns = (long) rt.clients().acknowledged().size();
                if (txns >= 100) {
                    add(Metric.RECOVERY_PER_THOUSAND, Math.max(0, restored.get().number() - base) * 1000 / txns);
                }
            }
        });
    }

    private int ordinal(String pod) {
        for (int i = 0; i < spec.statefulSet().replicas(); i++) {
            if (spec.podName(i).equals(pod)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a pod of the StatefulSet: " + pod);
    }

    private static String leader(RealContainerRuntime rt) {
        SortedSet<String> l = rt.leaders();
        if (l.size() != 1) {
            throw new IllegalStateException("expected one leader, found " + l + ": " + rt.statuses());
        }
        return l.first();
    }

    /** Every pod Ready, one leader, every server serving: the state before a disruption. */
    private void awaitSteady(RealEngine engine) {
        int replicas = spec.statefulSet().replicas();
        boolean ok = engine.awaitCondition(
                () -> {
                    List<PodView> pods = engine.view().pods();
                    Optional<RealContainerRuntime> rt = engine.containers();
                    if (pods.size() != replicas || !pods.stream().allMatch(PodView::ready) || rt.isEmpty()) {
                        return false;
                    }
                    SortedMap<String, QuorumPeerStatus> st = rt.get().statuses();
                    return rt.get().leaders().size() == 1
                            && pods.stream()
                                    .allMatch(p -> st.containsKey(p.name())
                                            && st.get(p.name()).serving());
                },
                STATE_TIMEOUT_MS);
        if (!ok) {
            throw new IllegalStateException("the ensemble was not steady within " + STATE_TIMEOUT_MS
                    + " ms of Kubernetes time: pods " + engine.view().pods() + "; servers "
                    + engine.containers().map(RealContainerRuntime::statuses).orElse(null));
        }
    }
}
