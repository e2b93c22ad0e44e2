package dev.zksim.model.scenario.run;

import dev.zksim.model.scenario.engine.ZooKeeperHistory;
import java.util.List;

/**
 * The ZooKeeper facts of one step, the same in every engine and in engine time (the {@code zookeeper} object of each
 * step in the JSON result, docs/scenarios.md "ZooKeeper facts"): the elections that ended during the step, the
 * write-unavailable windows that overlap it (clipped to it) and their total, and the scenario's writes the ensemble
 * acknowledged in it, with their zxids. The leader and writability after the step are {@link StepResult#leaderAfter()}
 * and {@link StepResult#writableAfter()}; lost writes are a fact of the whole run ({@link ZooKeeperSummary}), since
 * finding them reads every acknowledged write back.
 */
public record StepZooKeeperFacts(
        List<ZooKeeperHistory.WonElection> elections,
        List<ZooKeeperHistory.WriteOutage> writeOutages,
        long writesUnavailableMs,
        List<AckedWriteFact> ackedWrites) {
    public StepZooKeeperFacts {
        elections = List.copyOf(elections);
        writeOutages = List.copyOf(writeOutages);
        ackedWrites = List.copyOf(ackedWrites);
    }

    /** The facts of step {@code step}, which ran over [{@code startMs}, {@code endMs}]. */
    static StepZooKeeperFacts of(
            ZooKeeperHistory history, List<AckedWriteFact> acked, int step, long startMs, long endMs) {
        // (start, end]: an election that ends at the very instant a step starts belongs to the step before
        List<ZooKeeperHistory.WonElection> elections = history.elections().stream()
                .filter(e -> e.endMs() > startMs && e.endMs() <= endMs)
                .toList();
        return new StepZooKeeperFacts(
                elections,
                history.outagesWithin(startMs, endMs),
                history.unavailableMs(startMs, endMs),
                acked.stream().filter(a -> a.step() == step).toList());
    }
}
