package dev.zksim.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The statistics of a benchmark, pure and seeded: order statistics of one side's runs, and the difference of the two
 * sides' medians with a percentile-bootstrap 95% confidence interval (Efron &amp; Tibshirani, "An Introduction to the
 * Bootstrap", ch. 13: resample each side with replacement, take the difference of the resamples' medians, and read the
 * 2.5th and 97.5th percentiles of those differences). Medians rather than means, because a loaded machine adds
 * occasional very slow runs that a mean would follow.
 */
public final class BenchStats {
    /** Resamples of the bootstrap: enough that the interval's ends move by less than a run's resolution. */
    public static final int RESAMPLES = 10_000;
    /** Fewer runs per side than this never give a faster/slower verdict: a bootstrap of 3 values has 10 medians. */
    public static final int MIN_RUNS_FOR_VERDICT = 4;

    private BenchStats() {}

    /**
     * Median, 90th percentile, minimum and maximum of one side's runs.
     *
     * @param n how many runs
     */
    public record Summary(int n, double median, double p90, double min, double max) {}

    /**
     * The difference of the medians, B minus A, and its 95% interval.
     *
     * @param diff {@code median(B) - median(A)}
     * @param low the interval's lower end; {@code high} its upper end
     */
    public record Difference(double diff, double low, double high) {
        /** Whether the interval excludes zero on the side of the estimate. */
        public boolean excludesZero() {
            return (low > 0 && diff > 0) || (high < 0 && diff < 0);
        }
    }

    /** The summary of {@code values} (at least one). */
    public static Summary summary(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return new Summary(s.length, quantileSorted(s, 0.5), quantileSorted(s, 0.9), s[0], s[s.length - 1]);
    }

    /** The median of {@code values}. */
    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return quantileSorted(s, 0.5);
    }

    /**
     * The {@code q}-quantile of sorted values with linear interpolation between order statistics (Hyndman &amp; Fan
     * type 7, what R, NumPy and spreadsheets use by default).
     */
    static double quantileSorted(double[] sorted, double q) {
        if (sorted.length == 1) {
            return sorted[0];
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * The difference of medians B − A with a percentile-bootstrap 95% interval from {@code resamples} resamples,
     * drawn from a generator seeded with {@code seed} (same inputs and seed, same interval).
     */
    public static Difference difference(double[] a, double[] b, int resamples, long seed) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("both sides need at least one run");
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("at least 100 resamples, got " + resamples);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] diffs = new double[resamples];
        double[] ra = new double[a.length];
        double[] rb = new double[b.length];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < ra.length; i++) {
                ra[i] = a[random.nextInt(a.length)];
            }
            for (int i = 0; i < rb.length; i++) {
                rb[i] = b[random.nextInt(b.length)];
            }
            Arrays.sort(ra);
            Arrays.sort(rb);
            diffs[r] = quantileSorted(rb, 0.5) - quantileSorted(ra, 0.5);
        }
        Arrays.sort(diffs);
        return new Difference(median(b) - median(a), quantileSorted(diffs, 0.025), quantileSorted(diffs, 0.975));
    }

    /**
     * The verdict the data supports: a faster/slower (fewer/more) verdict only with at least
     * {@link #MIN_RUNS_FOR_VERDICT} runs per side and an interval that excludes zero on the estimate's side; otherwise
     * "no difference detectable".
     */
    public static BenchVerdict verdict(BenchMetric metric, int runsA, int runsB, Difference d) {
        int runs = Math.min(runsA, runsB);
        if (runs < MIN_RUNS_FOR_VERDICT) {
            return new BenchVerdict(
                    BenchVerdict.Direction.NONE,
                    "no difference detectable with " + runs + " runs (a verdict needs at least " + MIN_RUNS_FOR_VERDICT
                            + " per side)");
        }
        if (!d.excludesZero()) {
            return new BenchVerdict(BenchVerdict.Direction.NONE, "no difference detectable with " + runs + " runs");
        }
        String ci = " (95% CI " + metric.format(d.low()) + ".." + metric.format(d.high()) + ")";
        boolean higher = d.diff() > 0;
        String amount = metric.format(Math.abs(d.diff()));
        String text = metric.count()
                ? "B has " + (higher ? "more" : "fewer") + " " + metric.noun() + " by " + amount + ci
                : "B is " + (higher ? "slower" : "faster") + " by " + amount + " ms" + ci;
        return new BenchVerdict(higher ? BenchVerdict.Direction.HIGHER : BenchVerdict.Direction.LOWER, text);
    }

    /**
     * Whether the model's prediction and the real measurement disagree: by more than {@code tolerance} (0.2 = 20%) of
     * the real value; a real value of 0 agrees only with a prediction of 0.
     */
    public static boolean disagree(double model, double real, double tolerance) {
        if (real == 0) {
            return model != 0;
        }
        return Math.abs(model - real) > tolerance * Math.abs(real);
    }
}
