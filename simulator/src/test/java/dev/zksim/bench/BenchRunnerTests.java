package dev.zksim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.k8s.ClusterSpec;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.Resources;
import dev.zksim.model.scenario.Timing;
import dev.zksim.model.scenario.cluster.ModelEngine;
import dev.zksim.model.scenario.cluster.ZabBackend;
import dev.zksim.model.scenario.engine.Engine;
import dev.zksim.model.scenario.engine.EngineFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runner: interleaving, seeds, the warm-up pair left out, disagreements between engines. */
class BenchRunnerTests {
    static final EnsembleSpec A = BenchCandidateTests.BASE;
    static final EnsembleSpec B = BenchCandidate.parse(
                    Map.of("tick_time", "1000"), null, null, null, null, null, List.of())
            .apply(A);

    /** Records every run and returns a value per side and engine, with an outlier in the warm-up pair. */
    static final class Recording implements BenchWorkload {
        final List<String> calls = new ArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public List<BenchMetric> metrics() {
            return List.of(BenchMetric.ms("t-ms", "t"));
        }

        @Override
        public Map<String, Double> measure(Engine engine, EnsembleSpec spec, long seed) {
            String side = spec == A ? "A" : "B";
            // the runner plays the engines in the order given: the model, then the one registered as "real"
            String name = calls.size() % 2 == 0 ? "model" : "real";
            calls.add(side + "/" + name + "/" + seed);
            boolean warmUp = calls.size() <= 4;
            double base = side.equals("A") ? 1000 : 900;
            // the second engine reads 50% high on B only: a disagreement there, none on A
            double v = warmUp ? 1_000_000 : name.equals("model") || side.equals("A") ? base : base * 1.5;
            return Map.of("t-ms", v + (calls.size() % 3));
        }
    }

    @Test
    void runsInterleaveLeaveOutTheWarmUpAndFlagDisagreements() {
        Map<String, EngineFactory> engines = new LinkedHashMap<>();
        EngineFactory model = ModelEngine.factory(ZabBackend.FACTORY);
        engines.put("model", model);
        // the model again under the name "real": the runner compares whatever engines it is given
        engines.put("real", model);
        Recording w = new Recording();
        long[] clock = {0};
        BenchRunner runner = new BenchRunner(
                engines,
                ClusterSpec.uniform(4, "node", new Resources(2000, 4L << 30)),
                Timing.DEFAULTS,
                () -> clock[0]++);
        BenchResult r = runner.run(
                w, new BenchSide("A", "a.yaml", A), new BenchSide("B", "b", B), 4, 7, BenchRunner.BenchProgress.NONE);
        assertThat(w.calls.subList(0, 8))
                .containsExactly(
                        "A/model/7",
                        "A/real/7",
                        "B/model/7",
                        "B/real/7",
                        "A/model/8",
                        "A/real/8",
                        "B/model/8",
                        "B/real/8");
        assertThat(w.calls).hasSize(20);
        assertThat(r.samples()).hasSize(20);
        BenchResult.MetricResult m = r.metric("t-ms", "model").orElseThrow();
        assertThat(m.a()).hasSize(4);
        assertThat(m.summaryA().max()).isLessThan(1010); // the warm-up's 1,000,000 is not counted
        assertThat(m.verdict().kind()).isEqualTo(BenchVerdict.Direction.LOWER);
        assertThat(r.disagreements()).hasSize(1);
        assertThat(r.disagreements().get(0).side()).isEqualTo("B");
        assertThat(r.disagreements().get(0).describe()).startsWith("DISAGREE t-ms on B: model 90");
    }
}
