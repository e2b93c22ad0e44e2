package dev.zksim.conformance;

import dev.zksim.model.scenario.Step;
import dev.zksim.model.scenario.engine.LostWrite;
import dev.zksim.model.scenario.engine.ZooKeeperHistory;
import dev.zksim.model.scenario.run.RunResult;
import dev.zksim.model.scenario.run.StepResult;
import dev.zksim.model.scenario.run.StepZooKeeperFacts;
import dev.zksim.model.scenario.run.Verdict;
import dev.zksim.model.scenario.run.ZooKeeperSummary;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.LongStream;

/**
 * Compares one scenario's runs in the model and the real engine, step by step (docs/conformance.md, "What is
 * compared"). A step-level difference is <em>within tolerance</em> rather than a disagreement when it sits at a moment
 * the engines are known to place slightly differently: an election ended or a write-unavailable window opened or closed
 * within {@code toleranceMs} (engine time) of the step's end in either engine, and not after a later step that acts
 * started (the real servers' elections take a few hundred milliseconds of wall time more or less than the model's), or
 * — for the leader — both engines elected a leader in the step and ended it with different leaders (a genuine race of
 * FastLeaderElection, whose winner depends on which notifications arrive first). Both counts are reported: agreed
 * exactly, and within tolerance.
 */
public final class ConformanceComparison {
    private final long toleranceMs;

    /** @param toleranceMs how far (engine milliseconds) a timing may be off and still agree */
    public ConformanceComparison(long toleranceMs) {
        this.toleranceMs = toleranceMs;
    }

    /** What one scenario's comparison found. */
    public record Outcome(Map<ConformanceFact, Tally> tallies, List<Disagreement> disagreements) {
        public Outcome {
            tallies = Map.copyOf(tallies);
            disagreements = List.copyOf(disagreements);
        }
    }

    /** Per fact: comparisons made, agreed exactly, agreed within the tolerance (timing or a genuine race). */
    public record Tally(int total, int exact, int tolerated) {
        Tally add(Tally o) {
            return new Tally(total + o.total, exact + o.exact, tolerated + o.tolerated);
        }

        /** Agreed, exactly or within tolerance. */
        public int agreed() {
            return exact + tolerated;
        }
    }

    /** Compares {@code model} and {@code real}, the same scenario's runs. */
    public Outcome compare(RunResult model, RunResult real) {
        Map<ConformanceFact, Tally> tallies = new EnumMap<>(ConformanceFact.class);
        for (ConformanceFact f : ConformanceFact.values()) {
            tallies.put(f, new Tally(0, 0, 0));
        }
        List<Disagreement> out = new ArrayList<>();
        Optional<ZooKeeperSummary> mz = model.zooKeeper();
        Optional<ZooKeeperSummary> rz = real.zooKeeper();
        int n = Math.min(model.steps().size(), real.steps().size());
        for (int i = 0; i < n; i++) {
            StepResult m = model.steps().get(i);
            StepResult r = real.steps().get(i);
            // A moment after the step's end excuses nothing once a step that acts has started: what happens then may
            // be that step's doing (a heal at the end of a wait lets a stalled leader serve 200 ms later).
            long mLimit = nextActionStartMs(model.steps(), i);
            long rLimit = nextActionStartMs(real.steps(), i);
            boolean nearEnd = near(mz, m.endMs(), mLimit) || near(rz, r.endMs(), rLimit);
            boolean nearStart = near(mz, m.startMs(), m.endMs()) || near(rz, r.startMs(), r.endMs());
            // leader
            String ml = m.leaderAfter().orElse("none");
            String rl = r.leaderAfter().orElse("none");
            // both engines elected in this step and each has a leader at its end, so the two winners came out of
            // the same race; a leader against none is not a race
            boolean race = !electionsIn(m).isEmpty()
                    && !electionsIn(r).isEmpty()
                    && m.leaderAfter().isPresent()
                    && r.leaderAfter().isPresent();
            record(tallies, out, ConformanceFact.LEADER, m, ml, rl, nearEnd || race);
            // writable
            record(
                    tallies,
                    out,
                    ConformanceFact.WRITABLE,
                    m,
                    String.valueOf(m.writableAfter().orElse(false)),
                    String.valueOf(r.writableAfter().orElse(false)),
                    nearEnd);
            // data: a write's outcome (at the step's start), a read's value
            Optional<String> md = data(m);
            Optional<String> rd = data(r);
            if (md.isPresent() || rd.isPresent()) {
                record(
                        tallies,
                        out,
                        ConformanceFact.DATA,
                        m,
                        md.orElse("-"),
                        rd.orElse("-"),
                        m.step() instanceof Step.Read ? nearEnd : nearStart || nearEnd);
            }
            // elections and write-unavailable time
            int me = electionsIn(m).size();
            int re = electionsIn(r).size();
            record(tallies, out, ConformanceFact.ELECTIONS, m, Integer.toString(me), Integer.toString(re), nearEnd);
            long mu = m.zooKeeper().map(StepZooKeeperFacts::writesUnavailableMs).orElse(0L);
            long ru = r.zooKeeper().map(StepZooKeeperFacts::writesUnavailableMs).orElse(0L);
            if (mu > 0 || ru > 0) {
                long allowed = Math.max(toleranceMs, Math.max(mu, ru) / 5);
                boolean close = Math.abs(mu - ru) <= allowed;
                Tally t = tallies.get(ConformanceFact.TIMINGS);
                tallies.put(ConformanceFact.TIMINGS, t.add(new Tally(1, mu == ru ? 1 : 0, close && mu != ru ? 1 : 0)));
                if (!close) {
                    out.add(disagreement(ConformanceFact.TIMINGS, m, "unavailable " + mu + " ms", ru + " ms"));
                }
            }
        }
        // lost writes, once per run
        String ml = lost(mz);
        String rl = lost(rz);
        Tally t = tallies.get(ConformanceFact.LOST_WRITES);
        tallies.put(ConformanceFact.LOST_WRITES, t.add(new Tally(1, ml.equals(rl) ? 1 : 0, 0)));
        if (!ml.equals(rl)) {
            out.add(new Disagreement(ConformanceFact.LOST_WRITES, 0, 0, "", ml, rl));
        }
        return new Outcome(tallies, out);
    }

    private void record(
            Map<ConformanceFact, Tally> tallies,
            List<Disagreement> out,
            ConformanceFact fact,
            StepResult m,
            String model,
            String real,
            boolean excused) {
        boolean exact = model.equals(real);
        Tally t = tallies.get(fact);
        tallies.put(fact, t.add(new Tally(1, exact ? 1 : 0, !exact && excused ? 1 : 0)));
        if (!exact && !excused) {
            out.add(disagreement(fact, m, model, real));
        }
    }

    private static Disagreement disagreement(ConformanceFact fact, StepResult m, String model, String real) {
        return new Disagreement(fact, m.number(), m.step().line(), m.step().describe(), model, real);
    }

    private static List<ZooKeeperHistory.WonElection> electionsIn(StepResult s) {
        return s.zooKeeper().map(StepZooKeeperFacts::elections).orElse(List.of());
    }

    /**
     * When the first step after step {@code i} that acts on the cluster or the ensemble's membership starts (a
     * {@link Step.ClusterAction} or a reconfig; waits, expectations, reads, writes and {@code exec} do not act);
     * {@link Long#MAX_VALUE} if none does.
     */
    static long nextActionStartMs(List<StepResult> steps, int i) {
        for (int j = i + 1; j < steps.size(); j++) {
            if (acts(steps.get(j).step())) {
                return steps.get(j).startMs();
            }
        }
        return Long.MAX_VALUE;
    }

    private static boolean acts(Step s) {
        return s instanceof Step.ClusterAction || s instanceof Step.Reconfig;
    }

    /**
     * Whether an election ended or a write-unavailable window opened or closed within the tolerance of {@code t}, no
     * later than {@code limitMs}.
     */
    private boolean near(Optional<ZooKeeperSummary> z, long t, long limitMs) {
        if (z.isEmpty()) {
            return false;
        }
        LongStream moments = LongStream.concat(
                z.get().elections().stream().mapToLong(ZooKeeperHistory.WonElection::endMs),
                z.get().writeOutages().stream()
                        .flatMapToLong(w -> w.toMs().isPresent()
                                ? LongStream.of(w.fromMs(), w.toMs().getAsLong())
                                : LongStream.of(w.fromMs())));
        return moments.anyMatch(x -> Math.abs(x - t) <= toleranceMs && x <= limitMs);
    }

    /**
     * What a step says about the data: a write's outcome ({@code acknowledged} or {@code not acknowledged}), a read's
     * value without its mZxid (the real engine's write probes take zxids the model does not), empty for other steps.
     */
    static Optional<String> data(StepResult s) {
        if (s.step() instanceof Step.Write) {
            return Optional.of(s.verdict() == Verdict.FAILED ? "not acknowledged" : "acknowledged");
        }
        if (s.step() instanceof Step.ExpectWriteFails) {
            return Optional.of(s.verdict() == Verdict.HELD ? "not acknowledged" : "acknowledged");
        }
        if (s.step() instanceof Step.Read) {
            if (s.verdict() == Verdict.FAILED) {
                return Optional.of("no answer");
            }
            String v = s.output().isEmpty() ? "" : s.output().get(0);
            int z = v.lastIndexOf(" (mZxid ");
            return Optional.of(z < 0 ? v : v.substring(0, z));
        }
        return Optional.empty();
    }

    private static String lost(Optional<ZooKeeperSummary> z) {
        TreeSet<String> paths = new TreeSet<>();
        z.ifPresent(s -> s.lostWrites().stream().map(LostWrite::path).forEach(paths::add));
        return paths.isEmpty() ? "none" : String.join(", ", paths);
    }
}
