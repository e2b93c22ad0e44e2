package dev.zksim.engine.real;

import dev.zksim.model.InvalidInputException;
import dev.zksim.model.k8s.KubernetesCluster;
import dev.zksim.model.k8s.PodSnapshot;
import dev.zksim.model.k8s.PvcSnapshot;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.scenario.NetworkFault;
import dev.zksim.model.scenario.cluster.ClusterEngine;
import dev.zksim.model.scenario.engine.ClientTarget;
import dev.zksim.model.scenario.engine.ClusterView;
import dev.zksim.model.scenario.engine.Engine;
import dev.zksim.model.scenario.engine.EngineFactory;
import dev.zksim.model.scenario.engine.EngineListener;
import dev.zksim.model.scenario.engine.EngineSetup;
import dev.zksim.model.time.Scheduler;
import dev.zksim.model.time.Seeds;
import dev.zksim.runtime.JvmHostsFile;
import dev.zksim.runtime.RealContainerRuntime;
import dev.zksim.runtime.WallClockScheduler;
import dev.zksim.runtime.net.ServiceForwarder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The real engine: the same Kubernetes control plane as the model engine ({@link KubernetesCluster}), bound to wall
 * time on a {@link WallClockScheduler} with a time scale, and every pod's container a real ZooKeeper 3.9.4 server
 * ({@link RealBackend}). Engine time ({@link #nowMs()}) is Kubernetes time: wall time multiplied by the time scale, so
 * a scenario's durations ({@code wait: 5m}, probe periods, timeouts) keep their meaning and run faster, while
 * ZooKeeper runs in real time.
 *
 * <p>Threads. The control plane is single-threaded and lives on the scheduler's driver thread: every call into it
 * (actions, views) is handed to that thread ({@link WallClockScheduler#call}). Its listener callbacks are queued
 * ({@link ListenerRelay}) and delivered on the runner's thread while the runner is inside an engine call, as the
 * {@link Engine} contract requires. Client operations run on the runner's thread and
 * the client's own threads, never on the driver thread. Every wait is bounded.
 *
 * <p>Volumes. When a PVC is gone from the control plane (deleted, and no pod mounts it any more), its volume's
 * directory is deleted.
 */
public final class RealEngine extends ClusterEngine {
    /** The {@code --engine} name. */
    public static final String NAME = "real";
    /** How long an action may wait for the control plane (which may be stopping a server, bounded by 10 s). */
    private static final long DRIVER_CALL_TIMEOUT_MS = 120_000;
    /** Longest wall pause between two checks of a condition (ZooKeeper state changes without control-plane events). */
    private static final long CHECK_PERIOD_MS = 10;

    private final WallClockScheduler scheduler;
    private final RealBackend backend;
    private final ListenerRelay relay;
    private final KubernetesCluster k8s;
    // driver thread only
    private TreeSet<String> knownVolumes = new TreeSet<>();
    private final TreeSet<String> volumesToDelete = new TreeSet<>();
    private boolean reapScheduled;
    // runner thread only
    private boolean closed;
    /** The client Service's forwarder, once asked for (created on the runner's thread, fed on the driver thread). */
    private volatile ServiceForwarder service;

    private volatile int serviceTargetPort;

    private RealEngine(WallClockScheduler scheduler, KubernetesCluster k8s, RealBackend backend, ListenerRelay relay) {
        super(k8s, backend);
        this.scheduler = scheduler;
        this.backend = backend;
        this.relay = relay;
        this.k8s = k8s;
        super.setListener(relay);
        k8s.addTimelineListener(e -> scheduleVolumeReaping());
    }

    /**
     * A fresh real engine with the nodes of {@code setup}: the control plane runs, no server does until the first
     * {@code apply}.
     *
     * @throws InvalidInputException when this JVM cannot host simulations (its name resolution is not zksim's; see
     *     {@link JvmHostsFile#bootstrap()})
     */
    public static RealEngine create(EngineSetup setup, RealEngineSettings settings) {
        try {
            JvmHostsFile.get();
        } catch (IllegalStateException e) {
            throw new InvalidInputException(
                    null, 0, "--engine", "the real engine cannot run in this JVM: " + e.getMessage());
        }
        // Kubernetes time starts with the run (Pacer), not while the engine is built
        WallClockScheduler scheduler = WallClockScheduler.paused("zksim-control-plane");
        RealBackend backend = null;
        try {
            RealBackend b = new RealBackend(scheduler, settings, setup.cluster().clusterDomain());
            backend = b;
            return scheduler.call(
                    "create the control plane",
                    () -> {
                        KubernetesCluster k8s =
                                new KubernetesCluster(scheduler, new Seeds(setup.seed()), b.runtime(), setup.cluster());
                        b.attach(k8s);
                        return new RealEngine(scheduler, k8s, b, new ListenerRelay());
                    },
                    DRIVER_CALL_TIMEOUT_MS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            scheduler.close();
            if (backend != null) {
                backend.close();
            }
            throw new IllegalStateException("cannot start the real engine", e);
        } catch (InterruptedException e) {
            scheduler.close();
            if (backend != null) {
                backend.close();
            }
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the real engine", e);
        }
    }

    /** Makes real engines with {@code settings} ({@code zksim run --engine real}). */
    public static EngineFactory factory(RealEngineSettings settings) {
        return EngineFactory.of(NAME, setup -> create(setup, settings));
    }

    // ---------------------------------------------------------------- threads

    /** Runs {@code task} on the control plane's thread; its exceptions (an {@code EngineRejection}) come back here. */
    private <T> T onDriver(String what, Callable<T> task) {
        requireOpen();
        backend.pacer().start();
        try {
            return scheduler.call(what, task, DRIVER_CALL_TIMEOUT_MS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re && scheduler.failure().isEmpty()) {
                throw re;
            }
            throw new IllegalStateException("the control plane failed during " + what, cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "the control plane did not answer within " + DRIVER_CALL_TIMEOUT_MS + " ms: " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + what, e);
        } finally {
            relay.deliver();
        }
    }

    private void onDriver(String what, Runnable action) {
        onDriver(what, () -> {
            action.run();
            return null;
        });
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        scheduler.failure().ifPresent(f -> {
            throw new IllegalStateException("the control plane stopped: " + f.getMessage(), f);
        });
    }

    // ---------------------------------------------------------------- Engine

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Every manifest zksim reads: the runtime acts out both start-zookeeper and zk-reconfig-start (with its preStop
     * hook) with real servers, so ZooKeeper's own dynamic reconfiguration runs (docs/real-engine.md).
     */
    @Override
    public java.util.Optional<String> cannotRun(dev.zksim.model.manifest.EnsembleSpec spec) {
        return java.util.Optional.empty();
    }

    @Override
    public void setListener(EngineListener listener) {
        relay.deliver();
        relay.setTarget(listener);
    }

    @Override
    public ClusterView view() {
        return onDriver("view", super::view);
    }

    @Override
    public Optional<EnsembleSpec> appliedSpec() {
        return onDriver("applied spec", super::appliedSpec);
    }

    @Override
    public void advance(long durationMs) {
        backend.pacer().start();
        if (durationMs <= 0) {
            relay.deliver();
            return;
        }
        // The wait ends with an action due at its deadline, which closes the gate: simulation time never passes a
        // pending action's due time, so the wait stops at its deadline exactly. Polled instead, a wait overshot by the
        // poll interval times the time scale whenever the Pacer sped time up in between (a 511 ms wait ended after
        // 4.9 s of Kubernetes time in conform-12-77).
        AtomicBoolean gateOpen = new AtomicBoolean(true);
        Runnable closeGate = () -> {
            if (gateOpen.compareAndSet(true, false)) {
                backend.pacer().closeGate();
            }
        };
        // scheduled before the gate opens, while time stands still: the wait starts where the step started
        Scheduler.Timer end = scheduler.schedule(durationMs, "end of a wait", closeGate);
        long deadline = end.dueMs();
        backend.pacer().openGate();
        try {
            while (true) {
                requireOpen();
                relay.deliver();
                long left = deadline - nowMs();
                if (left <= 0) {
                    return;
                }
                pause(scheduler.wallMs(left));
            }
        } finally {
            // the gate first: time may have reached the deadline before the driver ran the action, and cancelling it
            // first would lift the barrier that holds time there
            closeGate.run();
            end.cancel();
        }
    }

    /** The Pacer that sets how fast Kubernetes time runs (tests speed it up from outside). */
    Pacer pacer() {
        return backend.pacer();
    }

    @Override
    public boolean awaitCondition(BooleanSupplier condition, long timeoutMs) {
        backend.pacer().start();
        backend.pacer().openGate();
        try {
            return await(condition, timeoutMs);
        } finally {
            backend.pacer().closeGate();
        }
    }

    private boolean await(BooleanSupplier condition, long timeoutMs) {
        long deadline = nowMs() + timeoutMs;
        while (true) {
            requireOpen();
            relay.deliver();
            if (condition.getAsBoolean()) {
                relay.deliver();
                return true;
            }
            long left = deadline - nowMs();
            if (left <= 0) {
                relay.deliver();
                return false;
            }
            pause(Math.min(CHECK_PERIOD_MS, scheduler.wallMs(left)));
        }
    }

    /** Waits up to {@code wallMs}, or less when the control plane reports a change. */
    private void pause(long wallMs) {
        try {
            relay.awaitArrival(Math.max(1, Math.min(wallMs, 50)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    @Override
    public void apply(EnsembleSpec spec) {
        requireOpen();
        backend.applying(spec);
        onDriver("apply", () -> super.apply(spec));
    }

    @Override
    public void deleteStatefulSet(String name) {
        onDriver("delete statefulset", () -> {
            super.deleteStatefulSet(name);
            backend.statefulSetDeleted();
        });
    }

    @Override
    public void deletePod(String pod, boolean force, OptionalLong gracePeriodMs) {
        onDriver("delete pod", () -> super.deletePod(pod, force, gracePeriodMs));
    }

    @Override
    public void deletePvc(String pvc) {
        onDriver("delete pvc", () -> super.deletePvc(pvc));
    }

    @Override
    public void cordon(String node) {
        onDriver("cordon", () -> super.cordon(node));
    }

    @Override
    public void uncordon(String node) {
        onDriver("uncordon", () -> super.uncordon(node));
    }

    @Override
    public int drain(String node, long timeoutMs) {
        return onDriver("drain", () -> super.drain(node, timeoutMs));
    }

    @Override
    public void failNode(String node) {
        onDriver("fail node", () -> super.failNode(node));
    }

    @Override
    public void recoverNode(String node) {
        onDriver("recover node", () -> super.recoverNode(node));
    }

    @Override
    public void rolloutUndo(OptionalInt toRevision) {
        onDriver("rollout undo", () -> super.rolloutUndo(toRevision));
    }

    @Override
    public void scale(int replicas) {
        onDriver("scale", () -> super.scale(replicas));
    }

    @Override
    public String networkFault(NetworkFault fault) {
        return onDriver("network fault", () -> super.networkFault(fault));
    }

    @Override
    public void killProcess(String pod) {
        onDriver("kill process", () -> super.killProcess(pod));
    }

    @Override
    public void failLiveness(String pod) {
        onDriver("fail liveness", () -> super.failLiveness(pod));
    }

    @Override
    public SortedMap<String, String> factsAfterStep() {
        relay.deliver();
        return super.factsAfterStep();
    }

    // ---------------------------------------------------------------- volumes

    /** After control-plane changes, once per instant: delete the directories of volumes whose claim is gone. */
    private void scheduleVolumeReaping() {
        if (!reapScheduled) {
            reapScheduled = true;
            scheduler.schedule(0, "delete the volumes of deleted PVCs", this::reapVolumes);
        }
    }

    private void reapVolumes() {
        reapScheduled = false;
        TreeSet<String> now =
                k8s.pvcs().stream().map(PvcSnapshot::volumeId).collect(Collectors.toCollection(TreeSet::new));
        for (String v : knownVolumes) {
            if (!now.contains(v)) {
                volumesToDelete.add(v);
            }
        }
        knownVolumes = now;
        volumesToDelete.removeIf(backend::deleteVolume);
    }

    // ---------------------------------------------------------------- what the real engine measured

    /** Kubernetes milliseconds per wall millisecond. */
    public double timeScale() {
        return scheduler.timeScale();
    }

    /** What this run measured, for the summary line and the report. */
    public RealRunSummary summary() {
        return RealRunSummary.of(backend, nowMs());
    }

    /**
     * The container runtime of the servers, once the first {@code apply} opened it: for measurements that need what
     * the engine does not summarise (pod IPs, ZooKeeper's own election reports, the pods' log files).
     */
    public Optional<RealContainerRuntime> containers() {
        return backend.realRuntime();
    }

    /** The simulation's directory (volumes/, pods/, logs/): kept after close with {@link RealEngineSettings#keep()}. */
    public Path directory() {
        return backend.root();
    }

    /** Threads of the simulation still alive after {@link #close()} (empty when it closed cleanly). */
    public List<String> leakedThreads() {
        ServiceForwarder f = service;
        if (f == null || f.leakedThreads().isEmpty()) {
            return backend.leakedThreads();
        }
        List<String> all = new java.util.ArrayList<>(backend.leakedThreads());
        all.addAll(f.leakedThreads());
        return all;
    }

    // ---------------------------------------------------------------- the client Service

    /**
     * The client Service (the manifest's first Service that is not headless, {@code zk-cs}) as kube-proxy serves it: a
     * stable address, the first address of the simulation's subnet on the client port, that forwards each new
     * connection to a Ready endpoint and resets connections to a pod that stops being Ready or is deleted
     * ({@link ServiceForwarder}). Opened on the first call (after the first apply) and closed
     * with the engine. The cluster DNS name of the Service still resolves to the endpoints themselves (docs/api.md).
     *
     * @throws IllegalStateException before the first apply, or after close
     */
    public synchronized ServiceForwarder clientService() {
        requireOpen();
        if (service != null) {
            return service;
        }
        RealContainerRuntime r = backend.realRuntime()
                .orElseThrow(() -> new IllegalStateException("no manifest applied yet: there is no client Service"));
        EnsembleSpec spec = backend.spec().orElseThrow();
        String name = backend.serviceTarget()
                .map(t -> ((ClientTarget.Service) t).name())
                .orElseThrow();
        int port = spec.statefulSet().template().container().zk().clientPort();
        String cidr = r.cidr();
        String gateway = cidr.substring(0, cidr.lastIndexOf('.')) + ".1";
        try {
            // the gateway address holds the subnet's claim on another port; no pod is ever given it (PodNetwork)
            service = ServiceForwarder.open(
                    name, new java.net.InetSocketAddress(java.net.InetAddress.getByName(gateway), port));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot open the client Service " + name + ": " + e.getMessage(), e);
        }
        serviceTargetPort = port;
        onDriver("client service endpoints", () -> {
            k8s.addTimelineListener(e -> refreshEndpoints());
            refreshEndpoints();
        });
        return service;
    }

    /**
     * On the driver thread, after every timeline entry: the Service's endpoints are the pods that are Ready and not
     * terminating, with an IP (what the EndpointSlice controller publishes as ready, kubernetes.io/docs/concepts/
     * services-networking/endpoint-slices/#conditions; kube-proxy routes only to ready endpoints).
     */
    private void refreshEndpoints() {
        ServiceForwarder f = service;
        Optional<RealContainerRuntime> r = backend.realRuntime();
        if (f == null || r.isEmpty()) {
            return;
        }
        java.util.TreeMap<String, java.net.InetSocketAddress> now = new java.util.TreeMap<>();
        for (PodSnapshot p : k8s.pods()) {
            if (p.ready() && !p.terminating() && p.ip().isPresent()) {
                r.get()
                        .podIp(p.name())
                        .ifPresent(ip -> now.put(p.name(), new java.net.InetSocketAddress(ip, serviceTargetPort)));
            }
        }
        f.setEndpoints(now);
    }

    /** Stops the control plane, then every server, client and measurement thread; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ServiceForwarder f = service;
        if (f != null) {
            f.close();
        }
        try {
            scheduler.close();
        } finally {
            super.close();
        }
    }
}
