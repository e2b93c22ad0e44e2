package dev.zksim.model.explore;

/**
 * A broken invariant: which one, when (virtual ms since the run began), and what was seen.
 *
 * @param outageStartMs for {@link ExploreInvariant#WRITE_OUTAGE_BUDGET}: when writes stopped; otherwise -1
 */
public record ExploreViolation(ExploreInvariant invariant, long atMs, String detail, long outageStartMs) {
    @Override
    public String toString() {
        return invariant.id() + " at " + atMs + " ms: " + detail;
    }
}
