package dev.zksim.conformance;

/**
 * One fact the engines reported differently.
 *
 * @param step the step's number (0 for a fact of the whole run)
 * @param line the step's line in the scenario file (0 for a fact of the whole run)
 * @param model what the model engine reported
 * @param real what the real engine reported
 */
public record Disagreement(ConformanceFact fact, int step, int line, String stepText, String model, String real) {
    /** One line, e.g. {@code step 9 (line 21, wait 1500ms): leader: model zk-2, real none}. */
    public String describe() {
        String where = step == 0 ? "end of run" : "step " + step + " (line " + line + ", " + stepText + ")";
        return where + ": " + fact.label() + ": model " + model + ", real " + real;
    }
}
