package dev.zksim.model.scenario.run;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.StartZookeeper;
import dev.zksim.model.manifest.ServiceSpec;
import dev.zksim.model.manifest.ZkConfig;
import dev.zksim.model.scenario.Durations;
import dev.zksim.model.scenario.ManifestRef;
import dev.zksim.model.scenario.NetworkFault;
import dev.zksim.model.scenario.NodeRef;
import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.Step;
import dev.zksim.model.scenario.WriteOp;
import dev.zksim.model.scenario.engine.ClientTarget;
import dev.zksim.model.scenario.engine.ClusterEvent;
import dev.zksim.model.scenario.engine.ClusterView;
import dev.zksim.model.scenario.engine.Engine;
import dev.zksim.model.scenario.engine.EngineListener;
import dev.zksim.model.scenario.engine.EngineRejection;
import dev.zksim.model.scenario.engine.LostWrite;
import dev.zksim.model.scenario.engine.PodView;
import dev.zksim.model.scenario.engine.ReadOutcome;
import dev.zksim.model.scenario.engine.ServerLog;
import dev.zksim.model.scenario.engine.WriteOutcome;
import dev.zksim.model.scenario.engine.ZooKeeperClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Runs a scenario's steps in order against an {@link Engine}. Actions return at once; only waits (and ZooKeeper
 * operations) let engine time pass, each bounded. Expectations are evaluated at the current time and yield a
 * {@link Verdict}: held, failed (expected vs actual, with the step's line), or skipped when the engine cannot judge
 * them (ZooKeeper steps without a ZooKeeper backend). A failed step does not stop the run: every verdict is reported.
 *
 * <p>All manifests are loaded before the first step, so a bad manifest is reported (exit 2) before anything runs.
 */
public final class ScenarioRunner {
    /** Why ZooKeeper steps are skipped on an engine without a ZooKeeper backend. */
    public static final String NO_ZOOKEEPER = "engine has no ZooKeeper backend";
    /** How long a read waits for the server's answer (zkCli.sh's default session timeout is 30 s; reads are local). */
    static final long READ_TIMEOUT_MS = 10_000;

    private final Engine engine;
    private final ManifestSource manifests;
    private final SpecPatcher patcher;
    private final RunObserver observer;
    private final RunMemory memory = new RunMemory();
    private final Map<Path, EnsembleSpec> loaded = new LinkedHashMap<>();
    private Scenario scenario;
    /** The last full manifest applied: its Services stay when the StatefulSet is deleted. */
    private Optional<EnsembleSpec> lastApplied = Optional.empty();

    /**
     * @param zkConfigOf derives start-zookeeper's configuration from a container command (for flag patches)
     */
    public ScenarioRunner(Engine engine, ManifestSource manifests, Function<List<String>, ZkConfig> zkConfigOf,
                          RunObserver observer) {
        this.engine = engine;
        this.manifests = manifests;
        this.patcher = new SpecPatcher(zkConfigOf);
        this.observer = observer;
    }

    /**
     * A runner that loads manifests like {@code kubectl apply} with strict validation ({@link ManifestSource#STRICT})
     * and derives the ZooKeeper configuration of patched commands as start-zookeeper does.
     */
    public static ScenarioRunner create(Engine engine, RunObserver observer) {
        return create(engine, observer, ManifestSource.STRICT);
    }

    /** As {@link #create(Engine, RunObserver)}, with manifests from {@code manifests} (e.g. a cached source). */
    public static ScenarioRunner create(Engine engine, RunObserver observer, ManifestSource manifests) {
        return new ScenarioRunner(engine, manifests,
                command -> StartZookeeper.parse(StartZookeeper.arguments(command).orElseThrow(() ->
                        new IllegalArgumentException("the command does not run start-zookeeper"))), observer);
    }

    /** Runs {@code scenario} once; {@code seed} is the seed the engine was created with (for the result). */
    public RunResult run(Scenario scenario, long seed) {
        if (this.scenario != null) {
            throw new IllegalStateException("a ScenarioRunner runs one scenario");
        }
        this.scenario = scenario;
        for (ManifestRef m : scenario.manifests()) {
            EnsembleSpec spec = manifests.load(m.path());
            loaded.put(m.path(), scenario.namespace().map(spec::inNamespace).orElse(spec));
        }
        checkFaultPods(scenario);
        engine.setListener(new Recorder());
        observer.runStarted(scenario, engine.name(), seed);
        List<StepResult> results = new ArrayList<>();
        Executor executor = new Executor();
        for (int i = 0; i < scenario.steps().size(); i++) {
            Step step = scenario.steps().get(i);
            long start = engine.nowMs();
            observer.stepStarted(i + 1, step, start);
            Outcome o = step.accept(executor);
            ClusterView after = engine.view();
            memory.stepEnded(step.label(), after);
            Optional<ZooKeeperClient> zk = engine.zooKeeper();
            StepResult r = new StepResult(i + 1, step, start, engine.nowMs(), o.verdict(), o.expected(), o.actual(),
                    o.output(), zk.flatMap(ZooKeeperClient::leader),
                    zk.map(ZooKeeperClient::writable), engine.factsAfterStep());
            results.add(r);
            observer.stepFinished(r);
        }
        engine.setListener(EngineListener.NONE);
        RunResult result = new RunResult(scenario, engine.name(), seed, results, memory.timeline, memory.events,
                memory.kubectl, memory.serverLog, engine.nowMs());
        observer.runFinished(result);
        return result;
    }

    /**
     * Every pod a fault step names is a pod the scenario's StatefulSets can have ({@code <name>-<ordinal>} below the
     * largest replica count any manifest, {@code scale} or {@code patch} asks for): checked before the first step, so a
     * typo is bad input (exit 2), not a failed step after minutes of running.
     */
    private void checkFaultPods(Scenario s) {
        int replicas = 0;
        TreeSet<String> names = new TreeSet<>();
        for (EnsembleSpec spec : loaded.values()) {
            replicas = Math.max(replicas, spec.statefulSet().replicas());
            names.add(spec.statefulSet().name());
        }
        for (Step step : s.steps()) {
            if (step instanceof Step.Scale sc) {
                replicas = Math.max(replicas, sc.replicas());
            } else if (step instanceof Step.Patch p && p.patch().replicas().isPresent()) {
                replicas = Math.max(replicas, p.patch().replicas().getAsInt());
            }
        }
        for (int i = 0; i < s.steps().size(); i++) {
            Step step = s.steps().get(i);
            if (!(step instanceof Step.Fault f)) {
                continue;
            }
            for (String pod : f.fault().pods()) {
                if (!isPod(pod, names, replicas)) {
                    List<String> valid = new ArrayList<>();
                    for (String n : names) {
                        for (int o = 0; o < replicas && o < 10; o++) {
                            valid.add(n + "-" + o);
                        }
                    }
                    throw new dev.zksim.model.InvalidInputException(s.file().toString(), step.line(),
                            "steps[" + i + "]." + f.keyword(),
                            "no pod " + pod + " in this scenario: its StatefulSet makes at most " + replicas
                                    + " pods (" + String.join(", ", valid) + ").");
                }
            }
        }
    }

    private static boolean isPod(String pod, TreeSet<String> stsNames, int replicas) {
        for (String n : stsNames) {
            if (pod.startsWith(n + "-")) {
                String ord = pod.substring(n.length() + 1);
                if (ord.matches("0|[1-9][0-9]{0,3}") && Integer.parseInt(ord) < replicas) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A step's verdict and what it found or printed. */
    private record Outcome(Verdict verdict, Optional<String> expected, Optional<String> actual, List<String> output) {
        static Outcome done(String... output) {
            return new Outcome(Verdict.DONE, Optional.empty(), Optional.empty(), List.of(output));
        }

        static Outcome refused(String why) {
            return new Outcome(Verdict.FAILED, Optional.empty(), Optional.of(why), List.of());
        }

        static Outcome skipped(String why) {
            return new Outcome(Verdict.SKIPPED, Optional.empty(), Optional.of(why), List.of());
        }

        static Outcome of(Check c, String... output) {
            return new Outcome(c.held() ? Verdict.HELD : Verdict.FAILED, Optional.of(c.expected()),
                    Optional.of(c.actual()), List.of(output));
        }
    }

    /** Feeds engine callbacks into the run's memory and on to the observer. */
    private final class Recorder implements EngineListener {
        @Override
        public void podChanged(long nowMs, PodView pod) {
            memory.podChanged(nowMs, pod).ifPresent(observer::podRow);
        }

        @Override
        public void podDeleted(long nowMs, PodView last) {
            observer.podRow(memory.podDeleted(nowMs, last));
        }

        @Override
        public void event(ClusterEvent event) {
            memory.events.add(event);
            observer.event(event);
        }

        @Override
        public void serverLog(ServerLog line) {
            memory.serverLog.add(line);
            observer.serverLog(line);
        }

        @Override
        public void commandOutput(long nowMs, String command, String line) {
            KubectlLine l = new KubectlLine(nowMs, command, line);
            memory.kubectl.add(l);
            observer.kubectl(l);
        }
    }

    private Evaluator evaluator() {
        return new Evaluator(engine.view(), memory, engine.zooKeeper());
    }

    private static String hex(long zxid) {
        return "0x" + Long.toHexString(zxid);
    }

    /** Carries out one step. */
    private final class Executor implements Step.Visitor<Outcome> {

        /** Runs an action; the cluster's refusal becomes a failed step. */
        private Outcome act(Runnable action) {
            try {
                action.run();
                return Outcome.done();
            } catch (EngineRejection e) {
                return Outcome.refused(e.getMessage());
            }
        }

        /** Resolves a node reference, then acts on the node. */
        private Outcome onNode(NodeRef ref, java.util.function.Consumer<String> action) {
            StringBuilder why = new StringBuilder();
            Optional<String> node = evaluator().resolve(ref, why);
            if (node.isEmpty()) {
                return Outcome.refused("cannot tell which node is meant: " + why);
            }
            Outcome o = act(() -> action.accept(node.get()));
            return ref instanceof NodeRef.Named || o.verdict() != Verdict.DONE ? o : Outcome.done("node " + node.get());
        }

        @Override
        public Outcome visit(Step.Apply s) {
            EnsembleSpec spec = loaded.get(s.manifest().orElse(scenario.manifest()).path());
            memory.rolloutOrder.clear();
            Outcome o = act(() -> engine.apply(spec));
            if (o.verdict() == Verdict.DONE) {
                lastApplied = Optional.of(spec);
            }
            return o;
        }

        @Override
        public Outcome visit(Step.DeleteStatefulSet s) {
            String name = s.name().orElseGet(() -> engine.appliedSpec().or(() -> lastApplied)
                    .orElse(loaded.get(scenario.manifest().path())).statefulSet().name());
            return act(() -> engine.deleteStatefulSet(name));
        }

        @Override
        public Outcome visit(Step.DeletePod s) {
            return act(() -> engine.deletePod(s.pod(), s.force(), s.gracePeriodMs()));
        }

        @Override
        public Outcome visit(Step.DeletePvc s) {
            return act(() -> engine.deletePvc(s.pvc()));
        }

        @Override
        public Outcome visit(Step.Cordon s) {
            return onNode(s.node(), engine::cordon);
        }

        @Override
        public Outcome visit(Step.Uncordon s) {
            return onNode(s.node(), engine::uncordon);
        }

        @Override
        public Outcome visit(Step.Drain s) {
            return onNode(s.node(), node -> {
                int id = engine.drain(node, s.timeoutMs());
                memory.lastDrain = OptionalInt.of(id);
                s.label().ifPresent(l -> memory.drainsByLabel.put(l, id));
            });
        }

        @Override
        public Outcome visit(Step.FailNode s) {
            return onNode(s.node(), engine::failNode);
        }

        @Override
        public Outcome visit(Step.RecoverNode s) {
            return onNode(s.node(), engine::recoverNode);
        }

        @Override
        public Outcome visit(Step.Patch s) {
            Optional<EnsembleSpec> current = engine.appliedSpec();
            if (current.isEmpty()) {
                return Outcome.refused("Error from server (NotFound): no StatefulSet to patch (apply one first)");
            }
            EnsembleSpec next = patcher.apply(current.get(), s.patch());
            if (s.patch().changesTemplate()) {
                memory.rolloutOrder.clear();
            }
            return act(() -> engine.apply(next));
        }

        @Override
        public Outcome visit(Step.RolloutUndo s) {
            memory.rolloutOrder.clear();
            return act(() -> engine.rolloutUndo(s.toRevision()));
        }

        @Override
        public Outcome visit(Step.Scale s) {
            return act(() -> engine.scale(s.replicas()));
        }

        @Override
        public Outcome visit(Step.KillProcess s) {
            return act(() -> engine.killProcess(s.pod()));
        }

        @Override
        public Outcome visit(Step.FailLiveness s) {
            return act(() -> engine.failLiveness(s.pod()));
        }

        @Override
        public Outcome visit(Step.Fault s) {
            NetworkFault f = s.fault();
            if (f instanceof NetworkFault.PartitionNode pn) {
                StringBuilder why = new StringBuilder();
                Optional<String> node = evaluator().resolve(pn.node(), why);
                if (node.isEmpty()) {
                    return Outcome.refused("cannot tell which node is meant: " + why);
                }
                TreeSet<String> onNode = new TreeSet<>();
                for (PodView p : engine.view().pods()) {
                    if (p.node().equals(node)) {
                        onNode.add(p.name());
                    }
                }
                f = new NetworkFault.Cut(List.of(onNode), 1);
            }
            NetworkFault fault = f;
            String[] note = new String[1];
            Outcome o = act(() -> note[0] = engine.networkFault(fault));
            return o.verdict() == Verdict.DONE && note[0] != null && !note[0].isEmpty() ? Outcome.done(note[0]) : o;
        }

        @Override
        public Outcome visit(Step.WaitFor s) {
            engine.advance(s.durationMs());
            return Outcome.done();
        }

        @Override
        public Outcome visit(Step.WaitUntil s) {
            if (s.until().needsZooKeeper() && engine.zooKeeper().isEmpty()) {
                return Outcome.skipped(NO_ZOOKEEPER);
            }
            int eventsFrom = memory.events.size();
            long start = engine.nowMs();
            engine.awaitCondition(() -> evaluator().holds(s.until(), eventsFrom), s.timeoutMs());
            Check c = evaluator().condition(s.until(), eventsFrom);
            long took = engine.nowMs() - start;
            return Outcome.of(c.held() ? c : Check.of(false, c.expected() + " within " + Durations.format(s.timeoutMs()),
                    c.actual()), c.held() ? "held after " + Durations.format(took) : "timed out after "
                    + Durations.format(took));
        }

        @Override
        public Outcome visit(Step.ExpectPod s) {
            return Outcome.of(evaluator().pod(s.match()));
        }

        @Override
        public Outcome visit(Step.ExpectDrain s) {
            return Outcome.of(evaluator().drain(s));
        }

        @Override
        public Outcome visit(Step.ExpectPvc s) {
            return Outcome.of(evaluator().pvc(s));
        }

        @Override
        public Outcome visit(Step.ExpectRolloutOrder s) {
            return Outcome.of(evaluator().rolloutOrder(s));
        }

        @Override
        public Outcome visit(Step.ExpectRevisions s) {
            return Outcome.of(evaluator().revisions(s.count()));
        }

        @Override
        public Outcome visit(Step.ExpectReady s) {
            return Outcome.of(evaluator().ready(s.count()));
        }

        @Override
        public Outcome visit(Step.ExpectNode s) {
            return Outcome.of(evaluator().node(s));
        }

        @Override
        public Outcome visit(Step.ExpectEvent s) {
            return Outcome.of(evaluator().event(s));
        }

        // -------------------------------------------------------------- ZooKeeper

        private Optional<ClientTarget> target(Optional<String> via, StringBuilder why) {
            Optional<EnsembleSpec> spec = engine.appliedSpec().or(() -> lastApplied);
            List<ServiceSpec> services = spec.map(EnsembleSpec::services).orElse(List.of());
            if (via.isEmpty()) {
                Optional<ServiceSpec> client = services.stream().filter(x -> !x.headless()).findFirst();
                if (client.isEmpty()) {
                    why.append("the manifest has no client Service; name a pod with 'via'");
                }
                return client.map(x -> new ClientTarget.Service(x.name()));
            }
            String v = via.get();
            return Optional.of(services.stream().anyMatch(x -> x.name().equals(v))
                    ? new ClientTarget.Service(v) : new ClientTarget.Pod(v));
        }

        private static String opWord(WriteOp op) {
            return switch (op) {
                case CREATE -> "Created";
                case SET -> "Set";
                case DELETE -> "Deleted";
            };
        }

        @Override
        public Outcome visit(Step.Write s) {
            Optional<ZooKeeperClient> zk = engine.zooKeeper();
            if (zk.isEmpty()) {
                return Outcome.skipped(NO_ZOOKEEPER);
            }
            StringBuilder why = new StringBuilder();
            Optional<ClientTarget> via = target(s.via(), why);
            if (via.isEmpty()) {
                return Outcome.refused(why.toString());
            }
            WriteOutcome w = zk.get().write(via.get(), s.op(), s.path(), s.value(), s.timeoutMs());
            if (w instanceof WriteOutcome.Acked a) {
                return Outcome.done(opWord(s.op()) + " " + s.path() + " (zxid " + hex(a.zxid()) + ", served by "
                        + a.servedBy() + ")");
            }
            WriteOutcome.Failed f = (WriteOutcome.Failed) w;
            return Outcome.of(Check.of(false, s.describe() + " acknowledged", "not acknowledged: " + f.reason()));
        }

        @Override
        public Outcome visit(Step.Read s) {
            Optional<ZooKeeperClient> zk = engine.zooKeeper();
            if (zk.isEmpty()) {
                return Outcome.skipped(NO_ZOOKEEPER);
            }
            ReadOutcome r = zk.get().read(s.pod(), s.path(), s.sync(), READ_TIMEOUT_MS);
            if (r instanceof ReadOutcome.Found f) {
                return Outcome.done(s.path() + " on " + s.pod() + ": " + f.value() + " (mZxid " + hex(f.mzxid())
                        + ")");
            }
            if (r instanceof ReadOutcome.Absent) {
                return Outcome.done(s.path() + " on " + s.pod() + ": Node does not exist");
            }
            return Outcome.of(Check.of(false, "an answer from " + s.pod(), ((ReadOutcome.Failed) r).reason()));
        }

        @Override
        public Outcome visit(Step.ExpectValue s) {
            Optional<ZooKeeperClient> zk = engine.zooKeeper();
            if (zk.isEmpty()) {
                return Outcome.skipped(NO_ZOOKEEPER);
            }
            ReadOutcome r = zk.get().read(s.pod(), s.path(), s.sync(), READ_TIMEOUT_MS);
            String expected = s.path() + " on " + s.pod() + " = " + s.value().map(v -> "'" + v + "'")
                    .orElse("(absent)");
            if (r instanceof ReadOutcome.Found f) {
                return Outcome.of(Check.of(s.value().equals(Optional.of(f.value())), expected,
                        "'" + f.value() + "' (mZxid " + hex(f.mzxid()) + ")"));
            }
            if (r instanceof ReadOutcome.Absent) {
                return Outcome.of(Check.of(s.value().isEmpty(), expected, "no znode " + s.path()));
            }
            return Outcome.of(Check.of(false, expected, "read failed: " + ((ReadOutcome.Failed) r).reason()));
        }

        @Override
        public Outcome visit(Step.ExpectWriteFails s) {
            Optional<ZooKeeperClient> zk = engine.zooKeeper();
            if (zk.isEmpty()) {
                return Outcome.skipped(NO_ZOOKEEPER);
            }
            StringBuilder why = new StringBuilder();
            Optional<ClientTarget> via = target(s.via(), why);
            if (via.isEmpty()) {
                return Outcome.refused(why.toString());
            }
            String expected = s.op().yamlName() + " " + s.path() + " via " + via.get() + " not acknowledged "
                    + "(ensemble unavailable)";
            WriteOutcome w = zk.get().write(via.get(), s.op(), s.path(), s.value(), s.timeoutMs());
            if (w instanceof WriteOutcome.Acked a) {
                return Outcome.of(Check.of(false, expected, "acknowledged with zxid " + hex(a.zxid()) + " by "
                        + a.servedBy()));
            }
            WriteOutcome.Failed f = (WriteOutcome.Failed) w;
            return Outcome.of(Check.of(f.unavailable(), expected, f.unavailable() ? f.reason()
                    : "ZooKeeper answered, so the ensemble was available: " + f.reason()));
        }

        @Override
        public Outcome visit(Step.ExpectLeader s) {
            Optional<ZooKeeperClient> zk = engine.zooKeeper();
            if (zk.isEmpty()) {
                return Outcome.skipped(NO_ZOOKEEPER);
            }
            Optional<String> leader = zk.get().leader();
            return Outcome.of(Check.of(leader.isPresent() && s.anyOf().contains(leader.get()),
                    (s.anyOf().size() == 1 ? s.anyOf().get(0) : "one of " + s.anyOf()) + " leads",
                    leader.map(l -> l + " leads").orElse("no leader")));
        }

        @Override
        public Outcome visit(Step.ExpectNoLeader s) {
            Optional<ZooKeeperClient> zk = engine.zooKeeper();
            if (zk.isEmpty()) {
                return Outcome.skipped(NO_ZOOKEEPER);
            }
            Optional<String> leader = zk.get().leader();
            return Outcome.of(Check.of(leader.isEmpty(), "no leader", leader.map(l -> l + " leads")
                    .orElse("no leader")));
        }

        @Override
        public Outcome visit(Step.Exec s) {
            Optional<ZooKeeperClient> zk = engine.zooKeeper();
            if (zk.isEmpty()) {
                return Outcome.skipped(NO_ZOOKEEPER);
            }
            String answer = zk.get().fourLetterWord(s.pod(), s.command());
            String[] lines = answer.isEmpty() ? new String[] {"(no answer: nothing listens on " + s.pod() + ":2181)"}
                    : answer.lines().toArray(String[]::new);
            if (s.outputContains().isEmpty()) {
                return Outcome.done(lines);
            }
            return Outcome.of(Check.of(Evaluator.containsIgnoringCase(answer, s.outputContains().get()),
                    s.command().word() + " output containing '" + s.outputContains().get() + "'",
                    String.join(" | ", lines)), lines);
        }

        @Override
        public Outcome visit(Step.ExpectLostWrites s) {
            Optional<ZooKeeperClient> zk = engine.zooKeeper();
            if (zk.isEmpty()) {
                return Outcome.skipped(NO_ZOOKEEPER);
            }
            List<LostWrite> lost = zk.get().lostWrites();
            List<String> paths = lost.stream().map(LostWrite::path).toList();
            boolean held = !lost.isEmpty() && (s.count().isEmpty() || s.count().getAsInt() == lost.size())
                    && paths.containsAll(s.paths());
            String expected = (s.count().isPresent() ? s.count().getAsInt() + " lost write(s)" : "lost writes")
                    + (s.paths().isEmpty() ? "" : " including " + s.paths());
            return Outcome.of(Check.of(held, expected, describeLost(lost)),
                    lost.stream().map(LostWrite::detail).toArray(String[]::new));
        }

        @Override
        public Outcome visit(Step.ExpectNoLostWrites s) {
            Optional<ZooKeeperClient> zk = engine.zooKeeper();
            if (zk.isEmpty()) {
                return Outcome.skipped(NO_ZOOKEEPER);
            }
            List<LostWrite> lost = zk.get().lostWrites();
            return Outcome.of(Check.of(lost.isEmpty(), "no acknowledged write lost", describeLost(lost)));
        }

        private String describeLost(List<LostWrite> lost) {
            if (lost.isEmpty()) {
                return "no acknowledged write lost";
            }
            return lost.size() + " lost: " + String.join(", ", lost.stream().map(l -> l.path() + "@" + hex(l.zxid()))
                    .toList());
        }
    }
}
