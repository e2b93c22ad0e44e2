package dev.zksim.engine.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.runtime.WallClockScheduler;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How fast the {@link Pacer} lets Kubernetes time run, on a fake wall clock. */
class PacerTests {
    private static final double FAST = 100;
    private static final long BOUND_MS = 70_000;

    private final AtomicLong wallNanos = new AtomicLong();
    private WallClockScheduler scheduler;
    private Pacer pacer;

    @BeforeEach
    void open() {
        scheduler = WallClockScheduler.paused("pacer-test");
        pacer = new Pacer(scheduler, FAST, BOUND_MS, wallNanos::get);
        pacer.openGate(); // a wait: time may pass
        pacer.start();
    }

    @AfterEach
    void close() {
        scheduler.close();
    }

    private void at(long seconds) {
        wallNanos.set(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void busyRunsInRealTimeAndAtRestFast() {
        at(0);
        pacer.observe(false);
        assertThat(scheduler.timeScale()).isEqualTo(1);
        at(1);
        pacer.observe(true);
        assertThat(scheduler.timeScale()).isEqualTo(FAST);
    }

    @Test
    void aSpellThatNeverSettlesRunsFastAfterTheBound() {
        at(0);
        pacer.containerChanged();
        at(69);
        pacer.observe(false);
        assertThat(scheduler.timeScale()).isEqualTo(1);
        at(71);
        pacer.observe(false);
        assertThat(scheduler.timeScale()).isEqualTo(FAST);
        assertThat(pacer.boundHits()).isEqualTo(1);
    }

    @Test
    void aContainerStartedLateInALongSpellStillGetsTheWholeBoundInRealTime() {
        // conform-12-79: the ensemble had been busy for 69 s when zk-0's container started; its 12 s election must
        // race the scenario's wait in real time, not at 100x
        at(0);
        pacer.containerChanged();
        at(69);
        pacer.observe(false);
        pacer.containerChanged();
        at(71);
        pacer.observe(false);
        assertThat(scheduler.timeScale()).as("2 s after the start").isEqualTo(1);
        at(138);
        pacer.observe(false);
        assertThat(scheduler.timeScale()).as("69 s after the start").isEqualTo(1);
        at(140);
        pacer.observe(false);
        assertThat(scheduler.timeScale()).as("71 s after the start").isEqualTo(FAST);
    }

    @Test
    void aRunningPreStopHookKeepsRealTimeEvenAtRestAndPastTheBound() {
        // the reconfig manifest's hook runs real reconfigs within a 60 s grace period: at 100x that was 600 ms, and
        // under load the kubelet killed zk-4 before its reconfig -remove committed (a CI run)
        at(1);
        pacer.observe(true);
        assertThat(scheduler.timeScale()).isEqualTo(FAST);
        pacer.hookStarted();
        assertThat(scheduler.timeScale()).isEqualTo(1);
        at(2);
        pacer.observe(true);
        assertThat(scheduler.timeScale()).as("at rest, hook running").isEqualTo(1);
        at(100);
        pacer.observe(false);
        assertThat(scheduler.timeScale())
                .as("past the busy bound, hook running")
                .isEqualTo(1);
        pacer.hookEnded();
        at(101);
        pacer.observe(true);
        assertThat(scheduler.timeScale()).as("hook over, at rest").isEqualTo(FAST);
    }
}
