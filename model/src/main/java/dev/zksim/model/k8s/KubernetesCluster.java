package dev.zksim.model.k8s;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.time.Scheduler;
import dev.zksim.model.time.Seeds;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * The Kubernetes control-plane model: one cluster of nodes running one ZooKeeper ensemble (a StatefulSet, its
 * Services and its PodDisruptionBudget), driven by a {@link Scheduler}. Commands act like kubectl against the API
 * server: they change API objects at once and return what kubectl would print; the controllers (StatefulSet
 * controller, kube-scheduler, kubelets, node lifecycle controller, disruption controller) then react as scheduled
 * actions, so a command's consequences unfold only as the caller advances the scheduler
 * ({@code VirtualScheduler.runUntil}).
 *
 * <p>Containers run through the {@link ContainerRuntime} given at construction; the model never knows whether it
 * drives the Zab model or real servers. The cluster registers itself as the runtime's exit listener.
 *
 * <p>Determinism: no wall clock, no threads; iteration orders are fixed; randomness (volume ids, scheduler
 * tie-breaks) comes from {@code seeds.forComponent("k8s/...")}. Same seed and same calls → same timeline, byte for
 * byte. Not thread-safe: call it from the scheduler's thread of control only.
 *
 * <p>Reads return immutable snapshots ({@link PodSnapshot}, {@link NodeSnapshot}, ...), sorted by name (pods by
 * ordinal).
 */
public final class KubernetesCluster {
    private final ClusterState state;

    /**
     * A cluster with the nodes of {@code cluster}, all Ready and schedulable, and no workload.
     *
     * @param scheduler the simulation's time and event queue
     * @param seeds the run's seed
     * @param runtime what runs the containers
     * @param cluster the nodes, DNS domain and timings
     */
    public KubernetesCluster(Scheduler scheduler, Seeds seeds, ContainerRuntime runtime, ClusterSpec cluster) {
        this.state = new ClusterState(scheduler, seeds, runtime, cluster);
    }

    // ---------------------------------------------------------------- commands (kubectl)

    /**
     * {@code kubectl apply -f MANIFEST}: creates the StatefulSet, Services and PodDisruptionBudget, or updates them. A
     * changed pod template becomes a new revision (or revives an identical older one under a new number) and, with
     * RollingUpdate, starts a rolling update; a changed replica count scales. Only one StatefulSet per cluster:
     * applying a manifest with another StatefulSet name while one exists fails.
     */
    public CommandResult apply(EnsembleSpec ensemble) {
        return command(() -> state.commands().apply(ensemble));
    }

    /**
     * {@code kubectl delete statefulset <name>} (cascading, background): the StatefulSet disappears at once, its pods
     * are all deleted gracefully (in parallel, not in order), PVCs stay unless
     * {@code persistentVolumeClaimRetentionPolicy.whenDeleted: Delete}. Services and the PDB stay.
     */
    public CommandResult deleteStatefulSet() {
        return command(() -> state.commands().deleteStatefulSet());
    }

    /** {@code kubectl delete pod NAME} with the pod's grace period. */
    public CommandResult deletePod(String name) {
        return deletePod(name, DeleteOptions.GRACEFUL);
    }

    /**
     * {@code kubectl delete pod NAME [--grace-period=N] [--force]}. Graceful: the pod is Terminating until its
     * container has stopped (at most the grace period), then the object goes and the StatefulSet re-creates it. Force:
     * the object goes at once, even from a node that cannot confirm the container stopped.
     */
    public CommandResult deletePod(String name, DeleteOptions options) {
        return command(() -> state.commands().deletePod(name, options));
    }

    /**
     * {@code kubectl delete pvc NAME}: while a pod mounts it, the claim stays Terminating (pvc-protection) and is
     * removed when that pod is gone; the next pod of that ordinal then gets a new claim with a new, empty volume.
     */
    public CommandResult deletePvc(String name) {
        return command(() -> state.commands().deletePvc(name));
    }

    /** {@code kubectl cordon NODE}: no new pods are scheduled there; running pods stay. */
    public CommandResult cordon(String node) {
        return command(() -> state.commands().cordon(node, true));
    }

    /** {@code kubectl uncordon NODE}; Pending pods are retried at once. */
    public CommandResult uncordon(String node) {
        return command(() -> state.commands().cordon(node, false));
    }

    /**
     * {@code kubectl drain NODE --ignore-daemonsets --delete-emptydir-data --timeout=...}: cordons, then evicts every
     * pod on the node, retrying refused evictions every {@link ClusterTimings#drainRetryMs()}, and waits for evicted
     * pods to be gone. The returned handle shows the outcome as the simulation advances.
     *
     * @param timeoutMs how long to keep trying (kubectl's {@code --timeout}); must be positive, every wait is bounded
     */
    public NodeDrain drain(String node, long timeoutMs) {
        return command(() -> state.drains().start(node, timeoutMs));
    }

    /** One call of the Eviction API for {@code pod}, guarded by the PodDisruptionBudget. */
    public EvictionResult evict(String pod) {
        return command(() -> state.disruption().evict(pod, "kubectl evict " + pod));
    }

    /**
     * The machine behind NODE stops (power loss, kernel panic): its containers die at once, its kubelet stops
     * reporting. After {@link ClusterTimings#nodeMonitorGracePeriodMs()} the control plane marks it NotReady, taints it
     * unreachable and marks its pods not Ready; after {@link ClusterTimings#notReadyTolerationMs()} more its pods are
     * deleted but stay Terminating, because no kubelet confirms; the StatefulSet creates no replacement until they are
     * force-deleted, the node object is deleted, or the node comes back.
     */
    public CommandResult failNode(String node) {
        return command(() -> state.nodeLifecycle().fail(node));
    }

    /**
     * The machine comes back: its kubelet reports Ready again, finishes the deletion of pods deleted meanwhile and
     * restarts the containers of the pods still bound to it (restart count + 1).
     */
    public CommandResult recoverNode(String node) {
        return command(() -> state.nodeLifecycle().recover(node));
    }

    /** {@code kubectl delete node NODE}: the pod garbage collector removes the pods bound to it at once. */
    public CommandResult deleteNode(String node) {
        return command(() -> state.nodeLifecycle().delete(node));
    }

    /** A new node joins the cluster, Ready and schedulable; Pending pods are retried. */
    public CommandResult addNode(NodeSpec node) {
        return command(() -> state.nodeLifecycle().add(node));
    }

    /**
     * {@code kubectl rollout undo sts/NAME [--to-revision=N]}: puts the template of revision N (default: the previous
     * one) back into the spec, which becomes the newest revision and rolls out like any template change.
     */
    public CommandResult rolloutUndo(OptionalInt toRevision) {
        return command(() -> state.commands().rolloutUndo(toRevision));
    }

    /** {@code kubectl scale sts/NAME --replicas=N}. */
    public CommandResult scale(int replicas) {
        return command(() -> state.commands().scale(replicas));
    }

    /**
     * {@code kubectl exec POD -- pkill java}: the container's main process dies (exit 137 → STATUS Error); the
     * kubelet restarts it (restartPolicy Always) with CrashLoopBackOff back-off after repeated crashes.
     */
    public CommandResult killProcess(String pod) {
        return command(() -> state.kubelet().killProcess(pod));
    }

    /**
     * {@code kubectl exec POD -- rm /usr/bin/zookeeper-ready}: the pod's probe script is gone, so readiness and
     * liveness probes fail until the container restarts (a new container starts from the image, with the script).
     */
    public CommandResult failLiveness(String pod) {
        return command(() -> state.kubelet().breakProbes(pod));
    }

    // ---------------------------------------------------------------- reads

    /** Simulation time now. */
    public long nowMs() {
        return state.nowMs();
    }

    /** The cluster as declared at construction. */
    public ClusterSpec clusterSpec() {
        return state.clusterSpec();
    }

    /** The manifest last applied (with the template of the update revision), if the StatefulSet exists. */
    public Optional<EnsembleSpec> ensemble() {
        return state.ensemble();
    }

    /** Every pod, by ordinal. */
    public List<PodSnapshot> pods() {
        return state.podViews();
    }

    public Optional<PodSnapshot> pod(String name) {
        return state.podView(name);
    }

    /** The node a pod is bound to ({@code kubectl get pod zk-0 --template {{.spec.nodeName}}}). */
    public Optional<String> nodeOf(String pod) {
        return pod(pod).flatMap(PodSnapshot::node);
    }

    /** Every node, in declaration order. */
    public List<NodeSnapshot> nodes() {
        return state.nodeViews();
    }

    public Optional<NodeSnapshot> node(String name) {
        return state.nodeView(name);
    }

    /** Every PersistentVolumeClaim, by name. */
    public List<PvcSnapshot> pvcs() {
        return state.pvcViews();
    }

    public Optional<PvcSnapshot> pvc(String name) {
        return pvcs().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** {@code kubectl rollout history}: the kept revisions, by number. */
    public List<RevisionSnapshot> revisions() {
        return state.revisionViews();
    }

    /** The StatefulSet, if it exists. */
    public Optional<StatefulSetSnapshot> statefulSet() {
        return state.statefulSetView();
    }

    /** The PodDisruptionBudget's status, if the manifest has one. */
    public Optional<PdbSnapshot> pdb() {
        return state.disruption().view();
    }

    /** Every event so far, in order. */
    public List<KubernetesEvent> events() {
        return state.timeline().events();
    }

    /** The events about one object ({@code kubectl describe pod zk-1}), in order. */
    public List<KubernetesEvent> events(String objectName) {
        return events().stream().filter(e -> e.objectName().equals(objectName)).toList();
    }

    /** The headless Service's A records now: pod name → IP (what was last passed to the runtime's dnsChanged). */
    public SortedMap<String, String> dnsRecords() {
        return state.dns().records();
    }

    /** The whole timeline so far (bounded; see {@link #addTimelineListener} to stream it). */
    public List<TimelineEntry> timeline() {
        return state.timeline().entries();
    }

    /**
     * Receives every eviction the Eviction API grants, before the pod is deleted (for invariant checkers such as
     * {@code zksim explore}'s; the model's own tests observe the same hook).
     */
    public void addEvictionListener(java.util.function.Consumer<EvictionGranted> listener) {
        java.util.function.Consumer<Disruption.Granted> previous = state.disruption().observer;
        java.util.function.Consumer<Disruption.Granted> mine = g -> listener.accept(
                new EvictionGranted(g.timeMs(), g.pod(), g.podWasReady(), g.podsBefore(), g.replicas(), g.pdb()));
        state.disruption().observer = previous == null ? mine : previous.andThen(mine);
    }

    /** Streams every later timeline entry to {@code listener}. */
    public void addTimelineListener(TimelineListener listener) {
        state.timeline().addListener(listener);
    }

    /** The internals, for tests and checkers in this package. */
    ClusterState state() {
        return state;
    }

    /**
     * A counter that moves whenever the cluster may have changed (every controller action, command and container
     * exit): while it stays the same, every read here returns an equal snapshot, so a caller polling after each
     * simulation event can keep its views.
     */
    public long changes() {
        return state.changes();
    }

    /** Runs a command, moving {@link #changes()} before and after it (so no view taken halfway stays valid). */
    private <T> T command(Supplier<T> command) {
        state.changed();
        try {
            return command.get();
        } finally {
            state.changed();
        }
    }

    /** How many control-plane actions ran so far (for throughput measurements). */
    public long actions() {
        return state.actions();
    }
}
