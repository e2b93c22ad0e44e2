package dev.zksim.bench;

import java.util.List;

/**
 * Everything a benchmark produced: the runs and, per metric and engine, the summaries, the difference and the
 * verdict; and where the model's prediction and the real measurement disagree.
 *
 * @param workload the workload's name
 * @param runsPerSide counted runs per side and engine (the warm-up pair excluded)
 * @param engines the engines that ran, model first
 * @param seed the seed of the first pair (pair i uses seed + i) and of the bootstrap
 * @param samples every run, warm-up included, in the order they ran
 * @param metrics per metric and engine
 * @param disagreements where the model's median is more than 20% away from the real median
 */
public record BenchResult(
        String workload,
        BenchSide baseline,
        BenchSide candidate,
        int runsPerSide,
        List<String> engines,
        long seed,
        List<BenchSample> samples,
        List<MetricResult> metrics,
        List<MedianDisagreement> disagreements) {
    /** The tolerance beyond which the model and the real servers disagree. */
    public static final double DISAGREEMENT = 0.2;

    public BenchResult {
        engines = List.copyOf(engines);
        samples = List.copyOf(samples);
        metrics = List.copyOf(metrics);
        disagreements = List.copyOf(disagreements);
    }

    /**
     * One metric in one engine.
     *
     * @param a the baseline's counted runs; {@code b} the candidate's
     */
    public record MetricResult(
            BenchMetric metric,
            String engine,
            double[] a,
            double[] b,
            BenchStats.Summary summaryA,
            BenchStats.Summary summaryB,
            BenchStats.Difference difference,
            BenchVerdict verdict) {}

    /** The model's median and the real median of one metric on one side, more than 20% apart. */
    public record MedianDisagreement(BenchMetric metric, String side, double model, double real) {
        /** One line for the output. */
        public String describe() {
            double pct = real == 0 ? Double.POSITIVE_INFINITY : 100 * (model - real) / Math.abs(real);
            return "DISAGREE " + metric.id() + " on " + side + ": model " + metric.format(model) + ", real "
                    + metric.format(real)
                    + (Double.isInfinite(pct) ? "" : String.format(java.util.Locale.ROOT, " (%+.0f%%)", pct));
        }
    }

    /** The metric result of {@code engine}, if it ran. */
    public java.util.Optional<MetricResult> metric(String id, String engine) {
        return metrics.stream()
                .filter(m -> m.metric().id().equals(id) && m.engine().equals(engine))
                .findFirst();
    }
}
