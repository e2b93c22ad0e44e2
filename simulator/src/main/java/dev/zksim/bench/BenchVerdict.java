package dev.zksim.bench;

/**
 * What a metric's runs say about B against A.
 *
 * @param kind {@code LOWER} (B faster, or fewer), {@code HIGHER} (B slower, or more), or {@code NONE} (no difference
 *     detectable)
 * @param text the sentence the table prints: "B is faster by 19408 ms (95% CI -19600..-19100)"
 */
public record BenchVerdict(Direction kind, String text) {
    /** The direction of a verdict. */
    public enum Direction {
        LOWER,
        HIGHER,
        NONE
    }
}
