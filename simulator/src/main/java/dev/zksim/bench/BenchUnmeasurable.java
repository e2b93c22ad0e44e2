package dev.zksim.bench;

/**
 * A workload's end event did not happen within its bound (e.g. {@code failover} on a manifest that never becomes
 * writable): the command stops with exit 1 and this message, which names the side, engine, run and what was awaited.
 */
public final class BenchUnmeasurable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BenchUnmeasurable(String message) {
        super(message);
    }
}
