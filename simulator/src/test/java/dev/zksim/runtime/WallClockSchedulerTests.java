package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zksim.model.time.Scheduler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WallClockSchedulerTests {

    @Test
    void runsActionsInDueOrderTiesInSchedulingOrderOneAtATime() throws Exception {
        try (WallClockScheduler s = new WallClockScheduler(10, "t")) {
            List<String> ran = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger running = new AtomicInteger();
            List<Integer> overlaps = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(5);
            Runnable probe = () -> overlaps.add(running.incrementAndGet());
            s.setTimeScale(0); // all five due times relative to one instant, however slow scheduling is (busy machine)
            for (String[] a :
                    new String[][] {{"300", "c1"}, {"100", "a"}, {"300", "c2"}, {"200", "b"}, {"300", "c3"}}) {
                s.schedule(Long.parseLong(a[0]), a[1], () -> {
                    probe.run();
                    ran.add(a[1]);
                    running.decrementAndGet();
                    done.countDown();
                });
            }
            s.setTimeScale(10);
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactly("a", "b", "c1", "c2", "c3");
            assertThat(overlaps).containsOnly(1);
        }
    }

    @Test
    void simulationTimeRunsTimeScaleTimesFasterThanTheWallClock() throws Exception {
        try (WallClockScheduler s = new WallClockScheduler(50, "t")) {
            long wallStart = System.nanoTime();
            long[] at = new long[1];
            CountDownLatch done = new CountDownLatch(1);
            long before = s.nowMs();
            Scheduler.Timer t = s.schedule(1_000, "one simulated second", () -> {
                at[0] = s.nowMs();
                done.countDown();
            });
            long after = s.nowMs();
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
            assertThat(t.dueMs()).isBetween(before + 1_000, after + 1_000);
            assertThat(at[0]).isGreaterThanOrEqualTo(t.dueMs());
            assertThat(wallMs)
                    .as("1000 simulated ms at scale 50 are 20 wall ms")
                    .isBetween(19L, 2_000L);
            assertThat(s.wallMs(10_000)).isEqualTo(200);
        }
    }

    /**
     * The control plane's actions take no simulated time (as in the model engine): a 30 ms action at scale 100 would
     * otherwise be 3 simulated seconds. A scale set during an action applies once it ended.
     */
    @Test
    void simulatedTimeStandsStillWhileAnActionRuns() throws Exception {
        try (WallClockScheduler s = new WallClockScheduler(100, "t")) {
            long[] seen = new long[3];
            s.call(
                    "slow action",
                    () -> {
                        seen[0] = s.nowMs();
                        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30);
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait(); // the action's own work: wall time passes
                        }
                        seen[1] = s.nowMs();
                        s.setTimeScale(1);
                        assertThat(s.timeScale()).isEqualTo(1);
                        return null;
                    },
                    5_000);
            seen[2] = s.nowMs();
            assertThat(seen[1]).as("simulated time inside the action").isEqualTo(seen[0]);
            assertThat(seen[2] - seen[1]).as("after the action, at scale 1").isLessThan(1_000);
            assertThat(s.timeScale()).isEqualTo(1);
        }
    }

    /**
     * A driver woken late (a busy machine) must not let simulated time run past an action it has not run yet: at 100×
     * a few wall milliseconds are seconds of probes and grace periods.
     */
    @Test
    void simulatedTimeWaitsAtTheDueTimeOfAnActionNotRunYet() throws Exception {
        java.util.concurrent.atomic.AtomicLong wallNanos = new java.util.concurrent.atomic.AtomicLong();
        try (WallClockScheduler s = new WallClockScheduler(100, "t", wallNanos::get)) {
            CountDownLatch ran = new CountDownLatch(1);
            long[] at = new long[1];
            s.schedule(1_000, "readiness probe", () -> {
                at[0] = s.nowMs();
                ran.countDown();
            });
            wallNanos.addAndGet(TimeUnit.SECONDS.toNanos(1)); // 100 simulated seconds on the wall clock...
            assertThat(s.nowMs()).as("time waits at the due time").isEqualTo(1_000);
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(at[0]).as("the action ran at its due time").isEqualTo(1_000);
            assertThat(s.nowMs()).as("and time goes on from there").isEqualTo(1_000);
            // the latch counts down inside the action; time stands still until the driver thread ended it
            assertThat(Awaits.until(() -> !s.timeHeld(), 5_000, 1)).isTrue();
            wallNanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));
            assertThat(s.nowMs()).isEqualTo(2_000);
        }
    }

    @Test
    void aCancelledActionDoesNotRun() throws Exception {
        try (WallClockScheduler s = new WallClockScheduler(100, "t")) {
            AtomicInteger ran = new AtomicInteger();
            Scheduler.Timer t = s.schedule(100, "cancelled", ran::incrementAndGet);
            t.cancel();
            s.schedule(200, "later", () -> {});
            assertThat(s.await(() -> s.actionsRun() >= 1, 5_000, 10)).isTrue();
            assertThat(ran).hasValue(0);
        }
    }

    @Test
    void callRunsOnTheDriverThreadAndAFailingActionStopsTheScheduler() throws Exception {
        try (WallClockScheduler s = new WallClockScheduler(1, "t")) {
            assertThat(s.call("where", () -> s.isDriverThread(Thread.currentThread()), 5_000))
                    .isTrue();
            s.schedule(0, "boom", () -> {
                throw new IllegalStateException("boom");
            });
            assertThat(Awaits.until(() -> s.failure().isPresent(), 5_000, 5)).isTrue();
            assertThat(s.failure().get()).hasMessageContaining("'boom'").hasRootCauseMessage("boom");
            assertThatThrownBy(() -> s.call("after", () -> 1, 1_000)).isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void theQueueIsBoundedAndCloseDropsWhatIsPending() {
        WallClockScheduler s = new WallClockScheduler(1, "t");
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < WallClockScheduler.MAX_PENDING; i++) {
            s.schedule(3_600_000, "far", ran::incrementAndGet);
        }
        assertThatThrownBy(() -> s.schedule(0, "one too many", () -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pending actions");
        s.close();
        s.close(); // idempotent
        assertThat(s.pending()).isZero();
        assertThat(ran).hasValue(0);
        assertThatThrownBy(() -> s.schedule(0, "after close", () -> {})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new WallClockScheduler(0, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyThreadsMayScheduleAndEachActionRunsOnce() throws Exception {
        try (WallClockScheduler s = new WallClockScheduler(100, "t")) {
            AtomicInteger ran = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    for (int i = 0; i < 250; i++) {
                        s.schedule(i % 7, "n", ran::incrementAndGet);
                    }
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join(5_000);
            }
            assertThat(s.await(() -> ran.get() == 1_000, 100_000, 10)).isTrue();
            assertThat(ran).hasValue(1_000);
        }
    }
}
