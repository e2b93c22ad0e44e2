package dev.zksim.model.explore;

import java.util.List;
import java.util.Optional;

/**
 * One run of a list of actions: what happened, the first violation, how many list elements it consumed before the
 * violation ended it, and its coverage.
 */
public record RunOutcome(
        List<TraceEntry> trace,
        Optional<ExploreViolation> violation,
        int consumed,
        long settledAtMs,
        List<Long> outageStartsMs,
        ExploreCoverage.Run coverage) {
    public RunOutcome {
        trace = List.copyOf(trace);
        outageStartsMs = List.copyOf(outageStartsMs);
    }
}
