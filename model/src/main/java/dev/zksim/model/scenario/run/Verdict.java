package dev.zksim.model.scenario.run;

/** The outcome of one step. */
public enum Verdict {
    /** An action or a fixed wait was carried out. */
    DONE,
    /** An expectation (or a wait's condition) held. */
    HELD,
    /** An expectation did not hold, a wait timed out, or the cluster refused an action. */
    FAILED,
    /** The step could not be evaluated by this engine (a ZooKeeper step without a ZooKeeper backend). */
    SKIPPED
}
