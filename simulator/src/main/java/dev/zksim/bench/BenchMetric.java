package dev.zksim.bench;

/**
 * One number a workload measures per run.
 *
 * @param id stable key for the JSON ({@code first-write-ms})
 * @param description what the table prints: "apply → first acknowledged write"
 * @param count true for a count (elections), false for milliseconds
 */
public record BenchMetric(String id, String description, boolean count) {
    /** A duration in milliseconds. */
    public static BenchMetric ms(String id, String description) {
        return new BenchMetric(id, description, false);
    }

    /** A count. */
    public static BenchMetric count(String id, String description) {
        return new BenchMetric(id, description, true);
    }

    /** The unit the table prints after the description. */
    public String unit() {
        return count ? "count" : "ms";
    }

    /** What a count counts, for a verdict ("elections"). */
    String noun() {
        return description.replaceFirst("^.*?(\\w+)$", "$1");
    }

    /** A value as the table prints it: whole numbers without decimals. */
    public String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
