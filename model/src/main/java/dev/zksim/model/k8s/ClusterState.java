package dev.zksim.model.k8s;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.Resources;
import dev.zksim.model.time.Scheduler;
import dev.zksim.model.time.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The API server's objects and the wiring between the controllers: every controller reads and writes here, schedules
 * its work through {@link #schedule} and asks for a reconcile pass after a change. Single-threaded.
 */
final class ClusterState {
    /**
     * A pod deleted by the StatefulSet controller to replace it with the update revision (for the rollout checks).
     *
     * @param rollout which rollout: a new one starts whenever the update revision changes or the StatefulSet is created
     */
    record RolloutDeletion(long timeMs, int ordinal, String fromRevision, String toRevision, long rollout) {}

    private final Scheduler scheduler;
    private final ContainerRuntime runtime;
    private final ClusterSpec clusterSpec;
    private final ClusterTimings timings;
    private final SplittableRandom volumeRandom;
    private final SplittableRandom uidRandom;
    private final SplittableRandom schedulerRandom;

    private final LinkedHashMap<String, NodeObj> nodes = new LinkedHashMap<>();
    private final TreeMap<Integer, PodObj> pods = new TreeMap<>();
    private final TreeMap<String, PvcObj> pvcs = new TreeMap<>();
    private StsObj sts;
    /** The last applied manifest: Services and the PDB outlive the StatefulSet. */
    private EnsembleSpec lastApplied;

    private final List<RolloutDeletion> rolloutDeletions = new ArrayList<>();

    private final Timeline timeline = new Timeline();
    private final Dns dns = new Dns(this);
    private final Kubelet kubelet = new Kubelet(this);
    private final PodScheduler podScheduler = new PodScheduler(this);
    private final StatefulSetController stsController = new StatefulSetController(this);
    private final NodeLifecycle nodeLifecycle = new NodeLifecycle(this);
    private final Disruption disruption = new Disruption(this);
    private final Drains drains = new Drains(this);
    private final Commands commands = new Commands(this);

    private long rollout;
    private int nodeCounter;
    private long podSeq;
    private long actions;
    /** See {@link #changes()}. */
    private long changes;

    private boolean reconcilePending;

    ClusterState(Scheduler scheduler, Seeds seeds, ContainerRuntime runtime, ClusterSpec clusterSpec) {
        this.scheduler = java.util.Objects.requireNonNull(scheduler);
        this.runtime = java.util.Objects.requireNonNull(runtime);
        this.clusterSpec = java.util.Objects.requireNonNull(clusterSpec);
        this.timings = clusterSpec.timings();
        this.volumeRandom = seeds.forComponent("k8s/volumes");
        this.uidRandom = seeds.forComponent("k8s/uids");
        this.schedulerRandom = seeds.forComponent("k8s/scheduler");
        for (NodeSpec n : clusterSpec.nodes()) {
            addNodeObject(n);
        }
        runtime.setExitListener((pod, exitCode) -> {
            changes++;
            kubelet.containerExitedOnItsOwn(pod, exitCode);
            changes++;
        });
    }

    // ---------------------------------------------------------------- wiring

    Scheduler.Timer schedule(long delayMs, String description, Runnable action) {
        return scheduler.schedule(delayMs, description, () -> {
            actions++;
            changes++;
            action.run();
            changes++;
        });
    }

    /**
     * Like {@link #schedule}, for an action that mostly changes nothing a view shows (a probe that passes): it leaves
     * {@link #changes()} alone, so the action itself must call {@link #changed()} before and after any change a view
     * could show.
     */
    Scheduler.Timer scheduleQuiet(long delayMs, String description, Runnable action) {
        return scheduler.schedule(delayMs, description, () -> {
            actions++;
            action.run();
        });
    }

    /** Asks for one pass of the StatefulSet controller, the scheduler and DNS at the current time (coalesced). */
    void requestReconcile() {
        if (reconcilePending) {
            return;
        }
        reconcilePending = true;
        schedule(0, "reconcile", () -> {
            reconcilePending = false;
            stsController.sync();
            podScheduler.scheduleAll();
            dns.refresh();
        });
    }

    long nowMs() {
        return scheduler.nowMs();
    }

    long actions() {
        return actions;
    }

    /**
     * A counter that moves before and after anything that can change the API objects: every controller action (all of
     * them run through {@link #schedule}), every command ({@link #changed}) and every container exit. Equal values
     * mean every view is unchanged, which lets readers that poll after each simulation event cache their views.
     */
    long changes() {
        return changes;
    }

    /**
     * Called before and after a command, or a {@link #scheduleQuiet quiet action}, that may change the API objects (see
     * {@link #changes()}).
     */
    void changed() {
        changes++;
    }

    ClusterTimings timings() {
        return timings;
    }

    ClusterSpec clusterSpec() {
        return clusterSpec;
    }

    ContainerRuntime runtime() {
        return runtime;
    }

    SplittableRandom schedulerRandom() {
        return schedulerRandom;
    }

    Timeline timeline() {
        return timeline;
    }

    Dns dns() {
        return dns;
    }

    Kubelet kubelet() {
        return kubelet;
    }

    PodScheduler podScheduler() {
        return podScheduler;
    }

    StatefulSetController stsController() {
        return stsController;
    }

    NodeLifecycle nodeLifecycle() {
        return nodeLifecycle;
    }

    Disruption disruption() {
        return disruption;
    }

    Drains drains() {
        return drains;
    }

    Commands commands() {
        return commands;
    }

    // ---------------------------------------------------------------- objects

    Map<String, NodeObj> nodeMap() {
        return nodes;
    }

    NodeObj addNodeObject(NodeSpec spec) {
        NodeObj n = new NodeObj(spec, ++nodeCounter);
        nodes.put(spec.name(), n);
        return n;
    }

    Optional<NodeObj> nodeObj(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    /** Pods by ordinal (live view; do not modify while iterating over it). */
    TreeMap<Integer, PodObj> podsByOrdinal() {
        return pods;
    }

    Optional<PodObj> podObj(String name) {
        for (PodObj p : pods.values()) {
            if (p.name.equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    List<PodObj> podsOn(String node) {
        List<PodObj> l = new ArrayList<>();
        for (PodObj p : pods.values()) {
            if (node.equals(p.node)) {
                l.add(p);
            }
        }
        return l;
    }

    TreeMap<String, PvcObj> pvcMap() {
        return pvcs;
    }

    StsObj sts() {
        return sts;
    }

    void setSts(StsObj s) {
        this.sts = s;
    }

    Optional<EnsembleSpec> lastApplied() {
        return Optional.ofNullable(lastApplied);
    }

    void setLastApplied(EnsembleSpec e) {
        this.lastApplied = e;
    }

    List<RolloutDeletion> rolloutDeletions() {
        return rolloutDeletions;
    }

    long rollout() {
        return rollout;
    }

    /** The update revision changed or the StatefulSet was created. */
    void newRollout() {
        rollout++;
    }

    /** Keeps the most recent rollout deletions (bounded). */
    void recordRolloutDeletion(RolloutDeletion d) {
        if (rolloutDeletions.size() >= 10_000) {
            rolloutDeletions.remove(0);
        }
        rolloutDeletions.add(d);
    }

    Optional<EnsembleSpec> ensemble() {
        return sts == null ? Optional.empty() : Optional.of(sts.ensemble);
    }

    String namespace() {
        return lastApplied == null ? "default" : lastApplied.namespace();
    }

    long nextPodSeq() {
        return podSeq++;
    }

    String newUid() {
        return uuid(uidRandom);
    }

    /** A dynamically provisioned volume's name, {@code pvc-<uuid>} as most provisioners name them. */
    String newVolumeId() {
        return "pvc-" + uuid(volumeRandom);
    }

    private static String uuid(SplittableRandom r) {
        String hex = String.format("%016x%016x", r.nextLong(), r.nextLong());
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }

    /** The next free address of the node's pod CIDR; never reuses an address in use, cycles through .2–.254. */
    String allocateIp(NodeObj n) {
        TreeSet<String> used = new TreeSet<>();
        for (PodObj p : pods.values()) {
            if (p.ip != null) {
                used.add(p.ip);
            }
        }
        for (int tries = 0; tries < 253; tries++) {
            int host = n.nextHost;
            n.nextHost = host >= 254 ? 2 : host + 1;
            String ip = "10.244." + n.index + "." + host;
            if (!used.contains(ip)) {
                return ip;
            }
        }
        throw new IllegalStateException("pod CIDR of " + n.name() + " exhausted");
    }

    /** Removes the pod object for good: the final watch row, pvc-protection release, a reconcile. */
    void removePod(PodObj p) {
        if (pods.get(p.ordinal) != p) {
            return;
        }
        p.cancelTimers();
        pods.remove(p.ordinal);
        row(p);
        for (String claim : p.claims) {
            PvcObj c = pvcs.get(claim);
            if (c != null && c.deleting) {
                pvcs.remove(claim);
            }
        }
        drains.podRemoved(p);
        requestReconcile();
    }

    /** Whether any live pod mounts {@code claim}. */
    boolean claimInUse(String claim) {
        for (PodObj p : pods.values()) {
            if (p.claims.contains(claim)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- timeline

    /** Records a pod change as a watch row; DNS follows every pod change at once. */
    void row(PodObj p) {
        timeline.add(
                new PodRow(nowMs(), p.name, p.readyContainers(), 1, p.status(), p.restarts, nowMs() - p.createdAtMs));
        dns.refresh();
    }

    void event(String type, String reason, String kind, String object, String source, String message) {
        timeline.add(new KubernetesEvent(nowMs(), type, reason, kind, object, source, message));
    }

    /** Records kubectl output lines in the timeline and returns the result. */
    CommandResult output(String command, boolean ok, List<String> lines) {
        for (String l : lines) {
            timeline.add(new CommandOutput(nowMs(), command, l));
        }
        return new CommandResult(ok, lines);
    }

    // ---------------------------------------------------------------- views

    List<PodSnapshot> podViews() {
        List<PodSnapshot> l = new ArrayList<>();
        for (PodObj p : pods.values()) {
            l.add(view(p));
        }
        return Collections.unmodifiableList(l);
    }

    Optional<PodSnapshot> podView(String name) {
        return podObj(name).map(this::view);
    }

    PodSnapshot view(PodObj p) {
        int number =
                sts == null ? 0 : sts.byName(p.revision.name).map(r -> r.number).orElse(0);
        Optional<String> claim = p.claims.isEmpty() ? Optional.empty() : Optional.of(p.claims.get(0));
        Optional<String> volume = claim.map(pvcs::get).map(c -> c.volumeId);
        String fqdn = lastApplied == null ? p.name : lastApplied.podFqdn(p.ordinal, clusterSpec.clusterDomain());
        return new PodSnapshot(
                p.name,
                p.ordinal,
                p.uid,
                p.status(),
                p.phase,
                p.readyCondition,
                p.readyContainers(),
                1,
                p.restarts,
                Optional.ofNullable(p.node),
                Optional.ofNullable(p.ip),
                p.revision.name,
                number,
                claim,
                volume,
                p.createdAtMs,
                Optional.ofNullable(p.pendingReason),
                p.terminating,
                p.labels,
                p.name,
                fqdn);
    }

    Resources requestedOn(NodeObj n) {
        Resources r = n.spec.reserved();
        for (PodObj p : pods.values()) {
            if (n.name().equals(p.node)) {
                r = r.plus(p.revision.template.resources());
            }
        }
        return r;
    }

    List<NodeSnapshot> nodeViews() {
        List<NodeSnapshot> l = new ArrayList<>();
        for (NodeObj n : nodes.values()) {
            l.add(view(n));
        }
        return Collections.unmodifiableList(l);
    }

    Optional<NodeSnapshot> nodeView(String name) {
        return nodeObj(name).map(this::view);
    }

    private NodeSnapshot view(NodeObj n) {
        // podsOn and requestedOn in one pass: views are rebuilt after every control-plane action
        List<String> names = new ArrayList<>();
        Resources requested = n.spec.reserved();
        for (PodObj p : pods.values()) {
            if (n.name().equals(p.node)) {
                names.add(p.name);
                requested = requested.plus(p.revision.template.resources());
            }
        }
        Collections.sort(names);
        return new NodeSnapshot(
                n.name(),
                n.spec.labels(),
                n.spec.allocatable(),
                requested,
                n.status(),
                n.ready,
                n.down,
                n.unschedulable,
                n.podCidr(),
                n.taints(),
                names);
    }

    List<PvcSnapshot> pvcViews() {
        List<PvcSnapshot> l = new ArrayList<>();
        for (PvcObj c : pvcs.values()) {
            Optional<String> user = Optional.empty();
            for (PodObj p : pods.values()) {
                if (p.claims.contains(c.name)) {
                    user = Optional.of(p.name);
                    break;
                }
            }
            l.add(new PvcSnapshot(
                    c.name,
                    c.ordinal,
                    c.deleting ? "Terminating" : "Bound",
                    c.volumeId,
                    c.template.storageBytes(),
                    c.template.accessModes(),
                    c.createdAtMs,
                    user));
        }
        return Collections.unmodifiableList(l);
    }

    List<RevisionSnapshot> revisionViews() {
        if (sts == null) {
            return List.of();
        }
        List<RevisionSnapshot> l = new ArrayList<>();
        for (Revision r : sts.history()) {
            l.add(new RevisionSnapshot(r.number, r.name, r.template, r == sts.current, r == sts.update));
        }
        return Collections.unmodifiableList(l);
    }

    Optional<StatefulSetSnapshot> statefulSetView() {
        if (sts == null) {
            return Optional.empty();
        }
        int existing = 0;
        int ready = 0;
        int current = 0;
        int updated = 0;
        for (PodObj p : pods.values()) {
            existing++;
            if (p.runningAndReady()) {
                ready++;
            }
            if (p.revision.name.equals(sts.current.name)) {
                current++;
            }
            if (p.revision.name.equals(sts.update.name)) {
                updated++;
            }
        }
        int n = sts.replicas();
        boolean complete = updated == n && ready == n && existing == n;
        return Optional.of(new StatefulSetSnapshot(
                sts.name(),
                n,
                existing,
                ready,
                current,
                updated,
                sts.current.name,
                sts.update.name,
                sts.spec().podManagementPolicy(),
                sts.spec().updateStrategy(),
                complete));
    }
}
