package dev.zksim.api;

import dev.zksim.cli.ReportRecorder;
import dev.zksim.cli.RunReport;
import dev.zksim.engine.real.RealEngine;
import dev.zksim.engine.real.RealEngineSettings;
import dev.zksim.model.explore.ExploreAction;
import dev.zksim.model.k8s.ClusterSpec;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ManifestLoader;
import dev.zksim.model.manifest.ReconfigStartCommand;
import dev.zksim.model.manifest.Resources;
import dev.zksim.model.scenario.Condition;
import dev.zksim.model.scenario.ManifestRef;
import dev.zksim.model.scenario.NetworkFault;
import dev.zksim.model.scenario.NodeRef;
import dev.zksim.model.scenario.PatchSpec;
import dev.zksim.model.scenario.PodRef;
import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.Step;
import dev.zksim.model.scenario.Timing;
import dev.zksim.model.scenario.engine.ClusterEvent;
import dev.zksim.model.scenario.engine.ClusterView;
import dev.zksim.model.scenario.engine.EngineSetup;
import dev.zksim.model.scenario.engine.NodeView;
import dev.zksim.model.scenario.engine.PodView;
import dev.zksim.model.scenario.engine.ReadOutcome;
import dev.zksim.model.scenario.engine.ZooKeeperClient;
import dev.zksim.model.scenario.run.RunObserver;
import dev.zksim.model.scenario.run.ScenarioRunner;
import dev.zksim.model.scenario.run.StepResult;
import dev.zksim.model.scenario.run.Verdict;
import dev.zksim.model.zab.ConfigMember;
import dev.zksim.model.zab.DynamicConfig;
import dev.zksim.runtime.JvmHostsFile;
import dev.zksim.runtime.RealContainerRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * A real ZooKeeper 3.9.4 ensemble running as a StatefulSet under zksim's Kubernetes control plane, for application
 * tests: created from a manifest ({@link #fromManifest}) or the bundled tutorial one ({@link #bundled}), started with
 * every pod Ready and the ensemble writable, controlled like {@code kubectl}, disrupted with the network faults of
 * {@code zksim run}, queried, and closed.
 *
 * <p>Contract.
 * <ul>
 *   <li>Every operation is a scenario step (docs/scenarios.md) run by the same {@link ScenarioRunner} and real engine
 *       as {@code zksim run --engine real}: {@link #deletePod} returns once the pod object is gone, as
 *       {@code kubectl delete pod} does; {@link #drain}, {@link #rollingUpdate} and {@link #scale} return at once and
 *       the cluster goes on in the background; the {@code await*} methods wait for a condition, bounded.</li>
 *   <li>Durations are Kubernetes time, which passes only while this handle waits ({@code await*}, {@link #runFor},
 *       {@link #deletePod}): between calls the control plane stands still (probes, controllers), while ZooKeeper and
 *       the application's clients run on the wall clock. Kubernetes time runs up to the time scale (default 100)
 *       faster than the wall clock while ZooKeeper is at rest and in real time while servers elect or sync
 *       (docs/real-engine.md).</li>
 *   <li>{@link #connectString()} is the client Service ({@code zk-cs}) as kube-proxy serves it: one stable loopback
 *       address that forwards to Ready pods only and resets connections to a pod that stops being Ready or is
 *       deleted.</li>
 *   <li>Bad use throws at once: an unknown pod or node is an {@link IllegalArgumentException} naming it and the valid
 *       ones, any call after {@link #close()} an {@link IllegalStateException}; an operation the cluster refuses or a
 *       wait that times out is a {@link ClusterOperationException} saying what it found.</li>
 *   <li>The JVM must resolve names through zksim's hosts file (docs/real-engine.md, "Cluster DNS"): {@link
 *       Builder#start()} sets it up when nothing in the JVM resolved a name before, or fails with what to add to the
 *       JVM's command line.</li>
 *   <li>Thread-safe: calls are serialised; the application's own clients may run on any thread meanwhile.</li>
 * </ul>
 */
public final class ZkOnKubernetes implements AutoCloseable {
    /** Where the bundled manifests (the files of {@code k8s-manifests/}) are in the jar. */
    static final String BUNDLED = "dev/zksim/manifests/";

    private final RealEngine engine;
    private final ScenarioRunner.Session session;
    private final ReportRecorder recorder;
    private final EnsembleSpec spec;
    private final long engineStartMs;
    private final List<InetSocketAddress> usedAddresses = new ArrayList<>();
    private int writes;
    /** Whether the client Service was opened (the start got that far). */
    private boolean serviceOpen;

    private boolean closed;
    private LeakReport leaks;

    private ZkOnKubernetes(
            RealEngine engine, ScenarioRunner.Session session, ReportRecorder recorder, EnsembleSpec spec) {
        this.engine = engine;
        this.session = session;
        this.recorder = recorder;
        this.spec = spec;
        this.engineStartMs = engine.nowMs();
    }

    /**
     * The manifests of {@code k8s-manifests/} the jar bundles (the build copies every {@code *.yaml} there), for the
     * message that lists them; a manifest added there is one more name here ({@code ZkOnKubernetesTests} fails until
     * the two agree).
     */
    static final List<String> BUNDLED_MANIFESTS = List.of(
            "zookeeper.yaml",
            "zookeeper-5.yaml",
            "zookeeper-local.yaml",
            "zookeeper-observers.yaml",
            "zookeeper-parallel.yaml",
            "zookeeper-reconfig.yaml",
            "zookeeper-serving-probe.yaml");

    /** How long {@link #members()} waits for the leader's answer (wall time, as the scenario runner's reads). */
    private static final long CONFIG_READ_TIMEOUT_MS = 10_000;

    /** The tutorial's manifest ({@code k8s-manifests/zookeeper.yaml}), bundled in the jar. */
    public static Builder bundled() {
        return bundled("zookeeper.yaml");
    }

    /**
     * A manifest of {@code k8s-manifests/} bundled in the jar by file name: {@code zookeeper.yaml} (the tutorial),
     * {@code zookeeper-parallel.yaml}, {@code zookeeper-5.yaml}, {@code zookeeper-local.yaml},
     * {@code zookeeper-serving-probe.yaml}, and {@code zookeeper-reconfig.yaml} and {@code zookeeper-observers.yaml}, whose pods join and leave by
     * ZooKeeper's dynamic reconfiguration (its start script and preStop hook run as in {@code zksim run --engine
     * real}, docs/real-engine.md): {@link #scale} then changes the members, and {@link #members()} reads them.
     *
     * @throws IllegalArgumentException for a name that is not bundled
     */
    public static Builder bundled(String fileName) {
        String resource = BUNDLED + fileName;
        try (InputStream in = ZkOnKubernetes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null || fileName.contains("/")) {
                throw new IllegalArgumentException("no bundled manifest '" + fileName + "': the bundled ones are "
                        + String.join(", ", BUNDLED_MANIFESTS));
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Builder(
                    Path.of(fileName),
                    ManifestLoader.load(Path.of(fileName), yaml).spec());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled manifest " + resource, e);
        }
    }

    /**
     * A manifest file, loaded as {@code kubectl apply} with strict validation would accept it.
     *
     * @throws dev.zksim.model.InvalidInputException naming the file, line and field of the first problem
     */
    public static Builder fromManifest(Path manifest) {
        return new Builder(manifest, ManifestLoader.loadStrict(manifest));
    }

    /** How the ensemble is started; not thread-safe. */
    public static final class Builder {
        private final Path manifest;
        private EnsembleSpec spec;
        private OptionalInt nodes = OptionalInt.empty();
        private double timeScale = RealEngineSettings.DEFAULT_TIME_SCALE;
        private long seed = Scenario.DEFAULT_SEED;
        private boolean faultLayer = true;
        private Duration startTimeout = Duration.ofMinutes(10);

        private Builder(Path manifest, EnsembleSpec spec) {
            this.manifest = manifest;
            this.spec = spec;
        }

        /** The cluster's nodes, {@code node-1} .. {@code node-N} (default replicas + 1, so a drain can move a pod). */
        public Builder nodes(int count) {
            if (count < 1 || count > 250) {
                throw new IllegalArgumentException("nodes: 1 to 250, got " + count);
            }
            nodes = OptionalInt.of(count);
            return this;
        }

        /**
         * Replicas and start-zookeeper's {@code --servers} both set to {@code count} (default: the manifest's). For a
         * manifest whose pods run {@code zk-reconfig-start} only the replicas: its members come from the running
         * ensemble, and the script refuses {@code --servers}.
         */
        public Builder servers(int count) {
            if (count < 1 || count > 255) {
                throw new IllegalArgumentException("servers: 1 to 255, got " + count);
            }
            boolean dynamic = ReconfigStartCommand.runs(
                    spec.statefulSet().template().container().command());
            spec = ScenarioRunner.patched(
                    spec,
                    new PatchSpec(
                            Optional.empty(),
                            OptionalLong.empty(),
                            Optional.empty(),
                            OptionalLong.empty(),
                            Optional.empty(),
                            dynamic ? Map.of() : Map.of("servers", Integer.toString(count)),
                            OptionalInt.of(count),
                            OptionalInt.empty()));
            return this;
        }

        /** The ensemble as it will be applied (for tests of this package). */
        EnsembleSpec spec() {
            return spec;
        }

        /** The manifest changed before it is applied (e.g. {@code StatefulSetPatch.flag("tick_time", "1000")}). */
        public Builder patch(StatefulSetPatch patch) {
            spec = ScenarioRunner.patched(spec, patch.spec());
            return this;
        }

        /** Kubernetes time per wall time while ZooKeeper is at rest (default 100; 1 = real time; at most 1000). */
        public Builder timeScale(double scale) {
            if (!(scale > 0) || scale > RealEngineSettings.MAX_TIME_SCALE) {
                throw new IllegalArgumentException("time scale: above 0, at most 1000; got " + scale);
            }
            timeScale = scale;
            return this;
        }

        /** The control plane's seed (pod IPs, scheduling ties); default 1. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /**
         * Whether the network-fault layer is in place (default true): {@link ZkOnKubernetes#partition},
         * {@link ZkOnKubernetes#isolate}, {@link ZkOnKubernetes#pause} and {@link ZkOnKubernetes#failNode}'s silent
         * power loss need it; without it each connection saves one forwarding hop. It works with the reconfig
         * manifests too: each server's own addresses are its pod's published IP, as the committed config names them
         * (docs/real-engine.md, "Network faults").
         */
        public Builder faultLayer(boolean on) {
            faultLayer = on;
            return this;
        }

        /** How long (Kubernetes time) {@link #start()} waits for all pods Ready and writes; default 10 minutes. */
        public Builder startTimeout(Duration timeout) {
            startTimeout = positive(timeout, "startTimeout");
            return this;
        }

        /**
         * Applies the manifest and waits until every replica is Ready and a write through the client Service would be
         * acknowledged.
         *
         * @throws ClusterOperationException when that does not happen within the start timeout (the ensemble is closed)
         * @throws IllegalStateException when this JVM cannot host real servers (its name resolution)
         */
        public ZkOnKubernetes start() {
            int replicas = spec.statefulSet().replicas();
            ClusterSpec cluster = ClusterSpec.uniform(
                    nodes.orElse(replicas + 1), "node", new Resources(4_000, 16L * 1024 * 1024 * 1024));
            Scenario scenario = new Scenario(
                    manifest,
                    "zksim API: " + manifest.getFileName(),
                    "an ensemble started through dev.zksim.api.ZkOnKubernetes",
                    new ManifestRef(manifest.toString(), manifest),
                    Optional.empty(),
                    cluster,
                    OptionalLong.of(seed),
                    Timing.DEFAULTS,
                    List.of());
            if (System.getProperty(JvmHostsFile.HOSTS_FILE_PROPERTY) == null) {
                JvmHostsFile.bootstrap();
            }
            RealEngine engine;
            try {
                engine = RealEngine.create(
                        new EngineSetup(cluster, Timing.DEFAULTS, seed),
                        RealEngineSettings.defaults()
                                .withTimeScale(timeScale)
                                .withProbeWrites(false)
                                .withFaultLayer(faultLayer));
            } catch (dev.zksim.model.InvalidInputException e) {
                throw new IllegalStateException(e.getMessage() + " Add the flags of JvmHostsFile.forkArguments(dir) to"
                        + " the test JVM's command line (surefire: argLine), see docs/api.md.");
            }
            ZkOnKubernetes zk = null;
            try {
                ReportRecorder recorder = new ReportRecorder(RunObserver.NONE);
                EnsembleSpec applied = spec;
                ScenarioRunner.Session session =
                        ScenarioRunner.create(engine, recorder, path -> applied).open(scenario, seed);
                zk = new ZkOnKubernetes(engine, session, recorder, applied);
                zk.run(new Step.Apply(at(), Optional.empty()));
                zk.await(
                        new Condition.AllOf(List.of(new Condition.AllReady(), new Condition.Writable())),
                        startTimeout,
                        "all pods Ready and the ensemble writable");
                zk.engine.clientService();
                zk.serviceOpen = true;
                return zk;
            } catch (RuntimeException e) {
                if (zk != null) {
                    zk.close();
                } else {
                    engine.close();
                }
                throw e;
            }
        }
    }

    // ---------------------------------------------------------------- kubectl

    /** {@code kubectl delete pod NAME}: returns once that pod object is gone (the StatefulSet makes a new one). */
    public synchronized void deletePod(String pod) {
        requirePod(pod);
        run(new Step.DeletePod(at(), new PodRef.Named(pod), false, OptionalLong.empty(), true));
    }

    /**
     * {@code kubectl delete pod NAME --force --grace-period=0}: the pod object goes at once, whatever its container
     * does; the StatefulSet makes a new one.
     */
    public synchronized void forceDeletePod(String pod) {
        requirePod(pod);
        run(new Step.DeletePod(at(), new PodRef.Named(pod), true, OptionalLong.of(0), true));
    }

    /** Kills the pod's ZooKeeper process (the kubelet restarts the container). */
    public synchronized void killProcess(String pod) {
        requirePod(pod);
        run(new Step.KillProcess(at(), new PodRef.Named(pod)));
    }

    /**
     * {@code kubectl drain NODE} in the background: cordons the node and evicts its pods through the Eviction API, so
     * the PodDisruptionBudget is honoured (refused evictions are retried, up to 5 minutes); returns at once. See
     * {@link #awaitDrained}.
     */
    public synchronized void drain(String node) {
        requireNode(node);
        run(new Step.Drain(at(), new NodeRef.NodeNamed(node), 5 * 60_000));
    }

    /** Waits until the latest drain evicted every pod. */
    public synchronized void awaitDrained(Duration timeout) {
        await(
                new Condition.DrainReached(Optional.empty(), Condition.DrainGoal.SUCCEEDED),
                timeout,
                "the drain succeeded");
    }

    /** {@code kubectl cordon NODE}. */
    public synchronized void cordon(String node) {
        requireNode(node);
        run(new Step.Cordon(at(), new NodeRef.NodeNamed(node)));
    }

    /** {@code kubectl uncordon NODE}. */
    public synchronized void uncordon(String node) {
        requireNode(node);
        run(new Step.Uncordon(at(), new NodeRef.NodeNamed(node)));
    }

    /**
     * {@code kubectl patch sts}: a template change starts a rolling update (one pod at a time, highest ordinal first);
     * returns at once. See {@link #awaitRolledOut}.
     */
    public synchronized void rollingUpdate(StatefulSetPatch patch) {
        run(new Step.Patch(at(), patch.spec()));
    }

    /** Waits until every replica runs the update revision and is Ready ({@code kubectl rollout status}). */
    public synchronized void awaitRolledOut(Duration timeout) {
        await(new Condition.RolloutComplete(), timeout, "the rollout complete");
    }

    /** {@code kubectl scale sts --replicas=N}; returns at once. */
    public synchronized void scale(int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be 0 or more, got " + replicas);
        }
        run(new Step.Scale(at(), replicas));
    }

    /**
     * {@code zkCli.sh reconfig -add/-remove} through the client Service (the scenario step {@code reconfig}): the
     * servers of the pods in {@code add} join as participants, those of {@code remove} leave; returns once the new
     * configuration is committed. Needs an ensemble with reconfig enabled ({@code zookeeper-reconfig.yaml}).
     *
     * @throws ClusterOperationException when ZooKeeper refuses it or does not commit it within 30 s
     */
    public synchronized void reconfig(List<String> add, List<String> remove) {
        add.forEach(this::requirePod);
        if (add.isEmpty() && remove.isEmpty()) {
            throw new IllegalArgumentException("a reconfig adds or removes at least one pod");
        }
        run(new Step.Reconfig(at(), Optional.empty(), add, remove, List.of(), 30_000));
    }

    // ---------------------------------------------------------------- faults (docs/scenarios.md, "Network faults")

    /**
     * No traffic between the groups of pods; pods not named form one more group, and the clients sit with the largest
     * group.
     */
    @SafeVarargs
    public final synchronized void partition(List<String>... groups) {
        List<java.util.SortedSet<String>> g = new ArrayList<>();
        for (List<String> group : groups) {
            group.forEach(this::requirePod);
            g.add(new TreeSet<>(group));
        }
        if (g.isEmpty()) {
            throw new IllegalArgumentException("a partition needs at least one group of pods");
        }
        run(new Step.Fault(at(), "partition", new NetworkFault.Partition(g, Optional.empty())));
    }

    /**
     * Cuts the clients (every connection through the Service or to a pod's client port) from every pod; the pods
     * still reach each other. Sockets stay open and silent, as on a dead path, until {@link #heal()}.
     */
    public synchronized void partitionClients() {
        TreeSet<String> pods = new TreeSet<>();
        view().pods().forEach(p -> pods.add(p.name()));
        run(new Step.Fault(at(), "partition", new NetworkFault.Cut(List.of(pods), 1)));
    }

    /** The pod cut from every other pod and from the clients. */
    public synchronized void isolate(String pod) {
        requirePod(pod);
        run(new Step.Fault(at(), "isolate", new NetworkFault.Isolate(pod)));
    }

    /** Partitions, isolations, slow and dropped links are gone (paused processes stay paused). */
    public synchronized void heal() {
        run(new Step.Fault(at(), "heal", new NetworkFault.Heal()));
    }

    /** The pod's process freezes (SIGSTOP): sockets open, nothing answered, probes fail. */
    public synchronized void pause(String pod) {
        requirePod(pod);
        run(new Step.Fault(at(), "pause-process", new NetworkFault.Pause(pod)));
    }

    /** A paused process runs again. */
    public synchronized void resume(String pod) {
        requirePod(pod);
        run(new Step.Fault(at(), "resume-process", new NetworkFault.Resume(pod)));
    }

    /** The node loses power: its pods' links fall silent, the node controller marks it NotReady after its grace. */
    public synchronized void failNode(String node) {
        requireNode(node);
        run(new Step.FailNode(at(), new NodeRef.NodeNamed(node)));
    }

    /** A failed node comes back. */
    public synchronized void recoverNode(String node) {
        requireNode(node);
        run(new Step.RecoverNode(at(), new NodeRef.NodeNamed(node)));
    }

    // ---------------------------------------------------------------- waits

    /** Waits until a write through the client Service would be acknowledged. */
    public synchronized void awaitWritable(Duration timeout) {
        await(new Condition.Writable(), timeout, "the ensemble writable");
    }

    /** Waits until every replica exists and is Ready. */
    public synchronized void awaitReady(Duration timeout) {
        await(new Condition.AllReady(), timeout, "all pods Ready");
    }

    /** Waits until one server leads with a quorum; returns its pod. */
    public synchronized String awaitLeader(Duration timeout) {
        await(new Condition.LeaderElected(), timeout, "a leader elected");
        return leader().orElseThrow(() -> new ClusterOperationException("a leader was elected but none leads now"));
    }

    /**
     * Waits until the voting members ({@link #members()}) are exactly {@code pods}, in any order: after {@link #scale}
     * of {@code zookeeper-reconfig.yaml} each new pod's start script adds its server once it serves (a try every 2 s),
     * and each removed pod's preStop hook removes it before its container stops.
     */
    public synchronized void awaitMembers(List<String> pods, Duration timeout) {
        long ms = positive(timeout, "timeout").toMillis();
        TreeSet<String> want = new TreeSet<>(pods);
        long until = engine.nowMs() + ms;
        Optional<List<String>> seen = Optional.empty();
        while (true) {
            seen = tryMembers().map(DynamicConfigView::voters);
            if (seen.isPresent() && new TreeSet<>(seen.get()).equals(want)) {
                return;
            }
            long left = until - engine.nowMs();
            if (left <= 0) {
                throw new ClusterOperationException("expected the members " + want + " within " + timeout
                        + " (Kubernetes time): " + seen.map(m -> "members " + m).orElse("no leader answered")
                        + "; pods: " + podsLine());
            }
            // Kubernetes time moves only while this handle waits: let the scripts' next tries happen
            run(new Step.WaitFor(at(), Math.min(left, MEMBERS_POLL_MS)));
        }
    }

    /** How much Kubernetes time {@link #awaitMembers} lets pass between two reads (the scripts try every 2 s). */
    private static final long MEMBERS_POLL_MS = 500;

    /** Lets {@code duration} of Kubernetes time pass (probes, controllers, drains go on). */
    public synchronized void runFor(Duration duration) {
        run(new Step.WaitFor(at(), positive(duration, "duration").toMillis()));
    }

    // ---------------------------------------------------------------- queries

    /**
     * The client Service's address as a ZooKeeper connect string ({@code 127.a.b.1:2181}): what an application in the
     * cluster reaches as {@code zk-cs:2181}. Stable for the life of this handle.
     */
    public synchronized String connectString() {
        requireOpen();
        return engine.clientService().connectString();
    }

    /** The Service's Ready endpoints now: pod name → address. */
    public synchronized SortedMap<String, InetSocketAddress> serviceEndpoints() {
        requireOpen();
        return engine.clientService().endpoints();
    }

    /** The pod behind each client connection open through the Service now, sorted. */
    public synchronized List<String> serviceConnections() {
        requireOpen();
        return engine.clientService().connections();
    }

    /** How many client connections the Service routed to each pod so far. */
    public synchronized SortedMap<String, Integer> serviceRoutedCounts() {
        requireOpen();
        return engine.clientService().routedCounts();
    }

    /**
     * The voting members of the committed configuration, as pod names in server-id order: {@code /zookeeper/config}
     * read from the leader after a sync ({@code zkCli.sh config}; the scenario step {@code expect-members} reads the
     * same). For a static ensemble, the servers of its zoo.cfg.
     *
     * @throws ClusterOperationException when no server leads or it does not answer
     */
    public synchronized List<String> members() {
        return config().voters();
    }

    /** The observers of the committed configuration ({@code server.N=...:observer}), as pod names; often none. */
    public synchronized List<String> observers() {
        return config().observers();
    }

    private DynamicConfigView config() {
        requireOpen();
        return tryMembers()
                .orElseThrow(() -> new ClusterOperationException("no leader answered with /zookeeper/config; leader "
                        + leader().orElse("none") + "; pods: " + podsLine()));
    }

    /** The committed config as the leader states it, or empty when none leads or it does not answer. */
    private Optional<DynamicConfigView> tryMembers() {
        Optional<ZooKeeperClient> z = engine.zooKeeper();
        Optional<String> leader = z.flatMap(ZooKeeperClient::leader);
        if (leader.isEmpty()) {
            return Optional.empty();
        }
        ReadOutcome r = z.get().read(leader.get(), "/zookeeper/config", true, CONFIG_READ_TIMEOUT_MS);
        if (r instanceof ReadOutcome.ReadFound f) {
            return DynamicConfig.parse(f.value()).map(DynamicConfigView::of);
        }
        return Optional.empty();
    }

    /** A committed config's voters and observers as pod names ({@code zk-3.zk-hs...} is zk-3), by server id. */
    private record DynamicConfigView(List<String> voters, List<String> observers) {
        static DynamicConfigView of(DynamicConfig c) {
            List<String> voters = new ArrayList<>();
            List<String> observers = new ArrayList<>();
            for (ConfigMember m : c.members().values()) {
                String host = m.host();
                int dot = host.indexOf('.');
                (m.observer() ? observers : voters).add(dot < 0 ? host : host.substring(0, dot));
            }
            return new DynamicConfigView(List.copyOf(voters), List.copyOf(observers));
        }
    }

    /** The pod whose server leads and serves, if exactly one does. */
    public synchronized Optional<String> leader() {
        requireOpen();
        return engine.zooKeeper().flatMap(ZooKeeperClient::leader);
    }

    /**
     * {@code kubectl exec POD -- sh -c "echo WORD | nc localhost 2181"}: the server's own answer to a four-letter word
     * ({@code srvr}, {@code mntr}, ...), asked inside the pod (a network fault does not stop it); empty when nothing
     * listens.
     */
    public synchronized String exec(String pod, dev.zksim.model.scenario.FourLetterWord word) {
        requirePod(pod);
        return engine.zooKeeper().map(z -> z.fourLetterWord(pod, word)).orElse("");
    }

    /** The StatefulSet's pods now, as {@code kubectl get pods -o wide} lists them. */
    public synchronized List<PodView> pods() {
        return view().pods();
    }

    /** The nodes, by name. */
    public synchronized List<NodeView> nodes() {
        return view().nodes();
    }

    /** The node pod {@code pod} is bound to. */
    public synchronized String nodeOf(String pod) {
        requirePod(pod);
        return view().pod(pod)
                .flatMap(PodView::node)
                .orElseThrow(() -> new ClusterOperationException("pod " + pod + " is not scheduled to a node yet"));
    }

    /** Every Kubernetes event so far ({@code kubectl get events}), in order. */
    public synchronized List<ClusterEvent> events() {
        requireOpen();
        return session.result().events();
    }

    /** The ensemble as applied (after {@link Builder#servers}/{@link Builder#patch}). */
    public EnsembleSpec spec() {
        return spec;
    }

    /** Kubernetes milliseconds since the start. */
    public synchronized long nowMs() {
        requireOpen();
        return engine.nowMs() - engineStartMs;
    }

    /**
     * Writes the HTML report of everything so far — pod lanes, leader, write availability, each operation as a step
     * — into {@code dir}, as {@code zksim run --report} does (docs/report.md), with each pod's log under
     * {@code dir/logs/}. Returns the page.
     */
    public synchronized Path report(Path dir) {
        requireOpen();
        dev.zksim.report.HtmlReport.checkTarget(dir);
        return RunReport.write(dir, session.result(), engine, recorder);
    }

    // ---------------------------------------------------------------- explore interop

    /**
     * Performs one action of {@code zksim explore} (the arbitraries of
     * {@link dev.zksim.model.explore.ExploreArbitraries}) on this ensemble, its targets resolved now ("the leader's
     * node" is the node of whichever pod leads now). Returns false when the target does not exist now (no leader, no
     * cordoned node, ...) or the cluster refused the action, as explore records it and goes on.
     */
    public synchronized boolean perform(ExploreAction action) {
        requireOpen();
        Optional<Step> step = new ExploreSteps(this).step(action);
        if (step.isEmpty()) {
            return false;
        }
        return session.step(step.get()).verdict() != Verdict.FAILED;
    }

    // ---------------------------------------------------------------- close

    /**
     * Stops every server, client, forwarder and the control plane, frees the subnet, the DNS names and the
     * directories, then checks that nothing is left ({@link #leaks()}). Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        String domain = "";
        Path dir = engine.directory();
        Optional<dev.zksim.runtime.net.ServiceForwarder> service = Optional.empty();
        try {
            Optional<RealContainerRuntime> r = engine.containers();
            if (r.isPresent()) {
                domain = r.get().dns().clusterDomain();
                for (PodView p : engine.view().pods()) { // not view(): this handle is closed already
                    r.get().podIp(p.name()).ifPresent(ip -> {
                        var zk = spec.statefulSet().template().container().zk();
                        usedAddresses.add(new InetSocketAddress(ip, zk.clientPort()));
                        usedAddresses.add(new InetSocketAddress(ip, zk.serverPort()));
                        usedAddresses.add(new InetSocketAddress(ip, zk.electionPort()));
                    });
                }
                if (serviceOpen) {
                    service = Optional.of(engine.clientService());
                    usedAddresses.add(service.get().address());
                }
            }
            session.finish();
        } catch (RuntimeException e) {
            // the engine may have failed; close it anyway and report what is left
        } finally {
            engine.close();
        }
        TreeSet<String> threads = new TreeSet<>(engine.leakedThreads());
        service.ifPresent(f -> threads.addAll(f.liveThreadNames()));
        leaks = new LeakReport(List.copyOf(threads), stillListening(), dnsNames(domain), existing(dir));
    }

    /**
     * What the closed ensemble left behind (threads, listening sockets, DNS names, directories).
     *
     * @throws IllegalStateException before {@link #close()}
     */
    public synchronized LeakReport leaks() {
        if (!closed) {
            throw new IllegalStateException("leaks() is known after close()");
        }
        return leaks;
    }

    /** Whether {@link #close()} was called. */
    public synchronized boolean isClosed() {
        return closed;
    }

    private List<String> stillListening() {
        List<String> l = new ArrayList<>();
        for (InetSocketAddress a : usedAddresses) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(a); // fails while anything still listens there
            } catch (IOException e) {
                l.add(a.getAddress().getHostAddress() + ":" + a.getPort());
            }
        }
        return l;
    }

    private static List<String> dnsNames(String domain) {
        if (domain.isEmpty()) {
            return List.of();
        }
        return JvmHostsFile.get()
                .render()
                .lines()
                .filter(line -> line.contains("." + domain))
                .toList();
    }

    private static List<String> existing(Path dir) {
        return Files.exists(dir) ? List.of(dir.toString()) : List.of();
    }

    // ---------------------------------------------------------------- internals

    static Step.Origin at() {
        return Step.Origin.line(0);
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration, got " + d);
        }
        return d;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this ZkOnKubernetes is closed: no call after close()");
        }
    }

    ClusterView view() {
        requireOpen();
        return engine.view();
    }

    RealEngine engine() {
        return engine;
    }

    void requirePod(String pod) {
        ClusterView v = view();
        if (pod == null || v.pod(pod).isEmpty()) {
            throw new IllegalArgumentException("no pod '" + pod + "' in the cluster; its pods are "
                    + v.pods().stream().map(PodView::name).toList());
        }
    }

    void requireNode(String node) {
        ClusterView v = view();
        if (node == null || v.node(node).isEmpty()) {
            throw new IllegalArgumentException("no node '" + node + "' in the cluster; its nodes are "
                    + v.nodes().stream().map(NodeView::name).toList());
        }
    }

    /** The next znode path for an explore write. */
    String nextWritePath() {
        return "/zksim-api-write-" + (++writes);
    }

    private StepResult run(Step step) {
        requireOpen();
        StepResult r = session.step(step);
        if (r.verdict() == Verdict.FAILED || r.verdict() == Verdict.SKIPPED) {
            throw new ClusterOperationException(step.describe() + ": "
                    + r.expected().map(e -> "expected " + e + "; ").orElse("")
                    + r.actual().orElse("refused") + " (pods: " + podsLine() + ")");
        }
        return r;
    }

    private void await(Condition c, Duration timeout, String what) {
        long ms = positive(timeout, "timeout").toMillis();
        requireOpen();
        StepResult r = session.step(new Step.WaitUntil(at(), c, ms));
        if (r.verdict() != Verdict.HELD) {
            throw new ClusterOperationException("expected " + what + " within " + timeout + " (Kubernetes time): "
                    + r.actual().orElse("it did not hold") + "; leader " + leader().orElse("none") + "; pods: "
                    + podsLine());
        }
    }

    private String podsLine() {
        List<String> l = new ArrayList<>();
        for (PodView p : engine.view().pods()) {
            l.add(p.name() + " " + p.readyColumn() + " " + p.status()
                    + p.node().map(n -> " on " + n).orElse(""));
        }
        return String.join(", ", l);
    }

    @Override
    public String toString() {
        return "ZkOnKubernetes[" + (closed ? "closed" : engine.clientService().connectString()) + "]";
    }

    /** The node that failed first by name, for explore's {@code recover a failed node}. */
    Optional<String> firstNode(java.util.function.Predicate<NodeView> which) {
        return view().nodes().stream()
                .filter(which)
                .map(NodeView::name)
                .sorted()
                .findFirst();
    }

    /** Whether the pod's process is paused now. */
    boolean isPaused(String pod) {
        return engine.containers()
                .flatMap(RealContainerRuntime::faults)
                .map(f -> f.isPaused(pod))
                .orElse(false);
    }
}
