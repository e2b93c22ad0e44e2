package dev.zksim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecorderTests {

    @Test
    void podRowsBecomeSpansWithGapsForDeletedPods() {
        LaneRecorder r = new LaneRecorder()
                .observe(0, "zk-0", "Pending", 0, "", "")
                .observe(300, "zk-0", "ContainerCreating", 0, "node-1", "")
                .observe(2_300, "zk-0", LaneRecorder.status("Running", false), 0, "node-1", "")
                .observe(2_300, "zk-10", "Pending", 0, "", "")
                .observe(9_000, "zk-0", "Running", 0, "node-1", "") // same row: extends the span
                .observe(12_300, "zk-0", LaneRecorder.status("Running", true), 0, "node-1", "")
                .observe(12_300, "zk-2", "Pending", 0, "", "")
                .observe(12_300, "zk-2", "Pending", 0, "", "0/3 nodes are available") // same instant: later wins
                .observe(40_000, "zk-0", "Terminating", 0, "node-1", "")
                .deleted(40_400, "zk-0")
                .observe(40_500, "zk-0", "Pending", 0, "", "");
        List<PodLane> lanes = r.lanes(50_000);
        assertThat(lanes).extracting(PodLane::pod).containsExactly("zk-0", "zk-2", "zk-10");
        assertThat(lanes.get(0).spans())
                .containsExactly(
                        new StateSpan(0, 300, "Pending", 0, "", ""),
                        new StateSpan(300, 2_300, "ContainerCreating", 0, "node-1", ""),
                        new StateSpan(2_300, 12_300, "Running", 0, "node-1", ""),
                        new StateSpan(12_300, 40_000, "Ready", 0, "node-1", ""),
                        new StateSpan(40_000, 40_400, "Terminating", 0, "node-1", ""),
                        new StateSpan(40_500, 50_000, "Pending", 0, "", ""));
        assertThat(lanes.get(1).spans())
                .containsExactly(new StateSpan(12_300, 50_000, "Pending", 0, "", "0/3 nodes are available"));
    }

    @Test
    void aRestartStartsANewSpan() {
        List<PodLane> lanes = new LaneRecorder()
                .observe(0, "zk-1", "Running", 0, "n", "")
                .observe(10, "zk-1", "Running", 1, "n", "")
                .lanes(20);
        assertThat(lanes.get(0).spans()).extracting(StateSpan::restarts).containsExactly(0, 1);
    }

    @Test
    void changesMustComeInTimeOrder() {
        LaneRecorder lanes = new LaneRecorder().observe(10, "zk-0", "Pending", 0, "", "");
        assertThatThrownBy(() -> lanes.observe(9, "zk-1", "Pending", 0, "", ""))
                .isInstanceOf(IllegalArgumentException.class);
        IntervalRecorder intervals = new IntervalRecorder().set(10, "a");
        assertThatThrownBy(() -> intervals.clear(9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leaderChangesBecomeIntervalsWithGaps() {
        List<Interval> leaders = new IntervalRecorder()
                .clear(0)
                .set(14_800, "zk-1 (epoch 1)")
                .set(20_000, "zk-1 (epoch 1)") // unchanged: no new interval
                .clear(40_000)
                .set(40_250, "zk-2 (epoch 2)")
                .set(60_000, "zk-0 (epoch 3)")
                .set(60_000, "zk-1 (epoch 3)") // same instant: the later wins
                .intervals(90_000);
        assertThat(leaders)
                .containsExactly(
                        new Interval(14_800, 40_000, "zk-1 (epoch 1)"),
                        new Interval(40_250, 60_000, "zk-2 (epoch 2)"),
                        new Interval(60_000, 90_000, "zk-1 (epoch 3)"));
    }

    @Test
    void writeAvailabilityFromStepObservations() {
        IntervalRecorder writes = new IntervalRecorder();
        boolean[] writableAfterStep = {false, true, true, false, true};
        long[] stepEndMs = {0, 15_000, 30_000, 40_000, 41_000};
        for (int i = 0; i < stepEndMs.length; i++) {
            if (writableAfterStep[i]) {
                writes.set(stepEndMs[i], "");
            } else {
                writes.clear(stepEndMs[i]);
            }
        }
        assertThat(writes.intervals(50_000))
                .containsExactly(new Interval(15_000, 40_000, ""), new Interval(41_000, 50_000, ""));
        assertThat(new IntervalRecorder().intervals(10)).isEmpty();
    }
}
