package dev.zksim.model.scenario.cluster;

import dev.zksim.model.k8s.CommandOutput;
import dev.zksim.model.k8s.CommandResult;
import dev.zksim.model.k8s.DeleteOptions;
import dev.zksim.model.k8s.KubernetesCluster;
import dev.zksim.model.k8s.KubernetesEvent;
import dev.zksim.model.k8s.NodeDrain;
import dev.zksim.model.k8s.PodRow;
import dev.zksim.model.k8s.PodSnapshot;
import dev.zksim.model.k8s.RevisionSnapshot;
import dev.zksim.model.k8s.TimelineEntry;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.scenario.FourLetterWord;
import dev.zksim.model.scenario.NetworkFault;
import dev.zksim.model.scenario.WriteOp;
import dev.zksim.model.scenario.engine.ClientTarget;
import dev.zksim.model.scenario.engine.ClusterEvent;
import dev.zksim.model.scenario.engine.ClusterView;
import dev.zksim.model.scenario.engine.DrainView;
import dev.zksim.model.scenario.engine.Engine;
import dev.zksim.model.scenario.engine.EngineListener;
import dev.zksim.model.scenario.engine.EngineRejection;
import dev.zksim.model.scenario.engine.LostWrite;
import dev.zksim.model.scenario.engine.NodeView;
import dev.zksim.model.scenario.engine.PodView;
import dev.zksim.model.scenario.engine.PvcView;
import dev.zksim.model.scenario.engine.ReadOutcome;
import dev.zksim.model.scenario.engine.ServerLog;
import dev.zksim.model.scenario.engine.ServerStatus;
import dev.zksim.model.scenario.engine.StatefulSetView;
import dev.zksim.model.scenario.engine.WriteOutcome;
import dev.zksim.model.scenario.engine.ZooKeeperClient;
import dev.zksim.model.scenario.engine.ZooKeeperHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An {@link Engine} over the Kubernetes control-plane model: actions are {@link KubernetesCluster} commands (a refused
 * command becomes an {@link EngineRejection} with kubectl's message), views are mapped from its snapshots, and its
 * timeline streams into the runner's listener. Subclasses supply the clock ({@link #advance},
 * {@link #awaitCondition}): virtual time in {@link ModelEngine}, wall time in the real engine.
 */
public abstract class ClusterEngine implements Engine {
    private final KubernetesCluster k8s;
    private final ZooKeeperBackend backend;
    private final List<NodeDrain> drains = new ArrayList<>();
    private final Map<String, PodView> lastSeen = new TreeMap<>();
    private EngineListener listener = EngineListener.NONE;
    /** The last {@link #view()}, valid while {@link KubernetesCluster#changes()} equals {@link #cachedViewChanges}. */
    private ClusterView cachedView;

    private long cachedViewChanges;
    private final Optional<ZooKeeperClient> client;

    /** @param k8s a cluster whose runtime is {@code backend.runtime()} */
    protected ClusterEngine(KubernetesCluster k8s, ZooKeeperBackend backend) {
        this.k8s = k8s;
        this.backend = backend;
        this.client = backend.client().map(LoggingClient::new);
        k8s.addTimelineListener(this::onEntry);
    }

    /**
     * The control plane's clock: virtual time in the model engine, Kubernetes time bound to the wall in the real one.
     */
    @Override
    public long nowMs() {
        return k8s.nowMs();
    }

    /** The ZooKeeper backend the containers run on (the Zab model, or real servers), for reports. */
    public ZooKeeperBackend backend() {
        return backend;
    }

    /** The control plane, for engine subclasses and tests. */
    protected KubernetesCluster kubernetes() {
        return k8s;
    }

    /**
     * Hands the ZooKeeper servers' log lines written so far to the listener. Called before every control-plane
     * timeline entry (so both stay in time order), after client operations, and by subclasses when time stops.
     */
    protected void flushServerLog() {
        for (ServerLog l : backend.drainLog()) {
            listener.serverLog(l);
        }
    }

    private void onEntry(TimelineEntry e) {
        flushServerLog();
        if (e instanceof PodRow row) {
            Optional<PodSnapshot> pod = k8s.pod(row.name());
            if (pod.isPresent()) {
                PodView v = map(pod.get());
                lastSeen.put(v.name(), v);
                listener.podChanged(row.timeMs(), v);
            } else {
                PodView last = lastSeen.remove(row.name());
                if (last != null) {
                    listener.podDeleted(
                            row.timeMs(),
                            new PodView(
                                    last.name(),
                                    last.phase(),
                                    row.status(),
                                    false,
                                    row.readyContainers(),
                                    row.totalContainers(),
                                    row.restarts(),
                                    last.node(),
                                    last.revision(),
                                    last.createdMs(),
                                    Optional.empty()));
                }
            }
        } else if (e instanceof KubernetesEvent ev) {
            listener.event(new ClusterEvent(
                    ev.timeMs(),
                    ev.type(),
                    ev.reason(),
                    ev.objectKind().toLowerCase(Locale.ROOT) + "/" + ev.objectName(),
                    ev.source(),
                    ev.message()));
        } else if (e instanceof CommandOutput out) {
            listener.commandOutput(out.timeMs(), out.command(), out.line());
        } else {
            throw new IllegalStateException("unknown timeline entry " + e);
        }
    }

    private static PodView map(PodSnapshot p) {
        return new PodView(
                p.name(),
                p.phase().apiName(),
                p.status(),
                p.ready(),
                p.readyContainers(),
                p.totalContainers(),
                p.restarts(),
                p.node(),
                p.revision(),
                p.createdAtMs(),
                p.pendingReason());
    }

    @Override
    public void setListener(EngineListener listener) {
        this.listener = listener;
    }

    @Override
    public ClusterView view() {
        // The runner polls the view after every simulation event, and most events (Zab timers, messages) leave the
        // API objects alone: rebuild only when the cluster's change counter moved, otherwise re-stamp the time.
        long changes = k8s.changes();
        ClusterView v = cachedView;
        if (v == null || changes != cachedViewChanges) {
            v = freshView();
            cachedViewChanges = changes;
        } else if (v.nowMs() != nowMs()) {
            v = new ClusterView(nowMs(), v.pods(), v.pvcs(), v.nodes(), v.statefulSet(), v.drains());
        }
        cachedView = v;
        return v;
    }

    /** The view built from the cluster now, bypassing the cache (for tests: {@link #view()} must always equal it). */
    ClusterView freshView() {
        List<PodView> pods = k8s.pods().stream().map(ClusterEngine::map).toList();
        List<PvcView> pvcs = k8s.pvcs().stream()
                .map(p -> new PvcView(p.name(), p.status(), Optional.of(p.volumeId())))
                .toList();
        List<NodeView> nodes = k8s.nodes().stream()
                .map(n -> new NodeView(n.name(), n.ready(), n.unschedulable()))
                .toList();
        Optional<StatefulSetView> sts = k8s.statefulSet()
                .map(s -> new StatefulSetView(
                        s.name(),
                        s.replicas(),
                        s.readyReplicas(),
                        s.currentRevision(),
                        s.updateRevision(),
                        k8s.revisions().stream().map(RevisionSnapshot::number).toList()));
        List<DrainView> dv = new ArrayList<>();
        for (int i = 0; i < drains.size(); i++) {
            NodeDrain d = drains.get(i);
            DrainView.DrainState state =
                    switch (d.status()) {
                        case RUNNING -> DrainView.DrainState.RUNNING;
                        case SUCCEEDED -> DrainView.DrainState.SUCCEEDED;
                        case REFUSED_BY_PDB -> DrainView.DrainState.REFUSED_BY_PDB;
                        case TIMED_OUT, FAILED -> DrainView.DrainState.TIMED_OUT;
                    };
            dv.add(new DrainView(i + 1, d.node(), state, d.refusedByPdb(), d.evictedPods(), d.lastError()));
        }
        return new ClusterView(nowMs(), pods, pvcs, nodes, sts, dv);
    }

    @Override
    public Optional<EnsembleSpec> appliedSpec() {
        return k8s.ensemble();
    }

    /** Runs a command; a refusal becomes an {@link EngineRejection} with what kubectl printed. */
    private static void check(CommandResult r) {
        if (!r.ok()) {
            throw new EngineRejection(String.join("; ", r.output()));
        }
    }

    @Override
    public void apply(EnsembleSpec spec) {
        check(k8s.apply(spec));
    }

    @Override
    public void deleteStatefulSet(String name) {
        if (k8s.statefulSet().filter(s -> s.name().equals(name)).isEmpty()) {
            throw new EngineRejection("Error from server (NotFound): statefulsets.apps \"" + name + "\" not found");
        }
        check(k8s.deleteStatefulSet());
    }

    @Override
    public void deletePod(String pod, boolean force, OptionalLong gracePeriodMs) {
        DeleteOptions options = force
                ? DeleteOptions.FORCE
                : gracePeriodMs.isPresent()
                        ? DeleteOptions.gracePeriod((int) (gracePeriodMs.getAsLong() / 1000))
                        : DeleteOptions.GRACEFUL;
        check(k8s.deletePod(pod, options));
    }

    @Override
    public void deletePvc(String pvc) {
        check(k8s.deletePvc(pvc));
    }

    @Override
    public void cordon(String node) {
        check(k8s.cordon(node));
    }

    @Override
    public void uncordon(String node) {
        check(k8s.uncordon(node));
    }

    @Override
    public int drain(String node, long timeoutMs) {
        NodeDrain d = k8s.drain(node, timeoutMs);
        if (d.status() == NodeDrain.DrainStatus.FAILED) {
            throw new EngineRejection(d.lastError().orElse(String.join("; ", d.output())));
        }
        drains.add(d);
        cachedView = null;
        return drains.size();
    }

    @Override
    public void failNode(String node) {
        check(k8s.failNode(node));
    }

    @Override
    public void recoverNode(String node) {
        check(k8s.recoverNode(node));
    }

    @Override
    public void rolloutUndo(OptionalInt toRevision) {
        check(k8s.rolloutUndo(toRevision));
    }

    @Override
    public void scale(int replicas) {
        check(k8s.scale(replicas));
    }

    @Override
    public void killProcess(String pod) {
        check(k8s.killProcess(pod));
    }

    @Override
    public void failLiveness(String pod) {
        check(k8s.failLiveness(pod));
    }

    /**
     * Partitions and isolations become a {@link NetworkFault.Cut} over the pods that exist now, with the clients placed
     * (docs/scenarios.md): with the group of the pod {@code clients} names, else with the largest group — the pods
     * not listed counting as one — the first on a tie. Then the backend applies it.
     */
    @Override
    public String networkFault(NetworkFault fault) {
        NetworkFault f = fault;
        if (fault instanceof NetworkFault.Isolate i) {
            f = new NetworkFault.Cut(List.of(new java.util.TreeSet<>(List.of(i.pod()))), 1);
        } else if (fault instanceof NetworkFault.Partition p) {
            f = cut(p);
        }
        if (fault instanceof NetworkFault.Pause p && backend.client().isEmpty()) {
            // Without ZooKeeper, what the control plane sees of a frozen process: its probes time out until restart.
            check(k8s.failLiveness(p.pod()));
            return "no ZooKeeper backend: only the probes of " + p.pod() + " stop answering";
        }
        return backend.networkFault(f);
    }

    private NetworkFault.Cut cut(NetworkFault.Partition p) {
        List<java.util.SortedSet<String>> groups = p.groups();
        int rest = 0;
        for (String pod : k8s.pods().stream().map(v -> v.name()).toList()) {
            if (groups.stream().noneMatch(g -> g.contains(pod))) {
                rest++;
            }
        }
        int clientGroup;
        if (p.clientsWith().isPresent()) {
            String c = p.clientsWith().get();
            clientGroup = groups.size();
            for (int i = 0; i < groups.size(); i++) {
                if (groups.get(i).contains(c)) {
                    clientGroup = i;
                }
            }
        } else {
            clientGroup = 0;
            int best = -1;
            for (int i = 0; i <= groups.size(); i++) {
                int size = i < groups.size() ? groups.get(i).size() : rest;
                if (size > best) {
                    best = size;
                    clientGroup = i;
                }
            }
        }
        return new NetworkFault.Cut(groups, clientGroup);
    }

    @Override
    public Optional<ZooKeeperClient> zooKeeper() {
        return client;
    }

    /** The backend's client, flushing the server log after every operation. */
    private final class LoggingClient implements ZooKeeperClient {
        private final ZooKeeperClient inner;

        LoggingClient(ZooKeeperClient inner) {
            this.inner = inner;
        }

        @Override
        public WriteOutcome write(ClientTarget via, WriteOp op, String path, String value, long timeoutMs) {
            WriteOutcome o = inner.write(via, op, path, value, timeoutMs);
            flushServerLog();
            return o;
        }

        @Override
        public WriteOutcome reconfig(ClientTarget via, List<String> joining, List<String> leaving, long timeoutMs) {
            WriteOutcome o = inner.reconfig(via, joining, leaving, timeoutMs);
            flushServerLog();
            return o;
        }

        @Override
        public WriteOutcome reconfigMembers(ClientTarget via, List<String> members, long timeoutMs) {
            WriteOutcome o = inner.reconfigMembers(via, members, timeoutMs);
            flushServerLog();
            return o;
        }

        @Override
        public ReadOutcome read(String pod, String path, boolean sync, long timeoutMs) {
            ReadOutcome o = inner.read(pod, path, sync, timeoutMs);
            flushServerLog();
            return o;
        }

        @Override
        public Optional<String> leader() {
            return inner.leader();
        }

        @Override
        public boolean writable() {
            return inner.writable();
        }

        @Override
        public ServerStatus status(String pod) {
            return inner.status(pod);
        }

        @Override
        public String fourLetterWord(String pod, FourLetterWord word) {
            return inner.fourLetterWord(pod, word);
        }

        @Override
        public List<LostWrite> lostWrites() {
            return inner.lostWrites();
        }

        @Override
        public ZooKeeperHistory history() {
            return inner.history();
        }
    }

    @Override
    public SortedMap<String, String> factsAfterStep() {
        return backend.factsAfterStep();
    }

    @Override
    public void close() {
        backend.close();
    }
}
