package dev.zksim.benchmarks;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.WriteOp;
import dev.zksim.model.scenario.cluster.ModelEngine;
import dev.zksim.model.scenario.cluster.ZabBackend;
import dev.zksim.model.scenario.engine.ClientTarget;
import dev.zksim.model.scenario.engine.Engine;
import dev.zksim.model.scenario.engine.EngineFactory;
import dev.zksim.model.scenario.engine.EngineRejection;
import dev.zksim.model.scenario.engine.EngineSetup;
import dev.zksim.model.scenario.engine.NodeView;
import dev.zksim.model.scenario.parse.ScenarioParser;
import dev.zksim.model.scenario.run.ManifestSource;
import dev.zksim.model.scenario.run.RunObserver;
import dev.zksim.model.scenario.run.RunResult;
import dev.zksim.model.scenario.run.ScenarioRunner;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Speed of the model engine (the Kubernetes control plane and the Zab model in virtual time), one thread, mode
 * Throughput (operations per second):
 * <ul>
 *   <li>{@code tutorialScenario}: one whole run of {@code scenarios/k8s-tutorial.yaml} (a fresh engine, every step,
 *       the run's result), as {@code zksim run} does it minus the printing; the manifest is decoded once;</li>
 *   <li>{@code randomChain}: a fresh engine, {@code kubectl apply} of the tutorial manifest, then {@code steps} random
 *       actions among waits (1 s to 5 min of virtual time), pod deletions, drains, uncordons, node failures and
 *       recoveries, process kills and writes through {@code zk-cs} (an action the cluster refuses still counts, as a
 *       {@code kubectl} error would). Seeds follow one another, so a run is repeatable.</li>
 * </ul>
 * This replaces the model tests' former ThroughputTests and ZabThroughputTests.
 *
 * <p>Run: {@code benchmarks/run.sh --quick Model} or {@code java -jar benchmarks/target/benchmarks.jar Model}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ModelBenchmark {
    /** The chain length of {@link #randomChain}; a separate state so the tutorial is not repeated per length. */
    @State(Scope.Thread)
    public static class Chain {
        @Param({"10", "30"})
        int steps;
    }

    private static final EngineFactory ENGINES = ModelEngine.factory(ZabBackend.FACTORY);
    private Scenario tutorial;
    private ManifestSource manifests;
    private EnsembleSpec spec;
    private long seed;

    @Setup(Level.Trial)
    public void load() {
        tutorial = ScenarioParser.parse(RepoFiles.file("scenarios/k8s-tutorial.yaml"));
        manifests = ManifestSource.cached(ManifestSource.STRICT);
        spec = manifests.load(tutorial.manifest().path());
    }

    @Benchmark
    public RunResult tutorialScenario() {
        long s = seed++;
        try (Engine e = ENGINES.create(new EngineSetup(tutorial.cluster(), tutorial.timing(), s))) {
            RunResult r = ScenarioRunner.create(e, RunObserver.NONE, manifests).run(tutorial, s);
            if (!r.passed()) {
                throw new IllegalStateException(
                        "the tutorial failed in the model with seed " + s + ": " + r.failures());
            }
            return r;
        }
    }

    @Benchmark
    public long randomChain(Chain chain) {
        long s = seed++;
        SplittableRandom r = new SplittableRandom(s);
        try (Engine e = ENGINES.create(new EngineSetup(tutorial.cluster(), tutorial.timing(), s))) {
            e.apply(spec);
            List<String> nodes = e.view().nodes().stream().map(NodeView::name).toList();
            int pods = spec.statefulSet().replicas();
            for (int i = 0; i < chain.steps; i++) {
                String pod = spec.podName(r.nextInt(pods));
                String node = nodes.get(r.nextInt(nodes.size()));
                try {
                    switch (r.nextInt(11)) {
                        case 0, 1, 2, 3 ->
                            e.advance(
                                    List.of(1_000L, 20_000L, 60_000L, 300_000L).get(r.nextInt(4)));
                        case 4 -> e.deletePod(pod, false, OptionalLong.empty());
                        case 5 -> e.drain(node, 120_000);
                        case 6 -> e.uncordon(node);
                        case 7 -> e.failNode(node);
                        case 8 -> e.recoverNode(node);
                        case 9 -> e.killProcess(pod);
                        default ->
                            e.zooKeeper()
                                    .orElseThrow()
                                    .write(
                                            new ClientTarget.Service("zk-cs"),
                                            r.nextBoolean() ? WriteOp.CREATE : WriteOp.SET,
                                            "/k",
                                            "v",
                                            10_000);
                    }
                } catch (EngineRejection refused) {
                    // the cluster said no (e.g. the node has already failed): kubectl would print the error
                }
            }
            return e.nowMs();
        }
    }
}
