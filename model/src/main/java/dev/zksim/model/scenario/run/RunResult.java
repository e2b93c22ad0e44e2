package dev.zksim.model.scenario.run;

import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.engine.ClusterEvent;
import dev.zksim.model.scenario.engine.ServerLog;
import java.util.List;
import java.util.Optional;

/**
 * Everything a run produced, for the summary, the JSON result and tests.
 *
 * @param engine the engine's name
 * @param seed the seed the run used
 * @param kubectl what kubectl printed, in order
 * @param serverLog what the ZooKeeper servers logged, in order (engines with a ZooKeeper backend)
 * @param endMs engine time at the end
 * @param zooKeeper the run's ZooKeeper facts (engines with a ZooKeeper backend)
 */
public record RunResult(
        Scenario scenario,
        String engine,
        long seed,
        List<StepResult> steps,
        List<TimelineRow> timeline,
        List<ClusterEvent> events,
        List<KubectlLine> kubectl,
        List<ServerLog> serverLog,
        long endMs,
        Optional<ZooKeeperSummary> zooKeeper) {

    public RunResult {
        steps = List.copyOf(steps);
        timeline = List.copyOf(timeline);
        events = List.copyOf(events);
        kubectl = List.copyOf(kubectl);
        serverLog = List.copyOf(serverLog);
    }

    public long count(Verdict v) {
        return steps.stream().filter(s -> s.verdict() == v).count();
    }

    /** True when no step failed (skipped steps do not fail a run). */
    public boolean passed() {
        return count(Verdict.FAILED) == 0;
    }

    public List<StepResult> failures() {
        return steps.stream().filter(s -> s.verdict() == Verdict.FAILED).toList();
    }
}
