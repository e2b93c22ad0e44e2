package dev.zksim.model.explore;

import dev.zksim.model.explore.ExploreAction.NodeTarget;
import dev.zksim.model.explore.ExploreAction.PodTarget;
import dev.zksim.model.k8s.ClusterSpec;
import dev.zksim.model.k8s.CommandResult;
import dev.zksim.model.k8s.ContainerLaunch;
import dev.zksim.model.k8s.ContainerRuntime;
import dev.zksim.model.k8s.DeleteOptions;
import dev.zksim.model.k8s.KubernetesCluster;
import dev.zksim.model.k8s.NodeDrain;
import dev.zksim.model.k8s.NodeSnapshot;
import dev.zksim.model.k8s.PodSnapshot;
import dev.zksim.model.k8s.StatefulSetSnapshot;
import dev.zksim.model.manifest.ContainerSpec;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.PodTemplate;
import dev.zksim.model.manifest.Resources;
import dev.zksim.model.manifest.StatefulSetSpec;
import dev.zksim.model.time.Seeds;
import dev.zksim.model.time.VirtualScheduler;
import dev.zksim.model.zab.LeaderTerm;
import dev.zksim.model.zab.WriteRequest;
import dev.zksim.model.zab.WriteResult;
import dev.zksim.model.zab.ZabModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * One run's simulated cluster: the Kubernetes control-plane model and the Zab model on one virtual clock, built the
 * way the model engine builds them (same seeds), so the scenario file a run is written as replays it exactly. It
 * performs {@link ExploreAction}s, resolving their symbolic targets against the cluster at that moment, and records
 * each as a {@link TraceEntry} with the scenario step that repeats it.
 *
 * <p>Not thread-safe; one run, one world.
 */
public final class ExploreWorld {
    /** kubectl drain's timeout in generated drains (the scenario format's default). */
    public static final long DRAIN_TIMEOUT_MS = 5 * 60_000;

    private final VirtualScheduler scheduler;
    private final ZabModel zab;
    private final KubernetesCluster k8s;
    private final EnsembleSpec manifest;
    private final OrdinalGuard guard;
    private final List<NodeDrain> drains = new ArrayList<>();
    private final List<TraceEntry> trace = new ArrayList<>();
    private long settledAtMs = -1;
    private int writes;
    private boolean quorumlessCut;
    private boolean leaderCutOff;

    private ExploreWorld(
            VirtualScheduler scheduler,
            ZabModel zab,
            KubernetesCluster k8s,
            EnsembleSpec manifest,
            OrdinalGuard guard) {
        this.scheduler = scheduler;
        this.zab = zab;
        this.k8s = k8s;
        this.manifest = manifest;
        this.guard = guard;
    }

    /**
     * A cluster of {@code cluster}'s nodes with nothing applied yet, seeded like the model engine with {@code seed}.
     */
    public static ExploreWorld create(EnsembleSpec manifest, ClusterSpec cluster, long seed, WorldHooks hooks) {
        VirtualScheduler scheduler = new VirtualScheduler();
        Seeds seeds = new Seeds(seed);
        ZabModel zab = hooks.zab(scheduler, seed);
        OrdinalGuard guard = new OrdinalGuard(zab, scheduler);
        KubernetesCluster k8s = new KubernetesCluster(scheduler, seeds, guard, cluster);
        hooks.cluster(k8s);
        return new ExploreWorld(scheduler, zab, k8s, manifest, guard);
    }

    // ---------------------------------------------------------------- setup

    /**
     * {@code kubectl apply}, then lets time pass until every replica is Ready and a write would be acknowledged, at
     * most {@code boundMs}; then writes {@code /explore-0}. Returns whether the ensemble settled.
     */
    public boolean applyAndSettle(long boundMs) {
        CommandResult r = k8s.apply(manifest);
        if (!r.ok()) {
            throw new IllegalArgumentException("the manifest was refused: " + String.join("; ", r.output()));
        }
        boolean settled = scheduler.runUntil(() -> writable() && allReady(false), scheduler.nowMs() + boundMs);
        if (settled) {
            settledAtMs = scheduler.nowMs();
            zab.writeViaService(new WriteRequest.Create("/explore-0", "v0"));
        }
        return settled;
    }

    /** When the ensemble first settled, or -1. */
    public long settledAtMs() {
        return settledAtMs;
    }

    // ---------------------------------------------------------------- time

    public long nowMs() {
        return scheduler.nowMs();
    }

    /** Runs events until {@code condition} holds or the deadline; returns whether it holds. */
    public boolean runUntil(BooleanSupplier condition, long deadlineMs) {
        return scheduler.runUntil(condition, deadlineMs);
    }

    /** Records a wait that ran from {@code startMs} to now, as asked for {@code asked}. */
    void recordWait(ExploreAction.WaitAction asked, long startMs) {
        long ms = scheduler.nowMs() - startMs;
        // the story line is built for every wait of every run: plain arithmetic, not Durations.format
        trace.add(new TraceEntry(
                asked,
                startMs,
                scheduler.nowMs(),
                Optional.of("wait: " + ms + "ms"),
                "sleep " + (ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms")));
    }

    // ---------------------------------------------------------------- actions

    /** Performs a non-wait action now and records it. */
    public TraceEntry perform(ExploreAction a) {
        TraceEntry e = act(a);
        trace.add(e);
        return e;
    }

    private TraceEntry act(ExploreAction a) {
        long now = scheduler.nowMs();
        if (a instanceof ExploreAction.DrainAction d) {
            return onNode(a, d.node(), (node, ref) -> {
                NodeDrain drain = k8s.drain(node, DRAIN_TIMEOUT_MS);
                drains.add(drain);
                return done(a, "drain: " + ref.withTimeout(), "kubectl drain " + node + " --timeout=5m" + ref.note());
            });
        } else if (a instanceof ExploreAction.CordonAction c) {
            return onNode(
                    a,
                    c.node(),
                    (node, ref) -> command(
                            a, k8s.cordon(node), "cordon: " + ref.yaml(), "kubectl cordon " + node + ref.note()));
        } else if (a instanceof ExploreAction.UncordonAction u) {
            return onNode(
                    a,
                    u.node(),
                    (node, ref) -> command(
                            a, k8s.uncordon(node), "uncordon: " + ref.yaml(), "kubectl uncordon " + node + ref.note()));
        } else if (a instanceof ExploreAction.FailNodeAction f) {
            return onNode(
                    a,
                    f.node(),
                    (node, ref) -> command(
                            a,
                            k8s.failNode(node),
                            "fail-node: " + ref.yaml(),
                            "# " + node + " fails (power off)" + ref.note()));
        } else if (a instanceof ExploreAction.RecoverNodeAction r) {
            return onNode(
                    a,
                    r.node(),
                    (node, ref) -> command(
                            a,
                            k8s.recoverNode(node),
                            "recover-node: " + ref.yaml(),
                            "# " + node + " comes back" + ref.note()));
        } else if (a instanceof ExploreAction.DeletePodAction d) {
            return onPod(
                    a,
                    d.pod(),
                    (pod, note) -> command(
                            a,
                            k8s.deletePod(pod, d.force() ? DeleteOptions.FORCE : DeleteOptions.GRACEFUL),
                            d.force() ? "delete-pod: {pod: " + pod + ", force: true}" : "delete-pod: " + pod,
                            "kubectl delete pod " + pod + (d.force() ? " --force --grace-period=0" : "") + note));
        } else if (a instanceof ExploreAction.KillProcessAction k) {
            return onPod(
                    a,
                    k.pod(),
                    (pod, note) -> command(
                            a,
                            k8s.killProcess(pod),
                            "kill-process: " + pod,
                            "kubectl exec " + pod + " -- pkill java" + note));
        } else if (a instanceof ExploreAction.RollingUpdateAction u) {
            Optional<EnsembleSpec> current = k8s.ensemble();
            if (current.isEmpty()) {
                return skipped(a, "no StatefulSet");
            }
            return command(
                    a,
                    k8s.apply(withCpu(current.get(), u.cpuMillis())),
                    "patch: {cpu: " + u.cpuMillis() + "m}",
                    "kubectl patch sts " + current.get().statefulSet().name() + " (cpu request " + u.cpuMillis()
                            + "m: a new revision, a rolling update)");
        } else if (a instanceof ExploreAction.RolloutUndoAction) {
            return command(
                    a,
                    k8s.rolloutUndo(OptionalInt.empty()),
                    "rollout-undo:",
                    "kubectl rollout undo sts/" + manifest.statefulSet().name());
        } else if (a instanceof ExploreAction.ScaleAction s) {
            return command(
                    a,
                    k8s.scale(s.replicas()),
                    "scale: " + s.replicas(),
                    "kubectl scale sts/" + manifest.statefulSet().name() + " --replicas=" + s.replicas());
        } else if (a instanceof ExploreAction.WriteAction) {
            writes++;
            String path = "/explore-" + writes;
            String value = "v" + writes;
            WriteResult r = zab.writeViaService(new WriteRequest.Create(path, value));
            boolean acked = r instanceof WriteResult.Committed;
            String flow = "{path: " + path + ", value: " + value + "}";
            return new TraceEntry(
                    a,
                    now,
                    now,
                    Optional.of((acked ? "write: " : "expect-write-fails: ") + flow),
                    "zkCli.sh create " + path + " " + value + (acked ? "   # acknowledged" : "   # not acknowledged"));
        } else if (a instanceof ExploreAction.DeletePvcAction d) {
            String pod = podName(d.ordinal());
            Optional<String> pvc = k8s.pod(pod).flatMap(PodSnapshot::pvc);
            if (pvc.isEmpty()) {
                return skipped(a, "no claim for " + pod);
            }
            return command(a, k8s.deletePvc(pvc.get()), "delete-pvc: " + pvc.get(), "kubectl delete pvc " + pvc.get());
        } else if (a instanceof ExploreAction.PartitionAction p) {
            return partition(p);
        } else if (a instanceof ExploreAction.IsolateAction i) {
            return onPod(a, i.pod(), (pod, note) -> {
                cut(new TreeSet<>(List.of(pod)), 1);
                return done(a, "isolate: " + pod, "# " + pod + " is cut from the other pods and the clients" + note);
            });
        } else if (a instanceof ExploreAction.PartitionNodeAction pn) {
            return onNode(a, pn.node(), (node, ref) -> {
                TreeSet<String> onNode = new TreeSet<>();
                for (PodSnapshot p : k8s.pods()) {
                    if (p.node().equals(Optional.of(node))) {
                        onNode.add(p.name());
                    }
                }
                if (onNode.isEmpty()) {
                    return skipped(a, "no pod on " + node);
                }
                cut(onNode, 1);
                return done(
                        a,
                        "partition-node: " + ref.yaml(),
                        "# the pod network of " + node + " is cut off" + ref.note());
            });
        } else if (a instanceof ExploreAction.PauseProcessAction pp) {
            return onPod(a, pp.pod(), (pod, note) -> {
                if (!zab.isRunning(pod)) {
                    return skipped(a, pod + " has no running process");
                }
                zab.hang(pod);
                return done(a, "pause-process: " + pod, "kill -STOP <java of " + pod + ">" + note);
            });
        } else if (a instanceof ExploreAction.ResumeProcessAction r) {
            return onPod(a, r.pod(), (pod, note) -> {
                if (!zab.isHung(pod)) {
                    return skipped(a, pod + " is not paused");
                }
                zab.resume(pod);
                return done(a, "resume-process: " + pod, "kill -CONT <java of " + pod + ">" + note);
            });
        } else if (a instanceof ExploreAction.SlowLinkAction l) {
            return onPod(a, l.from(), (from, note) -> {
                String to = podName(l.toOrdinal());
                if (from.equals(to)) {
                    return skipped(a, "a link joins two pods");
                }
                zab.slowLink(from, to, l.delayMs());
                if (l.both()) {
                    zab.slowLink(to, from, l.delayMs());
                }
                return done(
                        a,
                        "slow-link: {from: " + from + ", to: " + to + ", delay: " + l.delayMs() + "ms"
                                + (l.both() ? ", both: true}" : "}"),
                        "# the link " + from + (l.both() ? " <-> " : " -> ") + to + " is " + l.delayMs() + " ms slow"
                                + note);
            });
        } else if (a instanceof ExploreAction.HealAction) {
            if (!zab.anythingToHeal()) {
                return skipped(a, "no partition or slow link");
            }
            zab.heal();
            quorumlessCut = false;
            leaderCutOff = false;
            return done(a, "heal:", "# the network heals");
        } else if (a instanceof ExploreAction.WaitAction) {
            throw new IllegalArgumentException("waits are run by the checker, not performed");
        }
        throw new IllegalArgumentException("unknown action " + a);
    }

    /**
     * A two-sided partition, resolved now; the clients placed as {@code partition}'s step places them (the pod named,
     * else the larger side, the listed side on a tie), so the written step replays the same cut.
     */
    private TraceEntry partition(ExploreAction.PartitionAction p) {
        TreeSet<String> side = new TreeSet<>();
        if (p.withLeader()) {
            leaderPod().ifPresent(side::add);
        }
        p.ordinals().forEach(o -> side.add(podName(o)));
        if (side.isEmpty()) {
            return skipped(p, p.withLeader() ? "no leader" : "no pod on one side");
        }
        int others = 0;
        for (PodSnapshot v : k8s.pods()) {
            if (!side.contains(v.name())) {
                others++;
            }
        }
        if (others == 0) {
            return skipped(p, "every pod would be on one side");
        }
        int clientGroup;
        String clients = "";
        if (p.clientsWith().isPresent()) {
            String c = podName(p.clientsWith().getAsInt());
            clientGroup = side.contains(c) ? 0 : 1;
            clients = ", clients: " + c;
        } else {
            clientGroup = side.size() >= others ? 0 : 1;
        }
        cut(side, clientGroup);
        return done(
                p,
                "partition: {groups: [[" + String.join(", ", side) + "]]" + clients + "}",
                "# network partition: [" + String.join(", ", side) + "] | the other pods, clients with "
                        + (clientGroup == 0 ? "the first" : "the other pods"));
    }

    /** Replaces the partition by {@code side} against everything else; remembers whether no side keeps a quorum. */
    private void cut(TreeSet<String> side, int clientGroup) {
        zab.cut(List.of(side), clientGroup);
        int n = Math.max(1, manifest.statefulSet().replicas());
        int inSide = 0;
        for (String pod : side) {
            for (int o = 0; o < n; o++) {
                if (manifest.podName(o).equals(pod)) {
                    inSide++;
                }
            }
        }
        quorumlessCut = 2 * inSide <= n && 2 * (n - inSide) <= n;
        Optional<String> leader = leaderPod();
        leaderCutOff = leader.isPresent() && (side.contains(leader.get()) ? 2 * inSide <= n : 2 * (n - inSide) <= n);
    }

    /** Whether the last cut left the leader of that moment on a side without a majority. */
    public boolean leaderCutOff() {
        return leaderCutOff;
    }

    /**
     * Whether the partition in place leaves no side with a majority of the manifest's servers: that is more than the
     * one failure a 2f+1 ensemble promises to survive.
     */
    public boolean quorumlessCut() {
        return quorumlessCut;
    }

    /** A node reference as the scenario writes it. */
    private record Ref(String yaml, String note) {
        String withTimeout() {
            return yaml.startsWith("{")
                    ? yaml.substring(0, yaml.length() - 1) + ", timeout: 5m}"
                    : "{node: " + yaml + ", timeout: 5m}";
        }
    }

    private interface NodeAction {
        TraceEntry run(String node, Ref ref);
    }

    private interface PodAction {
        TraceEntry run(String pod, String note);
    }

    private TraceEntry onNode(ExploreAction a, NodeTarget t, NodeAction action) {
        Optional<String> node = resolve(t);
        if (node.isEmpty()) {
            return skipped(a, "no " + t.describe());
        }
        Ref ref;
        if (t instanceof NodeTarget.LeaderNode) {
            String leader = leaderPod().orElseThrow();
            ref = new Ref(
                    "{nodeOf: " + leader + "}",
                    "   # " + node.get() + ", the node of the leader " + leader + "," + podsOn(node.get()));
        } else if (t instanceof NodeTarget.OrdinalNode o) {
            ref = new Ref(
                    "{nodeOf: " + podName(o.ordinal()) + "}",
                    "   # the node of " + podName(o.ordinal()) + podsOn(node.get()));
        } else {
            ref = new Ref(node.get(), podsOn(node.get()).isEmpty() ? "" : "   #" + podsOn(node.get()));
        }
        return action.run(node.get(), ref);
    }

    private String podsOn(String node) {
        List<String> pods = k8s.node(node).map(NodeSnapshot::pods).orElse(List.of());
        String leader = leaderPod().orElse("");
        if (pods.isEmpty()) {
            return "";
        }
        List<String> shown =
                pods.stream().map(p -> p.equals(leader) ? p + " (leader)" : p).toList();
        return " runs " + String.join(", ", shown);
    }

    private TraceEntry onPod(ExploreAction a, PodTarget t, PodAction action) {
        Optional<String> pod = resolve(t);
        if (pod.isEmpty() || k8s.pod(pod.get()).isEmpty()) {
            return skipped(a, "no " + t.describe());
        }
        String note = pod.get().equals(leaderPod().orElse("")) ? "   # the leader" : "";
        return action.run(pod.get(), note);
    }

    private TraceEntry command(ExploreAction a, CommandResult r, String yaml, String story) {
        if (!r.ok()) {
            return skipped(a, String.join("; ", r.output()));
        }
        return done(a, yaml, story);
    }

    private TraceEntry done(ExploreAction a, String yaml, String story) {
        long now = scheduler.nowMs();
        return new TraceEntry(a, now, now, Optional.of(yaml), story);
    }

    private TraceEntry skipped(ExploreAction a, String why) {
        long now = scheduler.nowMs();
        return new TraceEntry(a, now, now, Optional.empty(), "# (" + a.describe() + ": nothing to do, " + why + ")");
    }

    /** The node a target means now. */
    public Optional<String> resolve(NodeTarget t) {
        List<NodeSnapshot> nodes = k8s.nodes();
        if (t instanceof NodeTarget.LeaderNode) {
            return leaderPod().flatMap(k8s::nodeOf);
        } else if (t instanceof NodeTarget.OrdinalNode o) {
            return k8s.nodeOf(podName(o.ordinal()));
        } else if (t instanceof NodeTarget.NthNode n) {
            return nodes.isEmpty()
                    ? Optional.empty()
                    : Optional.of(
                            nodes.get(Math.floorMod(n.index(), nodes.size())).name());
        } else if (t instanceof NodeTarget.CordonedNode) {
            return nodes.stream()
                    .filter(NodeSnapshot::unschedulable)
                    .map(NodeSnapshot::name)
                    .findFirst();
        } else if (t instanceof NodeTarget.FailedNode) {
            return nodes.stream()
                    .filter(NodeSnapshot::down)
                    .map(NodeSnapshot::name)
                    .findFirst();
        } else if (t instanceof NodeTarget.NamedNode n) {
            return k8s.node(n.name()).map(NodeSnapshot::name);
        }
        throw new IllegalArgumentException("unknown target " + t);
    }

    /** The pod a target means now. */
    public Optional<String> resolve(PodTarget t) {
        if (t instanceof PodTarget.LeaderPod) {
            return leaderPod();
        } else if (t instanceof PodTarget.OrdinalPod o) {
            return Optional.of(podName(o.ordinal()));
        } else if (t instanceof PodTarget.PausedPod) {
            return k8s.pods().stream()
                    .map(PodSnapshot::name)
                    .filter(zab::isHung)
                    .findFirst();
        } else if (t instanceof PodTarget.PodOnFailedNode) {
            TreeSet<String> down = new TreeSet<>();
            k8s.nodes().stream().filter(NodeSnapshot::down).forEach(n -> down.add(n.name()));
            return k8s.pods().stream()
                    .filter(p -> p.node().map(down::contains).orElse(false))
                    .map(PodSnapshot::name)
                    .findFirst();
        }
        throw new IllegalArgumentException("unknown target " + t);
    }

    private String podName(int ordinal) {
        int replicas = Math.max(1, replicas());
        return manifest.podName(Math.floorMod(ordinal, replicas));
    }

    /** The same change {@code patch: {cpu: ...}} makes (the scenario runner's patch of the container's CPU request). */
    static EnsembleSpec withCpu(EnsembleSpec spec, long cpuMillis) {
        StatefulSetSpec sts = spec.statefulSet();
        PodTemplate t = sts.template();
        ContainerSpec c = t.container();
        ContainerSpec c2 = c.withRequests(new Resources(cpuMillis, c.requests().memoryBytes()));
        return spec.withStatefulSet(sts.withTemplate(t.withContainer(c2)));
    }

    // ---------------------------------------------------------------- healing (before the liveness check)

    /**
     * Heals the network, resumes every paused process, recovers every failed node and uncordons every cordoned one,
     * scales back to the manifest; records each (the liveness check starts from there).
     */
    public void heal() {
        if (zab.anythingToHeal()) {
            perform(new ExploreAction.HealAction());
        }
        for (PodSnapshot p : k8s.pods()) {
            if (zab.isHung(p.name())) {
                perform(new ExploreAction.ResumeProcessAction(new PodTarget.OrdinalPod(p.ordinal())));
            }
        }
        for (NodeSnapshot n : k8s.nodes()) {
            if (n.down()) {
                perform(new ExploreAction.RecoverNodeAction(new NodeTarget.NamedNode(n.name())));
            }
        }
        for (NodeSnapshot n : k8s.nodes()) {
            if (n.unschedulable()) {
                perform(new ExploreAction.UncordonAction(new NodeTarget.NamedNode(n.name())));
            }
        }
        if (replicas() != manifest.statefulSet().replicas()) {
            perform(new ExploreAction.ScaleAction(manifest.statefulSet().replicas()));
        }
    }

    // ---------------------------------------------------------------- what the checker looks at

    /** The pod whose server leads with a quorum (as the scenario runner's {@code leader} sees it). */
    public Optional<String> leaderPod() {
        return zab.leader().filter(LeaderTerm::established).map(LeaderTerm::pod);
    }

    /** A write through the client Service would be acknowledged now. */
    public boolean writable() {
        return zab.writesAvailable();
    }

    /** The scenario format's {@code all-ready} (or {@code rollout-complete} with {@code atUpdateRevision}). */
    public boolean allReady(boolean atUpdateRevision) {
        Optional<StatefulSetSnapshot> sts = k8s.statefulSet();
        if (sts.isEmpty()) {
            return false;
        }
        int replicas = sts.get().replicas();
        int good = 0;
        for (PodSnapshot p : k8s.pods()) {
            if (p.ordinal() < replicas
                    && p.ready()
                    && !p.terminating()
                    && (!atUpdateRevision || p.revision().equals(sts.get().updateRevision()))) {
                good++;
            }
        }
        return good == replicas;
    }

    /** Whether any drain is still evicting or retrying. */
    public boolean drainRunning() {
        return drains.stream().anyMatch(d -> !d.done());
    }

    /**
     * Fully healthy: at least the manifest's replicas, every replica Ready at the update revision, no drain running, no
     * node down, no partition or slow link in place, no process paused, writable. Faults before this moment no longer
     * count against the availability budget. (A pod cut off by a partition still turns Ready — the kubelet probes it
     * locally — so readiness alone would call an ensemble that already lost one server healthy. An ensemble scaled
     * below the manifest's replicas tolerates fewer failures than the manifest promises: with two voters, one lost is
     * the quorum.)
     */
    public boolean healthy() {
        return replicas() >= manifest.statefulSet().replicas()
                && writable()
                && !drainRunning()
                && k8s.nodes().stream().noneMatch(NodeSnapshot::down)
                && allReady(true)
                && !zab.anythingToHeal()
                && k8s.pods().stream().noneMatch(p -> zab.isHung(p.name()));
    }

    public int replicas() {
        return k8s.statefulSet()
                .map(StatefulSetSnapshot::replicas)
                .orElse(manifest.statefulSet().replicas());
    }

    public KubernetesCluster kubernetes() {
        return k8s;
    }

    public ZabModel zab() {
        return zab;
    }

    public EnsembleSpec manifest() {
        return manifest;
    }

    public List<NodeDrain> drains() {
        return List.copyOf(drains);
    }

    public List<TraceEntry> trace() {
        return List.copyOf(trace);
    }

    /** Containers started for an ordinal while another still ran, as "t=…ms: zk-1 started twice". */
    public List<String> ordinalViolations() {
        return guard.violations;
    }

    /**
     * Passes every container call to the Zab model and watches StatefulSet's at-most-one guarantee from the runtime's
     * side: a second start of a pod's container before the first one stopped, was killed or exited.
     */
    private static final class OrdinalGuard implements ContainerRuntime {
        private final ZabModel zab;
        private final VirtualScheduler scheduler;
        private final TreeSet<String> running = new TreeSet<>();
        final List<String> violations = new ArrayList<>();

        OrdinalGuard(ZabModel zab, VirtualScheduler scheduler) {
            this.zab = zab;
            this.scheduler = scheduler;
        }

        @Override
        public void start(ContainerLaunch launch) {
            if (!running.add(launch.podName())) {
                violations.add("t=" + scheduler.nowMs() + "ms: a container of " + launch.podName()
                        + " started while another one still ran");
            }
            zab.start(launch);
        }

        @Override
        public void stop(String podName) {
            running.remove(podName);
            zab.stop(podName);
        }

        @Override
        public void kill(String podName) {
            running.remove(podName);
            zab.kill(podName);
        }

        /** A node's power loss: silent in the Zab model, as in the model engine (not a kill, which closes sockets). */
        @Override
        public void powerOff(String podName) {
            running.remove(podName);
            zab.powerOff(podName);
        }

        @Override
        public void runPreStop(String podName, dev.zksim.model.manifest.PreStopHook hook, Runnable finished) {
            zab.runPreStop(podName, hook, finished);
        }

        @Override
        public boolean probe(String podName, ProbeKind kind) {
            return zab.probe(podName, kind);
        }

        @Override
        public boolean probe(String podName, ProbeKind kind, dev.zksim.model.manifest.Probe.HealthCheck check) {
            return zab.probe(podName, kind, check);
        }

        @Override
        public void dnsChanged(SortedMap<String, String> podIps) {
            zab.dnsChanged(podIps);
        }

        @Override
        public void setExitListener(ExitListener listener) {
            zab.setExitListener((pod, code) -> {
                running.remove(pod);
                listener.exited(pod, code);
            });
        }
    }
}
