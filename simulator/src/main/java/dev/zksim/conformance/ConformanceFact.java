package dev.zksim.conformance;

/** The facts the conformance check compares, in the agreement table's order (docs/conformance.md). */
public enum ConformanceFact {
    /** The leader after each step (identity; a genuine race counts when each engine elected one of its candidates). */
    LEADER("leader"),
    /** Whether a write would be acknowledged after each step. */
    WRITABLE("writable"),
    /** Each write's outcome (acknowledged or not) and each read's value. */
    DATA("data"),
    /** The acknowledged writes lost by the end of the run (one comparison per scenario). */
    LOST_WRITES("lost writes"),
    /** How many elections ended in each step. */
    ELECTIONS("elections"),
    /** The write-unavailable time of each step, within the tolerance. */
    TIMINGS("timings");

    private final String label;

    ConformanceFact(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The facts the ≥ 99 % target is about (docs/conformance.md); the others are reported, not targeted. */
    public boolean targeted() {
        return this == LEADER || this == WRITABLE || this == DATA || this == LOST_WRITES;
    }
}
