package dev.zksim.report;

/**
 * A scenario step, drawn as a numbered vertical marker at the time it began.
 *
 * @param atMs engine time the step began
 * @param index the step's 1-based number in the scenario
 * @param line the step's line in the scenario file, 0 when unknown
 * @param text the step as the scenario says it ({@code drain node-2})
 */
public record StepMarker(long atMs, int index, int line, String text) {
    public StepMarker {
        if (atMs < 0) {
            throw new IllegalArgumentException("atMs must be >= 0, got " + atMs);
        }
        if (index < 1) {
            throw new IllegalArgumentException("step index is 1-based, got " + index);
        }
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, got " + line);
        }
        Checks.text(text, "text");
    }
}
