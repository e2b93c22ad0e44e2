package dev.zksim.model.time;

import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * A discrete-event scheduler in virtual time: time jumps to the next due event. Deterministic: ties are broken by
 * scheduling order. Bounded: the queue holds at most {@link #MAX_PENDING} events and one {@code run*} call executes at
 * most {@link #MAX_EVENTS_PER_RUN} events, so a runaway model fails loudly instead of hanging.
 */
public final class VirtualScheduler implements Scheduler {
    public static final int MAX_PENDING = 1_000_000;
    public static final long MAX_EVENTS_PER_RUN = 50_000_000L;

    private final PriorityQueue<TimerEntry> queue = new PriorityQueue<>();
    private long nowMs;
    private long sequence;

    @Override
    public long nowMs() {
        return nowMs;
    }

    @Override
    public Timer schedule(long delayMs, String description, Runnable action) {
        if (delayMs < 0) {
            throw new IllegalArgumentException("negative delay " + delayMs + " for " + description);
        }
        if (queue.size() >= MAX_PENDING) {
            throw new IllegalStateException("more than " + MAX_PENDING + " pending events; last: " + description);
        }
        TimerEntry e = new TimerEntry(nowMs + delayMs, sequence++, description, action);
        queue.add(e);
        return e;
    }

    /** Number of events waiting (cancelled ones included until they are reached). */
    public int pending() {
        return queue.size();
    }

    /** Due time of the next live event, or {@code Long.MAX_VALUE} when none. */
    public long nextDueMs() {
        dropCancelled();
        TimerEntry e = queue.peek();
        return e == null ? Long.MAX_VALUE : e.dueMs();
    }

    /** Runs every event due at or before {@code timeMs}, then sets the clock to {@code timeMs}. */
    public void runUntil(long timeMs) {
        if (timeMs < nowMs) {
            throw new IllegalArgumentException("time " + timeMs + " is before now " + nowMs);
        }
        long budget = MAX_EVENTS_PER_RUN;
        while (nextDueMs() <= timeMs) {
            runOne();
            if (--budget == 0) {
                throw new IllegalStateException(
                        "more than " + MAX_EVENTS_PER_RUN + " events before t=" + timeMs + "ms");
            }
        }
        nowMs = timeMs;
    }

    /**
     * Runs events until {@code condition} holds (checked before the first event and after each) or the next event
     * would be later than {@code deadlineMs}.
     *
     * @return whether the condition holds; on false the clock stands at {@code deadlineMs}
     */
    public boolean runUntil(BooleanSupplier condition, long deadlineMs) {
        long budget = MAX_EVENTS_PER_RUN;
        while (!condition.getAsBoolean()) {
            if (nextDueMs() > deadlineMs) {
                nowMs = Math.max(nowMs, deadlineMs);
                return condition.getAsBoolean();
            }
            runOne();
            if (--budget == 0) {
                throw new IllegalStateException(
                        "more than " + MAX_EVENTS_PER_RUN + " events before t=" + deadlineMs + "ms");
            }
        }
        return true;
    }

    private void runOne() {
        TimerEntry e = queue.poll();
        nowMs = Math.max(nowMs, e.dueMs());
        e.run();
    }

    private void dropCancelled() {
        while (!queue.isEmpty() && queue.peek().cancelled()) {
            queue.poll();
        }
    }
}
