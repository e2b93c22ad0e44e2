package dev.zksim.bench;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.scenario.PatchSpec;
import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.Step;
import dev.zksim.model.scenario.WriteOp;
import dev.zksim.model.scenario.engine.Engine;
import dev.zksim.model.scenario.run.ManifestSource;
import dev.zksim.model.scenario.run.RunObserver;
import dev.zksim.model.scenario.run.RunResult;
import dev.zksim.model.scenario.run.ScenarioRunner;
import dev.zksim.model.scenario.run.SpecPatches;
import dev.zksim.model.scenario.run.StepResult;
import dev.zksim.model.scenario.run.Verdict;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One measurement of {@code zksim bench}, with a defined start and end event (docs/bench.md, "Workloads"). A workload
 * plays itself on a fresh engine with the side's manifest and returns its metrics for that run; it uses only the
 * engine contract, so the model engine and the real engine run the same steps.
 */
public interface BenchWorkload {

    /** The {@code --workload} name, or {@code scenario}. */
    String name();

    /** The metrics every run reports, in table order (a scenario's are known only after its first run). */
    List<BenchMetric> metrics();

    /** Whether the real engine needs its network-fault layer (a node's silent power loss). */
    default boolean needsFaultLayer() {
        return false;
    }

    /** Plays one run on {@code engine} (fresh, nothing applied) with {@code spec}; metric id → value. */
    Map<String, Double> measure(Engine engine, EnsembleSpec spec, long seed);

    /** The built-in workload names, for {@code --help} and the error message. */
    List<String> NAMES = List.of(
            "start", "failover", "leader-kill", "rolling-update", "drain", "node-failure", "write-latency", "recovery");

    /**
     * The built-in workload {@code name}.
     *
     * @param writes sequential writes of {@code write-latency}
     * @param znodes znodes written before {@code recovery} restarts a server
     */
    static Optional<BenchWorkload> named(String name, int writes, int znodes) {
        return Optional.ofNullable(
                switch (name) {
                    case "start" -> new Start();
                    case "failover" -> new LeaderDisruption("failover", LeaderDisruption.Kind.DELETE_POD);
                    case "leader-kill" -> new LeaderDisruption("leader-kill", LeaderDisruption.Kind.KILL_PROCESS);
                    case "node-failure" -> new LeaderDisruption("node-failure", LeaderDisruption.Kind.FAIL_NODE);
                    case "rolling-update" -> new RollingUpdate();
                    case "drain" -> new DrainLeaderNode();
                    case "write-latency" -> new WriteLatency(writes);
                    case "recovery" -> new FollowerRecovery(znodes);
                    default -> null;
                });
    }

    private static Map<String, Double> values(Object... idAndValue) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < idAndValue.length; i += 2) {
            m.put((String) idAndValue[i], ((Number) idAndValue[i + 1]).doubleValue());
        }
        return m;
    }

    /** {@code start}: apply → first acknowledged write through the client Service, and apply → every pod Ready. */
    record Start() implements BenchWorkload {
        @Override
        public String name() {
            return "start";
        }

        @Override
        public List<BenchMetric> metrics() {
            return List.of(
                    BenchMetric.ms("first-write-ms", "apply → first acknowledged write"),
                    BenchMetric.ms("all-ready-ms", "apply → all pods Ready"));
        }

        @Override
        public Map<String, Double> measure(Engine engine, EnsembleSpec spec, long seed) {
            BenchDriver d = new BenchDriver(engine, spec);
            long t0 = engine.nowMs();
            engine.apply(spec);
            long firstWrite = d.firstAcknowledgedWriteMs("apply");
            d.await("every pod Ready", () -> d.ready.allReadyAtMs().isPresent(), BenchDriver.EVENT_TIMEOUT_MS);
            return values(
                    "first-write-ms", firstWrite - t0,
                    "all-ready-ms", d.ready.allReadyAtMs().getAsLong() - t0);
        }
    }

    /**
     * {@code failover}, {@code leader-kill}, {@code node-failure}: from the steady state, the leader's pod deleted
     * (graceful, as {@code kubectl delete pod}), its process killed (exit 137, the kubelet restarts it), or its node
     * powered off (silence, no FIN or RST) → the first write through the client Service acknowledged after the old
     * leader stopped leading (writes are unavailable that long: the disruption hits a steady, writable ensemble).
     */
    record LeaderDisruption(String name, Kind kind) implements BenchWorkload {
        /** What happens to the leader. */
        public enum Kind {
            DELETE_POD,
            KILL_PROCESS,
            FAIL_NODE
        }

        @Override
        public List<BenchMetric> metrics() {
            String what =
                    switch (kind) {
                        case DELETE_POD -> "leader's pod deleted";
                        case KILL_PROCESS -> "leader's process killed";
                        case FAIL_NODE -> "leader's node failed";
                    };
            return List.of(BenchMetric.ms("first-write-ms", what + " → first acknowledged write"));
        }

        @Override
        public boolean needsFaultLayer() {
            return kind == Kind.FAIL_NODE;
        }

        @Override
        public Map<String, Double> measure(Engine engine, EnsembleSpec spec, long seed) {
            BenchDriver d = new BenchDriver(engine, spec);
            d.applyAndSettle();
            String leader = d.leader();
            long t0 = engine.nowMs();
            switch (kind) {
                case DELETE_POD -> engine.deletePod(leader, false, OptionalLong.empty());
                case KILL_PROCESS -> engine.killProcess(leader);
                case FAIL_NODE -> engine.failNode(d.nodeOf(leader));
            }
            // A deleted pod's server serves through its grace period until the kubelet stops the container: a write
            // the old leader acknowledged before it stopped is not the end event, the first write acknowledged once
            // it no longer leads is.
            d.await(
                    leader + " no longer leading",
                    () -> !d.zk.status(leader).serving() || !d.zk.leader().equals(Optional.of(leader)),
                    BenchDriver.EVENT_TIMEOUT_MS);
            long firstWrite = d.firstAcknowledgedWriteMs("the disruption of " + leader);
            return values("first-write-ms", firstWrite - t0);
        }
    }

    /**
     * {@code rolling-update}: from the steady state, a pod-template change (the CPU request lowered by one millicore,
     * which fits wherever the old request did) → the rollout is complete; the time writes were unavailable in
     * between, and the elections that ended in between.
     */
    record RollingUpdate() implements BenchWorkload {
        @Override
        public String name() {
            return "rolling-update";
        }

        @Override
        public List<BenchMetric> metrics() {
            return List.of(
                    BenchMetric.ms("complete-ms", "template change → rollout complete"),
                    BenchMetric.ms("write-unavailable-ms", "writes unavailable during the rollout"),
                    BenchMetric.count("elections", "leader elections"));
        }

        @Override
        public Map<String, Double> measure(Engine engine, EnsembleSpec spec, long seed) {
            BenchDriver d = new BenchDriver(engine, spec);
            d.applyAndSettle();
            long cpu = spec.statefulSet().template().container().requests().cpuMillis();
            long lower = cpu > 1 ? cpu - 1 : cpu + 1;
            PatchSpec patch = new PatchSpec(
                    Optional.of(lower + "m"),
                    OptionalLong.of(lower),
                    Optional.empty(),
                    OptionalLong.empty(),
                    Optional.empty(),
                    Map.of(),
                    OptionalInt.empty(),
                    OptionalInt.empty());
            EnsembleSpec updated = SpecPatches.startZookeeper().apply(spec, patch);
            long t0 = engine.nowMs();
            engine.apply(updated);
            d.await("the rollout", d::rolloutComplete, BenchDriver.EVENT_TIMEOUT_MS);
            long t1 = engine.nowMs();
            return values(
                    "complete-ms", t1 - t0,
                    "write-unavailable-ms", d.unavailableMs(t0, t1),
                    "elections", d.electionsBetween(t0, t1));
        }
    }

    /**
     * {@code drain}: from the steady state, {@code kubectl drain} of the leader's node (timeout 5 min) → the drain is
     * done; the time writes were unavailable in between.
     */
    record DrainLeaderNode() implements BenchWorkload {
        @Override
        public String name() {
            return "drain";
        }

        @Override
        public List<BenchMetric> metrics() {
            return List.of(
                    BenchMetric.ms("drain-ms", "drain of the leader's node → drain done"),
                    BenchMetric.ms("write-unavailable-ms", "writes unavailable during the drain"));
        }

        @Override
        public Map<String, Double> measure(Engine engine, EnsembleSpec spec, long seed) {
            BenchDriver d = new BenchDriver(engine, spec);
            d.applyAndSettle();
            String node = d.nodeOf(d.leader());
            long t0 = engine.nowMs();
            int id = engine.drain(node, 5 * 60_000);
            d.await(
                    "the drain of " + node,
                    () -> engine.view()
                            .drain(id)
                            .map(v -> v.state() != dev.zksim.model.scenario.engine.DrainView.DrainState.RUNNING)
                            .orElse(false),
                    BenchDriver.EVENT_TIMEOUT_MS);
            long t1 = engine.nowMs();
            var state = engine.view().drain(id).orElseThrow().state();
            if (state != dev.zksim.model.scenario.engine.DrainView.DrainState.SUCCEEDED) {
                throw new BenchUnmeasurable("the drain of " + node + " ended " + state + ", not drained");
            }
            return values("drain-ms", t1 - t0, "write-unavailable-ms", d.unavailableMs(t0, t1));
        }
    }

    /**
     * {@code write-latency}: from the steady state, {@code writes} sequential writes (set) of one znode through the
     * client Service; the 50th and 99th percentile of their latencies.
     */
    record WriteLatency(int writes) implements BenchWorkload {
        @Override
        public String name() {
            return "write-latency";
        }

        @Override
        public List<BenchMetric> metrics() {
            return List.of(
                    BenchMetric.ms("p50-ms", "write latency, 50th percentile of " + writes),
                    BenchMetric.ms("p99-ms", "write latency, 99th percentile of " + writes));
        }

        @Override
        public Map<String, Double> measure(Engine engine, EnsembleSpec spec, long seed) {
            BenchDriver d = new BenchDriver(engine, spec);
            d.applyAndSettle();
            d.timedWrite(WriteOp.CREATE, "/zksim-bench-latency");
            double[] latencies = new double[writes];
            for (int i = 0; i < writes; i++) {
                latencies[i] = d.timedWrite(WriteOp.SET, "/zksim-bench-latency");
            }
            Arrays.sort(latencies);
            return values(
                    "p50-ms", BenchStats.quantileSorted(latencies, 0.5),
                    "p99-ms", BenchStats.quantileSorted(latencies, 0.99));
        }
    }

    /**
     * {@code recovery}: from the steady state with {@code znodes} znodes written, the process of the lowest serving
     * follower killed (the kubelet restarts it) → that server serves again (it replayed its snapshot and log and
     * synchronised with the leader).
     */
    record FollowerRecovery(int znodes) implements BenchWorkload {
        @Override
        public String name() {
            return "recovery";
        }

        @Override
        public List<BenchMetric> metrics() {
            String what = "follower with " + znodes + " znodes killed → serving again";
            return List.of(BenchMetric.ms("serving-ms", what));
        }

        @Override
        public Map<String, Double> measure(Engine engine, EnsembleSpec spec, long seed) {
            BenchDriver d = new BenchDriver(engine, spec);
            d.applyAndSettle();
            for (int i = 0; i < znodes; i++) {
                d.timedWrite(WriteOp.CREATE, "/zksim-bench-recovery-" + i);
            }
            String follower = d.follower();
            long t0 = engine.nowMs();
            engine.killProcess(follower);
            d.await(
                    follower + " serving again after its restart",
                    () -> d.zk.status(follower).serving(),
                    BenchDriver.EVENT_TIMEOUT_MS);
            return values("serving-ms", engine.nowMs() - t0);
        }
    }

    /**
     * {@code --scenario FILE}: the scenario, with its manifest replaced by the side's, measured by its per-step facts:
     * each wait's and {@code delete-pod}'s duration, and the run's total write-unavailable time and elections. A step
     * that fails makes the run unmeasurable (the facts of a scenario whose expectations do not hold are not the
     * scenario's).
     */
    record FromScenario(Scenario scenario) implements BenchWorkload {
        @Override
        public String name() {
            return "scenario " + scenario.name();
        }

        @Override
        public List<BenchMetric> metrics() {
            List<BenchMetric> m = new java.util.ArrayList<>();
            for (int i = 0; i < scenario.steps().size(); i++) {
                Step s = scenario.steps().get(i);
                if (timed(s)) {
                    m.add(BenchMetric.ms(
                            stepId(i + 1, s), "step " + (i + 1) + " (line " + s.line() + ") " + s.describe()));
                }
            }
            m.add(BenchMetric.ms("write-unavailable-ms", "writes unavailable in the whole run"));
            m.add(BenchMetric.count("elections", "leader elections"));
            m.add(BenchMetric.ms("end-ms", "the whole run"));
            return m;
        }

        private static boolean timed(Step s) {
            return s instanceof Step.WaitFor || s instanceof Step.WaitUntil || s instanceof Step.DeletePod;
        }

        private static String stepId(int number, Step s) {
            return "step-" + number + "-" + s.keyword()
                    + s.label().map(l -> "-" + l).orElse("") + "-ms";
        }

        @Override
        public Map<String, Double> measure(Engine engine, EnsembleSpec spec, long seed) {
            Path main = scenario.manifest().path().toAbsolutePath().normalize();
            ManifestSource source =
                    p -> p.toAbsolutePath().normalize().equals(main) ? spec : ManifestSource.STRICT.load(p);
            RunResult r =
                    ScenarioRunner.create(engine, RunObserver.NONE, source).run(scenario, seed);
            for (StepResult s : r.steps()) {
                if (s.verdict() == Verdict.FAILED) {
                    throw new BenchUnmeasurable("step " + s.number() + " (" + scenario.file() + ":"
                            + s.step().line()
                            + ") " + s.step().describe() + " failed: expected "
                            + s.expected().orElse("-")
                            + ", actual " + s.actual().orElse("-"));
                }
            }
            Map<String, Double> out = new LinkedHashMap<>();
            for (StepResult s : r.steps()) {
                if (timed(s.step())) {
                    out.put(stepId(s.number(), s.step()), (double) (s.endMs() - s.startMs()));
                }
            }
            out.put("write-unavailable-ms", (double)
                    r.zooKeeper().map(z -> z.writesUnavailableMs()).orElse(0L));
            out.put("elections", (double)
                    r.zooKeeper().map(z -> z.elections().size()).orElse(0));
            out.put("end-ms", (double) r.endMs());
            return out;
        }
    }
}
