package dev.zksim.bench;

import dev.zksim.engine.real.RealEngine;
import dev.zksim.model.k8s.ClusterSpec;
import dev.zksim.model.scenario.Timing;
import dev.zksim.model.scenario.engine.Engine;
import dev.zksim.model.scenario.engine.EngineFactory;
import dev.zksim.model.scenario.engine.EngineSetup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Runs a workload on both sides, interleaved — pair 0 (A, B) as warm-up, then pairs 1..runs — so whatever drifts on
 * the machine (its load, the JIT, the page cache) hits both sides alike; in each run every selected engine plays the
 * workload on a fresh engine, the model first. Pair i uses seed {@code seed + i} on both sides, so the model's runs of
 * A and B differ only by the manifest. Then summarises ({@link BenchStats}).
 */
public final class BenchRunner {
    /** Told after every run. */
    @FunctionalInterface
    public interface BenchProgress {
        /**
         * @param done runs finished; {@code total} runs in all
         * @param elapsedMs wall time since the benchmark began
         */
        void runDone(int done, int total, long elapsedMs, BenchSample last);

        BenchProgress NONE = (done, total, elapsedMs, last) -> {};
    }

    private final Map<String, EngineFactory> engines;
    private final ClusterSpec cluster;
    private final Timing timing;
    private final LongSupplier wallMs;

    /**
     * @param engines the engines to run, by name, model first
     * @param cluster the nodes every run starts with
     * @param wallMs the wall clock (for the progress line and each run's wall time only; never for a measurement)
     */
    public BenchRunner(Map<String, EngineFactory> engines, ClusterSpec cluster, Timing timing, LongSupplier wallMs) {
        this.engines = new LinkedHashMap<>(engines);
        this.cluster = cluster;
        this.timing = timing;
        this.wallMs = wallMs;
    }

    /** Runs {@code runs} counted pairs after one warm-up pair and summarises them. */
    public BenchResult run(
            BenchWorkload workload, BenchSide a, BenchSide b, int runs, long seed, BenchProgress progress) {
        List<BenchSample> samples = new ArrayList<>();
        int total = (runs + 1) * 2 * engines.size();
        long start = wallMs.getAsLong();
        for (int pair = 0; pair <= runs; pair++) {
            for (BenchSide side : List.of(a, b)) {
                for (Map.Entry<String, EngineFactory> e : engines.entrySet()) {
                    long runSeed = seed + pair;
                    long t0 = wallMs.getAsLong();
                    Map<String, Double> values;
                    Engine engine = e.getValue().create(new EngineSetup(cluster, timing, runSeed));
                    try {
                        values = workload.measure(engine, side.spec(), runSeed);
                    } catch (BenchUnmeasurable u) {
                        throw new BenchUnmeasurable(side.name() + " (" + side.label() + "), " + e.getKey()
                                + " engine, run " + (pair * 2 + (side == a ? 1 : 2)) + ": " + u.getMessage());
                    } finally {
                        engine.close();
                    }
                    // the next run must not share the machine with the last one's servers
                    if (engine instanceof RealEngine re && !re.leakedThreads().isEmpty()) {
                        throw new IllegalStateException("threads still alive after a real run: " + re.leakedThreads());
                    }
                    BenchSample s =
                            new BenchSample(side.name(), e.getKey(), pair, runSeed, values, wallMs.getAsLong() - t0);
                    samples.add(s);
                    progress.runDone(samples.size(), total, wallMs.getAsLong() - start, s);
                }
            }
        }
        return summarise(workload, a, b, runs, seed, samples);
    }

    /** The statistics of {@code samples} (warm-up runs left out). */
    static BenchResult summarise(
            BenchWorkload workload, BenchSide a, BenchSide b, int runs, long seed, List<BenchSample> samples) {
        List<BenchMetric> metrics = metricsOf(workload, samples);
        List<String> engineNames =
                samples.stream().map(BenchSample::engine).distinct().toList();
        List<BenchResult.MetricResult> results = new ArrayList<>();
        List<BenchResult.MedianDisagreement> disagreements = new ArrayList<>();
        for (BenchMetric m : metrics) {
            for (String engine : engineNames) {
                double[] va = values(samples, "A", engine, m);
                double[] vb = values(samples, "B", engine, m);
                if (va.length == 0 || vb.length == 0) {
                    continue;
                }
                BenchStats.Difference d = BenchStats.difference(va, vb, BenchStats.RESAMPLES, seed);
                results.add(new BenchResult.MetricResult(
                        m,
                        engine,
                        va,
                        vb,
                        BenchStats.summary(va),
                        BenchStats.summary(vb),
                        d,
                        BenchStats.verdict(m, va.length, vb.length, d)));
            }
            for (String side : List.of("A", "B")) {
                double[] model = values(samples, side, "model", m);
                double[] real = values(samples, side, "real", m);
                if (model.length > 0 && real.length > 0) {
                    double pm = BenchStats.median(model);
                    double pr = BenchStats.median(real);
                    if (BenchStats.disagree(pm, pr, BenchResult.DISAGREEMENT)) {
                        disagreements.add(new BenchResult.MedianDisagreement(m, side, pm, pr));
                    }
                }
            }
        }
        return new BenchResult(workload.name(), a, b, runs, engineNames, seed, samples, results, disagreements);
    }

    /** The workload's metrics, and any a run reported beyond them (a scenario's), in order of appearance. */
    private static List<BenchMetric> metricsOf(BenchWorkload workload, List<BenchSample> samples) {
        Map<String, BenchMetric> m = new LinkedHashMap<>();
        workload.metrics().forEach(x -> m.put(x.id(), x));
        samples.forEach(s -> s.values().keySet().forEach(id -> m.putIfAbsent(id, BenchMetric.ms(id, id))));
        return List.copyOf(m.values());
    }

    private static double[] values(List<BenchSample> samples, String side, String engine, BenchMetric m) {
        return samples.stream()
                .filter(s -> s.counted() && s.side().equals(side) && s.engine().equals(engine))
                .filter(s -> s.values().containsKey(m.id()))
                .mapToDouble(s -> s.values().get(m.id()))
                .toArray();
    }
}
