package dev.zksim.model.zab;

import dev.zksim.model.k8s.ContainerLaunch;
import dev.zksim.model.k8s.ContainerRuntime;
import dev.zksim.model.time.Scheduler;
import dev.zksim.model.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The Zab model backend: every pod's ZooKeeper server simulated in virtual time — leader election, discovery,
 * synchronisation, quorum commits, durable state per volume — behind the same {@link ContainerRuntime} contract the
 * real backend implements, plus client operations, fault injection, an observable history and predictions.
 *
 * <p>Contract: single-threaded, driven by the {@link Scheduler} it was given (all timers go through it, the wall clock
 * is never read); deterministic — the same calls at the same virtual times with the same {@link ZabOptions} produce
 * the same history, byte for byte. Client operations take effect at the current virtual time; their modeled latency
 * is reported, not waited for.
 *
 * <p>Container semantics: {@link #start} starts the pod's server on volume {@code launch.volumeId()} with
 * myid = ordinal + 1 and the launch's {@code ZkConfig} (a new volume id starts empty); {@link #stop} and
 * {@link #kill} both close the process's sockets, so peers notice at once; {@link #probe} is {@code ruok}, which
 * answers while the process runs even when it has no quorum; {@link #dnsChanged} tells which pod names resolve (a
 * pod's own name always does).
 */
public final class ZabModel implements ContainerRuntime {
    private final ZabCore engine;
    private final ReconfigScriptRun script;

    /** A model whose timers run on {@code scheduler}. */
    public ZabModel(Scheduler scheduler, ZabOptions options) {
        this(new ZabCore(Objects.requireNonNull(scheduler, "scheduler"), options, EnumSet.noneOf(BrokenRule.class)));
    }

    /** For tests of this package: a model with deliberately broken rules. */
    ZabModel(Scheduler scheduler, ZabOptions options, EnumSet<BrokenRule> broken) {
        this(new ZabCore(scheduler, options, broken));
    }

    private ZabModel(ZabCore engine) {
        this.engine = engine;
        this.script = new ReconfigScriptRun(this, engine);
    }

    /** For tests of this package. */
    ZabCore engine() {
        return engine;
    }

    // --- ContainerRuntime --------------------------------------------------------------------------------------------

    /**
     * Starts the pod's server. A container running {@code zk-reconfig-start} (k8s-manifests/zookeeper-reconfig.yaml)
     * has its start script acted out first: the members it finds, {@link #startWith}, then its {@code reconfig -add}
     * loop on the scheduler (see {@code ReconfigScriptRun}); with no members to start from it exits 1.
     */
    @Override
    public void start(ContainerLaunch launch) {
        if (dev.zksim.model.manifest.ReconfigStartCommand.runs(
                launch.template().container().command())) {
            script.start(launch);
            return;
        }
        engine.start(launch);
        engine.noteAvailability();
    }

    /**
     * Starts the pod's server from a dynamic config file (what the reconfig manifest's start script does):
     * {@code start} gives the initial members (e.g. ordinal 0 alone with {@code standaloneEnabled=false}, or the
     * members the ensemble reported plus this server) and the zoo.cfg settings; later restarts through
     * {@link #start} keep the settings and read the newest committed config from the volume.
     */
    public void startWith(ContainerLaunch launch, DynamicStart start) {
        engine.startWith(launch, Objects.requireNonNull(start, "start"));
        engine.noteAvailability();
    }

    /** The committed config of the pod's running server, if it runs from a dynamic config. */
    public Optional<DynamicConfig> committedConfig(String pod) {
        Peer p = engine.peerByPod(pod);
        return p == null ? Optional.empty() : Optional.ofNullable(p.committed);
    }

    /** The last config the pod's running server proposed or saw (newer than the committed one while pending). */
    public Optional<DynamicConfig> lastSeenConfig(String pod) {
        Peer p = engine.peerByPod(pod);
        return p == null ? Optional.empty() : Optional.ofNullable(engine.configs.lastSeen(p));
    }

    @Override
    public void stop(String podName) {
        script.ended(podName);
        engine.stop(podName, "stopped (SIGTERM)");
        engine.noteAvailability();
    }

    @Override
    public void kill(String podName) {
        script.ended(podName);
        engine.stop(podName, "killed");
        engine.noteAvailability();
    }

    /**
     * The node lost power: the server stops for good but its connections stay open and silent (no FIN, no RST), so
     * followers of a leader here notice only when their read times out (syncLimit ticks), a leader notices a follower
     * here by its missing ACKs within syncLimit ticks, and clients by their session's ping time-out.
     */
    @Override
    public void powerOff(String podName) {
        script.ended(podName);
        engine.powerOff(podName);
        engine.noteAvailability();
    }

    /**
     * The reconfig manifest's preStop hook for a server running from a dynamic config: {@code reconfig -remove
     * <myid>} up to 10 tries, 2 s apart, until the config no longer lists it (see {@code ReconfigScriptRun}); abandoned
     * when the process ends first. Any other hook has nothing to act on in the model: it is done at once.
     */
    @Override
    public void runPreStop(String podName, dev.zksim.model.manifest.PreStopHook hook, Runnable finished) {
        if (!hook.isExec()
                || !script.preStop(podName, () -> {
                    finished.run();
                    engine.noteAvailability();
                })) {
            finished.run();
        }
        engine.noteAvailability();
    }

    /** {@code ruok}: {@code imok} while the process runs (even LOOKING, without quorum) and is not hung. */
    @Override
    public boolean probe(String podName, ProbeKind kind) {
        return ruok(podName);
    }

    /**
     * {@code ruok}, or for a {@code srvr} Mode probe: the process answers and its server serves (it leads, or follows
     * an established leader after synchronising), as {@code srvr} then prints a {@code Mode:} line.
     */
    @Override
    public boolean probe(String podName, ProbeKind kind, dev.zksim.model.manifest.Probe.HealthCheck check) {
        if (check == dev.zksim.model.manifest.Probe.HealthCheck.SERVING) {
            return ruok(podName) && status(podName).map(PeerStatus::serving).orElse(false);
        }
        return ruok(podName);
    }

    @Override
    public void dnsChanged(SortedMap<String, String> podIps) {
        engine.dnsChanged(podIps);
        engine.noteAvailability();
    }

    @Override
    public void setExitListener(ExitListener listener) {
        engine.exitListener = Objects.requireNonNull(listener, "listener");
    }

    // --- faults ---------------------------------------------------------------------------------------------------

    /** Cuts {@code side} off from all other pods; leader–follower links time out after syncLimit ticks. */
    public void partition(SortedSet<String> side) {
        engine.partition(side);
        engine.noteAvailability();
    }

    /**
     * Replaces every partition by {@code groups}: no traffic between groups, pods not listed form one more group, the
     * clients sit with group {@code clientGroup} ({@code groups.size()}: with the pods not listed).
     */
    public void cut(List<? extends SortedSet<String>> groups, int clientGroup) {
        engine.cut(groups, clientGroup);
        engine.noteAvailability();
    }

    /** Every election message from {@code fromPod} to {@code toPod} takes {@code delayMs} longer (0: no delay). */
    public void slowLink(String fromPod, String toPod, long delayMs) {
        engine.slowLink(fromPod, toPod, delayMs);
        engine.noteAvailability();
    }

    /**
     * Drops the link from {@code fromPod} to {@code toPod}: the connections between the two are reset at once and new
     * ones are reset until {@link #heal}. Every ZooKeeper connection carries bytes both ways, so one direction cuts the
     * pair (docs/model.md, "Dropped links").
     */
    public void dropLink(String fromPod, String toPod) {
        engine.dropLink(fromPod, toPod);
        engine.noteAvailability();
    }

    /** Whether a partition, a slow link or a dropped link is in place. */
    public boolean anythingToHeal() {
        return engine.anythingToHeal();
    }

    /** Whether the pod's server process is hung ({@link #hang}). */
    public boolean isHung(String pod) {
        Peer p = engine.peerByPod(pod);
        return p != null && p.hung && !p.poweredOff;
    }

    /** Whether the pod has a running (or hung) server process. */
    public boolean isRunning(String pod) {
        Peer p = engine.peerByPod(pod);
        return p != null && !p.poweredOff;
    }

    /** Heals every partition, slow link and dropped link. */
    public void heal() {
        engine.heal();
        engine.noteAvailability();
    }

    /** The pod's process stops responding but keeps its sockets: peers notice only after syncLimit ticks. */
    public void hang(String pod) {
        engine.hang(pod);
        engine.noteAvailability();
    }

    /** A hung process runs again. */
    public void resume(String pod) {
        engine.resume(pod);
        engine.noteAvailability();
    }

    /** Applies one event now. */
    public void apply(ModelEvent event) {
        if (event instanceof ModelEvent.ContainerStart s) {
            start(s.launch());
        } else if (event instanceof ModelEvent.Stop s) {
            stop(s.pod());
        } else if (event instanceof ModelEvent.Kill k) {
            kill(k.pod());
        } else if (event instanceof ModelEvent.DnsChange d) {
            dnsChanged(d.podIps());
        } else if (event instanceof ModelEvent.NetworkPartition p) {
            partition(p.side());
        } else if (event instanceof ModelEvent.NetworkHeal) {
            heal();
        } else if (event instanceof ModelEvent.ProcessHang h) {
            hang(h.pod());
        } else if (event instanceof ModelEvent.ProcessResume r) {
            resume(r.pod());
        } else if (event instanceof ModelEvent.ClientWrite w) {
            write(w.pod(), w.op());
        } else {
            throw new IllegalArgumentException("unknown event " + event);
        }
    }

    // --- clients ---------------------------------------------------------------------------------------------------

    /** A client on {@code pod} ({@code kubectl exec pod -- zkCli.sh create|set|delete ...}). */
    public WriteResult write(String pod, WriteRequest op) {
        WriteResult r = engine.clients.write(pod, op);
        engine.noteAvailability();
        return r;
    }

    /** A client through the {@code zk-cs} Service: a Ready pod chosen by the seeded random source. */
    public WriteResult writeViaService(WriteRequest op) {
        WriteResult r = engine.clients.writeViaService(op);
        engine.noteAvailability();
        return r;
    }

    /**
     * Reads {@code path} from {@code pod}: that server's committed state, which may lag behind the leader unless
     * {@code sync} (or a one-shot client session, whose createSession orders the read after every earlier commit).
     */
    public ReadResult read(String pod, String path, boolean sync) {
        return engine.clients.read(pod, path, sync);
    }

    /** Reads through the {@code zk-cs} Service. */
    public ReadResult readViaService(String path, boolean sync) {
        return engine.clients.readViaService(path, sync);
    }

    /** {@code echo ruok | nc}: true ({@code imok}) while the process runs and responds. */
    public boolean ruok(String pod) {
        Peer p = engine.peerByPod(pod);
        return p != null && p.up() && !p.hung;
    }

    /** {@code srvr} as text: empty when nothing listens on the client port. */
    public String srvr(String pod) {
        return status(pod).map(PeerStatus::srvr).orElse("");
    }

    /** The pod's server status, if the model ever saw that pod's server id. */
    public Optional<PeerStatus> status(String pod) {
        Peer p = engine.peerByPod(pod);
        if (p != null && !p.poweredOff) {
            return Optional.of(statusOf(p));
        }
        for (Map.Entry<Integer, String> e : engine.volumeOfSid.entrySet()) {
            if (engine.podOf(e.getKey()).equals(pod)) {
                VolumeState v = engine.volumes.get(e.getValue());
                return Optional.of(new PeerStatus(
                        pod,
                        e.getKey(),
                        ServerMode.DOWN,
                        ZabPhase.NONE,
                        false,
                        v.lastZxid(),
                        v.lastZxid(),
                        v.currentEpoch(),
                        v.acceptedEpoch(),
                        DataTree.SYSTEM_NODES
                                + DataTree.replay(v.history(), Long.MAX_VALUE).size(),
                        OptionalInt.empty(),
                        OptionalLong.empty(),
                        v.volumeId()));
            }
        }
        return Optional.empty();
    }

    /** Every server the model ever started, by pod name. */
    public SortedMap<String, PeerStatus> statuses() {
        TreeMap<String, PeerStatus> all = new TreeMap<>();
        for (int sid : engine.volumeOfSid.keySet()) {
            String pod = engine.podOf(sid);
            status(pod).ifPresent(s -> all.put(pod, s));
        }
        return Collections.unmodifiableSortedMap(all);
    }

    private PeerStatus statusOf(Peer p) {
        VolumeState v = engine.volume(p);
        long visible = p.serving() ? p.visibleZxid(engine.now()) : p.lastProcessedZxid;
        int nodes =
                DataTree.SYSTEM_NODES + DataTree.replay(v.history(), visible).size();
        OptionalInt leader =
                switch (p.mode) {
                    case LEADING -> OptionalInt.of(p.sid);
                    // a follower whose leader ended behind a partition follows a process that is gone: no live leader
                    case FOLLOWING -> p.goneLeaderPod != null ? OptionalInt.empty() : OptionalInt.of(p.leaderSid);
                    default -> OptionalInt.empty();
                };
        return new PeerStatus(
                p.pod,
                p.sid,
                // an observer follows like any learner; srvr and the status call it OBSERVING
                p.mode == ServerMode.FOLLOWING && p.observer() ? ServerMode.OBSERVING : p.mode,
                p.phase,
                p.serving(),
                p.lastProcessedZxid,
                v.lastZxid(),
                v.currentEpoch(),
                v.acceptedEpoch(),
                nodes,
                leader,
                p.servingSinceMs < 0 ? OptionalLong.empty() : OptionalLong.of(p.servingSinceMs),
                v.volumeId());
    }

    /**
     * The established leader serving writes now; with a stale leader still believing in itself on the minority side
     * of a partition, the one with the highest epoch.
     */
    public Optional<LeaderTerm> leader() {
        Peer best = engine.bestLeader();
        return best == null
                ? Optional.empty()
                : Optional.of(engine.history.terms().get(best.lead.termIndex));
    }

    /**
     * Whether a write would be acknowledged now: an established leader serves, a quorum of voters (itself included)
     * would ACK it, and behind a partition the clients reach a serving server that reaches the leader. A leader whose
     * followers just went away still believes in itself until its next tick, but a write in that gap gets no quorum and
     * fails. The history's availability windows follow this answer.
     */
    public boolean writesAvailable() {
        return engine.writesAvailable();
    }

    /** Every volume the model has seen, by volume id (a deleted PVC's volume stays listed, unused). */
    public SortedMap<String, VolumeState> volumes() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(engine.volumes));
    }

    /** The volume server {@code pod} last started on. */
    public Optional<VolumeState> volumeOf(String pod) {
        for (Map.Entry<Integer, String> e : engine.volumeOfSid.entrySet()) {
            if (engine.podOf(e.getKey()).equals(pod)) {
                return Optional.ofNullable(engine.volumes.get(e.getValue()));
            }
        }
        return Optional.empty();
    }

    /** Everything observed so far. */
    public ZabHistory history() {
        return engine.history.snapshot();
    }

    /** {@code history().elections()}, without copying the rest of the history (the timeline is long). */
    public List<ElectionRecord> elections() {
        return engine.history.elections();
    }

    /** {@code history().availability()}, without copying the rest of the history. */
    public List<AvailabilityWindow> availability() {
        return engine.history.availability();
    }

    /**
     * {@code history().timeline()} from index {@code from} on: for a reader that follows the log line by line (after
     * every event) without copying the whole history each time.
     */
    public List<ZabLogLine> timelineFrom(int from) {
        return engine.history.timelineFrom(from);
    }

    public ZabOptions options() {
        return engine.options;
    }

    public long nowMs() {
        return engine.now();
    }

    /** Quorum rules of the running server {@code pod}, if it runs. */
    public Optional<QuorumVerifier> verifier(String pod) {
        Peer p = engine.peerByPod(pod);
        return p == null ? Optional.empty() : Optional.of(p.verifier);
    }

    // --- prediction ------------------------------------------------------------------------------------------------

    /**
     * An independent copy of this model at the same virtual time, on its own scheduler: every pending timer is re-armed
     * there, the reconfig manifest's start-script loops and preStop hooks included. The copy has no container runtime
     * around it: nothing probes it, restarts its processes or acts when a preStop hook returns.
     */
    public Fork fork() {
        VirtualScheduler vs = new VirtualScheduler();
        vs.runUntil(engine.now());
        ZabModel copy = new ZabModel(engine.copyOnto(vs));
        // the reconfig manifest's scripts: their pending steps are wakeups the engine copy re-armed; the rest is here
        copy.script.copyFrom(script);
        return new Fork(copy, vs);
    }

    /** A copy and the virtual scheduler that drives it. */
    public record Fork(ZabModel model, VirtualScheduler scheduler) {}

    /** What happens after {@code event}, now, over {@link #defaultHorizonMs()}. */
    public Prediction predictAfter(ModelEvent event) {
        return predict(List.of(new TimedEvent(0, event)), defaultHorizonMs());
    }

    /** The liveness bound of the running servers' configuration (a quiet ensemble is settled by then). */
    public long defaultHorizonMs() {
        long horizon = 0;
        for (Peer p : engine.peersInOrder()) {
            horizon = Math.max(horizon, engine.timing.livenessBoundMs(p.config));
        }
        return horizon == 0 ? 120_000 : horizon;
    }

    /** What happens after {@code events} (offsets from now) within {@code horizonMs}, computed on a copy. */
    public Prediction predict(List<TimedEvent> events, long horizonMs) {
        if (horizonMs <= 0) {
            throw new IllegalArgumentException("horizonMs must be positive, got " + horizonMs);
        }
        long from = engine.now();
        ZabHistory before = history();
        Fork fork = fork();
        for (TimedEvent te : events) {
            fork.scheduler().schedule(te.offsetMs(), "predicted event", () -> fork.model()
                    .apply(te.event()));
        }
        long until = from + horizonMs;
        fork.scheduler().runUntil(until);
        ZabModel m = fork.model();
        ZabHistory after = m.history();
        TreeMap<String, SortedMap<String, String>> data = new TreeMap<>();
        for (Peer p : m.engine.peersInOrder()) {
            if (p.serving()) {
                TreeMap<String, String> values = new TreeMap<>();
                DataTree.replay(m.engine.volume(p).history(), p.visibleZxid(until))
                        .forEach((path, z) -> values.put(path, z.value()));
                data.put(p.pod, Collections.unmodifiableSortedMap(values));
            }
        }
        OptionalLong availableFrom = OptionalLong.empty();
        for (AvailabilityWindow w : after.availability()) {
            if (w.toMs().isEmpty() && w.fromMs() <= until) {
                availableFrom = OptionalLong.of(Math.max(from, w.fromMs()));
            }
        }
        return new Prediction(
                from,
                until,
                events,
                m.leader(),
                availableFrom,
                outageMs(after.availability(), from, until),
                m.statuses(),
                data,
                after.elections()
                        .subList(before.elections().size(), after.elections().size()),
                after.lostWrites()
                        .subList(before.lostWrites().size(), after.lostWrites().size()),
                after.timeline()
                        .subList(before.timeline().size(), after.timeline().size()));
    }

    private static long outageMs(List<AvailabilityWindow> windows, long from, long until) {
        List<long[]> covered = new ArrayList<>();
        for (AvailabilityWindow w : windows) {
            long a = Math.max(from, w.fromMs());
            long b = Math.min(until, w.toMs().orElse(until));
            if (a < b) {
                covered.add(new long[] {a, b});
            }
        }
        covered.sort((x, y) -> Long.compare(x[0], y[0]));
        long up = 0;
        long end = from;
        for (long[] c : covered) {
            long a = Math.max(c[0], end);
            if (c[1] > a) {
                up += c[1] - a;
                end = c[1];
            }
        }
        return (until - from) - up;
    }
}
