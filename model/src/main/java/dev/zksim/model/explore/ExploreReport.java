package dev.zksim.model.explore;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a search found: the runs done, the actions they ran, the first finding per invariant (shrunk), how many runs
 * broke each invariant, the coverage, and the liveness bound used.
 */
public record ExploreReport(
        int runs,
        long actions,
        List<ExploreFinding> findings,
        Map<ExploreInvariant, Integer> failingRuns,
        ExploreCoverage coverage,
        long livenessBoundMs) {
    public ExploreReport {
        findings = List.copyOf(findings);
        EnumMap<ExploreInvariant, Integer> copy = new EnumMap<>(ExploreInvariant.class);
        copy.putAll(failingRuns);
        failingRuns = java.util.Collections.unmodifiableMap(copy);
    }

    /** Whether any safety invariant broke. */
    public boolean safetyFinding() {
        return failingRuns.keySet().stream().anyMatch(ExploreInvariant::safety);
    }
}
