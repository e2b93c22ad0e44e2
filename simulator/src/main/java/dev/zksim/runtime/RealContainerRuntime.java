package dev.zksim.runtime;

import ch.qos.logback.classic.LoggerContext;
import dev.zksim.model.k8s.ContainerLaunch;
import dev.zksim.model.k8s.ContainerRuntime;
import dev.zksim.model.manifest.ContainerSpec;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.PreStopHook;
import dev.zksim.model.manifest.ReconfigStartCommand;
import dev.zksim.model.manifest.VolumeClaimTemplate;
import dev.zksim.model.manifest.ZkConfig;
import dev.zksim.model.scenario.engine.ClientTarget;
import dev.zksim.runtime.net.FaultNetwork;
import dev.zksim.runtime.net.ThreadGroups;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The real engine's {@link ContainerRuntime}: every container is a real ZooKeeper 3.9.4 server in this JVM
 * ({@link ZooKeeperContainer}), on its pod's own loopback IP ({@link PodNetwork}), found by name through the
 * simulation's {@link ClusterDns}, storing its data on a directory per volume ({@link PodVolume}), logging to
 * {@code <root>/logs/<pod>.log}.
 *
 * <p>Threads. The {@code ContainerRuntime} methods are called from the {@link WallClockScheduler}'s driver thread, as
 * the contract says; {@link #stop} and {@link #kill} return once the server is down (its sockets closed), bounded by
 * {@link RuntimeOptions#stopWaitMs()}; {@link #probe} is bounded by the probe's timeoutSeconds (without one,
 * {@link RuntimeOptions#probeTimeoutMs()}).
 * A server that exits on its own is reported to the exit listener on the driver thread. The query methods
 * ({@link #status}, {@link #leaders}, {@link #clients}, ...) may be called from any thread.
 *
 * <p>Names. Pods are named under the simulation's own cluster domain ({@link #dns()}), which is the requested one
 * ({@link RuntimeOptions#clusterDomain()}) unless another live simulation in this JVM holds it;
 * {@link ContainerLaunch#fqdn()} is therefore not used, the runtime derives the FQDN from its DNS.
 *
 * <p>Addresses. The control plane's pod IPs (whatever its IP allocator hands out) are mapped to loopback addresses of
 * this simulation's subnet: the same (pod, IP) keeps its loopback address across container restarts, and a pod that
 * comes back with a new IP (rescheduled) gets a new one. An IP already inside the subnet is used as is.
 *
 * <p>Close stops every server, closes every client, waits for all their threads, frees the subnet and the DNS
 * names, and deletes the root unless {@link RuntimeOptions#keep()}.
 */
public final class RealContainerRuntime implements ContainerRuntime, AutoCloseable {
    private static final long CLOSE_TIMEOUT_MS = 30_000;
    private static final int FOUR_LETTER_TIMEOUT_MS = 2_000;

    private final EnsembleSpec spec;
    private final WallClockScheduler scheduler;
    private final RuntimeOptions options;
    private final Path root;
    private final PodNetwork network;
    private final ClusterDns dns;
    private final LoggerContext logContext;
    private final ThreadGroup threads;
    private final PodLog clientLog;
    private final ZkClients clients;
    private final FaultNetwork faults;

    // guarded by this
    private final TreeMap<String, ZooKeeperContainer> current = new TreeMap<>();
    private final List<ZooKeeperContainer> all = new ArrayList<>();
    private final TreeMap<String, InetAddress> loopbackByAssignment = new TreeMap<>();
    private final TreeMap<String, InetAddress> podIps = new TreeMap<>();
    /** Pod to {readiness, liveness} probe timeouts of its current container, wall milliseconds (guarded by this). */
    private final TreeMap<String, long[]> probeTimeoutsMs = new TreeMap<>();
    /** Each container's published pod IP (its server binds the hidden address the fault layer gave it). */
    private final IdentityHashMap<ZooKeeperContainer, InetAddress> publishedIps = new IdentityHashMap<>();

    private final TreeMap<String, PodLog> logs = new TreeMap<>();
    private final TreeMap<String, PodVolume> volumes = new TreeMap<>();
    private final TreeMap<String, Integer> starts = new TreeMap<>();
    private final TreeMap<String, TreeMap<String, String>> extraZooCfg = new TreeMap<>();
    private final List<ElectionReport> elections = new ArrayList<>();
    private final List<ScriptReconfig> scriptReconfigs = new ArrayList<>();
    private final Set<String> hooksRunning = ConcurrentHashMap.newKeySet();
    private volatile PreStopListener preStopListener = new PreStopListener() {
        @Override
        public void started(String pod) {}

        @Override
        public void ended(String pod) {}
    };
    private ExitListener exitListener = (pod, code) -> {};
    private boolean closed;
    private List<String> leakedThreads = List.of();

    private RealContainerRuntime(
            EnsembleSpec spec,
            WallClockScheduler scheduler,
            RuntimeOptions options,
            Path root,
            PodNetwork network,
            ClusterDns dns,
            LoggerContext logContext) {
        this.spec = spec;
        this.scheduler = scheduler;
        this.options = options;
        this.root = root;
        this.network = network;
        this.dns = dns;
        this.logContext = logContext;
        this.threads = new ThreadGroup("zksim-real-" + network.cidr());
        this.clientLog = new PodLog(root.resolve("logs").resolve("clients.log"), "clients", "client", logContext);
        this.clients = new ZkClients(new Endpoints(), new ThreadScope(threads, "clients", clientLog, code -> {}));
        String sts = spec.statefulSet().name();
        this.faults = options.faultLayer()
                ? FaultNetwork.open(
                        threads, sid -> sid >= 1 && sid <= 255 ? Optional.of(sts + "-" + (sid - 1)) : Optional.empty())
                : null;
    }

    /**
     * Opens a runtime for the pods of {@code spec}: claims a subnet, opens the DNS zone, creates the root.
     *
     * @param scheduler the simulation's scheduler; exits are reported through it
     * @throws IllegalStateException when the JVM's hosts file is not set up (see {@link JvmHostsFile})
     */
    public static RealContainerRuntime open(EnsembleSpec spec, WallClockScheduler scheduler, RuntimeOptions options) {
        JvmHostsFile hosts = JvmHostsFile.get();
        LoggerContext logContext = PodLogAppender.install();
        PodSystemProperties.install();
        PodConsole.install();
        Path root;
        try {
            root = options.root().isPresent()
                    ? Files.createDirectories(options.root().get())
                    : Files.createTempDirectory("zksim-real-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the simulation root", e);
        }
        PodNetwork network = null;
        ClusterDns dns = null;
        try {
            network = PodNetwork.open();
            dns = ClusterDns.open(hosts, spec, options.clusterDomain());
            return new RealContainerRuntime(spec, scheduler, options, root, network, dns, logContext);
        } catch (RuntimeException e) {
            if (dns != null) {
                dns.close();
            }
            if (network != null) {
                network.close();
            }
            if (options.root().isEmpty()) {
                FileTrees.deleteRecursively(root);
            }
            throw e;
        }
    }

    // ---- ContainerRuntime ----

    @Override
    public void start(ContainerLaunch launch) {
        String pod = launch.podName();
        ZooKeeperContainer previous;
        ZooKeeperContainer container;
        synchronized (this) {
            requireOpen();
            previous = current.get(pod);
            InetAddress ip = loopbackFor(pod, launch.podIp());
            podIps.put(pod, ip);
            ContainerSpec c = launch.template().container();
            probeTimeoutsMs.put(
                    pod, new long[] {probeTimeoutMs(c.readinessProbe()), probeTimeoutMs(c.livenessProbe())});
            Optional<String> mountPath = volumeMountPath(launch.ensemble(), c);
            PodVolume volume = launch.volumeId() == null || launch.volumeId().isEmpty() || mountPath.isEmpty()
                    ? null
                    : volumes.computeIfAbsent(launch.volumeId(), id -> PodVolume.at(root.resolve("volumes"), id));
            int n = starts.merge(pod, 1, Integer::sum);
            Path rootfs = root.resolve("pods").resolve(pod).resolve("start-" + n);
            PodLog log = logs.computeIfAbsent(pod, this::openLog);
            // The server binds a hidden address; the pod IP belongs to the fault layer's forwarder (real.net).
            InetAddress bindIp = faults == null
                    ? ip
                    : faults.attach(pod, ip, c.zk().clientPort(), c.zk().serverPort(), c.zk().electionPort());
            ReconfigStartScript.Ensemble reconfig = ReconfigStartCommand.runs(c.command())
                    ? new ReconfigStartScript.Ensemble(
                            () -> committedMembers(pod), ReconfigStartCommand.role(c.command(), launch.ordinal()))
                    : null;
            ZooKeeperContainer.Plan plan = new ZooKeeperContainer.Plan(
                    pod,
                    launch.hostname(),
                    launch.restartCount(),
                    bindIp,
                    ip,
                    dns.podDomain(),
                    dns.podFqdn(pod),
                    c.zk(),
                    mountPath.orElse(null),
                    volume,
                    rootfs,
                    log,
                    Collections.unmodifiableSortedMap(new TreeMap<>(extraZooCfg.getOrDefault(pod, new TreeMap<>()))),
                    reconfig);
            CompletableFuture<Void> before =
                    previous == null ? CompletableFuture.completedFuture(null) : previous.terminated();
            container = new ZooKeeperContainer(plan, threads, before, this::exited);
            current.put(pod, container);
            publishedIps.put(container, ip);
            all.add(container);
            container.terminated().thenRun(() -> containerGone(container));
        }
        if (previous != null && !previous.isTerminating()) {
            previous.plan().log().note("WARN", "started again while still running: killing the old container", null);
            previous.kill(options.stopWaitMs());
        }
        container.start();
        if (container.plan().reconfig() != null) {
            scheduleJoin(container, 1);
        }
    }

    // ---- zk-reconfig-start's background loop and the reconfig manifest's preStop hook ----

    /**
     * The script's {@code zkCli.sh -server zk-cs:2181 config}: the committed members one server behind the client
     * Service answers with, waiting (at most the script's 20 s) for one that serves. When no other pod has a server
     * process, nothing can answer: a cluster's zkCli.sh would retry until {@code timeout 20} ends it, which only
     * delays the start; here the query ends at once (docs/real-engine.md, "Dynamic reconfiguration").
     */
    private List<String> committedMembers(String pod) {
        Optional<String> service = spec.services().stream()
                .filter(x -> !x.headless())
                .map(dev.zksim.model.manifest.ServiceSpec::name)
                .findFirst();
        boolean anotherRuns;
        synchronized (this) {
            anotherRuns = current.entrySet().stream()
                    .anyMatch(e -> !e.getKey().equals(pod) && !e.getValue().isTerminating());
        }
        if (service.isEmpty() || !anotherRuns) {
            return List.of();
        }
        ClientResult r = clients.whenServing(
                ZkClients.Op.GET,
                ClientTarget.service(service.get()),
                "/zookeeper/config",
                "",
                ReconfigStartScript.CONFIG_QUERY_TIMEOUT_MS);
        return r instanceof ClientResult.NodeRead f ? ReconfigStartScript.serverLines(f.value()) : List.of();
    }

    private synchronized boolean isCurrent(ZooKeeperContainer c) {
        return !closed && current.get(c.plan().podName()) == c && !c.isTerminating();
    }

    /**
     * Try {@code attempt} of the script's background loop, {@link ReconfigStartScript#ADD_PAUSE_MS} after the last one
     * (on the scheduler: Kubernetes time, like the kubelet's), run on a thread of its own so that the driver thread
     * never waits for ZooKeeper.
     */
    private void scheduleJoin(ZooKeeperContainer c, int attempt) {
        String pod = c.plan().podName();
        try {
            scheduler.schedule(
                    attempt == 1 ? 0 : ReconfigStartScript.ADD_PAUSE_MS,
                    "zk-reconfig-start " + pod + ": reconfig -add, try " + attempt,
                    () -> {
                        if (isCurrent(c)) {
                            preStopListener.joinTryStarted(pod);
                            new Thread(
                                            threads,
                                            () -> {
                                                try {
                                                    joinTry(c, attempt);
                                                } finally {
                                                    preStopListener.joinTryEnded(pod);
                                                }
                                            },
                                            pod + "-reconfig-add-" + attempt)
                                    .start();
                        }
                    });
        } catch (IllegalStateException e) {
            // the scheduler is closed: the simulation is ending
        }
    }

    /**
     * {@code echo srvr | nc ... | grep -q '^Mode: '}, then {@code config | grep -q "^server\.$myid="} ({@code exit 0}),
     * else {@code reconfig -add "$self"}; the next try follows unless the config listed the server or 60 tries ran.
     */
    private void joinTry(ZooKeeperContainer c, int attempt) {
        String pod = c.plan().podName();
        int myid = StartZookeeperScript.identity(c.plan().hostname()).myid();
        boolean done = false;
        try {
            if (FourLetterWords.serving(c.clientAddress(), FOUR_LETTER_TIMEOUT_MS)) {
                ClientResult cfg = clients.whenServing(
                        ZkClients.Op.GET,
                        ClientTarget.pod(pod),
                        "/zookeeper/config",
                        "",
                        ReconfigStartScript.ADD_TIMEOUT_MS);
                if (cfg instanceof ClientResult.NodeRead f
                        && ReconfigStartScript.lists(ReconfigStartScript.serverLines(f.value()), myid)) {
                    done = true;
                    c.plan().log().note("INFO", "zk-reconfig-start: the committed config lists server." + myid, null);
                } else if (cfg instanceof ClientResult.NodeRead) {
                    String self = ReconfigStartScript.selfLine(
                            myid,
                            c.plan().podFqdn(),
                            c.plan().zk(),
                            c.plan().reconfig().role());
                    long started = System.currentTimeMillis();
                    ClientResult r = clients.reconfig(
                            ClientTarget.pod(pod), List.of(self), List.of(), ReconfigStartScript.ADD_TIMEOUT_MS);
                    recordReconfig(pod, "add", myid, started, r);
                    c.plan().log().note("INFO", "zk-reconfig-start: reconfig -add " + self + ": " + outcome(r), null);
                }
            }
        } finally {
            if (!done && attempt < ReconfigStartScript.ADD_TRIES && isCurrent(c)) {
                scheduleJoin(c, attempt + 1);
            }
        }
    }

    private synchronized void recordReconfig(String pod, String op, int myid, long startedMs, ClientResult r) {
        scriptReconfigs.add(new ScriptReconfig(
                pod,
                op,
                myid,
                startedMs,
                System.currentTimeMillis(),
                r instanceof ClientResult.Acknowledged,
                outcome(r)));
    }

    /** Every reconfig the pods' scripts ran (start script, preStop hook), in the order they ended. */
    public synchronized List<ScriptReconfig> scriptReconfigs() {
        return List.copyOf(scriptReconfigs);
    }

    private static String outcome(ClientResult r) {
        return r instanceof ClientResult.OperationFailed f ? "failed: " + f.reason() : "committed";
    }

    /**
     * The preStop hook of the reconfig manifest ({@code reconfig -remove <myid>}, at most 10 tries 2 s apart, until
     * the config no longer lists the server); it finishes at once for every other hook, which no start script of this
     * runtime acts out. Abandoned when the container stops or is killed meanwhile (the kubelet's grace period ended).
     */
    /**
     * Told when a preStop hook of this runtime starts and when it ends (finished or abandoned), and when a try of the
     * reconfig start script's join loop talks to ZooKeeper.
     */
    public interface PreStopListener {
        void started(String pod);

        void ended(String pod);

        /**
         * A try of the join loop starts (on the driver thread, at its Kubernetes time): {@code srvr}, and once the
         * server serves, the config read and perhaps {@code reconfig -add}; {@link #joinTryEnded} follows when it is
         * done. Its calls take real time (tens of milliseconds for an add to commit, more on a busy machine), which at
         * a fast Kubernetes clock would be seconds: a pod could turn Ready and a scenario's wait end long before the
         * add that it raced in a cluster committed.
         */
        default void joinTryStarted(String pod) {}

        /** The join try of {@link #joinTryStarted} is done. */
        default void joinTryEnded(String pod) {}
    }

    /** Who hears of preStop hooks (the real engine, to run Kubernetes time in real time meanwhile). */
    public void setPreStopListener(PreStopListener listener) {
        preStopListener = listener;
    }

    private void hookOver(String pod) {
        if (hooksRunning.remove(pod)) {
            preStopListener.ended(pod);
        }
    }

    @Override
    public void runPreStop(String podName, PreStopHook hook, Runnable finished) {
        Optional<ZooKeeperContainer> c = container(podName);
        if (!hook.isExec() || c.isEmpty() || c.get().plan().reconfig() == null || !isCurrent(c.get())) {
            finished.run();
            return;
        }
        c.get().plan().log().note("INFO", "preStop: reconfig -remove", null);
        if (hooksRunning.add(podName)) {
            preStopListener.started(podName);
        }
        new Thread(threads, () -> leaveTry(c.get(), 1, finished), podName + "-prestop-1").start();
    }

    /**
     * {@code config | grep -q "^server\.$myid=" || exit 0} (a config that does not answer ends the hook too), then
     * {@code reconfig -remove "$myid"}, {@code sleep 2}.
     */
    private void leaveTry(ZooKeeperContainer c, int attempt, Runnable finished) {
        String pod = c.plan().podName();
        int myid = StartZookeeperScript.identity(c.plan().hostname()).myid();
        ClientResult cfg = clients.whenServing(
                ZkClients.Op.GET,
                ClientTarget.pod(pod),
                "/zookeeper/config",
                "",
                ReconfigStartScript.REMOVE_TIMEOUT_MS);
        if (!isCurrent(c)) {
            hookOver(pod);
            return; // the kubelet stopped the container: the hook is over
        }
        boolean listed = cfg instanceof ClientResult.NodeRead f
                && ReconfigStartScript.lists(ReconfigStartScript.serverLines(f.value()), myid);
        if (!listed || attempt > ReconfigStartScript.REMOVE_TRIES) {
            c.plan()
                    .log()
                    .note(
                            "INFO",
                            "preStop: ends (" + (listed ? "10 tries" : "config does not list server." + myid) + ")",
                            null);
            hookDone(pod, finished);
            return;
        }
        long started = System.currentTimeMillis();
        ClientResult r = clients.reconfig(
                ClientTarget.pod(pod),
                List.of(),
                List.of(Integer.toString(myid)),
                ReconfigStartScript.REMOVE_TIMEOUT_MS);
        recordReconfig(pod, "remove", myid, started, r);
        c.plan().log().note("INFO", "preStop: reconfig -remove " + myid + ": " + outcome(r), null);
        if (attempt == ReconfigStartScript.REMOVE_TRIES) {
            hookDone(pod, finished);
            return;
        }
        try {
            scheduler.schedule(ReconfigStartScript.REMOVE_PAUSE_MS, "preStop " + pod + ": try " + (attempt + 1), () -> {
                if (isCurrent(c)) {
                    new Thread(threads, () -> leaveTry(c, attempt + 1, finished), pod + "-prestop-" + (attempt + 1))
                            .start();
                } else {
                    hookOver(pod);
                }
            });
        } catch (IllegalStateException e) {
            hookOver(pod); // the scheduler is closed: the simulation is ending
        }
    }

    private void hookDone(String pod, Runnable finished) {
        hookOver(pod);
        try {
            scheduler.schedule(0, "preStop of " + pod + " returned", finished);
        } catch (IllegalStateException e) {
            // the scheduler is closed: the simulation is ending
        }
    }

    @Override
    public void stop(String podName) {
        container(podName).ifPresent(c -> c.stop(options.stopWaitMs()));
        if (faults != null) {
            faults.processEnded(podName);
        }
    }

    @Override
    public void kill(String podName) {
        container(podName).ifPresent(c -> c.kill(options.stopWaitMs()));
        if (faults != null) {
            faults.processEnded(podName);
        }
    }

    /** The machine lost power: the fault layer silences every link of the pod first, then the server stops. */
    @Override
    public void powerOff(String podName) {
        if (faults != null) {
            faults.powerOff(podName);
        }
        container(podName).ifPresent(c -> c.kill(options.stopWaitMs()));
    }

    /** A frozen process answers no probe (the exec'd check connects, then times out). */
    @Override
    public boolean probe(String podName, ProbeKind kind) {
        if (isPaused(podName)) {
            return false;
        }
        long timeoutMs = probeTimeoutMs(podName, kind);
        return container(podName).map(c -> c.probe((int) timeoutMs)).orElse(false);
    }

    /** The timeout of the pod's probe of this kind, as {@link #probeTimeoutMs(Optional)} set it at the pod's start. */
    private synchronized long probeTimeoutMs(String podName, ProbeKind kind) {
        long[] t = probeTimeoutsMs.get(podName);
        return t == null ? options.probeTimeoutMs() : t[kind == ProbeKind.READINESS ? 0 : 1];
    }

    /**
     * The probe's own {@code timeoutSeconds} (the tutorial's is 5 s; the Kubernetes default 1 s), as wall time: the
     * kubelet gives the command that long in real time, and Kubernetes time stands still while the control plane's
     * thread probes (see {@link WallClockScheduler}). Without a probe: {@link RuntimeOptions#probeTimeoutMs()}.
     */
    private long probeTimeoutMs(Optional<dev.zksim.model.manifest.Probe> probe) {
        return probe.map(p -> p.timeoutSeconds() * 1000L).orElse((long) options.probeTimeoutMs());
    }

    /** A {@code srvr} Mode probe asks {@code srvr} for the Mode line; every other probe is {@code ruok}. */
    @Override
    public boolean probe(String podName, ProbeKind kind, dev.zksim.model.manifest.Probe.HealthCheck check) {
        if (check == dev.zksim.model.manifest.Probe.HealthCheck.SERVING) {
            if (isPaused(podName)) {
                return false;
            }
            long timeoutMs = probeTimeoutMs(podName, kind);
            return container(podName).map(c -> c.probeServing((int) timeoutMs)).orElse(false);
        }
        return probe(podName, kind);
    }

    /** The network-fault layer: partitions, pauses, slow and dropped links act on its rules; empty when disabled. */
    public Optional<FaultNetwork> faults() {
        return Optional.ofNullable(faults);
    }

    private boolean isPaused(String podName) {
        return faults != null && faults.isPaused(podName);
    }

    @Override
    public void dnsChanged(SortedMap<String, String> podIps) {
        TreeMap<String, InetAddress> published = new TreeMap<>();
        synchronized (this) {
            requireOpen();
            podIps.forEach((pod, ip) -> published.put(pod, loopbackFor(pod, ip)));
        }
        dns.publish(published);
    }

    @Override
    public synchronized void setExitListener(ExitListener listener) {
        this.exitListener = listener;
    }

    // ---- what the servers say ----

    /** The server status of {@code podName}: NOT_RUNNING when it has no running container. */
    public QuorumPeerStatus status(String podName) {
        QuorumPeerStatus st =
                container(podName).map(ZooKeeperContainer::status).orElse(QuorumPeerStatus.notRunning(podName));
        // A paused process serves nobody, whatever it believes (a frozen leader still thinks it leads).
        return isPaused(podName) && st.serving() ? st.notServing() : st;
    }

    /** The status of every pod that ever had a container, by pod name. */
    public SortedMap<String, QuorumPeerStatus> statuses() {
        List<String> pods;
        synchronized (this) {
            pods = new ArrayList<>(current.keySet());
        }
        TreeMap<String, QuorumPeerStatus> m = new TreeMap<>();
        pods.forEach(p -> m.put(p, status(p)));
        return Collections.unmodifiableSortedMap(m);
    }

    /**
     * The pods whose servers lead and serve now (one in a healthy ensemble; none during an election), or the pod of
     * a serving standalone server ({@code --servers=1}).
     */
    public SortedSet<String> leaders() {
        TreeSet<String> s = new TreeSet<>();
        statuses().forEach((pod, st) -> {
            if (st.leadsAndServes()) {
                s.add(pod);
            }
        });
        return Collections.unmodifiableSortedSet(s);
    }

    /**
     * Waits until exactly one server leads and the serving servers contain a quorum of its voters
     * ({@link QuorumPeerStatus#hasQuorumAmong}); the leader's pod.
     */
    public Optional<String> awaitLeader(long timeoutMs) {
        String[] leader = new String[1];
        boolean ok = Awaits.until(
                () -> {
                    SortedMap<String, QuorumPeerStatus> st = statuses();
                    List<QuorumPeerStatus> l = st.values().stream()
                            .filter(QuorumPeerStatus::leadsAndServes)
                            .toList();
                    if (l.size() == 1 && l.get(0).hasQuorumAmong(st.values())) {
                        leader[0] = l.get(0).pod();
                        return true;
                    }
                    return false;
                },
                timeoutMs,
                5);
        return ok ? Optional.of(leader[0]) : Optional.empty();
    }

    /**
     * Runs a four-letter word against the pod's client port and returns the answer, as
     * {@code kubectl exec zk-1 -- bash -c "echo srvr | nc localhost 2181"} prints it.
     */
    public String fourLetterWord(String podName, String word) throws IOException {
        ZooKeeperContainer c =
                container(podName).orElseThrow(() -> new IOException("pod " + podName + " has no running container"));
        if (isPaused(podName)) {
            throw new IOException("pod " + podName + ": the process is paused, nothing answers");
        }
        return FourLetterWords.send(c.clientAddress(), word, FOUR_LETTER_TIMEOUT_MS);
    }

    /**
     * Appends {@code key=value} to the zoo.cfg of the pod's next container starts (tests: settings the tutorial's
     * start-zookeeper cannot write, such as {@code snapCount}, which ZooKeeper reads as a system property).
     */
    synchronized void addZooCfgLine(String podName, String key, String value) {
        extraZooCfg.computeIfAbsent(podName, p -> new TreeMap<>()).put(key, value);
    }

    /** {@code ElectionTimeTaken} from the JMX of the pod's running server (its own MBean server). */
    OptionalLong electionTimeTakenMs(String podName) {
        return container(podName).map(ZooKeeperContainer::electionTimeTakenMs).orElse(OptionalLong.empty());
    }

    /** The MBean names the pod's running server registered in its own MBean server. */
    List<String> mbeanNames(String podName) {
        return container(podName).map(ZooKeeperContainer::mbeanNames).orElse(List.of());
    }

    /** The class loader of the pod's current container's server (its own copy of ZooKeeper), once it started. */
    Optional<ClassLoader> serverClassLoader(String podName) {
        return container(podName).flatMap(ZooKeeperContainer::serverClassLoader);
    }

    /** Every leader election a server reported, in the order reported. */
    public synchronized List<ElectionReport> elections() {
        return List.copyOf(elections);
    }

    /** Client operations against the pods and Services of this simulation. */
    public ZkClients clients() {
        return clients;
    }

    // ---- where things are ----

    /** The loopback IP of the pod's latest container (or DNS record). */
    public synchronized Optional<InetAddress> podIp(String podName) {
        return Optional.ofNullable(podIps.get(podName));
    }

    /** The simulation's root directory (volumes/, pods/, logs/). */
    public Path root() {
        return root;
    }

    /** The pod's log file ({@code <root>/logs/<pod>.log}). */
    public Path logFile(String podName) {
        return root.resolve("logs").resolve(podName + ".log");
    }

    /** The directory of the volume {@code volumeId}, if a container ever used it. */
    public synchronized Optional<PodVolume> volume(String volumeId) {
        return Optional.ofNullable(volumes.get(volumeId));
    }

    /**
     * Deletes a volume's directory (its PVC was deleted).
     *
     * @return false, deleting nothing, while a container that is not terminating uses it (the caller retries later,
     *     as the kubelet does with a claim whose pod still runs)
     */
    public boolean deleteVolume(String volumeId) {
        PodVolume v;
        synchronized (this) {
            for (ZooKeeperContainer c : current.values()) {
                if (c.plan().volume() != null
                        && c.plan().volume().volumeId().equals(volumeId)
                        && !c.terminated().isDone()) {
                    return false;
                }
            }
            v = volumes.remove(volumeId);
        }
        if (v != null) {
            v.delete();
        } else if (volumeId.matches("[A-Za-z0-9._-]+") && !volumeId.startsWith(".")) {
            FileTrees.deleteRecursively(root.resolve("volumes").resolve(volumeId));
        }
        return true;
    }

    /** The cluster DNS of this simulation (its domain may differ from the requested one; see {@link ClusterDns}). */
    public ClusterDns dns() {
        return dns;
    }

    /**
     * The line pod {@code podName}'s server joins a dynamic configuration with, as {@code reconfig -add} takes it:
     * {@code server.<ordinal + 1>=<FQDN>:<server port>:<election port>:participant;<client port>}. Empty when the
     * name is not that of one of the StatefulSet's pods.
     */
    public Optional<String> serverSpec(String podName) {
        String prefix = spec.statefulSet().name() + "-";
        if (!podName.startsWith(prefix) || !podName.substring(prefix.length()).matches("[0-9]{1,6}")) {
            return Optional.empty();
        }
        int ordinal = Integer.parseInt(podName.substring(prefix.length()));
        ZkConfig zk = spec.statefulSet().template().container().zk();
        return Optional.of("server." + (ordinal + 1) + "=" + dns.podFqdn(podName) + ":" + zk.serverPort() + ":"
                + zk.electionPort() + ":participant;" + zk.clientPort());
    }

    /** This simulation's subnet. */
    public String cidr() {
        return network.cidr();
    }

    /** Threads of this simulation still alive after {@link #close()} (empty when the close was clean). */
    public synchronized List<String> leakedThreads() {
        return leakedThreads;
    }

    // ---- close ----

    /**
     * Kills every server, closes every client session, waits (bounded) for all threads of the simulation to end,
     * releases the subnet and the DNS names, and deletes the root unless kept. Idempotent.
     */
    @Override
    public void close() {
        List<ZooKeeperContainer> toStop;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = new ArrayList<>(all);
        }
        clients.close();
        toStop.forEach(c -> c.kill(0));
        if (faults != null) {
            faults.close();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MS);
        for (ZooKeeperContainer c : toStop) {
            try {
                c.terminated()
                        .get(
                                Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                                TimeUnit.MILLISECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                // reported below as leaked threads
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Awaits.until(
                () -> liveThreadNames().isEmpty(),
                Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                10);
        List<String> leaked = liveThreadNames();
        synchronized (this) {
            leakedThreads = leaked;
            logs.values().forEach(PodLog::close);
        }
        if (leaked.isEmpty()) {
            ThreadGroups.destroyEmpty(threads);
        }
        clientLog.close();
        dns.close();
        network.close();
        if (!options.keep() && leaked.isEmpty()) {
            FileTrees.deleteRecursively(root);
        }
    }

    private List<String> liveThreadNames() {
        Thread[] buf = new Thread[Math.max(16, threads.activeCount() * 2)];
        int n = threads.enumerate(buf, true);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (buf[i].isAlive()) {
                names.add(buf[i].getName());
            }
        }
        Collections.sort(names);
        return names;
    }

    // ---- internals ----

    private synchronized Optional<ZooKeeperContainer> container(String podName) {
        return Optional.ofNullable(current.get(podName));
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("runtime is closed");
        }
    }

    /** The mount of the volume claim template (the PVC's volume) in the container, if any. */
    private static Optional<String> volumeMountPath(EnsembleSpec ensemble, ContainerSpec c) {
        for (ContainerSpec.Mount m : c.volumeMounts()) {
            for (VolumeClaimTemplate t : ensemble.statefulSet().volumeClaimTemplates()) {
                if (t.name().equals(m.name())) {
                    return Optional.of(m.mountPath());
                }
            }
        }
        return Optional.empty();
    }

    private PodLog openLog(String pod) {
        String myid;
        try {
            myid = Integer.toString(StartZookeeperScript.identity(pod).myid());
        } catch (StartZookeeperScript.ScriptFailure e) {
            myid = "?";
        }
        PodLog log = new PodLog(logFile(pod), pod, myid, logContext);
        log.setElectionListener(this::elected);
        return log;
    }

    private synchronized void elected(ElectionReport r) {
        elections.add(r);
    }

    /** Maps the control plane's pod IP to this simulation's loopback address for it (guarded by this). */
    private InetAddress loopbackFor(String pod, String modelIp) {
        if (modelIp != null && modelIp.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            try {
                InetAddress literal = InetAddress.getByName(modelIp); // a literal: no lookup
                if (network.contains(literal)) {
                    return literal;
                }
            } catch (UnknownHostException e) {
                // not a valid literal after all (an octet above 255); map it like any other
            }
        }
        return loopbackByAssignment.computeIfAbsent(pod + "@" + modelIp, k -> network.assign(pod));
    }

    /**
     * The client address the pod publishes for container {@code c}: its pod IP (with the fault layer on, the server
     * itself binds a hidden address behind the layer's forwarder, so {@code c.clientAddress()} is not what clients
     * connect to).
     */
    private synchronized InetSocketAddress publishedClientAddress(ZooKeeperContainer c) {
        InetAddress ip = publishedIps.get(c);
        return ip == null
                ? c.clientAddress()
                : new InetSocketAddress(ip, c.clientAddress().getPort());
    }

    /** A container ended for good: free its rootfs, and its address if the pod has moved on to another one. */
    private void containerGone(ZooKeeperContainer c) {
        InetAddress ip;
        boolean release;
        synchronized (this) {
            ip = publishedIps.get(c);
            release = !closed
                    && !ip.equals(podIps.get(c.plan().podName()))
                    && current.values().stream().noneMatch(x -> ip.equals(publishedIps.get(x)));
            if (release) {
                loopbackByAssignment.values().removeIf(ip::equals);
            }
        }
        if (release) {
            network.release(ip);
        }
        if (!options.keep()) {
            try {
                FileTrees.deleteRecursively(c.plan().rootfs());
            } catch (UncheckedIOException e) {
                // removed with the root at close
            }
        }
    }

    /** A container's process ended on its own: tell the kubelet, on the driver thread, if it is still current. */
    private void exited(ZooKeeperContainer c, int code) {
        String pod = c.plan().podName();
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        Runnable report = () -> {
            ExitListener l;
            synchronized (this) {
                if (current.get(pod) != c) {
                    return;
                }
                l = exitListener;
            }
            l.exited(pod, code);
        };
        try {
            scheduler.schedule(0, "container of " + pod + " exited with code " + code, report);
        } catch (IllegalStateException e) {
            // the scheduler is closed (the simulation is ending): nobody is left to tell; never fail the
            // container's own thread over it, its reaper must still run
        }
    }

    /** How the clients find servers. */
    private final class Endpoints implements ZkClients.Endpoints {
        @Override
        public Optional<String> connectString(ClientTarget target) {
            if (target instanceof ClientTarget.Pod p) {
                // like kubectl exec: a pod without a running container cannot be reached at all
                boolean running =
                        container(p.name()).map(c -> !c.isTerminating()).orElse(false);
                return running
                        ? podIp(p.name()).map(ip -> ip.getHostAddress() + ":" + clientPort(p.name()))
                        : Optional.empty();
            }
            String service = ((ClientTarget.Service) target).name();
            return dns.services().contains(service)
                    ? Optional.of(dns.serviceFqdn(service) + ":" + defaultClientPort())
                    : Optional.empty();
        }

        @Override
        public List<InetSocketAddress> servers(ClientTarget target) {
            if (target instanceof ClientTarget.Pod p) {
                return podIp(p.name())
                        .map(ip -> List.of(new InetSocketAddress(ip, clientPort(p.name()))))
                        .orElse(List.of());
            }
            String service = ((ClientTarget.Service) target).name();
            return dns.services().contains(service)
                    ? dns.published().values().stream()
                            .map(ip -> new InetSocketAddress(ip, defaultClientPort()))
                            .toList()
                    : List.of();
        }

        @Override
        public Optional<Object> servingServer(InetSocketAddress address) {
            return container(podOf(address.getAddress()))
                    .filter(c -> !c.isTerminating()
                            && publishedClientAddress(c).equals(address)
                            && c.status().serving())
                    .map(c -> c);
        }

        @Override
        public String podOf(InetAddress ip) {
            synchronized (RealContainerRuntime.this) {
                for (Map.Entry<String, InetAddress> e : podIps.entrySet()) {
                    if (e.getValue().equals(ip)) {
                        return e.getKey();
                    }
                }
            }
            return ip.getHostAddress();
        }
    }

    private int clientPort(String pod) {
        return container(pod).map(c -> c.plan().zk().clientPort()).orElse(defaultClientPort());
    }

    private int defaultClientPort() {
        ZkConfig zk = spec.statefulSet().template().container().zk();
        return zk.clientPort();
    }

    @Override
    public String toString() {
        return "RealContainerRuntime[" + network.cidr() + ", " + dns.clusterDomain() + ", " + root + "]";
    }
}
