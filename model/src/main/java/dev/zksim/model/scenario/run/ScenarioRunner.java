package dev.zksim.model.scenario.run;

import dev.zksim.model.InvalidInputException;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ServiceSpec;
import dev.zksim.model.manifest.ZkConfig;
import dev.zksim.model.scenario.Durations;
import dev.zksim.model.scenario.ManifestRef;
import dev.zksim.model.scenario.NetworkFault;
import dev.zksim.model.scenario.NodeRef;
import dev.zksim.model.scenario.PatchSpec;
import dev.zksim.model.scenario.PodRef;
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
import dev.zksim.model.scenario.engine.ZooKeeperHistory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

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
    /** The node that holds a server's configuration, which {@code zkCli.sh config} reads. */
    static final String CONFIG_NODE = "/zookeeper/config";
    /**
     * How long {@code delete-pod} waits beyond the grace period for the pod object to go: the kubelet's stop and the
     * API server's removal take seconds; a pod whose kubelet is gone stays Terminating for good.
     */
    static final long DELETE_WAIT_MARGIN_MS = 60_000;

    private final Engine engine;
    private final ManifestSource manifests;
    private final SpecPatches patcher;
    private final RunObserver observer;
    private final RunMemory memory = new RunMemory();
    private final Map<Path, EnsembleSpec> loaded = new LinkedHashMap<>();
    private Scenario scenario;
    /** The last full manifest applied: its Services stay when the StatefulSet is deleted. */
    private Optional<EnsembleSpec> lastApplied = Optional.empty();
    /** The 1-based number of the step running now. */
    private int currentStep;

    /**
     * @param zkConfigOf derives start-zookeeper's configuration from a container command (for flag patches)
     */
    public ScenarioRunner(
            Engine engine,
            ManifestSource manifests,
            Function<List<String>, ZkConfig> zkConfigOf,
            RunObserver observer) {
        this.engine = engine;
        this.manifests = manifests;
        this.patcher = new SpecPatches(zkConfigOf);
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
        return new ScenarioRunner(engine, manifests, SpecPatches::startZookeeperConfig, observer);
    }

    /**
     * {@code spec} as a {@code patch} step would leave it (start-zookeeper flags, requests, image, replicas): for
     * callers that prepare a manifest before the first apply (the Java API's {@code servers(n)}).
     */
    public static EnsembleSpec patched(EnsembleSpec spec, PatchSpec patch) {
        return SpecPatches.startZookeeper().apply(spec, patch);
    }

    /** Runs {@code scenario} once; {@code seed} is the seed the engine was created with (for the result). */
    public RunResult run(Scenario scenario, long seed) {
        Session session = open(scenario, seed);
        for (Step step : scenario.steps()) {
            session.step(step);
        }
        return session.finish();
    }

    /**
     * Step at a time, for callers that decide the next step as they go (the Java API, {@code dev.zksim.api}): loads
     * the scenario's manifests (its steps may be empty) and starts recording; {@link Session#step} runs one step
     * exactly as {@link #run} would, and {@link Session#finish} ends the run. One session per runner.
     */
    public Session open(Scenario scenario, long seed) {
        if (this.scenario != null) {
            throw new IllegalStateException("a ScenarioRunner runs one scenario");
        }
        this.scenario = scenario;
        for (ManifestRef m : scenario.manifests()) {
            EnsembleSpec spec = load(scenario, m);
            loaded.put(m.path(), scenario.namespace().map(spec::inNamespace).orElse(spec));
        }
        checkFaultPods(scenario);
        engine.setListener(new Recorder());
        observer.runStarted(scenario, engine.name(), seed);
        return new Session(seed);
    }

    /** A run in progress (see {@link #open}); not thread-safe: one caller thread. */
    public final class Session {
        private final long seed;
        private final List<StepResult> results = new ArrayList<>();
        private final Executor executor = new Executor();
        private boolean finished;

        private Session(long seed) {
            this.seed = seed;
        }

        /** Runs {@code step} as the next step of the run and returns its result (a failed step does not throw). */
        public StepResult step(Step step) {
            if (finished) {
                throw new IllegalStateException("the run has finished");
            }
            int number = results.size() + 1;
            currentStep = number;
            long start = engine.nowMs();
            Optional<ZooKeeperClient> zk = engine.zooKeeper();
            int timelineAtStart = memory.timeline.size();
            int electionsAtStart = step.label().isPresent()
                    ? zk.map(z -> z.history().elections().size()).orElse(0)
                    : 0;
            observer.stepStarted(number, step, start);
            Outcome o = step.accept(executor);
            ClusterView after = engine.view();
            if (step.label().isPresent()) {
                memory.stepEnded(
                        step.label(),
                        after,
                        zk.flatMap(ZooKeeperClient::leader),
                        zk.map(z -> Evaluator.followers(after, z)).orElse(List.of()),
                        start,
                        timelineAtStart,
                        electionsAtStart);
            } else {
                memory.stepEnded(step.label(), after, Optional.empty(), List.of(), start, timelineAtStart, 0);
            }
            long end = engine.nowMs();
            StepResult r = new StepResult(
                    number,
                    step,
                    start,
                    end,
                    o.verdict(),
                    o.expected(),
                    o.actual(),
                    o.output(),
                    zk.flatMap(ZooKeeperClient::leader),
                    zk.map(ZooKeeperClient::writable),
                    engine.factsAfterStep(),
                    zk.map(z -> StepZooKeeperFacts.of(z.history(), memory.ackedWrites, number, start, end)));
            results.add(r);
            observer.stepFinished(r);
            return r;
        }

        /** The run so far as a result (the steps run until now); the run goes on. */
        public RunResult result() {
            Optional<ZooKeeperSummary> zkSummary = engine.zooKeeper()
                    .map(z -> ZooKeeperSummary.of(
                            z.leader(), z.writable(), z.history(), memory.ackedWrites, z.lostWrites(), engine.nowMs()));
            List<Step> ranSteps = results.stream().map(StepResult::step).toList();
            Scenario ran = ranSteps.equals(scenario.steps())
                    ? scenario
                    : new Scenario(
                            scenario.file(),
                            scenario.name(),
                            scenario.description(),
                            scenario.manifest(),
                            scenario.namespace(),
                            scenario.cluster(),
                            scenario.seed(),
                            scenario.timing(),
                            ranSteps);
            return new RunResult(
                    ran,
                    engine.name(),
                    seed,
                    List.copyOf(results),
                    List.copyOf(memory.timeline),
                    List.copyOf(memory.events),
                    List.copyOf(memory.kubectl),
                    List.copyOf(memory.serverLog),
                    engine.nowMs(),
                    zkSummary);
        }

        /** Ends the run: stops listening to the engine and returns the result. */
        public RunResult finish() {
            if (finished) {
                throw new IllegalStateException("the run has finished");
            }
            finished = true;
            engine.setListener(EngineListener.NONE);
            RunResult result = result();
            observer.runFinished(result);
            return result;
        }
    }

    /**
     * Loads a manifest; one that does not exist is reported at the scenario line that names it, with the path it
     * resolved to (relative paths resolve against the scenario's directory, not the working directory).
     */
    private EnsembleSpec load(Scenario scenario, ManifestRef m) {
        try {
            EnsembleSpec spec = manifests.load(m.path());
            Optional<String> notRunnable = engine.cannotRun(spec);
            if (notRunnable.isPresent()) {
                throw new InvalidInputException(
                        scenario.file().toString(),
                        m.line(),
                        m.field(),
                        "the manifest '" + m.asWritten() + "' (engine " + engine.name() + "): " + notRunnable.get());
            }
            return spec;
        } catch (InvalidInputException e) {
            if (java.nio.file.Files.exists(m.path())) {
                throw e;
            }
            throw new InvalidInputException(
                    scenario.file().toString(),
                    m.line(),
                    m.field(),
                    "the manifest '" + m.asWritten() + "' does not exist: it resolves (against the scenario's "
                            + "directory) to " + m.path().toAbsolutePath().normalize() + ".",
                    e);
        }
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
                    throw new InvalidInputException(
                            s.file().toString(),
                            step.line(),
                            "steps[" + i + "]." + f.keyword(),
                            "no pod " + pod + " in this scenario: its StatefulSet makes at most " + replicas + " pods ("
                                    + String.join(", ", valid) + ").");
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
            return new Outcome(
                    c.held() ? Verdict.HELD : Verdict.FAILED,
                    Optional.of(c.expected()),
                    Optional.of(c.actual()),
                    List.of(output));
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

    /** The 1-based number of the step running now (steps run one at a time). */
    private int stepNumber(Step step) {
        return currentStep;
    }

    private static String hex(long zxid) {
        return "0x" + Long.toHexString(zxid);
    }

    /** Carries out one step. */
    private final class Executor implements Step.StepVisitor<Outcome> {

        /**
         * Runs an action; the cluster's refusal becomes a failed step. The action returns at the instant kubectl would
         * return, with what the cluster does at that same instant done (the kubelet noticing a killed process, a
         * controller reacting to a deleted pod): {@code advance(0)} lets no time pass. In the real engine the control
         * plane's thread runs those zero-delay actions before anything the next step asks of it.
         */
        private Outcome act(Runnable action) {
            try {
                action.run();
                engine.advance(0);
                return Outcome.done();
            } catch (EngineRejection e) {
                return Outcome.refused(e.getMessage());
            }
        }

        /** Runs a ZooKeeper step on the engine's client; without a ZooKeeper backend the step is skipped. */
        private Outcome onZooKeeper(java.util.function.Function<ZooKeeperClient, Outcome> step) {
            Optional<ZooKeeperClient> zk = engine.zooKeeper();
            return zk.isPresent() ? step.apply(zk.get()) : Outcome.skipped(NO_ZOOKEEPER);
        }

        /**
         * Resolves a node reference (a role first, at this instant, before the action can change who leads), then acts
         * on the node; says which node, and which pod a role chose.
         */
        private Outcome onNode(NodeRef ref, java.util.function.Consumer<String> action) {
            String chosen = "";
            NodeRef concrete = ref;
            if (ref instanceof NodeRef.NodeOfRole r) {
                if (engine.zooKeeper().isEmpty()) {
                    return Outcome.skipped(NO_ZOOKEEPER);
                }
                Resolved<String> pod = evaluator().podOf(r);
                if (!pod.isFound()) {
                    return Outcome.refused("cannot tell which node is meant: " + pod.reason());
                }
                chosen = " (node of " + pod.get() + ", " + r.role()
                        + r.at().map(l -> " at '" + l + "'").orElse("") + ")";
                concrete = new NodeRef.NodeOf(pod.get(), r.at());
            }
            Resolved<String> node = evaluator().resolve(concrete);
            if (!node.isFound()) {
                return Outcome.refused("cannot tell which node is meant: " + node.reason());
            }
            Outcome o = act(() -> action.accept(node.get()));
            return ref instanceof NodeRef.NodeNamed || o.verdict() != Verdict.DONE
                    ? o
                    : Outcome.done("node " + node.get() + chosen);
        }

        @Override
        public Outcome visit(Step.Apply s) {
            EnsembleSpec spec =
                    loaded.get(s.manifest().orElse(scenario.manifest()).path());
            memory.rolloutOrder.clear();
            Outcome o = act(() -> engine.apply(spec));
            if (o.verdict() == Verdict.DONE) {
                lastApplied = Optional.of(spec);
            }
            return o;
        }

        @Override
        public Outcome visit(Step.DeleteStatefulSet s) {
            String name = s.name().orElseGet(() -> engine.appliedSpec()
                    .or(() -> lastApplied)
                    .orElse(loaded.get(scenario.manifest().path()))
                    .statefulSet()
                    .name());
            return act(() -> engine.deleteStatefulSet(name));
        }

        /** Resolves a pod reference (a role at this instant), acts on the pod, and says which pod a role chose. */
        private Outcome onPod(PodRef ref, java.util.function.Function<String, Outcome> action) {
            if (!(ref instanceof PodRef.Named) && engine.zooKeeper().isEmpty()) {
                return Outcome.skipped(NO_ZOOKEEPER);
            }
            Resolved<String> pod = evaluator().resolve(ref);
            if (!pod.isFound()) {
                return Outcome.refused("cannot tell which pod is meant: " + pod.reason());
            }
            Outcome o = action.apply(pod.get());
            if (ref instanceof PodRef.Named || o.verdict() != Verdict.DONE) {
                return o;
            }
            List<String> output = new java.util.ArrayList<>();
            output.add("pod " + pod.get() + " (" + ref + ")");
            output.addAll(o.output());
            return Outcome.done(output.toArray(String[]::new));
        }

        /**
         * {@code kubectl delete pod}: waits (unless {@code wait: false}) until the pod object it deleted — the one
         * created at that instant; the StatefulSet may already have created a new pod of the same name — is gone, as
         * kubectl's {@code --wait} does. Bounded by the grace period and {@link #DELETE_WAIT_MARGIN_MS}; a pod that
         * stays Terminating (its node is down) fails the step the way kubectl times out.
         */
        @Override
        public Outcome visit(Step.DeletePod s) {
            return onPod(s.target(), pod -> deletePod(s, pod));
        }

        private Outcome deletePod(Step.DeletePod s, String pod) {
            Optional<Long> created = engine.view().pods().stream()
                    .filter(p -> p.name().equals(pod))
                    .map(PodView::createdMs)
                    .findFirst();
            Outcome o = act(() -> engine.deletePod(pod, s.force(), s.gracePeriodMs()));
            if (!s.waitForDeletion() || o.verdict() != Verdict.DONE || created.isEmpty()) {
                return o;
            }
            long start = engine.nowMs();
            long graceMs = s.gracePeriodMs().orElseGet(() -> engine.appliedSpec()
                    .map(a -> a.statefulSet().template().terminationGracePeriodSeconds() * 1000L)
                    .orElse(30_000L));
            long boundMs = graceMs + DELETE_WAIT_MARGIN_MS;
            boolean gone = engine.awaitCondition(
                    () -> engine.view().pods().stream()
                            .noneMatch(p -> p.name().equals(pod) && p.createdMs() == created.get()),
                    boundMs);
            long took = engine.nowMs() - start;
            if (!gone) {
                return Outcome.of(Check.of(
                        false,
                        "pod " + pod + " gone within " + Durations.format(boundMs),
                        "still there (Terminating) after " + Durations.format(took)
                                + "; kubectl: timed out waiting for the condition"));
            }
            return Outcome.done("gone after " + Durations.format(took));
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
            // every patch starts a new recorded order, as docs/scenarios.md says: expect-rollout-order answers "which
            // pods did the rollout re-create since my last change", also for a patch that only lowers a partition
            memory.rolloutOrder.clear();
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
            return onPod(s.target(), pod -> act(() -> engine.killProcess(pod)));
        }

        @Override
        public Outcome visit(Step.FailLiveness s) {
            return onPod(s.target(), pod -> act(() -> engine.failLiveness(pod)));
        }

        @Override
        public Outcome visit(Step.Fault s) {
            NetworkFault f = s.fault();
            if (f instanceof NetworkFault.PartitionNode pn) {
                Resolved<String> node = evaluator().resolve(pn.node());
                if (!node.isFound()) {
                    return Outcome.refused("cannot tell which node is meant: " + node.reason());
                }
                TreeSet<String> onNode = new TreeSet<>();
                for (PodView p : engine.view().pods()) {
                    if (p.node().equals(Optional.of(node.get()))) {
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
            return Outcome.of(
                    c.held()
                            ? c
                            : Check.of(false, c.expected() + " within " + Durations.format(s.timeoutMs()), c.actual()),
                    c.held() ? "held after " + Durations.format(took) : "timed out after " + Durations.format(took));
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

        /** Where a ZooKeeper step's client connects: {@code via}, else the manifest's client Service. */
        private Resolved<ClientTarget> target(Optional<String> via) {
            Optional<EnsembleSpec> spec = engine.appliedSpec().or(() -> lastApplied);
            List<ServiceSpec> services = spec.map(EnsembleSpec::services).orElse(List.of());
            if (via.isEmpty()) {
                return services.stream()
                        .filter(x -> !x.headless())
                        .findFirst()
                        .map(x -> Resolved.found(ClientTarget.service(x.name())))
                        .orElseGet(
                                () -> Resolved.unresolved("the manifest has no client Service; name a pod with 'via'"));
            }
            String v = via.get();
            return Resolved.found(
                    services.stream().anyMatch(x -> x.name().equals(v))
                            ? ClientTarget.service(v)
                            : ClientTarget.pod(v));
        }

        /**
         * Where a reconfig's client connects ({@link #target}), unless the reconfig cannot be sent: a server's line
         * ({@code server.<ordinal + 1>=...}) needs a pod of the StatefulSet, {@code <name>-<ordinal>}.
         */
        private Resolved<ClientTarget> reconfigTarget(
                Optional<String> via, List<String> add, List<String> remove, List<String> members) {
            Optional<String> sts = engine.appliedSpec().or(() -> lastApplied).map(x -> x.statefulSet()
                    .name());
            if (sts.isEmpty()) {
                return Resolved.unresolved("no manifest applied yet: a reconfig names pods of its StatefulSet");
            }
            for (List<String> pods : List.of(add, remove, members)) {
                for (String pod : pods) {
                    if (!pod.matches(Pattern.quote(sts.get()) + "-[0-9]{1,6}")) {
                        return Resolved.unresolved("'" + pod + "' is not a pod of StatefulSet " + sts.get() + " ("
                                + sts.get() + "-0, " + sts.get() + "-1, ...): a reconfig names its servers");
                    }
                }
            }
            return target(via);
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
            return onZooKeeper(zk -> {
                Resolved<ClientTarget> via = target(s.via());
                if (!via.isFound()) {
                    return Outcome.refused(via.reason());
                }
                WriteOutcome w = zk.write(via.get(), s.op(), s.path(), s.value(), s.timeoutMs());
                if (w instanceof WriteOutcome.WriteAcked a) {
                    memory.ackedWrites.add(new AckedWriteFact(
                            engine.nowMs(), stepNumber(s), s.op().yamlName(), s.path(), a.zxid(), a.servedBy()));
                    return Outcome.done(opWord(s.op()) + " " + s.path() + " (zxid " + hex(a.zxid()) + ", served by "
                            + a.servedBy() + ")");
                }
                WriteOutcome.WriteFailed f = (WriteOutcome.WriteFailed) w;
                return Outcome.of(Check.of(false, s.describe() + " acknowledged", "not acknowledged: " + f.reason()));
            });
        }

        @Override
        public Outcome visit(Step.Read s) {
            return onZooKeeper(zk -> {
                ReadOutcome r = zk.read(s.pod(), s.path(), s.sync(), READ_TIMEOUT_MS);
                if (r instanceof ReadOutcome.ReadFound f) {
                    return Outcome.done(
                            s.path() + " on " + s.pod() + ": " + f.value() + " (mZxid " + hex(f.mzxid()) + ")");
                }
                if (r instanceof ReadOutcome.Absent) {
                    return Outcome.done(s.path() + " on " + s.pod() + ": Node does not exist");
                }
                return Outcome.of(Check.of(false, "an answer from " + s.pod(), ((ReadOutcome.ReadFailed) r).reason()));
            });
        }

        @Override
        public Outcome visit(Step.ExpectValue s) {
            return onZooKeeper(zk -> {
                ReadOutcome r = zk.read(s.pod(), s.path(), s.sync(), READ_TIMEOUT_MS);
                String expected = s.path() + " on " + s.pod() + " = "
                        + s.value().map(v -> "'" + v + "'").orElse("(absent)");
                if (r instanceof ReadOutcome.ReadFound f) {
                    return Outcome.of(Check.of(
                            s.value().equals(Optional.of(f.value())),
                            expected,
                            "'" + f.value() + "' (mZxid " + hex(f.mzxid()) + ")"));
                }
                if (r instanceof ReadOutcome.Absent) {
                    return Outcome.of(Check.of(s.value().isEmpty(), expected, "no znode " + s.path()));
                }
                return Outcome.of(Check.of(false, expected, "read failed: " + ((ReadOutcome.ReadFailed) r).reason()));
            });
        }

        @Override
        public Outcome visit(Step.ExpectWriteFails s) {
            return onZooKeeper(zk -> {
                Resolved<ClientTarget> via = target(s.via());
                if (!via.isFound()) {
                    return Outcome.refused(via.reason());
                }
                String expected = s.op().yamlName() + " " + s.path() + " via " + via.get() + " not acknowledged "
                        + "(ensemble unavailable)";
                WriteOutcome w = zk.write(via.get(), s.op(), s.path(), s.value(), s.timeoutMs());
                if (w instanceof WriteOutcome.WriteAcked a) {
                    return Outcome.of(Check.of(
                            false, expected, "acknowledged with zxid " + hex(a.zxid()) + " by " + a.servedBy()));
                }
                WriteOutcome.WriteFailed f = (WriteOutcome.WriteFailed) w;
                return Outcome.of(Check.of(
                        f.unavailable(),
                        expected,
                        f.unavailable()
                                ? f.reason()
                                : "ZooKeeper answered, so the ensemble was available: " + f.reason()));
            });
        }

        @Override
        public Outcome visit(Step.Reconfig s) {
            return onZooKeeper(zk -> {
                Resolved<ClientTarget> via = reconfigTarget(s.via(), s.add(), s.remove(), s.members());
                if (!via.isFound()) {
                    return Outcome.refused(via.reason());
                }
                WriteOutcome w = s.members().isEmpty()
                        ? zk.reconfig(via.get(), s.add(), s.remove(), s.timeoutMs())
                        : zk.reconfigMembers(via.get(), s.members(), s.timeoutMs());
                if (w instanceof WriteOutcome.WriteAcked a) {
                    return Outcome.done(
                            "new configuration committed (zxid " + hex(a.zxid()) + ", served by " + a.servedBy() + ")");
                }
                return Outcome.of(Check.of(
                        false,
                        s.describe() + " committed",
                        "not committed: " + ((WriteOutcome.WriteFailed) w).reason()));
            });
        }

        @Override
        public Outcome visit(Step.ExpectReconfigFails s) {
            return onZooKeeper(zk -> {
                Resolved<ClientTarget> via = reconfigTarget(s.via(), s.add(), s.remove(), s.members());
                if (!via.isFound()) {
                    return Outcome.refused(via.reason());
                }
                String expected = "reconfig via " + via.get() + " not committed"
                        + s.error().map(e -> " (" + e.yamlName() + ")").orElse("");
                WriteOutcome w = s.members().isEmpty()
                        ? zk.reconfig(via.get(), s.add(), s.remove(), s.timeoutMs())
                        : zk.reconfigMembers(via.get(), s.members(), s.timeoutMs());
                if (w instanceof WriteOutcome.WriteAcked a) {
                    return Outcome.of(
                            Check.of(false, expected, "committed with zxid " + hex(a.zxid()) + " by " + a.servedBy()));
                }
                WriteOutcome.WriteFailed f = (WriteOutcome.WriteFailed) w;
                return Outcome.of(Check.of(
                        s.error()
                                .map(e -> e.matches(f.unavailable(), f.reason()))
                                .orElse(true),
                        expected,
                        (f.unavailable() ? "no answer: " : "refused: ") + f.reason()));
            });
        }

        @Override
        public Outcome visit(Step.ExpectMembers s) {
            return onZooKeeper(zk -> {
                String expected = "members " + s.members()
                        + s.observers().map(o -> " observers " + o).orElse("");
                Optional<String> pod = s.pod().isPresent() ? s.pod() : zk.leader();
                if (pod.isEmpty()) {
                    return Outcome.of(Check.of(false, expected, "no leader to ask"));
                }
                // zkCli.sh config: /zookeeper/config, after a sync so that a follower shows what its leader committed
                ReadOutcome r = zk.read(pod.get(), CONFIG_NODE, true, READ_TIMEOUT_MS);
                if (r instanceof ReadOutcome.ReadFound f) {
                    ConfigMembers config = ConfigMembers.parse(f.value());
                    List<String> actual = config.participantPods();
                    List<String> observers = config.observerPods();
                    return Outcome.of(Check.of(
                            new TreeSet<>(actual).equals(new TreeSet<>(s.members()))
                                    && s.observers()
                                            .map(o -> new TreeSet<>(o).equals(new TreeSet<>(observers)))
                                            .orElse(true),
                            expected,
                            "members " + actual
                                    + (s.observers().isPresent() ? " observers " + observers : "")
                                    + " in " + CONFIG_NODE + " on " + pod.get()));
                }
                return Outcome.of(Check.of(
                        false,
                        expected,
                        r instanceof ReadOutcome.ReadFailed failed
                                ? "reading " + CONFIG_NODE + " on " + pod.get() + " failed: " + failed.reason()
                                : "no " + CONFIG_NODE + " on " + pod.get()));
            });
        }

        @Override
        public Outcome visit(Step.ExpectLeader s) {
            return onZooKeeper(zk -> {
                Optional<String> leader = zk.leader();
                return Outcome.of(Check.of(
                        leader.isPresent() && s.anyOf().contains(leader.get()),
                        (s.anyOf().size() == 1 ? s.anyOf().get(0) : "one of " + s.anyOf()) + " leads",
                        leader.map(l -> l + " leads").orElse("no leader")));
            });
        }

        @Override
        public Outcome visit(Step.ExpectNoLeader s) {
            return onZooKeeper(zk -> {
                Optional<String> leader = zk.leader();
                return Outcome.of(Check.of(
                        leader.isEmpty(),
                        "no leader",
                        leader.map(l -> l + " leads").orElse("no leader")));
            });
        }

        @Override
        public Outcome visit(Step.Exec s) {
            return onZooKeeper(zk -> {
                String answer = zk.fourLetterWord(s.pod(), s.command());
                String[] lines = answer.isEmpty()
                        ? new String[] {"(no answer: nothing listens on " + s.pod() + ":2181)"}
                        : answer.lines().toArray(String[]::new);
                if (s.outputContains().isEmpty()) {
                    return Outcome.done(lines);
                }
                return Outcome.of(
                        Check.of(
                                Evaluator.containsIgnoringCase(
                                        answer, s.outputContains().get()),
                                s.command().word() + " output containing '"
                                        + s.outputContains().get() + "'",
                                String.join(" | ", lines)),
                        lines);
            });
        }

        @Override
        public Outcome visit(Step.ExpectHistory s) {
            return Outcome.of(evaluator().history(s));
        }

        @Override
        public Outcome visit(Step.ExpectElections s) {
            return onZooKeeper(zk -> {
                List<ZooKeeperHistory.WonElection> all = zk.history().elections();
                int from = s.since()
                        .map(l -> memory.labelled.get(l).electionCountAtStart())
                        .orElse(0);
                List<ZooKeeperHistory.WonElection> since = all.subList(Math.min(from, all.size()), all.size());
                int n = since.size();
                boolean held = s.count().isPresent()
                        ? n == s.count().getAsInt()
                        : (s.atLeast().isEmpty() || n >= s.atLeast().getAsInt())
                                && (s.atMost().isEmpty() || n <= s.atMost().getAsInt());
                String expected = (s.count().isPresent()
                                ? "exactly " + s.count().getAsInt()
                                : (s.atLeast().isPresent()
                                                ? "at least " + s.atLeast().getAsInt()
                                                : "")
                                        + (s.atLeast().isPresent() && s.atMost().isPresent() ? " and " : "")
                                        + (s.atMost().isPresent()
                                                ? "at most " + s.atMost().getAsInt()
                                                : ""))
                        + " election(s)"
                        + s.since().map(l -> " since '" + l + "'").orElse("");
                String[] lines = since.stream()
                        .map(e -> e.leader() + " elected at " + e.endMs() + " ms (election took " + e.durationMs()
                                + " ms)")
                        .toArray(String[]::new);
                return Outcome.of(
                        Check.of(held, expected, n + " election(s)" + (n == 0 ? "" : ": " + String.join("; ", lines))),
                        lines);
            });
        }

        @Override
        public Outcome visit(Step.ExpectWriteOutage s) {
            return onZooKeeper(zk -> {
                long from = s.since().map(l -> memory.labelled.get(l).startMs()).orElse(0L);
                long to = engine.nowMs();
                ZooKeeperHistory h = zk.history();
                long ms = h.unavailableMs(from, to);
                boolean held = (s.atMostMs().isEmpty() || ms <= s.atMostMs().getAsLong())
                        && (s.atLeastMs().isEmpty() || ms >= s.atLeastMs().getAsLong());
                String expected = "writes unavailable for "
                        + (s.atLeastMs().isPresent()
                                ? "at least " + Durations.format(s.atLeastMs().getAsLong())
                                : "")
                        + (s.atLeastMs().isPresent() && s.atMostMs().isPresent() ? " and " : "")
                        + (s.atMostMs().isPresent()
                                ? "at most " + Durations.format(s.atMostMs().getAsLong())
                                : "") + s.since().map(l -> " since '" + l + "'").orElse(" since the start");
                List<ZooKeeperHistory.WriteOutage> windows = h.outagesWithin(from, to);
                String[] lines = windows.stream()
                        .map(w -> "unavailable from " + w.fromMs() + " ms "
                                + (w.toMs().isPresent()
                                        ? "to " + w.toMs().getAsLong() + " ms ("
                                                + (w.toMs().getAsLong() - w.fromMs()) + " ms)"
                                        : "until now"))
                        .toArray(String[]::new);
                return Outcome.of(
                        Check.of(
                                held,
                                expected,
                                ms + " ms in " + windows.size() + " window(s) between " + from + " ms and " + to
                                        + " ms"),
                        lines);
            });
        }

        @Override
        public Outcome visit(Step.ExpectLostWrites s) {
            return onZooKeeper(zk -> {
                List<LostWrite> lost = zk.lostWrites();
                List<String> paths = lost.stream().map(LostWrite::path).toList();
                boolean held = !lost.isEmpty()
                        && (s.count().isEmpty() || s.count().getAsInt() == lost.size())
                        && paths.containsAll(s.paths());
                String expected = (s.count().isPresent() ? s.count().getAsInt() + " lost write(s)" : "lost writes")
                        + (s.paths().isEmpty() ? "" : " including " + s.paths());
                return Outcome.of(
                        Check.of(held, expected, describeLost(lost)),
                        lost.stream().map(LostWrite::detail).toArray(String[]::new));
            });
        }

        @Override
        public Outcome visit(Step.ExpectNoLostWrites s) {
            return onZooKeeper(zk -> {
                List<LostWrite> lost = zk.lostWrites();
                return Outcome.of(Check.of(lost.isEmpty(), "no acknowledged write lost", describeLost(lost)));
            });
        }

        private String describeLost(List<LostWrite> lost) {
            if (lost.isEmpty()) {
                return "no acknowledged write lost";
            }
            return lost.size() + " lost: "
                    + String.join(
                            ", ",
                            lost.stream()
                                    .map(l -> l.path() + "@" + hex(l.zxid()))
                                    .toList());
        }
    }
}
