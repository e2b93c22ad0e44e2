package dev.zksim.model.explore;

import dev.zksim.model.k8s.NodeDrain;
import dev.zksim.model.k8s.NodeSnapshot;
import dev.zksim.model.k8s.PodSnapshot;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a search reached, so a person can tell a clean result from a search that never reached anything interesting:
 * how often each action ran (and how often it had nothing to act on), and in how many runs each interesting state
 * was reached. Totals over runs; deterministic order.
 */
public final class ExploreCoverage {
    /** The interesting states, in the order they are printed. */
    public enum State {
        LEADER_NODE_DRAINED("the leader's node drained"),
        PDB_REFUSED("a PDB refused an eviction (429)"),
        EVICTION_GRANTED("an eviction granted"),
        QUORUM_LOST("writes stopped (no leader serving)"),
        ELECTION_DURING_ROLLOUT("writes stopped during a rolling update"),
        LEADER_NODE_FAILED("the leader's node failed"),
        POD_TERMINATING_ON_FAILED_NODE("a pod stuck Terminating on a failed node"),
        POD_UNSCHEDULABLE("a pod Pending, unschedulable"),
        ACTION_DURING_DRAIN("an action while a drain was in progress"),
        LEADER_CUT_OFF("the leader cut off (isolated, or on a partition's minority side)"),
        MINORITY_PARTITIONED("a partition with a majority side (a minority cut off)"),
        NO_MAJORITY_PARTITION("a partition leaving no side a majority"),
        LEADER_PAUSED("the leader's process paused"),
        HEALED("a network fault healed or a paused process resumed"),
        DATA_LOSS_ALLOWED("acked writes lost after PVC deletions replaced a volume majority (allowed)"),
        OUTAGE_EXCUSED("an outage beyond the budget with several faults at once (not a finding)");

        private final String text;

        State(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final EnumMap<ActionKind, Long> executed = new EnumMap<>(ActionKind.class);
    private final EnumMap<ActionKind, Long> skipped = new EnumMap<>(ActionKind.class);
    private final EnumMap<State, Long> runsReaching = new EnumMap<>(State.class);
    private long runs;

    /** Adds one run's counts. */
    public void add(Run r) {
        runs++;
        r.executed.forEach((k, v) -> executed.merge(k, v, Long::sum));
        r.skipped.forEach((k, v) -> skipped.merge(k, v, Long::sum));
        r.reached.forEach((s, v) -> runsReaching.merge(s, 1L, Long::sum));
    }

    public long runs() {
        return runs;
    }

    /** Executed actions by kind (waits included), in declaration order. */
    public Map<ActionKind, Long> executed() {
        return new LinkedHashMap<>(executed);
    }

    public Map<ActionKind, Long> skipped() {
        return new LinkedHashMap<>(skipped);
    }

    /** Number of runs that reached each state, every state listed. */
    public Map<State, Long> runsReaching() {
        LinkedHashMap<State, Long> m = new LinkedHashMap<>();
        for (State s : State.values()) {
            m.put(s, runsReaching.getOrDefault(s, 0L));
        }
        return m;
    }

    /** One run's counts, fed by the checker. */
    public static final class Run {
        private final EnumMap<ActionKind, Long> executed = new EnumMap<>(ActionKind.class);
        private final EnumMap<ActionKind, Long> skipped = new EnumMap<>(ActionKind.class);
        private final EnumMap<State, Boolean> reached = new EnumMap<>(State.class);

        void reach(State s) {
            reached.put(s, true);
        }

        void executed(ActionKind k) {
            executed.merge(k, 1L, Long::sum);
        }

        void skipped(ActionKind k) {
            skipped.merge(k, 1L, Long::sum);
        }

        void evicted() {
            reach(State.EVICTION_GRANTED);
        }

        void excusedOutage() {
            reach(State.OUTAGE_EXCUSED);
        }

        void beforeAction(ExploreWorld w, ExploreAction a) {
            if (w.drainRunning()) {
                reach(State.ACTION_DURING_DRAIN);
            }
            Optional<String> leaderNode =
                    w.leaderPod().flatMap(p -> w.kubernetes().nodeOf(p));
            if (a instanceof ExploreAction.DrainAction d
                    && leaderNode.isPresent()
                    && w.resolve(d.node()).equals(leaderNode)) {
                reach(State.LEADER_NODE_DRAINED);
            }
            if (a instanceof ExploreAction.FailNodeAction f
                    && leaderNode.isPresent()
                    && w.resolve(f.node()).equals(leaderNode)) {
                reach(State.LEADER_NODE_FAILED);
            }
            states(w);
        }

        /** After a network fault or its healing ran (before, for a pause: whom it hits). */
        void fault(ExploreWorld w, ExploreAction a, boolean leaderBefore) {
            ActionKind k = a.kind();
            if (k == ActionKind.PARTITION || k == ActionKind.ISOLATE || k == ActionKind.PARTITION_NODE) {
                reach(w.quorumlessCut() ? State.NO_MAJORITY_PARTITION : State.MINORITY_PARTITIONED);
                if (w.leaderCutOff()) {
                    reach(State.LEADER_CUT_OFF);
                }
            } else if (k == ActionKind.PAUSE_PROCESS && leaderBefore) {
                reach(State.LEADER_PAUSED);
            } else if (k == ActionKind.HEAL || k == ActionKind.RESUME_PROCESS) {
                reach(State.HEALED);
            }
        }

        void outageStarted(ExploreWorld w) {
            reach(State.QUORUM_LOST);
            if (!w.allReady(true)
                    && w.kubernetes()
                            .statefulSet()
                            .map(s -> !s.currentRevision().equals(s.updateRevision()))
                            .orElse(false)) {
                reach(State.ELECTION_DURING_ROLLOUT);
            }
        }

        void finished(ExploreWorld w) {
            states(w);
            // --allow-data-loss: the checker no longer asserts durability once a majority of volumes was replaced,
            // so the loss is reported here instead of silently
            var h = w.zab().history();
            if (!h.lostWrites().isEmpty() && h.volumeReplacements().stream().anyMatch(v -> !v.safe())) {
                reach(State.DATA_LOSS_ALLOWED);
            }
            for (NodeDrain d : w.drains()) {
                if (d.refusedByPdb()) {
                    reach(State.PDB_REFUSED);
                }
            }
        }

        private void states(ExploreWorld w) {
            java.util.TreeSet<String> down = new java.util.TreeSet<>();
            for (NodeSnapshot n : w.kubernetes().nodes()) {
                if (n.down()) {
                    down.add(n.name());
                }
            }
            for (PodSnapshot p : w.kubernetes().pods()) {
                if (p.terminating() && p.node().map(down::contains).orElse(false)) {
                    reach(State.POD_TERMINATING_ON_FAILED_NODE);
                }
                if (p.node().isEmpty() && p.pendingReason().isPresent()) {
                    reach(State.POD_UNSCHEDULABLE);
                }
            }
        }
    }
}
