package dev.zksim.cli;

import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.Step;
import dev.zksim.model.scenario.engine.ClusterEvent;
import dev.zksim.model.scenario.engine.ServerLog;
import dev.zksim.model.scenario.run.KubectlLine;
import dev.zksim.model.scenario.run.RunObserver;
import dev.zksim.model.scenario.run.RunResult;
import dev.zksim.model.scenario.run.StepResult;
import dev.zksim.model.scenario.run.TimelineRow;
import dev.zksim.report.LaneRecorder;
import dev.zksim.report.PodLane;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Passes a run's observations on to another observer (the text report) and keeps what the HTML report needs that
 * the {@link RunResult} does not hold: each pod's status over time as lanes, and the model's server log lines per pod
 * (the model's {@code kubectl logs}). Not thread-safe: the runner calls it from one thread. Public for the Java API
 * ({@code dev.zksim.api}), whose report is this one.
 */
public final class ReportRecorder implements RunObserver {
    private final RunObserver inner;
    private final LaneRecorder lanes = new LaneRecorder();
    private final Map<String, StringBuilder> serverLogs = new TreeMap<>();

    /** Records, and passes every observation on to {@code inner}. */
    public ReportRecorder(RunObserver inner) {
        this.inner = inner;
    }

    @Override
    public void runStarted(Scenario scenario, String engine, long seed) {
        inner.runStarted(scenario, engine, seed);
    }

    @Override
    public void stepStarted(int number, Step step, long nowMs) {
        inner.stepStarted(number, step, nowMs);
    }

    @Override
    public void stepFinished(StepResult result) {
        inner.stepFinished(result);
    }

    @Override
    public void podRow(TimelineRow row) {
        if (row.deleted()) {
            lanes.deleted(row.timeMs(), row.pod().name());
        } else {
            lanes.observe(
                    row.timeMs(),
                    row.pod().name(),
                    LaneRecorder.status(row.pod().status(), row.pod().ready()),
                    row.pod().restarts(),
                    row.pod().node().orElse(""),
                    row.pod().pendingReason().orElse(""));
        }
        inner.podRow(row);
    }

    @Override
    public void event(ClusterEvent event) {
        inner.event(event);
    }

    @Override
    public void kubectl(KubectlLine line) {
        inner.kubectl(line);
    }

    @Override
    public void serverLog(ServerLog line) {
        serverLogs
                .computeIfAbsent(line.pod(), p -> new StringBuilder())
                .append(RunReport.formatMs(line.timeMs()))
                .append(' ')
                .append(line.line())
                .append('\n');
        inner.serverLog(line);
    }

    @Override
    public void runFinished(RunResult result) {
        inner.runFinished(result);
    }

    List<PodLane> lanes(long endMs) {
        return lanes.lanes(endMs);
    }

    /** Server log text per pod, as the model engine reported it (empty for engines that write real logs). */
    Map<String, String> serverLogs() {
        Map<String, String> m = new TreeMap<>();
        serverLogs.forEach((pod, text) -> m.put(pod, text.toString()));
        return m;
    }
}
