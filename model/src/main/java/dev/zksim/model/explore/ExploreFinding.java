package dev.zksim.model.explore;

import java.util.List;

/**
 * A run that broke an invariant, shrunk.
 *
 * @param run the run's number (1-based) in the search
 * @param runSeed the world's seed of that run (the scenario file's {@code seed})
 * @param generated how many actions (waits not counted) the run had before shrinking
 * @param actions the shrunk actions
 * @param violation what broke, in the shrunk run
 * @param trace the shrunk run as it happened
 * @param outageStartsMs when writes stopped, each time, in the shrunk run
 * @param shrinkRuns re-runs the shrinker spent
 */
public record ExploreFinding(
        int run,
        long runSeed,
        int generated,
        List<ExploreAction> actions,
        ExploreViolation violation,
        List<TraceEntry> trace,
        long settledAtMs,
        List<Long> outageStartsMs,
        int shrinkRuns) {
    public ExploreFinding {
        outageStartsMs = List.copyOf(outageStartsMs);
        actions = List.copyOf(actions);
        trace = List.copyOf(trace);
    }

    /** Actions of the shrunk story that did something (waits not counted). */
    public long storyActions() {
        return trace.stream()
                .filter(e -> e.executed() && !(e.action() instanceof ExploreAction.WaitAction))
                .count();
    }

    /** {@code explore-failure-SEED-RUN.yaml}. */
    public String fileName(long searchSeed) {
        return "explore-failure-" + searchSeed + "-" + run + ".yaml";
    }
}
