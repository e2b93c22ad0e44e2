package dev.zksim.engine.real;

import dev.zksim.model.k8s.ContainerLaunch;
import dev.zksim.model.k8s.ContainerRuntime;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.Probe;
import dev.zksim.model.manifest.ServiceSpec;
import dev.zksim.model.manifest.ZkConfig;
import dev.zksim.model.scenario.NetworkFault;
import dev.zksim.model.scenario.cluster.ZooKeeperBackend;
import dev.zksim.model.scenario.engine.ClientTarget;
import dev.zksim.model.scenario.engine.EngineRejection;
import dev.zksim.model.scenario.engine.ServerLog;
import dev.zksim.model.scenario.engine.ZooKeeperClient;
import dev.zksim.runtime.ElectionReport;
import dev.zksim.runtime.FileTrees;
import dev.zksim.runtime.QuorumPeerStatus;
import dev.zksim.runtime.RealContainerRuntime;
import dev.zksim.runtime.RuntimeOptions;
import dev.zksim.runtime.WallClockScheduler;
import dev.zksim.runtime.net.FaultNetwork;
import dev.zksim.runtime.net.LinkRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Real ZooKeeper servers as the {@link RealEngine}'s backend: the containers of {@link RealContainerRuntime}, the
 * {@link RealClient} port to them, and what is measured about them ({@link ServerWatch}, {@link WriteProbe},
 * ZooKeeper's own election reports).
 *
 * <p>The runtime needs the ensemble (its namespace and Services name the cluster DNS), which arrives with the first
 * {@code apply}; until then the kubelet has nothing to start. Later applies must keep the namespace and the Services
 * (one DNS zone per simulation). The simulation's directory is a fresh temporary directory, removed on close unless
 * {@link RealEngineSettings#keep()} (a report copies the pods' logs itself, before the close).
 *
 * <p>Threads: {@link #runtime()} is called on the control plane's thread; the client port on the runner's thread; the
 * watch and the probe run on their own threads. Fields shared between them are volatile or guarded by this.
 */
final class RealBackend implements ZooKeeperBackend {
    private final WallClockScheduler scheduler;
    private final RealEngineSettings settings;
    private final String clusterDomain;
    private final long startEpochMs;
    private final long startNanos;
    private final Path root;
    private final Containers containers = new Containers();
    private final RealClient client;
    private final ServerWatch watch;
    private final WriteProbe probe;
    private final Pacer pacer;
    private volatile RealContainerRuntime runtime;
    private volatile EnsembleSpec spec;
    // guarded by this
    private int electionsLogged;
    private int electionsInFacts;
    private long stepStartNanos;
    private boolean closed;
    private List<String> leakedThreads = List.of();

    RealBackend(WallClockScheduler scheduler, RealEngineSettings settings, String clusterDomain) {
        this.scheduler = scheduler;
        this.settings = settings;
        this.clusterDomain = clusterDomain;
        this.startEpochMs = System.currentTimeMillis();
        this.startNanos = System.nanoTime();
        this.pacer = new Pacer(scheduler, settings.timeScale(), maxBusyMs(20_000));
        this.stepStartNanos = startNanos;
        try {
            this.root = Files.createTempDirectory("zksim-real-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the simulation's directory", e);
        }
        this.client = new RealClient(this);
        this.watch = new ServerWatch(this::sample, scheduler::nowMs);
        this.probe = new WriteProbe(
                () -> Optional.ofNullable(runtime).map(RealContainerRuntime::clients),
                this::serviceTarget,
                scheduler::nowMs);
        probe.setEnabled(settings.probeWrites());
    }

    // ---------------------------------------------------------------- ZooKeeperBackend

    @Override
    public ContainerRuntime runtime() {
        return containers;
    }

    @Override
    public Optional<ZooKeeperClient> client() {
        return Optional.of(client);
    }

    /** ZooKeeper's election reports since the last call, as the servers' log lines of the timeline. */
    @Override
    public synchronized List<ServerLog> drainLog() {
        RealContainerRuntime r = runtime;
        if (r == null) {
            return List.of();
        }
        List<ElectionReport> all = r.elections();
        List<ServerLog> out = new ArrayList<>();
        for (ElectionReport e : all.subList(Math.min(electionsLogged, all.size()), all.size())) {
            out.add(new ServerLog(
                    engineMs(e.atEpochMs()),
                    e.pod(),
                    e.role() + " (election took " + e.electionTimeMs() + " ms, as ZooKeeper reports it)"));
        }
        electionsLogged = all.size();
        return out;
    }

    /**
     * Facts about the step that just ended, measured on the wall clock: its duration, ZooKeeper's election reports,
     * probes that ended, and how long writes were unavailable. Keys (sorted): {@code disruptionToFirstWriteMs},
     * {@code disruptions}, {@code electionMs}, {@code elections}, {@code wallEndMs}, {@code wallMs},
     * {@code writesUnavailableMs}; see docs/real-engine.md.
     */
    @Override
    public synchronized SortedMap<String, String> factsAfterStep() {
        long now = System.nanoTime();
        TreeMap<String, String> facts = new TreeMap<>();
        facts.put("wallMs", Long.toString(TimeUnit.NANOSECONDS.toMillis(now - stepStartNanos)));
        facts.put("wallEndMs", Long.toString(TimeUnit.NANOSECONDS.toMillis(now - startNanos)));
        long unavailable = watch.unavailableWallMs(stepStartNanos, now);
        if (unavailable > 0) {
            facts.put("writesUnavailableMs", Long.toString(unavailable));
        }
        RealContainerRuntime r = runtime;
        if (r != null) {
            List<ElectionReport> all = r.elections();
            List<ElectionReport> step = all.subList(Math.min(electionsInFacts, all.size()), all.size());
            if (!step.isEmpty()) {
                facts.put(
                        "elections",
                        step.stream()
                                .map(e -> e.pod() + " " + e.role() + " " + e.electionTimeMs() + " ms")
                                .collect(Collectors.joining("; ")));
                step.stream()
                        .filter(ElectionReport::isLeader)
                        .reduce((a, b) -> b)
                        .ifPresent(e -> facts.put("electionMs", Long.toString(e.electionTimeMs())));
            }
            electionsInFacts = all.size();
        }
        List<ProbeResult> probes = probe.drainFinished();
        if (!probes.isEmpty()) {
            facts.put(
                    "disruptions",
                    probes.stream()
                            .map(p -> "#" + p.number() + " " + String.join(", ", p.disruptions()) + ": " + p.note())
                            .collect(Collectors.joining("; ")));
            facts.put(
                    "disruptionToFirstWriteMs",
                    probes.stream()
                            .map(p -> p.firstWriteMs().isPresent()
                                    ? Long.toString(p.firstWriteMs().getAsLong())
                                    : "none")
                            .collect(Collectors.joining(", ")));
        }
        stepStartNanos = now;
        return facts;
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Opens the runtime for {@code next} on its first apply; checks that later applies keep what the runtime was opened
     * with. Called on the runner's thread before the control plane sees the apply.
     *
     * @throws EngineRejection when a later manifest changes the namespace or the Services
     */
    synchronized void applying(EnsembleSpec next) {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        if (runtime == null) {
            runtime = RealContainerRuntime.open(
                    next,
                    scheduler,
                    RuntimeOptions.defaults()
                            .withRoot(root)
                            .withKeep(true)
                            .withClusterDomain(clusterDomain)
                            .withFaultLayer(settings.faultLayer()));
            runtime.setExitListener(containers.exitListener);
            runtime.setPreStopListener(new RealContainerRuntime.PreStopListener() {
                @Override
                public void started(String pod) {
                    pacer.hookStarted();
                }

                @Override
                public void ended(String pod) {
                    pacer.hookEnded();
                }

                @Override
                public void joinTryStarted(String pod) {
                    pacer.hookStarted();
                }

                @Override
                public void joinTryEnded(String pod) {
                    pacer.hookEnded();
                }
            });
        } else if (!next.namespace().equals(spec.namespace())
                || !next.statefulSet().serviceName().equals(spec.statefulSet().serviceName())
                || !serviceNames(next).equals(serviceNames(spec))) {
            throw new EngineRejection("the real engine keeps one cluster DNS zone per run: a later manifest must keep "
                    + "the namespace (" + spec.namespace() + ") and the Services (" + serviceNames(spec) + ")");
        }
        spec = next;
        ZkConfig zk = next.statefulSet().template().container().zk();
        pacer.setMaxBusyMs(maxBusyMs((long) zk.tickTimeMs() * zk.initLimit()));
        probe.setEnabled(settings.probeWrites());
    }

    /**
     * The longest ZooKeeper may keep Kubernetes time at real time: three initLimit waits (a leader's discovery waits
     * for epochs, epoch acknowledgements and NEWLEADER acknowledgements, each up to tickTime × initLimit) and 10 s.
     */
    static long maxBusyMs(long initLimitMs) {
        return 3 * initLimitMs + 10_000;
    }

    /** The session time-out the engine's clients ask for (ZkClients); a silent server is noticed within it. */
    private static final long CLIENT_SESSION_TIMEOUT_MS = 10_000;

    /**
     * How long after a link falls silent ZooKeeper may still change by itself: a follower's read time-out and the
     * leader's ACK count (syncLimit × tickTime, Learner / Leader.lead), plus one tick for the leader's check to run,
     * or a client's session time-out ({@link #CLIENT_SESSION_TIMEOUT_MS}), whichever is longer.
     */
    long silenceHorizonMs() {
        EnsembleSpec s = spec;
        if (s == null) {
            return 0;
        }
        ZkConfig zk = s.statefulSet().template().container().zk();
        long sync = (long) zk.tickTimeMs() * (zk.syncLimit() + 1);
        return Math.max(sync, CLIENT_SESSION_TIMEOUT_MS);
    }

    /**
     * Applies a fault to the network-fault layer's rules (see {@link LinkRules}); a pause also
     * silences the pod's probes. Every fault that can silence a link keeps Kubernetes time at real time for
     * {@link #silenceHorizonMs()}.
     */
    @Override
    public String networkFault(NetworkFault fault) {
        RealContainerRuntime r = runtime;
        if (r == null) {
            throw new EngineRejection("no manifest applied yet: there is no pod network to cut");
        }
        LinkRules rules = r.faults()
                .orElseThrow(() -> new EngineRejection("the network-fault layer is off in " + "this run: '"
                        + fault.describe() + "' cannot be applied"))
                .rules();
        String note = "";
        if (fault instanceof NetworkFault.Cut c) {
            rules.partition(c.groups(), c.clientGroup());
        } else if (fault instanceof NetworkFault.Heal) {
            if (!rules.heal()) {
                note = "nothing to heal: no partition, slow or dropped link is in place";
            }
        } else if (fault instanceof NetworkFault.Pause p) {
            if (r.status(p.pod()).mode() == QuorumPeerStatus.PeerMode.NOT_RUNNING) {
                return p.pod() + " has no running process: nothing to pause";
            }
            rules.pause(p.pod());
        } else if (fault instanceof NetworkFault.Resume p) {
            if (!rules.resume(p.pod())) {
                return p.pod() + " is not paused: nothing to resume";
            }
        } else if (fault instanceof NetworkFault.SlowLink l) {
            rules.delay(l.from(), l.to(), l.delayMs());
            if (l.both()) {
                rules.delay(l.to(), l.from(), l.delayMs());
            }
        } else if (fault instanceof NetworkFault.DropLink l) {
            rules.drop(l.from(), l.to());
            if (l.both()) {
                rules.drop(l.to(), l.from());
            }
        } else {
            throw new EngineRejection("the real engine cannot apply '" + fault.describe() + "' directly");
        }
        pacer.silenceBegan(silenceHorizonMs());
        return note;
    }

    /** The StatefulSet is being deleted: no probe writes until the next apply. */
    void statefulSetDeleted() {
        probe.setEnabled(false);
    }

    private static List<String> serviceNames(EnsembleSpec s) {
        return s.services().stream().map(ServiceSpec::name).sorted().toList();
    }

    /** Deletes the directory of a volume whose claim is gone; false while a container still uses it. */
    boolean deleteVolume(String volumeId) {
        RealContainerRuntime r = runtime;
        if (r == null) {
            return true;
        }
        return r.deleteVolume(volumeId);
    }

    /**
     * Stops the watch and the probe, closes the runtime (servers, clients, DNS, subnet), copies the logs, and removes
     * the simulation's directory unless kept (or unless threads leaked, which {@link #leakedThreads()} names).
     */
    @Override
    public void close() {
        RealContainerRuntime r;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            r = runtime;
        }
        probe.close();
        watch.close();
        List<String> leaked = List.of();
        if (r != null) {
            r.close();
            leaked = r.leakedThreads();
        }
        synchronized (this) {
            leakedThreads = leaked;
        }
        if (!settings.keep() && leaked.isEmpty()) {
            FileTrees.deleteRecursively(root);
        }
    }

    // ---------------------------------------------------------------- what the engine and the client read

    /** The runtime, once the first apply opened it. */
    Optional<RealContainerRuntime> realRuntime() {
        return Optional.ofNullable(runtime);
    }

    /** The ensemble as last applied. */
    Optional<EnsembleSpec> spec() {
        return Optional.ofNullable(spec);
    }

    RealEngineSettings settings() {
        return settings;
    }

    /** The simulation's directory (volumes/, pods/, logs/). */
    Path root() {
        return root;
    }

    ServerWatch watch() {
        return watch;
    }

    WriteProbe probe() {
        return probe;
    }

    synchronized List<String> leakedThreads() {
        return leakedThreads;
    }

    /** Engine (Kubernetes) milliseconds of a wall-clock instant (ms since the epoch). */
    long engineMs(long epochMs) {
        return scheduler.simulationMsAt(startNanos + TimeUnit.MILLISECONDS.toNanos(epochMs - startEpochMs));
    }

    Pacer pacer() {
        return pacer;
    }

    /**
     * Runs a client operation with Kubernetes time held at real time (see {@link Pacer#holdRealTime()}), so its
     * timeout means the same in engine time and on the wall clock.
     */
    <T> T withRealTime(java.util.function.Supplier<T> operation) {
        pacer.holdRealTime();
        try {
            return operation.get();
        } finally {
            pacer.releaseRealTime();
        }
    }

    /**
     * Wall milliseconds a client operation may take for a scenario timeout of {@code engineMs}: the timeout scaled
     * like every other duration of the scenario, but never below {@link RealClient#MIN_TIMEOUT_WALL_MS}.
     */
    long clientTimeoutWallMs(long engineMs) {
        return Math.max(RealClient.MIN_TIMEOUT_WALL_MS, scheduler.wallMs(engineMs));
    }

    /** The client Service (the manifest's first Service that is not headless), else the governing one. */
    Optional<ClientTarget> serviceTarget() {
        EnsembleSpec s = spec;
        if (s == null) {
            return Optional.empty();
        }
        return s.services().stream()
                .filter(x -> !x.headless())
                .findFirst()
                .map(x -> ClientTarget.service(x.name()))
                .or(() -> Optional.of(ClientTarget.service(s.statefulSet().serviceName())));
    }

    /**
     * The pod whose server leads and serves, when exactly one does (a serving standalone server counts), or, while a
     * removed leader still says it leads, the one its followers follow ({@link QuorumPeerStatus#leaderWritesReach}).
     */
    Optional<String> leader() {
        RealContainerRuntime r = runtime;
        if (r == null) {
            return Optional.empty();
        }
        return QuorumPeerStatus.leaderWritesReach(r.statuses().values()).map(QuorumPeerStatus::pod);
    }

    /**
     * Whether a write through the client Service would be acknowledged now, judged from the servers' state (no write
     * is made): one server leads and serves, the serving servers contain a quorum of the leader's voters
     * ({@link QuorumPeerStatus#hasQuorumAmong}), and the Service publishes at least one serving server.
     */
    boolean writable() {
        return sample().writable();
    }

    private ServerWatch.Sample sample() {
        RealContainerRuntime r = runtime;
        EnsembleSpec s = spec;
        if (r == null || s == null) {
            pacer.observe(true);
            return ServerWatch.Sample.NONE;
        }
        SortedMap<String, QuorumPeerStatus> statuses = r.statuses();
        pacer.observe(atRest(statuses.values()));
        Optional<QuorumPeerStatus> reached = QuorumPeerStatus.leaderWritesReach(statuses.values());
        if (reached.isEmpty()) {
            return ServerWatch.Sample.NONE;
        }
        String leader = reached.get().pod();
        QuorumPeerStatus leaderStatus = reached.get();
        long epoch = Math.max(0, leaderStatus.lastProcessedZxid()) >>> 32;
        Optional<LinkRules> rules = r.faults().map(FaultNetwork::rules).filter(x -> !x.quiet());
        if (rules.isPresent()) {
            // A fault is in place: the servers' own modes lag behind it by up to syncLimit × tickTime (a cut-off
            // leader still says "leader" until its tick finds no quorum), but a write needs the links now — the
            // leader's PROPOSAL and a quorum's ACKs, and a client that reaches a server that reaches the leader.
            List<QuorumPeerStatus> acking = statuses.values().stream()
                    .filter(st -> st.serving()
                            && (st.pod().equals(leader)
                                    ? passes(rules.get(), leader)
                                    : both(rules.get(), st.pod(), leader)))
                    .toList();
            boolean reachable = r.dns().published().keySet().stream()
                    .anyMatch(p -> statuses.containsKey(p)
                            && statuses.get(p).serving()
                            && both(rules.get(), LinkRules.CLIENT, p)
                            && (p.equals(leader) || both(rules.get(), p, leader)));
            return new ServerWatch.Sample(Optional.of(leader), epoch, leaderStatus.hasQuorumAmong(acking) && reachable);
        }
        List<QuorumPeerStatus> serving =
                statuses.values().stream().filter(QuorumPeerStatus::serving).toList();
        boolean published = r.dns().published().keySet().stream()
                .anyMatch(p -> statuses.containsKey(p) && statuses.get(p).serving());
        return new ServerWatch.Sample(Optional.of(leader), epoch, leaderStatus.hasQuorumAmong(serving) && published);
    }

    /** Whether traffic passes both ways between {@code a} and {@code b} now (a slow link passes, late). */
    private static boolean both(LinkRules rules, String a, String b) {
        return rules.verdict(a, b).action() == LinkRules.Action.PASS
                && rules.verdict(b, a).action() == LinkRules.Action.PASS;
    }

    /** Whether the server itself answers (not paused, its machine not off). */
    private static boolean passes(LinkRules rules, String pod) {
        return !rules.isPaused(pod) && !rules.isPoweredOff(pod);
    }

    /**
     * Whether ZooKeeper is at rest (see {@link Pacer}): no server is still starting, no leader serves without a quorum
     * of serving voters ({@link QuorumPeerStatus#hasQuorumAmong}), and every running server serves or fewer than a
     * quorum of the voters run.
     *
     * <p>A leader left without a quorum (its followers stopped) still serves until Leader.lead's next quorum check, up
     * to a tick later; it is about to step down, so that is not rest. Counting it at rest let Kubernetes time run 100×
     * while the model's leader stepped down at its tick (conform-12-39: a 1.9 s wait took 20 wall ms).
     *
     * <p>"Fewer than a quorum run" is judged against the newest committed config among the running servers (the
     * highest version: a joiner starts from an older or partial one and adopts the ensemble's as soon as it hears
     * it, FastLeaderElection's WorkerReceiver), counting the running servers that vote in it: non-voters (observers,
     * a server that has not been added yet) cannot make an election or a leader's quorum. With a static config every
     * server has the same config and is a voter of it, so this is the count of running servers against
     * {@code --servers}, as before. A standalone server is a quorum by itself.
     *
     * <p>A starting server (its process runs, its client port does not answer yet) is never at rest: the model
     * answers a container's first readiness probe at initialDelaySeconds after the start, and a real JVM needs its
     * few hundred wall milliseconds to open the client port. At 100× those would be tens of Kubernetes seconds, and
     * the first probe (initialDelaySeconds 10) would find nothing listening: the pod would turn Ready one or two
     * periodSeconds late (measured: 26 s after Running instead of the model's 10 s).
     */
    static boolean atRest(java.util.Collection<QuorumPeerStatus> statuses) {
        List<QuorumPeerStatus> running = new ArrayList<>();
        for (QuorumPeerStatus st : statuses) {
            if (st.mode() == QuorumPeerStatus.PeerMode.STARTING) {
                return false;
            }
            if (st.mode() != QuorumPeerStatus.PeerMode.NOT_RUNNING) {
                running.add(st);
            }
        }
        for (QuorumPeerStatus st : running) {
            if (st.isServingLeader() && !st.hasQuorumAmong(running)) {
                return false;
            }
        }
        if (running.stream().allMatch(QuorumPeerStatus::serving)) {
            return true;
        }
        if (running.stream().anyMatch(st -> st.mode() == QuorumPeerStatus.PeerMode.STANDALONE)) {
            return false;
        }
        List<Long> ids = running.stream().map(QuorumPeerStatus::serverId).toList();
        Optional<QuorumPeerStatus.VotingConfig> newest = running.stream()
                .flatMap(st -> st.config().stream())
                .reduce((a, b) -> b.version() > a.version() ? b : a);
        return newest.map(c -> !majorityRuns(c, ids)).orElse(true);
    }

    /** Whether the servers {@code ids} contain a majority of the committed voters of {@code c}. */
    private static boolean majorityRuns(QuorumPeerStatus.VotingConfig c, List<Long> ids) {
        return new QuorumPeerStatus.VotingConfig(c.version(), c.voters(), List.of()).quorumAmong(ids);
    }

    /**
     * The runtime the kubelet sees: the real one once it is open; it also tells the probe when a running container
     * is stopped or killed.
     */
    private final class Containers implements ContainerRuntime {
        private volatile ExitListener exitListener = (pod, code) -> {};

        private RealContainerRuntime open() {
            RealContainerRuntime r = runtime;
            if (r == null) {
                throw new IllegalStateException("no manifest applied: the real runtime is not open");
            }
            return r;
        }

        @Override
        public void start(ContainerLaunch launch) {
            pacer.containerChanged();
            open().start(launch);
        }

        @Override
        public void stop(String podName) {
            pacer.containerChanged();
            disruption(podName, "stopped");
            open().stop(podName);
        }

        @Override
        public void kill(String podName) {
            pacer.containerChanged();
            disruption(podName, "killed");
            open().kill(podName);
        }

        @Override
        public void powerOff(String podName) {
            pacer.containerChanged();
            disruption(podName, "powered off");
            open().powerOff(podName);
            pacer.silenceBegan(silenceHorizonMs());
        }

        private void disruption(String pod, String how) {
            RealContainerRuntime r = runtime;
            if (r == null) {
                return;
            }
            QuorumPeerStatus st = r.status(pod);
            if (st.mode() != QuorumPeerStatus.PeerMode.NOT_RUNNING) {
                probe.disrupted(pod, how, st.isServingLeader());
            }
        }

        @Override
        public void runPreStop(String podName, dev.zksim.model.manifest.PreStopHook hook, Runnable finished) {
            open().runPreStop(podName, hook, finished);
        }

        @Override
        public boolean probe(String podName, ProbeKind kind) {
            RealContainerRuntime r = runtime;
            return r != null && r.probe(podName, kind);
        }

        @Override
        public boolean probe(String podName, ProbeKind kind, Probe.HealthCheck check) {
            RealContainerRuntime r = runtime;
            return r != null && r.probe(podName, kind, check);
        }

        @Override
        public void dnsChanged(SortedMap<String, String> podIps) {
            RealContainerRuntime r = runtime;
            if (r != null) {
                r.dnsChanged(podIps);
            } else if (!podIps.isEmpty()) {
                throw new IllegalStateException("DNS records before the runtime is open: " + podIps);
            }
        }

        @Override
        public void setExitListener(ExitListener listener) {
            exitListener = listener;
            RealContainerRuntime r = runtime;
            if (r != null) {
                r.setExitListener(listener);
            }
        }
    }

    /** Sorted, unmodifiable view for callers that need the names of the pods with servers. */
    SortedMap<String, QuorumPeerStatus> statuses() {
        RealContainerRuntime r = runtime;
        return r == null ? Collections.emptySortedMap() : r.statuses();
    }
}
