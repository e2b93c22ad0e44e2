package dev.zksim.real;

import dev.zksim.model.time.Scheduler;
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
    private final java.util.ArrayDeque<Segment> history = new java.util.ArrayDeque<>(); // guarded by lock
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
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("time scale must be positive and finite: " + timeScale);
        }
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.segment = new Segment(startNanos, 0, timeScale);
        this.history.add(segment);
        this.driver = new Thread(this::drive, name);
        this.driver.setDaemon(true); // never keeps a JVM alive whose owner forgot close()
        this.driver.start();
    }

    /** Simulation milliseconds per wall millisecond now (0 while paused). */
    public double timeScale() {
        return segment.scale();
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
            Segment now = segment;
            if (now.scale() == scale) {
                return;
            }
            long t = nanoTime.getAsLong();
            Segment next = new Segment(t, now.simMsAt(t), scale);
            segment = next;
            history.add(next);
            if (history.size() > MAX_SEGMENTS) {
                history.poll();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long nowMs() {
        return (long) segment.simMsAt(nanoTime.getAsLong());
    }

    /** The simulation time at wall instant {@code nanos} ({@link System#nanoTime()}), for instants since creation. */
    public long simulationMsAt(long nanos) {
        lock.lock();
        try {
            Segment found = history.peekFirst();
            for (Segment g : history) {
                if (g.startNanos() <= nanos) {
                    found = g;
                } else {
                    break;
                }
            }
            return (long) found.simMsAt(nanos);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Timer schedule(long delayMs, String description, Runnable action) {
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
            queue.add(e);
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
        schedule(0, description, () -> {
            try {
                result.complete(task.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
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
        double scale = segment.scale();
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
                    if (head != null && head.cancelled) {
                        queue.poll();
                        continue;
                    }
                    if (head != null) {
                        Segment g = segment;
                        double leftSimMs = head.dueMs - g.simMsAt(nanoTime.getAsLong());
                        if (leftSimMs <= 0) {
                            next = queue.poll();
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
                return; // close() interrupts only when an action overran its time
            } finally {
                lock.unlock();
            }
            try {
                next.done = true;
                next.action.run();
                actionsRun++;
            } catch (Throwable t) {
                failure = new IllegalStateException("scheduled action '" + next.description + "' at "
                        + next.dueMs + " ms failed", t);
                return;
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

    private static final class Entry implements Timer, Comparable<Entry> {
        final long dueMs;
        final long seq;
        final String description;
        final Runnable action;
        volatile boolean cancelled;
        volatile boolean done;

        Entry(long dueMs, long seq, String description, Runnable action) {
            this.dueMs = dueMs;
            this.seq = seq;
            this.description = description;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public long dueMs() {
            return dueMs;
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(dueMs, o.dueMs);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @Override
        public String toString() {
            return description + "@" + dueMs + (cancelled ? " (cancelled)" : done ? " (done)" : "");
        }
    }
}
