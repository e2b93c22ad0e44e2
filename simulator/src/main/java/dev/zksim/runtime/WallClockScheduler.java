package dev.zksim.runtime;

import dev.zksim.model.time.Scheduler;
import dev.zksim.model.time.TimerEntry;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The {@link Scheduler} contract bound to wall time: actions run one at a time on one driver thread, in order of due
 * time, ties in scheduling order, each when its due time has come.
 *
 * <p>Time scale. Simulation time runs {@code timeScale} times faster than the wall clock: {@link #nowMs()} grows by
 * {@code timeScale} milliseconds per wall millisecond, and an action scheduled {@code delayMs} from now runs
 * {@code delayMs / timeScale} wall milliseconds later. The Kubernetes control plane schedules its delays (probe
 * periods, grace periods, drain retries) here; ZooKeeper's own timing (tickTime, initLimit, syncLimit) runs on the wall
 * clock inside the servers and is never scaled. The scale may change while the scheduler runs
 * ({@link #setTimeScale}; 0 pauses simulation time): time already passed stays as it was, pending actions keep their
 * simulation due times and are rescheduled in wall time at once, and {@link #simulationMsAt} maps a wall instant to the
 * simulation time it had.
 *
 * <p>Simulation time as the virtual scheduler has it: an action takes no simulation time (time stands still while it
 * runs on the driver thread), and time does not pass the due time of a timed action that has not run yet (a driver
 * woken late waits there; {@link #nowMs()}). Work of the control plane therefore happens at the instants the model
 * engine would give it, however busy the machine is.
 *
 * <p>Unlike {@link dev.zksim.model.time.VirtualScheduler}, {@link #schedule} may be called from any thread (the real
 * runtime reports container exits from server threads). At most {@link #MAX_PENDING} actions wait at once. An action
 * that throws stops the scheduler: later actions do not run, {@link #failure()} holds the exception, and
 * {@link #call} rethrows it. {@link #close()} stops the driver thread; pending actions are dropped.
 */
public final class WallClockScheduler implements Scheduler, AutoCloseable {
    /** Upper bound on waiting actions. */
    public static final int MAX_PENDING = 100_000;
    /** How long {@link #close()} waits for a running action to finish. */
    private static final long CLOSE_TIMEOUT_MS = 10_000;

    /** How many rate segments {@link #simulationMsAt} remembers (older instants map through the oldest kept). */
    static final int MAX_SEGMENTS = 100_000;

    /** From {@code startNanos} on, simulation time grows from {@code startSimMs} at {@code scale} ms per wall ms. */
    private record Segment(long startNanos, double startSimMs, double scale) {
        double simMsAt(long nanos) {
            return startSimMs + Math.max(0, nanos - startNanos) / 1e6 * scale;
        }
    }

    private final LongSupplier nanoTime;
    private final long startNanos;
    private volatile Segment segment;
    /** The due time of the first pending action: simulation time does not pass it before the action ran. */
    private volatile long barrierMs = Long.MAX_VALUE;
    /** The scale asked for while an action runs with simulation time held (see {@link #drive()}); guarded by lock. */
    private double heldScale = Double.NaN;

    private final java.util.ArrayList<Segment> history = new java.util.ArrayList<>(); // guarded by lock
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final Thread driver;
    private long sequence; // guarded by lock
    private boolean closed; // guarded by lock
    private volatile Throwable failure;
    private volatile long actionsRun;

    /**
     * Creates the scheduler and starts its driver thread.
     *
     * @param timeScale simulation milliseconds per wall millisecond (1 = real time; 20 = a 10 s probe delay takes
     *     0.5 s); positive
     * @param name the driver thread's name
     */
    public WallClockScheduler(double timeScale, String name) {
        this(timeScale, name, System::nanoTime);
    }

    WallClockScheduler(double timeScale, String name, LongSupplier nanoTime) {
        this(requirePositive(timeScale), name, nanoTime, true);
    }

    private WallClockScheduler(double timeScale, String name, LongSupplier nanoTime, boolean checked) {
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.segment = new Segment(startNanos, 0, timeScale);
        this.history.add(segment);
        this.driver = new Thread(this::drive, name);
        this.driver.setDaemon(true); // never keeps a JVM alive whose owner forgot close()
        this.driver.start();
    }

    /**
     * A scheduler whose simulation time stands still (scale 0) until {@link #setTimeScale} says otherwise: for an
     * owner that decides when time starts, so that not even the microseconds of its own set-up count.
     */
    public static WallClockScheduler paused(String name) {
        return new WallClockScheduler(0, name, System::nanoTime, true);
    }

    private static double requirePositive(double timeScale) {
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("time scale must be positive and finite: " + timeScale);
        }
        return timeScale;
    }

    /** Simulation milliseconds per wall millisecond now (0 while paused). */
    public double timeScale() {
        double held = heldScale;
        return Double.isNaN(held) ? segment.scale() : held;
    }

    /** Whether simulation time stands still for an action running on the driver thread ({@link #drive()}). */
    boolean timeHeld() {
        lock.lock();
        try {
            return !Double.isNaN(heldScale);
        } finally {
            lock.unlock();
        }
    }

    /**
     * From now on, simulation time grows by {@code scale} milliseconds per wall millisecond; 0 pauses it (no action
     * becomes due while paused). Time already passed is kept; pending actions keep their simulation due times.
     */
    public void setTimeScale(double scale) {
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("time scale must be zero or positive and finite: " + scale);
        }
        lock.lock();
        try {
            if (!Double.isNaN(heldScale)) {
                heldScale = scale; // applied when the running action ends
                return;
            }
            startSegment(scale);
        } finally {
            lock.unlock();
        }
    }

    /** The barrier of {@link #nowMs()} is the first pending action's due time (guarded by lock). */
    private void updateBarrier() {
        long min = Long.MAX_VALUE;
        for (Entry e : queue) {
            if (e.timed && !e.cancelled() && e.dueMs() < min) {
                min = e.dueMs();
            }
        }
        barrierMs = min;
    }

    /** From wall instant {@code t} on, simulation time continues from {@code simMs} (guarded by lock). */
    private void rebase(long t, double simMs) {
        Segment next = new Segment(t, simMs, segment.scale());
        segment = next;
        history.add(next);
        if (history.size() > MAX_SEGMENTS) {
            history.subList(0, MAX_SEGMENTS / 2).clear();
        }
    }

    /** Simulation time grows at {@code scale} from now on (guarded by lock). */
    private void startSegment(double scale) {
        Segment now = segment;
        if (now.scale() == scale) {
            return;
        }
        long t = nanoTime.getAsLong();
        Segment next = new Segment(t, Math.min(now.simMsAt(t), barrierMs), scale);
        segment = next;
        history.add(next);
        if (history.size() > MAX_SEGMENTS) {
            history.subList(0, MAX_SEGMENTS / 2).clear(); // amortised: once per MAX_SEGMENTS / 2 changes
        }
        changed.signalAll();
    }

    /**
     * Before an action runs on the driver thread, simulation time stands still until the action ends
     * ({@link #releaseHeldTime()}): the control plane's actions take no simulated time, as in the model engine, and
     * simulated time passes only between them. Here each action takes wall milliseconds (a probe's round trip, a view,
     * a container start, class loading in the first ones), and at 100× every wall millisecond would be 100 simulated
     * ones: a readiness probe at initialDelaySeconds would report its result seconds late, and a chain of controller
     * actions that is one instant in the model (create, schedule, start) would spread over seconds. At real time the
     * cost is that simulated time lags the wall clock by the actions' own durations (milliseconds).
     */
    private void holdTimeForAction() {
        lock.lock();
        try {
            double scale = segment.scale();
            if (scale > 0) {
                startSegment(0);
                heldScale = scale;
            }
        } finally {
            lock.unlock();
        }
    }

    private void releaseHeldTime() {
        lock.lock();
        try {
            double scale = heldScale;
            if (!Double.isNaN(scale)) {
                heldScale = Double.NaN;
                startSegment(scale);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    /**
     * Simulation time now. It never passes the due time of an action that has not run yet: a driver thread woken late
     * by a busy machine (a few wall milliseconds, seconds of simulated time at 100×) finds time waiting at the
     * action's due time, and time goes on from there once it ran; so actions run at their due times as in the
     * virtual scheduler, and time never goes backwards.
     */
    public long nowMs() {
        return Math.min((long) segment.simMsAt(nanoTime.getAsLong()), barrierMs);
    }

    /** The simulation time at wall instant {@code nanos} ({@link System#nanoTime()}), for instants since creation. */
    public long simulationMsAt(long nanos) {
        lock.lock();
        try {
            // the last segment that started at or before nanos (binary search: segments start in order)
            int lo = 0;
            int hi = history.size() - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (history.get(mid).startNanos() <= nanos) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            Segment found = history.get(lo);
            double ms = found.simMsAt(nanos);
            if (lo + 1 < history.size()) {
                ms = Math.min(ms, history.get(lo + 1).startSimMs()); // before a rebase time waited at a due time
            } else {
                ms = Math.min(ms, barrierMs);
            }
            return (long) ms;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Timer schedule(long delayMs, String description, Runnable action) {
        return scheduleEntry(delayMs, description, action, true);
    }

    private Timer scheduleEntry(long delayMs, String description, Runnable action, boolean timed) {
        if (delayMs < 0) {
            throw new IllegalArgumentException("negative delay " + delayMs + " for " + description);
        }
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("scheduler closed; cannot schedule " + description);
            }
            if (queue.size() >= MAX_PENDING) {
                throw new IllegalStateException("more than " + MAX_PENDING + " pending actions; last: " + description);
            }
            Entry e = new Entry(nowMs() + delayMs, sequence++, description, action);
            e.timed = timed;
            queue.add(e);
            updateBarrier();
            changed.signalAll();
            return e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code task} on the driver thread as soon as the actions already due have run, and returns its result;
     * the way for other threads to read or change state that belongs to the driver thread.
     *
     * @throws TimeoutException when it did not complete within {@code timeoutMs} wall milliseconds
     * @throws ExecutionException when it threw, or the scheduler had failed before
     */
    public <T> T call(String description, Callable<T> task, long timeoutMs)
            throws TimeoutException, ExecutionException, InterruptedException {
        if (Thread.currentThread() == driver) {
            throw new IllegalStateException("call() from the driver thread would wait for itself: " + description);
        }
        Throwable f = failure;
        if (f != null) {
            throw new ExecutionException("scheduler failed before " + description, f);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        scheduleEntry(
                0,
                description,
                () -> {
                    try {
                        result.complete(task.call());
                    } catch (Exception e) {
                        result.completeExceptionally(e);
                    }
                },
                false);
        return result.get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until {@code condition}, evaluated on the driver thread, holds, checking every {@code pollMs} simulation
     * milliseconds; false when it did not within {@code timeoutMs} simulation milliseconds.
     */
    public boolean await(BooleanSupplier condition, long timeoutMs, long pollMs)
            throws InterruptedException, ExecutionException {
        long deadline = nowMs() + timeoutMs;
        while (true) {
            boolean holds;
            try {
                holds = call("await condition", condition::getAsBoolean, wallMs(timeoutMs) + CLOSE_TIMEOUT_MS);
            } catch (TimeoutException e) {
                return false;
            }
            if (holds) {
                return true;
            }
            long left = deadline - nowMs();
            if (left <= 0) {
                return false;
            }
            CompletableFuture<Void> tick = new CompletableFuture<>();
            schedule(Math.min(pollMs, left), "await poll", () -> tick.complete(null));
            try {
                tick.get(wallMs(Math.min(pollMs, left)) + CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return false;
            }
        }
    }

    /**
     * Wall milliseconds that {@code simulationMs} take at the current time scale (at scale 1 while paused, so that
     * bounds computed from it stay finite).
     */
    public long wallMs(long simulationMs) {
        double scale = timeScale();
        return (long) Math.ceil(simulationMs / (scale > 0 ? scale : 1));
    }

    /** The exception that stopped the scheduler, if any. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Actions waiting (cancelled ones included until they are reached). */
    public int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** How many actions ran so far. */
    public long actionsRun() {
        return actionsRun;
    }

    private void drive() {
        while (true) {
            Entry next;
            lock.lock();
            try {
                while (true) {
                    if (closed || failure != null) {
                        return;
                    }
                    Entry head = queue.peek();
                    if (head != null && head.cancelled()) {
                        queue.poll();
                        updateBarrier();
                        continue;
                    }
                    if (head != null) {
                        Segment g = segment;
                        long t = nanoTime.getAsLong();
                        double leftSimMs = head.dueMs() - g.simMsAt(t);
                        if (leftSimMs <= 0) {
                            if (leftSimMs < 0 && head.timed) {
                                rebase(t, head.dueMs()); // woken late: time waited at the due time (see nowMs)
                            }
                            // held while the barrier is still this action's due time, and before the lock is
                            // released: otherwise time runs on past the due time in the microseconds until the action
                            // starts, and at 100x those are milliseconds (a wait's end seen at 1,005 ms of 1,000)
                            holdTimeForAction();
                            next = queue.poll();
                            updateBarrier();
                            break;
                        }
                        if (g.scale() > 0) {
                            changed.awaitNanos((long) Math.ceil(leftSimMs / g.scale() * 1e6));
                        } else {
                            changed.await(); // paused: only a new scale (or close) can make it due
                        }
                    } else {
                        changed.await();
                    }
                }
            } catch (InterruptedException e) {
                // close() interrupts only when an action overran its time; the driver thread then ends, flag kept
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            try {
                next.run();
                actionsRun++;
            } catch (Throwable t) {
                failure = new IllegalStateException(
                        "scheduled action '" + next.description() + "' at " + next.dueMs() + " ms failed", t);
                return;
            } finally {
                releaseHeldTime();
            }
        }
    }

    /** Stops the driver thread; pending actions are dropped. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            updateBarrier();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() != driver) {
            try {
                driver.join(CLOSE_TIMEOUT_MS);
                if (driver.isAlive()) {
                    driver.interrupt();
                    driver.join(CLOSE_TIMEOUT_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether {@code t} is the driver thread (actions run there). */
    public boolean isDriverThread(Thread t) {
        return t == driver;
    }

    /** A scheduled action; what the scheduler adds to the shared entry is kept here. */
    private static final class Entry extends TimerEntry {
        /** A timed action (a delay of the control plane), not a {@link #call} from another thread. */
        volatile boolean timed = true;

        Entry(long dueMs, long seq, String description, Runnable action) {
            super(dueMs, seq, description, action);
        }
    }
}
