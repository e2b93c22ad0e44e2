package dev.zksim.model.scenario.run;

import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.Step;
import dev.zksim.model.scenario.engine.ClusterEvent;
import dev.zksim.model.scenario.engine.ServerLog;

/**
 * Follows a run as it happens (the text report streams through this, so a long real-engine run shows progress).
 * Calls come in engine time order from the runner's thread.
 */
public interface RunObserver {

    default void runStarted(Scenario scenario, String engine, long seed) {}

    default void stepStarted(int number, Step step, long nowMs) {}

    default void stepFinished(StepResult result) {}

    default void podRow(TimelineRow row) {}

    default void event(ClusterEvent event) {}

    default void kubectl(KubectlLine line) {}

    default void serverLog(ServerLog line) {}

    default void runFinished(RunResult result) {}

    /** Observes nothing. */
    RunObserver NONE = new RunObserver() {};
}
