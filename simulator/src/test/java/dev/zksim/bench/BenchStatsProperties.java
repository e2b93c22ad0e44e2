package dev.zksim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The statistics of {@code zksim bench}: summaries, the bootstrap interval, the verdict rules, disagreement. */
class BenchStatsProperties {
    static final BenchMetric MS = BenchMetric.ms("first-write-ms", "apply → first acknowledged write");
    static final BenchMetric COUNT = BenchMetric.count("elections", "leader elections");

    /** {@code n} draws from a normal distribution with mean {@code mean} and standard deviation {@code sd}. */
    static double[] normal(SplittableRandom r, int n, double mean, double sd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // Box-Muller: two uniforms make one standard normal
            double u1 = 1 - r.nextDouble();
            double u2 = r.nextDouble();
            v[i] = mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
        return v;
    }

    /**
     * On normal distributions with a known shift, the 95% interval of the difference of medians covers the true
     * difference (the shift: both medians are the means) in at least 85% of 100 replications — the percentile
     * bootstrap of a median is a little liberal at 20 runs, never far off. Breaking the interval (e.g. reading the
     * 25th and 75th percentiles of the resampled differences) drops coverage to about 50% and fails this.
     */
    @Property(tries = 8)
    void theIntervalCoversTheTrueDifference(
            @ForAll @DoubleRange(min = -500, max = 500) double shift, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int covered = 0;
        int replications = 100;
        for (int i = 0; i < replications; i++) {
            double[] a = normal(r, 20, 10_000, 100);
            double[] b = normal(r, 20, 10_000 + shift, 100);
            BenchStats.Difference d = BenchStats.difference(a, b, 1000, r.nextLong());
            if (d.low() <= shift && shift <= d.high()) {
                covered++;
            }
        }
        assertThat(covered).isGreaterThanOrEqualTo(85);
    }

    /** A shift of five standard deviations with 10 runs a side is found, in the right direction. */
    @Property(tries = 20)
    void aLargeShiftGivesTheRightVerdict(@ForAll @IntRange(min = 0, max = 1000) int seed, @ForAll boolean slower) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = normal(r, 10, 10_000, 100);
        double[] b = normal(r, 10, 10_000 + (slower ? 500 : -500), 100);
        BenchStats.Difference d = BenchStats.difference(a, b, BenchStats.RESAMPLES, seed);
        BenchVerdict v = BenchStats.verdict(MS, 10, 10, d);
        assertThat(v.kind()).isEqualTo(slower ? BenchVerdict.Direction.HIGHER : BenchVerdict.Direction.LOWER);
        assertThat(v.text())
                .startsWith(slower ? "B is slower by " : "B is faster by ")
                .contains("(95% CI ");
    }

    /** Never a verdict the interval does not support, and never one with fewer than the minimum runs. */
    @Property(tries = 300)
    void aVerdictAlwaysFollowsTheInterval(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 100) Integer> a,
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 100) Integer> b,
            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        double[] va = a.stream().mapToDouble(Integer::doubleValue).toArray();
        double[] vb = b.stream().mapToDouble(Integer::doubleValue).toArray();
        BenchStats.Difference d = BenchStats.difference(va, vb, 1000, seed);
        BenchVerdict v = BenchStats.verdict(MS, va.length, vb.length, d);
        assertThat(d.low()).isLessThanOrEqualTo(d.high());
        switch (v.kind()) {
            case HIGHER -> assertThat(d.low()).isPositive();
            case LOWER -> assertThat(d.high()).isNegative();
            case NONE -> assertThat(v.text()).startsWith("no difference detectable with ");
        }
        if (Math.min(va.length, vb.length) < BenchStats.MIN_RUNS_FOR_VERDICT) {
            assertThat(v.kind()).isEqualTo(BenchVerdict.Direction.NONE);
            assertThat(v.text()).contains("a verdict needs at least 4 per side");
        }
    }

    /** The same runs on both sides are never a difference: the resampled differences are symmetric around 0. */
    @Property(tries = 100)
    void identicalSidesHaveNoDifference(
            @ForAll @Size(min = 4, max = 12) List<@IntRange(min = 0, max = 100_000) Integer> runs,
            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        double[] v = runs.stream().mapToDouble(Integer::doubleValue).toArray();
        BenchStats.Difference d = BenchStats.difference(v, v.clone(), 2000, seed);
        assertThat(d.diff()).isZero();
        assertThat(BenchStats.verdict(MS, v.length, v.length, d).kind()).isEqualTo(BenchVerdict.Direction.NONE);
    }

    /** Same inputs and seed, same interval (the output of a benchmark is reproducible from its runs). */
    @Property(tries = 50)
    void theIntervalIsSeeded(
            @ForAll @Size(min = 2, max = 8) List<@IntRange(min = 0, max = 1000) Integer> a,
            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        double[] v = a.stream().mapToDouble(Integer::doubleValue).toArray();
        double[] w = a.stream().mapToDouble(x -> x * 2.0).toArray();
        assertThat(BenchStats.difference(v, w, 1000, seed)).isEqualTo(BenchStats.difference(v, w, 1000, seed));
    }

    /** min ≤ median ≤ p90 ≤ max, and the median is the middle run. */
    @Property(tries = 200)
    void summariesAreOrdered(@ForAll @Size(min = 1, max = 30) List<@IntRange(min = -1000, max = 1000) Integer> runs) {
        double[] v = runs.stream().mapToDouble(Integer::doubleValue).toArray();
        BenchStats.Summary s = BenchStats.summary(v);
        assertThat(s.min()).isLessThanOrEqualTo(s.median());
        assertThat(s.median()).isLessThanOrEqualTo(s.p90());
        assertThat(s.p90()).isLessThanOrEqualTo(s.max());
        assertThat(s.n()).isEqualTo(v.length);
    }

    @Example
    void medianAndP90OfKnownRuns() {
        BenchStats.Summary s = BenchStats.summary(new double[] {5, 1, 4, 2, 3});
        assertThat(s.median()).isEqualTo(3);
        assertThat(s.p90()).isEqualTo(4.6);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(5);
        assertThat(BenchStats.median(new double[] {1, 2, 3, 10})).isEqualTo(2.5);
    }

    @Example
    void countsSayFewerOrMore() {
        BenchStats.Difference d = new BenchStats.Difference(-1, -1, -1);
        assertThat(BenchStats.verdict(COUNT, 5, 5, d).text()).isEqualTo("B has fewer elections by 1 (95% CI -1..-1)");
        assertThat(BenchStats.verdict(COUNT, 5, 5, new BenchStats.Difference(2, 1, 3))
                        .text())
                .isEqualTo("B has more elections by 2 (95% CI 1..3)");
        assertThat(BenchStats.verdict(MS, 5, 5, new BenchStats.Difference(-20202, -20204, -20200))
                        .text())
                .isEqualTo("B is faster by 20202 ms (95% CI -20204..-20200)");
        assertThat(BenchStats.verdict(MS, 5, 5, new BenchStats.Difference(10, -2, 30))
                        .text())
                .isEqualTo("no difference detectable with 5 runs");
    }

    /** More than 20% of the real value apart is a disagreement; a real 0 agrees only with a predicted 0. */
    @Example
    void disagreementIsTwentyPercentOfTheMeasurement() {
        assertThat(BenchStats.disagree(1000, 1126, 0.2)).isFalse();
        assertThat(BenchStats.disagree(1000, 1300, 0.2)).isTrue();
        assertThat(BenchStats.disagree(1250, 1000, 0.2)).isTrue();
        assertThat(BenchStats.disagree(1200, 1000, 0.2)).isFalse();
        assertThat(BenchStats.disagree(0, 0, 0.2)).isFalse();
        assertThat(BenchStats.disagree(5, 0, 0.2)).isTrue();
    }
}
