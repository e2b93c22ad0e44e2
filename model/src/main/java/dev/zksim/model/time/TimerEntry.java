package dev.zksim.model.time;

/**
 * One scheduled action of a {@link Scheduler} implementation: its due time, the sequence number that breaks ties in
 * scheduling order, and whether it was cancelled or has run. Ordered by due time, then sequence, which is the order
 * the {@link Scheduler} contract runs actions in. Shared by the virtual and the wall-clock scheduler so that both
 * order and report their queues the same way.
 *
 * <p>The flags are volatile because the wall-clock scheduler cancels from any thread while its driver thread reads
 * them; the virtual scheduler is single-threaded and pays nothing that matters for it. Not final: a scheduler that
 * keeps more per entry (the wall-clock scheduler marks timed actions) extends it; ordering and the flags stay here.
 */
public class TimerEntry implements Scheduler.Timer, Comparable<TimerEntry> {
    private final long dueMs;
    private final long sequence;
    private final String description;
    private final Runnable action;
    private volatile boolean cancelled;
    private volatile boolean done;

    /**
     * @param sequence the scheduler's running count of scheduled actions: equal due times run in this order
     */
    public TimerEntry(long dueMs, long sequence, String description, Runnable action) {
        this.dueMs = dueMs;
        this.sequence = sequence;
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

    /** Whether {@link #cancel()} was called. */
    public boolean cancelled() {
        return cancelled;
    }

    /** The label given when it was scheduled. */
    public String description() {
        return description;
    }

    /** Marks the entry done and runs its action on the calling thread. */
    public void run() {
        done = true;
        action.run();
    }

    @Override
    public int compareTo(TimerEntry o) {
        int c = Long.compare(dueMs, o.dueMs);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }

    @Override
    public String toString() {
        return description + "@" + dueMs + (cancelled ? " (cancelled)" : done ? " (done)" : "");
    }
}
