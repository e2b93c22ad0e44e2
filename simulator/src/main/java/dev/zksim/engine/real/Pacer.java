package dev.zksim.engine.real;

import dev.zksim.runtime.WallClockScheduler;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Decides how fast Kubernetes time runs: {@code timeScale} times faster than the wall clock while ZooKeeper is at
 * rest, and in real time while it is busy, so that every race between a Kubernetes delay (a readiness probe that
 * publishes the leader's name, the next pod's creation, a grace period) and a ZooKeeper timeout (a follower's five
 * attempts to reach its leader, the leader's initLimit × tickTime wait for followers, finalizeWait) plays out as in a
 * cluster, in the same order and with the same winner.
 *
 * <p>ZooKeeper is <em>busy</em> from the moment the kubelet starts, stops or kills a container, and while a quorum of
 * its servers runs and one of them does not serve (it elects, waits for followers, or synchronises); it is <em>at
 * rest</em> when every running server serves, or when fewer than a quorum run (nothing can change until Kubernetes
 * starts another one), and has been for {@link #SETTLE_MS}. A busy spell that has gone on for longer than the bound
 * given (a few initLimits: longer than any wait ZooKeeper has) since its start and since the last container change
 * stops counting as busy, so an ensemble that cannot form never makes the run wait in real time for good; every
 * container change still gets its full bound of real time, since what follows it (a restarted server joining an
 * election) is a new race with Kubernetes delays. Measured from the spell's start alone, a server started 69 s into a
 * long spell had 1 s of real time: its 12 s election ran at 100×, and the wait it was in ended 80 Kubernetes seconds
 * before the model's (conform-12-79).
 *
 * <p>Time stands still until {@link #start()} (the first step), so the run's clock starts at 0 whatever the JVM's
 * warm-up costs, and outside the spans in which the scenario lets time pass ({@link #openGate()}: a {@code wait}, the
 * wait of a {@code delete-pod}, a client operation). This is the model engine's semantics: an action returns at one
 * instant, and the runner's own work between steps (judging an expectation, printing a row) takes no Kubernetes time
 * — on a busy machine that work alone took seconds of real-time Kubernetes time. ZooKeeper keeps running meanwhile;
 * its reaction to an action takes hundreds of milliseconds (finalizeWait alone is 200 ms), the runner's work
 * milliseconds. Thread-safe: the control plane's thread reports container changes, the watch reports samples.
 */
final class Pacer {
    /** How long ZooKeeper must look at rest after a container change before Kubernetes time speeds up again. */
    static final long SETTLE_MS = 50;

    private final WallClockScheduler scheduler;
    private final LongSupplier nanoTime;
    private final double fastScale;
    private volatile long maxBusyNanos;
    // guarded by this
    private boolean started;
    private long lastChangeNanos;
    private long busySinceNanos = -1;
    private long busyTotalNanos;
    private int busySpells;
    private int boundHits;
    private int gates;
    private double desiredScale;
    /** Until then ZooKeeper counts as busy even if every server looks fine: a silent link has yet to time out. */
    private long quietUntilNanos;

    /**
     * @param fastScale the time scale at rest (the {@code --time-scale})
     * @param maxBusyMs the longest busy spell that slows Kubernetes time down
     */
    Pacer(WallClockScheduler scheduler, double fastScale, long maxBusyMs) {
        this(scheduler, fastScale, maxBusyMs, System::nanoTime);
    }

    /** As {@link #Pacer(WallClockScheduler, double, long)}, reading the wall clock from {@code nanoTime}. */
    Pacer(WallClockScheduler scheduler, double fastScale, long maxBusyMs, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.scheduler = scheduler;
        this.fastScale = fastScale;
        this.maxBusyNanos = TimeUnit.MILLISECONDS.toNanos(maxBusyMs);
        this.desiredScale = fastScale;
        scheduler.setTimeScale(0);
    }

    /** The scenario lets time pass from now until {@link #closeGate()} (nested spans count). */
    synchronized void openGate() {
        gates++;
        applyScale();
    }

    /** A span of {@link #openGate()} ended. */
    synchronized void closeGate() {
        if (gates > 0) {
            gates--;
        }
        applyScale();
    }

    /** How fast Kubernetes time should run while the gate is open (guarded by this). */
    private void setScale(double scale) {
        desiredScale = scale;
        applyScale();
    }

    private void applyScale() {
        scheduler.setTimeScale(started && gates > 0 ? desiredScale : 0);
    }

    /** The run begins: time starts to pass (in real time until ZooKeeper has been seen at rest). */
    private int holds;
    /** PreStop hooks running (guarded by this). */
    private int hooks;

    synchronized void start() {
        if (!started) {
            started = true;
            lastChangeNanos = nanoTime.getAsLong();
            busy(lastChangeNanos);
        }
    }

    /**
     * A container was started, stopped or killed: ZooKeeper is busy from now on, in real time for up to the bound from
     * now.
     */
    synchronized void containerChanged() {
        if (started) {
            long now = nanoTime.getAsLong();
            lastChangeNanos = now;
            busy(now);
        }
    }

    /**
     * A link fell silent (a node lost power, a partition, a paused process): every server may still look as before,
     * but time-outs are running (a follower's syncLimit read time-out, the leader's ACK count, a client's session) that
     * will change it. ZooKeeper is busy for {@code horizonMs} from now, so those time-outs race Kubernetes delays in
     * real time; the busy bound still applies.
     */
    synchronized void silenceBegan(long horizonMs) {
        if (started) {
            long now = nanoTime.getAsLong();
            quietUntilNanos = Math.max(quietUntilNanos, now + TimeUnit.MILLISECONDS.toNanos(horizonMs));
            containerChanged();
        }
    }

    /**
     * A client operation starts: Kubernetes time runs in real time until {@link #releaseRealTime()}, whatever the
     * servers look like. A client waiting for an answer is ZooKeeper's business (its timeout is a wall-clock timeout),
     * and a scenario's {@code expect-write-fails ... timeout: 2s} must not see 20 s of Kubernetes time (pods coming
     * back) pass while it waits.
     */
    synchronized void holdRealTime() {
        holds++;
        gates++;
        setScale(Math.min(1, fastScale));
    }

    /** The client operation of a {@link #holdRealTime()} ended. */
    synchronized void releaseRealTime() {
        if (holds > 0) {
            holds--;
            closeGate();
        }
    }

    /**
     * A container's preStop hook started: Kubernetes time runs in real time until {@link #hookEnded()}, whatever the
     * servers look like, so the grace period that bounds the hook (60 s in the reconfig manifest) is 60 real seconds
     * for the hook's real ZooKeeper calls, as on a cluster, not 600 ms at 100×. Unlike {@link #holdRealTime()} this
     * opens no gate: between steps time still stands still. The reconfig start script's join tries use it too, while
     * they talk to their server (RealContainerRuntime.PreStopListener.joinTryStarted).
     */
    synchronized void hookStarted() {
        hooks++;
        setScale(Math.min(1, fastScale));
    }

    /** A preStop hook of {@link #hookStarted()} finished or was abandoned. */
    synchronized void hookEnded() {
        if (hooks > 0) {
            hooks--;
        }
    }

    /** The longest busy spell that slows Kubernetes time down (set from the ensemble's initLimit × tickTime). */
    void setMaxBusyMs(long ms) {
        maxBusyNanos = TimeUnit.MILLISECONDS.toNanos(ms);
    }

    /** What a sample of the servers showed. */
    synchronized void observe(boolean atRest) {
        if (!started) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (atRest && now - lastChangeNanos >= TimeUnit.MILLISECONDS.toNanos(SETTLE_MS) && now - quietUntilNanos >= 0) {
            rest(now);
        } else if (holds == 0 && hooks == 0 && pastBound(now)) {
            if (desiredScale != fastScale) {
                boundHits++;
                setScale(fastScale);
            }
        } else if (!atRest) {
            busy(now);
        }
    }

    private void busy(long now) {
        if (busySinceNanos < 0) {
            busySinceNanos = now;
            busySpells++;
        }
        if (!pastBound(now)) {
            setScale(Math.min(1, fastScale));
        }
    }

    /** Whether the busy spell has outlasted the bound, counted from its start and from the last container change. */
    private boolean pastBound(long now) {
        return busySinceNanos >= 0 && now - Math.max(busySinceNanos, lastChangeNanos) > maxBusyNanos;
    }

    private void rest(long now) {
        if (holds > 0 || hooks > 0) {
            return;
        }
        if (busySinceNanos >= 0) {
            busyTotalNanos += now - busySinceNanos;
            busySinceNanos = -1;
        }
        setScale(fastScale);
    }

    /** Wall milliseconds spent in busy spells so far (real-time Kubernetes). */
    synchronized long busyWallMs() {
        long open = busySinceNanos >= 0 ? nanoTime.getAsLong() - busySinceNanos : 0;
        return TimeUnit.NANOSECONDS.toMillis(busyTotalNanos + open);
    }

    /** Busy spells so far. */
    synchronized int busySpells() {
        return busySpells;
    }

    /** Busy spells that outlasted the bound (ZooKeeper did not settle; Kubernetes time sped up anyway). */
    synchronized int boundHits() {
        return boundHits;
    }
}
