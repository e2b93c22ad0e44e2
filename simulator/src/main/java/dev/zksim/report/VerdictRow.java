package dev.zksim.report;

import java.util.Set;

/**
 * The outcome of one expectation.
 *
 * @param stepIndex the 1-based number of the step it belongs to (a {@link StepMarker#index()} of the report)
 * @param line its line in the scenario file, 0 when unknown
 * @param text the expectation as the scenario says it
 * @param outcome {@link #HELD}, {@link #FAILED} or {@link #SKIPPED} (the engine cannot evaluate it); {@link #DONE}
 *     for an action that was carried out, when the caller lists actions too
 * @param detail what was expected and found, or why it was skipped; {@code ""} for none
 */
public record VerdictRow(int stepIndex, int line, String text, String outcome, String detail) {
    public static final String HELD = "held";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    public static final String DONE = "done";
    private static final Set<String> OUTCOMES = Set.of(HELD, FAILED, SKIPPED, DONE);

    public VerdictRow {
        if (stepIndex < 1) {
            throw new IllegalArgumentException("step index is 1-based, got " + stepIndex);
        }
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, got " + line);
        }
        Checks.text(text, "text");
        if (!OUTCOMES.contains(Checks.text(outcome, "outcome"))) {
            throw new IllegalArgumentException("outcome must be held, failed, skipped or done, got " + outcome);
        }
        Checks.text(detail, "detail");
    }

    public boolean failed() {
        return FAILED.equals(outcome);
    }
}
