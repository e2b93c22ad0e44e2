package dev.zksim.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a condition with a bound: the only way zksim's real engine waits for something it cannot be told. Public
 * for the tests of the Java API (dev.zksim.api) and the network layer, which wait the same way.
 */
public final class Awaits {
    private Awaits() {}

    /**
     * Checks {@code condition} every {@code pollMs} until it holds or {@code timeoutMs} passed.
     *
     * @return whether it held (checked once more at the deadline)
     */
    public static boolean until(BooleanSupplier condition, long timeoutMs, long pollMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return condition.getAsBoolean();
            }
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(pollMs)));
            if (Thread.currentThread().isInterrupted()) {
                return condition.getAsBoolean();
            }
        }
        return true;
    }

    /** The pause between two checks of a bounded poll loop that checks its own condition and deadline. */
    static void pause(long pollMs) {
        if (pollMs > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollMs));
        }
    }
}
