package dev.zksim.model.time;

/**
 * Runs actions at later simulation times. The Kubernetes control plane and the Zab model schedule all their
 * delays (probe periods, grace periods, election rounds) through this, so the same logic runs in virtual time
 * ({@link VirtualScheduler}) and bound to wall time (the real engine).
 *
 * <p>Contract: actions run one at a time, never concurrently with each other, in order of due time; actions due
 * at the same time run in the order they were scheduled.
 */
public interface Scheduler extends Clock {

    /**
     * Schedules {@code action} to run {@code delayMs} from now ({@code delayMs >= 0}).
     *
     * @param description a short label for diagnostics ("probe zk-0 readiness")
     */
    Timer schedule(long delayMs, String description, Runnable action);

    /** A scheduled action that can be cancelled before it runs. */
    interface Timer {
        /** Cancels the action; a no-op when it already ran or was cancelled. */
        void cancel();

        /** The simulation time at which it is due. */
        long dueMs();
    }
}
