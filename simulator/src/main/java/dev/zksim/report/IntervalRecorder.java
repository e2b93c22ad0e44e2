package dev.zksim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a value that changes over a run (who leads, whether writes are available) into {@link Interval}s: each
 * {@link #set(long, String)} closes the current interval and opens one with the new label, {@link #clear(long)}
 * closes it and leaves a gap. Setting the label it already has changes nothing; an interval of no length is dropped.
 *
 * <p>Mutable and single-threaded; call {@link #intervals(long)} once the run ends.
 */
public final class IntervalRecorder {
    private final List<Interval> closed = new ArrayList<>();
    private long openStartMs = -1;
    private String openLabel;
    private long lastMs;

    /** From {@code timeMs} on, the value is {@code label} ({@code zk-2 (epoch 2)}, or {@code ""} for "yes"). */
    public IntervalRecorder set(long timeMs, String label) {
        Objects.requireNonNull(label, "label");
        advance(timeMs);
        if (label.equals(openLabel)) {
            return this;
        }
        close(timeMs);
        openStartMs = timeMs;
        openLabel = label;
        return this;
    }

    /** From {@code timeMs} on, there is no value (no leader, writes unavailable). */
    public IntervalRecorder clear(long timeMs) {
        advance(timeMs);
        close(timeMs);
        return this;
    }

    /** The intervals, the open one closed at {@code endMs} (or where it began, if that is later). */
    public List<Interval> intervals(long endMs) {
        List<Interval> all = new ArrayList<>(closed);
        if (openLabel != null) {
            all.add(new Interval(openStartMs, Math.max(endMs, openStartMs), openLabel));
        }
        return List.copyOf(all);
    }

    private void advance(long timeMs) {
        if (timeMs < lastMs) {
            throw new IllegalArgumentException("changes must come in time order: " + timeMs + " after " + lastMs);
        }
        lastMs = timeMs;
    }

    private void close(long timeMs) {
        if (openLabel != null && timeMs > openStartMs) {
            closed.add(new Interval(openStartMs, timeMs, openLabel));
        }
        openLabel = null;
        openStartMs = -1;
    }
}
