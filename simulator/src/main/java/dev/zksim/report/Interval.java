package dev.zksim.report;

/**
 * A stretch of time with a label: who led ({@code zk-2 (epoch 2)}) or that writes were available.
 *
 * @param startMs engine time it began
 * @param endMs engine time it ended ({@code >= startMs})
 * @param label text drawn inside the interval when it fits and on hover, {@code ""} for none
 */
public record Interval(long startMs, long endMs, String label) {
    public Interval {
        Checks.span(startMs, endMs, "interval");
        Checks.text(label, "label");
    }
}
