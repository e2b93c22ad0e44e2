package dev.zksim.runtime;

import ch.qos.logback.classic.Level;
import dev.zksim.model.manifest.ZkConfig;
import dev.zksim.runtime.net.ThreadGroups;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * One start of one pod's ZooKeeper container: the process that the image's entrypoint would run, in-process.
 *
 * <p>Start does what {@code start-zookeeper} does and then what {@code QuorumPeerMain.main} does: derive the server id
 * from the hostname, write {@code myid} if missing (more than one server), write {@code zoo.cfg}, parse it, start the
 * purge task, and run {@code QuorumPeerMain.runFromConfig} (or {@code ZooKeeperServerMain} for one server) on the
 * container's main thread; exceptions map to QuorumPeerMain's exit codes. All of the server's threads live in the
 * container's {@link ThreadScope}.
 *
 * <p>Each start is its own process as far as ZooKeeper can tell: its server classes come from a fresh
 * {@link PodServerLoader} (its own metrics, MBean names, exit procedure, statics), {@code System.getProperty} in its
 * threads sees its own {@code zookeeper.*} settings ({@link PodSystemProperties}), and what it prints to
 * {@code System.out}/{@code System.err} goes to the pod's log ({@link PodConsole}). This class talks to the server
 * only through {@link PodProcess}.
 *
 * <p>Stop and kill. ZooKeeper installs no handler for SIGTERM, so in Kubernetes both a graceful stop and a kill end
 * with the process gone and the kernel closing its sockets; peers notice closed connections, never a goodbye message
 * (Zab has none). {@link #stop} and {@link #kill} therefore end the server the same way: every quorum connection and
 * the election channel close at once (see {@code PodProcessMain.sever}), then {@code QuorumPeer.shutdown()} frees the
 * rest. (Running only {@code QuorumPeer.shutdown()} for a stop, as this engine once did, closes the leader's
 * connections before the election channel, which then answers a LOOKING follower with the dying leader's vote; that
 * follower follows a dead leader and the survivors wait out initLimit.) Neither writes anything a
 * killed process would not have written: ZooKeeper takes no snapshot on shutdown, and acknowledged transactions were
 * fsynced before they were acknowledged. Afterwards threads still polling (election workers poll every 3 s, the
 * session tracker every tick) are interrupted, as if the process was gone, and awaited.
 */
final class ZooKeeperContainer {
    /** How long a new container waits for the pod's previous container to release its ports. */
    private static final long PREVIOUS_TIMEOUT_MS = 30_000;
    /** How long the stragglers of a stopped server get before the container reports a thread leak. */
    private static final long REAP_TIMEOUT_MS = 10_000;
    /** QuorumPeerMain's exit code for an unexpected exception ({@code ExitCode.UNEXPECTED_ERROR}). */
    private static final int EXIT_UNEXPECTED_ERROR = 1;

    /**
     * Everything needed to run the container.
     *
     * @param hostname the pod's hostname ({@code zk-0})
     * @param restartCount the kubelet's restart count for this start
     * @param podIp the pod's loopback address, where its server binds (with the network-fault layer a hidden address
     *     behind the layer's forwarder)
     * @param publishedIp the pod's IP as other pods and clients reach it (the cluster DNS's answer); {@code podIp}
     *     unless the network-fault layer is on
     * @param podDomain {@code hostname -d}
     * @param podFqdn {@code hostname -f}
     * @param zk the resolved start-zookeeper flags
     * @param mountPath where the volume is mounted in the container ({@code /var/lib/zookeeper}), null for none
     * @param volume the pod's volume, null for none
     * @param rootfs the container's own filesystem (what is not on the volume), fresh for every start
     * @param extraZooCfg lines appended to zoo.cfg after the pod-environment block (tests: keys ZooKeeper reads as
     *     {@code zookeeper.*} system properties, e.g. {@code snapCount})
     * @param reconfig for a container that runs {@code zk-reconfig-start} ({@link ReconfigStartScript}): how its
     *     script reaches the ensemble; null for {@code start-zookeeper}
     */
    record Plan(
            String podName,
            String hostname,
            int restartCount,
            InetAddress podIp,
            InetAddress publishedIp,
            String podDomain,
            String podFqdn,
            ZkConfig zk,
            String mountPath,
            PodVolume volume,
            Path rootfs,
            PodLog log,
            SortedMap<String, String> extraZooCfg,
            ReconfigStartScript.Ensemble reconfig) {}

    /** Told when the container's process ends on its own (not asked to stop or to be killed). */
    @FunctionalInterface
    interface ProcessExitListener {
        void exited(ZooKeeperContainer container, int exitCode);
    }

    private enum Request {
        STOP,
        KILL,
        EXIT
    }

    private final Plan plan;
    private final ThreadScope threads;
    private final CompletableFuture<Void> previous;
    private final ProcessExitListener exitListener;
    private final Thread main;
    private final CompletableFuture<Void> requested = new CompletableFuture<>();
    private final CompletableFuture<Void> serverDown = new CompletableFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();

    // guarded by this
    private Request request;
    private int requestedExitCode;
    private PodProcess process;
    private boolean serverStarted;
    private Thread teardown;
    private Thread reaper;
    private Integer exitCode;
    private List<String> leakedThreads = List.of();

    /**
     * @param parent the thread group of the simulation
     * @param previous completes when the pod's previous container is gone (its ports are free)
     */
    ZooKeeperContainer(
            Plan plan, ThreadGroup parent, CompletableFuture<Void> previous, ProcessExitListener exitListener) {
        this.plan = plan;
        this.previous = previous;
        this.exitListener = exitListener;
        this.threads = ThreadScope.forProcess(
                parent, "pod " + plan.podName() + " start " + plan.restartCount(), plan.log(), this::exitRequested);
        this.main = new Thread(threads, this::run, plan.podName() + "-main");
    }

    Plan plan() {
        return plan;
    }

    /** Starts the container's process; returns at once. */
    void start() {
        plan.log()
                .note(
                        "INFO",
                        "container start " + plan.restartCount() + " of pod " + plan.podName() + " at "
                                + plan.podIp().getHostAddress(),
                        null);
        main.start();
    }

    /** Graceful stop; returns when the server has stopped (its sockets are closed) or after {@code waitMs}. */
    void stop(long waitMs) {
        terminate(Request.STOP, 0, waitMs);
    }

    /** Abrupt stop; returns when the server is gone (its sockets are closed) or after {@code waitMs}. */
    void kill(long waitMs) {
        terminate(Request.KILL, 0, waitMs);
    }

    /** Completes when the server is down and every thread of the container has ended. */
    CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** The threads of the container that did not end after it stopped (empty unless something leaked). */
    synchronized List<String> leakedThreads() {
        return leakedThreads;
    }

    /** Whether the container was asked to stop or be killed, or exited on its own. */
    synchronized boolean isTerminating() {
        return request != null || serverDown.isDone();
    }

    /** The exit code once the process ended on its own; empty while it runs or when it was stopped. */
    synchronized java.util.OptionalInt exitCode() {
        return exitCode == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(exitCode);
    }

    InetSocketAddress clientAddress() {
        return new InetSocketAddress(plan.podIp(), plan.zk().clientPort());
    }

    /** {@code ruok} on the client port answers {@code imok}; false at once when the container is terminating. */
    boolean probe(int timeoutMs) {
        return !isTerminating() && FourLetterWords.ruok(clientAddress(), timeoutMs);
    }

    /** {@code srvr} on the client port prints a Mode line (the server serves); false at once when terminating. */
    boolean probeServing(int timeoutMs) {
        return !isTerminating() && FourLetterWords.serving(clientAddress(), timeoutMs);
    }

    /** The server's own view of its role. */
    QuorumPeerStatus status() {
        PodProcess p;
        synchronized (this) {
            if (request != null || serverDown.isDone()) {
                return QuorumPeerStatus.notRunning(plan.podName());
            }
            p = serverStarted ? process : null;
        }
        return p == null
                ? new QuorumPeerStatus(plan.podName(), QuorumPeerStatus.PeerMode.STARTING, false, -1, -1)
                : p.status();
    }

    /** {@code ElectionTimeTaken} from the server's own MBean server; empty when it is not running. */
    OptionalLong electionTimeTakenMs() {
        PodProcess p = runningProcess();
        return p == null ? OptionalLong.empty() : p.electionTimeTakenMs();
    }

    /** The MBean names of the server's own MBean server; empty when it is not running. */
    List<String> mbeanNames() {
        PodProcess p = runningProcess();
        return p == null ? List.of() : p.mbeanNames();
    }

    /** The class loader of the server's classes, once the process is loaded (until the container is reaped). */
    synchronized Optional<ClassLoader> serverClassLoader() {
        return Optional.ofNullable(process).map(p -> p.getClass().getClassLoader());
    }

    private synchronized PodProcess runningProcess() {
        return request != null || serverDown.isDone() || !serverStarted ? null : process;
    }

    // ---- the container's main thread: start-zookeeper, then QuorumPeerMain.main ----

    private void run() {
        int code = 0;
        try {
            if (!awaitPrevious()) {
                return;
            }
            Path zooCfg = entrypoint();
            PodProcess p = PodServerLoader.newProcess(plan.podName() + "-" + plan.restartCount());
            synchronized (this) {
                process = p;
            }
            // ZooKeeper finds its metrics provider through the context class loader (MetricsProviderBootstrap);
            // every thread the server starts inherits it
            Thread.currentThread().setContextClassLoader(p.getClass().getClassLoader());
            code = p.run(new ProcessHost(zooCfg));
        } catch (StartZookeeperScript.ScriptFailure e) {
            plan.log().note("ERROR", "start-zookeeper: " + e.getMessage(), null);
            code = 1;
        } catch (Exception | LinkageError e) {
            plan.log().note("ERROR", "Unexpected exception, exiting abnormally", e);
            code = EXIT_UNEXPECTED_ERROR;
        } finally {
            mainEnded(code);
        }
    }

    /** The container as its process sees it. */
    private final class ProcessHost implements PodProcess.Host {
        private final Path zooCfg;

        ProcessHost(Path zooCfg) {
            this.zooCfg = zooCfg;
        }

        @Override
        public String podName() {
            return plan.podName();
        }

        @Override
        public String podFqdn() {
            return plan.podFqdn();
        }

        @Override
        public InetAddress podIp() {
            return plan.podIp();
        }

        @Override
        public InetAddress publishedIp() {
            return plan.publishedIp();
        }

        @Override
        public Path zooCfg() {
            return zooCfg;
        }

        @Override
        public String hostPath(String containerPath) {
            return ZooKeeperContainer.this.hostPath(containerPath);
        }

        @Override
        public void started() {
            serverStarted();
        }

        @Override
        public void exitRequested(int code) {
            ZooKeeperContainer.this.exitRequested(code);
        }

        @Override
        public void note(String level, String message, Throwable error) {
            plan.log().note(level, message, error);
        }
    }

    /** Waits for the previous container of the pod to be gone; false when this one was stopped meanwhile. */
    private boolean awaitPrevious() {
        try {
            CompletableFuture.anyOf(previous, requested).get(PREVIOUS_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            plan.log()
                    .note(
                            "WARN",
                            "previous container still not gone after " + PREVIOUS_TIMEOUT_MS + " ms; starting anyway",
                            null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            // the previous container's failure is its own; this one starts regardless
        }
        synchronized (this) {
            return request == null;
        }
    }

    /**
     * start-zookeeper: the id from the hostname, myid if missing (servers &gt; 1), data directories, zoo.cfg.
     *
     * @return where zoo.cfg was written
     */
    private Path entrypoint() throws IOException {
        if (plan.reconfig() != null) {
            return reconfigEntrypoint();
        }
        ZkConfig zk = plan.zk();
        StartZookeeperScript.HostIdentity id = StartZookeeperScript.identity(plan.hostname());
        Path dataDir = Path.of(hostPath(zk.dataDir()));
        Path dataLogDir = Path.of(hostPath(zk.dataLogDir()));
        Files.createDirectories(dataDir);
        Files.createDirectories(dataLogDir);
        Path myid = dataDir.resolve("myid");
        if (StartZookeeperScript.writesMyid(zk, Files.exists(myid))) {
            Files.writeString(myid, id.myid() + "\n", StandardCharsets.US_ASCII);
        }
        Path zooCfg = Path.of(hostPath(zk.confDir() + "/zoo.cfg"));
        Files.createDirectories(zooCfg.getParent());
        StringBuilder text =
                new StringBuilder(StartZookeeperScript.zooCfg(zk, id.name(), plan.podDomain(), plan.podIp()));
        for (Map.Entry<String, String> e : plan.extraZooCfg().entrySet()) {
            text.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        Files.writeString(zooCfg, text, StandardCharsets.UTF_8);
        plan.log().setThreshold(Level.toLevel(zk.logLevel(), Level.INFO));
        return zooCfg;
    }

    /**
     * zk-reconfig-start up to its {@code exec zkServer.sh}: myid (always written), the members (the committed config
     * through the client Service, else the dynamic file on the volume, else this server alone for ordinal 0, else
     * exit 1), the dynamic file, zoo.cfg. The background loop that adds the server is the runtime's
     * ({@link RealContainerRuntime}), on the scheduler.
     */
    private Path reconfigEntrypoint() throws IOException {
        ZkConfig zk = plan.zk();
        StartZookeeperScript.HostIdentity id = StartZookeeperScript.identity(plan.hostname());
        String self = ReconfigStartScript.selfLine(
                id.myid(), plan.podFqdn(), zk, plan.reconfig().role());
        Path dataDir = Path.of(hostPath(zk.dataDir()));
        Files.createDirectories(dataDir);
        Files.createDirectories(Path.of(hostPath(zk.dataLogDir())));
        Path zooCfg = Path.of(hostPath(zk.confDir() + "/zoo.cfg"));
        Files.createDirectories(zooCfg.getParent());
        Files.writeString(dataDir.resolve("myid"), id.myid() + "\n", StandardCharsets.US_ASCII);
        List<String> members = plan.reconfig().committedMembers();
        String from = "the committed config (through the client Service)";
        if (members.isEmpty()) {
            members = ReconfigStartScript.membersOnVolume(
                    zooCfg, v -> plan.mountPath() != null && PodVolume.isUnder(plan.mountPath(), v) ? hostPath(v) : v);
            from = "the dynamic config file on the volume";
        }
        if (members.isEmpty() && id.ordinal() != 0) {
            throw new StartZookeeperScript.ScriptFailure(
                    "no ensemble answers on zk-cs:" + zk.clientPort() + " and no member list on the volume");
        }
        if (members.isEmpty()) {
            from = "none: ordinal 0 starts alone";
        }
        plan.log().note("INFO", "zk-reconfig-start: members from " + from + ": " + members, null);
        Files.writeString(
                Path.of(hostPath(zk.confDir() + "/zoo.cfg.dynamic")),
                ReconfigStartScript.dynamicFile(members, id.myid(), self),
                StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder(ReconfigStartScript.zooCfg(zk, plan.podIp()));
        for (Map.Entry<String, String> e : plan.extraZooCfg().entrySet()) {
            text.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        Files.writeString(zooCfg, text, StandardCharsets.UTF_8);
        plan.log().setThreshold(Level.toLevel(zk.logLevel(), Level.INFO));
        return zooCfg;
    }

    /** Where a container path lives: on the volume when under its mount, else in the container's filesystem. */
    private String hostPath(String containerPath) {
        if (!containerPath.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + containerPath);
        }
        if (plan.volume() != null && PodVolume.isUnder(plan.mountPath(), containerPath)) {
            return plan.volume().hostPath(plan.mountPath(), containerPath).toString();
        }
        Path p = plan.rootfs().resolve(containerPath.substring(1)).normalize();
        if (!p.startsWith(plan.rootfs())) {
            throw new IllegalArgumentException(containerPath + " leaves the container filesystem");
        }
        return p.toString();
    }

    private void serverStarted() {
        PodServerLoader.restoreJvmDefaultHandler();
        synchronized (this) {
            serverStarted = true;
            if (request != null) {
                startTeardown();
            }
        }
    }

    // ---- stop, kill, exit ----

    private void terminate(Request kind, int code, long waitMs) {
        synchronized (this) {
            if (request == null) {
                request = kind;
                requestedExitCode = code;
                requested.complete(null);
                plan.log()
                        .note(
                                "INFO",
                                switch (kind) {
                                    case STOP -> "container stop (graceful)";
                                    case KILL -> "container kill";
                                    case EXIT -> "container process exits with code " + code;
                                },
                                null);
                startTeardown();
            }
        }
        if (waitMs > 0) {
            try {
                serverDown.get(waitMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                plan.log()
                        .note("WARN", "server of " + plan.podName() + " still not down after " + waitMs + " ms", null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e); // serverDown is only ever completed normally
            }
        }
    }

    /** Called (through {@link PodProcess.Host}) when code of this container asks ZooKeeper to exit the process. */
    private void exitRequested(int code) {
        // not on the calling ZooKeeper thread: it may hold locks the teardown needs
        Thread t = new Thread(threads, () -> terminate(Request.EXIT, code, 0), plan.podName() + "-exit");
        t.start();
    }

    /** Starts the teardown thread once there is a server to tear down (guarded by this). */
    private void startTeardown() {
        if (teardown != null || !serverStarted) {
            return; // nothing started yet: the main thread sees the request before it runs a server
        }
        PodProcess p = process;
        teardown = new Thread(threads, p::shutdown, plan.podName() + (request == Request.STOP ? "-stop" : "-kill"));
        teardown.start();
    }

    /** The container's main thread ends: the server is down. Decide the exit, then reap the other threads. */
    private void mainEnded(int code) {
        boolean notify;
        int reported;
        synchronized (this) {
            notify = request == null || request == Request.EXIT;
            reported = request == Request.EXIT ? requestedExitCode : code;
            if (request == null) {
                request = Request.EXIT;
                requested.complete(null);
            }
            if (notify) {
                exitCode = reported;
            }
            reaper = new Thread(threads.getParent(), this::reap, plan.podName() + "-reaper");
        }
        serverDown.complete(null);
        if (notify) {
            plan.log().note(reported == 0 ? "INFO" : "ERROR", "container exited with code " + reported, null);
            exitListener.exited(this, reported);
        }
        reaper.start();
    }

    /** Waits for the main thread, interrupts what still runs (a dead process has no threads), awaits the rest. */
    private void reap() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REAP_TIMEOUT_MS);
        try {
            main.join(REAP_TIMEOUT_MS);
            List<Thread> live = threads.liveThreads();
            while (!live.isEmpty() && System.nanoTime() < deadline) {
                live.forEach(Thread::interrupt);
                for (Thread t : live) {
                    long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (leftMs > 0) {
                        t.join(Math.min(leftMs, 100));
                    }
                }
                live = threads.liveThreads();
            }
            if (!live.isEmpty()) {
                List<String> names = live.stream().map(Thread::getName).sorted().collect(Collectors.toList());
                synchronized (this) {
                    leakedThreads = List.copyOf(names);
                }
                plan.log()
                        .note(
                                "WARN",
                                "threads still alive " + REAP_TIMEOUT_MS + " ms after the server stopped: " + names,
                                null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            PodServerLoader.restoreJvmDefaultHandler();
            synchronized (this) {
                process = null; // the server, its data tree and its class loader are garbage now
            }
            if (leakedThreads().isEmpty()) {
                ThreadGroups.destroyEmpty(threads);
            }
            terminated.complete(null);
        }
    }

    @Override
    public String toString() {
        return "ZooKeeperContainer[" + plan.podName() + " #" + plan.restartCount() + " " + plan.podIp() + "]";
    }
}
