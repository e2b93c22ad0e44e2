package dev.zksim.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark method of the suite once, in this JVM (JMH without a fork, no warm-up, one short
 * iteration), with the smallest parameters, and fails if any throws or reports no positive, finite score. It proves
 * the suite runs, not how fast anything is.
 */
class BenchmarksSmokeTests {
    /** Every benchmark class of the suite, with the smallest parameters for the smoke run. */
    private static final List<Class<?>> ALL = List.of(
            ElectionBenchmark.class,
            WriteQuorumBenchmark.class,
            FaultLayerBenchmark.class,
            RecoveryBenchmark.class,
            CuratorTestingClusterBenchmark.class,
            ModelBenchmark.class,
            EnsembleMemoryBenchmark.class,
            VirtualSchedulerBenchmark.class,
            ReconfigBenchmark.class);
    /** {@code -Dzksim.smoke.only=Election} runs only the classes whose name contains it (while working on one). */
    private static final List<Class<?>> SUITE = ALL.stream()
            .filter(c -> c.getSimpleName().contains(System.getProperty("zksim.smoke.only", "")))
            .toList();

    @Test
    void everyBenchmarkMethodRunsOnceAndReports() throws RunnerException {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .timeout(TimeValue.minutes(2))
                .shouldFailOnError(true)
                .param("servers", "3")
                .param("disruption", "pod-deleted")
                .param("payloadBytes", "64")
                .param("forceSync", "no")
                .param("faultLayer", "on")
                .param("znodes", "500")
                .param("snapCount", "1000")
                .param("steps", "10")
                .param("events", "1000")
                .param("via", "service");
        for (Class<?> c : SUITE) {
            o.include(java.util.regex.Pattern.quote(c.getName() + "."));
        }
        Collection<RunResult> results = new Runner(o.build()).run();

        TreeMap<String, Double> scores = new TreeMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark()
                    + r.getParams().getParamsKeys().stream()
                            .map(k -> " " + k + "=" + r.getParams().getParam(k))
                            .reduce("", String::concat);
            scores.put(name, r.getPrimaryResult().getScore());
        }
        List<String> expected = new ArrayList<>();
        for (Class<?> c : SUITE) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Benchmark.class)) {
                    expected.add(c.getName() + "." + m.getName());
                }
            }
        }
        for (String method : expected) {
            assertThat(scores.keySet())
                    .as("results of %s", method)
                    .anyMatch(k -> k.startsWith(method + " ") || k.equals(method));
        }
        assertThat(scores)
                .allSatisfy(
                        (name, score) -> assertThat(score).as(name).isFinite().isPositive());
        System.out.println("smoke scores: " + scores);
    }
}
