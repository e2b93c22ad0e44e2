package dev.zksim.model.scenario.run;

/** The evaluation of one expectation or condition: whether it held, and what was expected and found, in words. */
public record Check(boolean held, String expected, String actual) {
    public static Check of(boolean held, String expected, String actual) {
        return new Check(held, expected, actual);
    }
}
