package dev.zksim.model.scenario.run;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.PodTemplate;
import dev.zksim.model.scenario.FourLetterWord;
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
import dev.zksim.model.scenario.engine.ServerStatus;
import dev.zksim.model.scenario.engine.StatefulSetView;
import dev.zksim.model.scenario.engine.WriteOutcome;
import dev.zksim.model.scenario.engine.ZooKeeperClient;
import dev.zksim.model.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * A small scripted engine in virtual time for the runner's tests: {@code apply} creates the pods at once (Pending on
 * node-(ordinal+1)), each Running and Ready {@link #READY_AFTER_MS} later; a template change re-creates pods from the
 * highest ordinal down, one every {@link #READY_AFTER_MS}. Every other action is recorded in {@link #calls}; tests
 * change state directly with {@link #setPod} and {@link #later}.
 */
final class FakeEngine implements Engine {
    static final long READY_AFTER_MS = 10_000;

    final VirtualScheduler clock = new VirtualScheduler();
    final List<String> calls = new ArrayList<>();
    final TreeMap<String, PodView> pods = new TreeMap<>();
    final TreeMap<String, PvcView> pvcs = new TreeMap<>();
    final TreeMap<String, NodeView> nodes = new TreeMap<>();
    final List<DrainView> drains = new ArrayList<>();
    final List<Integer> revisions = new ArrayList<>();
    Optional<EnsembleSpec> applied = Optional.empty();
    Optional<FakeZooKeeper> zk = Optional.empty();
    private PodTemplate template;
    private EngineListener listener = EngineListener.NONE;
    boolean closed;

    FakeEngine(int nodeCount) {
        for (int i = 1; i <= nodeCount; i++) {
            nodes.put("node-" + i, new NodeView("node-" + i, true, false));
        }
    }

    FakeEngine withZooKeeper() {
        zk = Optional.of(new FakeZooKeeper());
        return this;
    }

    void later(long delayMs, Runnable r) {
        clock.schedule(delayMs, "fake", r);
    }

    void setPod(PodView p) {
        pods.put(p.name(), p);
        listener.podChanged(clock.nowMs(), p);
    }

    void removePod(String name) {
        PodView p = pods.remove(name);
        listener.podDeleted(clock.nowMs(), p);
    }

    void event(String type, String reason, String object, String message) {
        listener.event(new ClusterEvent(clock.nowMs(), type, reason, object, "fake", message));
    }

    static PodView pod(String name, String status, boolean ready, String node, String revision, long createdMs) {
        return new PodView(
                name,
                status.equals("Running") ? "Running" : "Pending",
                status,
                ready,
                ready ? 1 : 0,
                1,
                0,
                Optional.ofNullable(node),
                revision,
                createdMs,
                Optional.empty());
    }

    private String revisionName() {
        return "zk-rev" + revisions.size();
    }

    private void createPod(int ordinal) {
        String name = "zk-" + ordinal;
        String rev = revisionName();
        long created = clock.nowMs();
        setPod(pod(name, "Pending", false, "node-" + (ordinal + 1), rev, created));
        pvcs.putIfAbsent("datadir-" + name, new PvcView("datadir-" + name, "Bound", Optional.of("pvc-" + ordinal)));
        event("Normal", "SuccessfulCreate", "statefulset/zk", "create Pod " + name + " in StatefulSet zk successful");
        later(READY_AFTER_MS, () -> setPod(pod(name, "Running", true, "node-" + (ordinal + 1), rev, created)));
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public long nowMs() {
        return clock.nowMs();
    }

    @Override
    public void setListener(EngineListener listener) {
        this.listener = listener;
    }

    @Override
    public ClusterView view() {
        Optional<StatefulSetView> sts = applied.map(s -> new StatefulSetView(
                "zk",
                s.statefulSet().replicas(),
                (int) pods.values().stream().filter(PodView::ready).count(),
                revisionName(),
                revisionName(),
                revisions));
        return new ClusterView(
                clock.nowMs(),
                List.copyOf(pods.values()),
                List.copyOf(pvcs.values()),
                List.copyOf(nodes.values()),
                sts,
                drains);
    }

    @Override
    public Optional<EnsembleSpec> appliedSpec() {
        return applied;
    }

    @Override
    public void advance(long durationMs) {
        clock.runUntil(clock.nowMs() + durationMs);
    }

    @Override
    public boolean awaitCondition(BooleanSupplier condition, long timeoutMs) {
        return clock.runUntil(condition, clock.nowMs() + timeoutMs);
    }

    @Override
    public void apply(EnsembleSpec spec) {
        calls.add("apply " + spec.statefulSet().name() + " cpu="
                + spec.statefulSet().template().resources().cpuMillis() + "m replicas="
                + spec.statefulSet().replicas());
        boolean first = template == null;
        boolean changed = !spec.statefulSet().template().equals(template);
        applied = Optional.of(spec);
        template = spec.statefulSet().template();
        if (changed) {
            revisions.add(revisions.size() + 1);
        }
        int n = spec.statefulSet().replicas();
        if (first || pods.isEmpty()) {
            for (int i = 0; i < n; i++) {
                createPod(i);
            }
        } else if (changed) {
            for (int i = n - 1; i >= 0; i--) {
                int ordinal = i;
                later((n - 1 - i) * READY_AFTER_MS, () -> createPod(ordinal));
            }
        }
    }

    @Override
    public void deleteStatefulSet(String name) {
        calls.add("delete-statefulset " + name);
        applied = Optional.empty();
        for (String p : List.copyOf(pods.keySet())) {
            removePod(p);
        }
    }

    @Override
    public void deletePod(String pod, boolean force, OptionalLong gracePeriodMs) {
        if (!pods.containsKey(pod)) {
            throw new EngineRejection("Error from server (NotFound): pods \"" + pod + "\" not found");
        }
        calls.add("delete-pod " + pod + (force ? " --force" : ""));
    }

    @Override
    public void deletePvc(String pvc) {
        calls.add("delete-pvc " + pvc);
        pvcs.remove(pvc);
    }

    @Override
    public void cordon(String node) {
        calls.add("cordon " + node);
        nodes.put(node, new NodeView(node, true, true));
    }

    @Override
    public void uncordon(String node) {
        calls.add("uncordon " + node);
        nodes.put(node, new NodeView(node, true, false));
    }

    @Override
    public int drain(String node, long timeoutMs) {
        calls.add("drain " + node + " " + timeoutMs);
        nodes.put(node, new NodeView(node, true, true));
        int id = drains.size() + 1;
        drains.add(new DrainView(
                id,
                node,
                DrainView.DrainState.RUNNING,
                true,
                List.of(),
                Optional.of("Cannot evict pod as it would violate the pod's disruption budget.")));
        later(
                timeoutMs,
                () -> drains.set(
                        id - 1,
                        new DrainView(
                                id,
                                node,
                                DrainView.DrainState.REFUSED_BY_PDB,
                                true,
                                List.of(),
                                Optional.of("Cannot evict pod as it would violate the pod's disruption budget."))));
        return id;
    }

    @Override
    public void failNode(String node) {
        calls.add("fail-node " + node);
    }

    @Override
    public void recoverNode(String node) {
        calls.add("recover-node " + node);
    }

    @Override
    public void rolloutUndo(OptionalInt toRevision) {
        calls.add("rollout-undo");
    }

    @Override
    public void scale(int replicas) {
        calls.add("scale " + replicas);
    }

    @Override
    public void killProcess(String pod) {
        calls.add("kill-process " + pod);
    }

    @Override
    public void failLiveness(String pod) {
        calls.add("fail-liveness " + pod);
    }

    @Override
    public Optional<ZooKeeperClient> zooKeeper() {
        return zk.map(z -> z);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** A ZooKeeper that is writable while at least two pods are Ready; writes take 5 ms. */
    final class FakeZooKeeper implements ZooKeeperClient {
        final TreeMap<String, String> data = new TreeMap<>();
        final List<LostWrite> lost = new ArrayList<>();
        final List<dev.zksim.model.scenario.engine.ZooKeeperHistory.WonElection> elections = new ArrayList<>();
        final List<dev.zksim.model.scenario.engine.ZooKeeperHistory.WriteOutage> outages = new ArrayList<>();
        long zxid = 0x100000001L;

        @Override
        public dev.zksim.model.scenario.engine.ZooKeeperHistory history() {
            return new dev.zksim.model.scenario.engine.ZooKeeperHistory(elections, outages);
        }

        @Override
        public WriteOutcome write(ClientTarget via, WriteOp op, String path, String value, long timeoutMs) {
            if (!writable()) {
                advance(timeoutMs);
                return new WriteOutcome.WriteFailed(true, "KeeperErrorCode = ConnectionLoss for " + path);
            }
            advance(5);
            if (op == WriteOp.CREATE && data.containsKey(path)) {
                return new WriteOutcome.WriteFailed(false, "Node already exists: " + path);
            }
            if (op == WriteOp.DELETE) {
                data.remove(path);
            } else {
                data.put(path, value);
            }
            return new WriteOutcome.WriteAcked(++zxid, via instanceof ClientTarget.Pod p ? p.name() : "zk-0");
        }

        @Override
        public WriteOutcome reconfig(ClientTarget via, List<String> joining, List<String> leaving, long timeoutMs) {
            advance(5);
            return new WriteOutcome.WriteFailed(false, "KeeperErrorCode = Reconfig is disabled");
        }

        @Override
        public ReadOutcome read(String pod, String path, boolean sync, long timeoutMs) {
            if (!pods.containsKey(pod) || !pods.get(pod).ready()) {
                return new ReadOutcome.ReadFailed("KeeperErrorCode = ConnectionLoss for " + path);
            }
            String v = data.get(path);
            return v == null ? new ReadOutcome.Absent() : new ReadOutcome.ReadFound(v, zxid);
        }

        @Override
        public Optional<String> leader() {
            return writable() ? Optional.of(pods.lastKey()) : Optional.empty();
        }

        @Override
        public boolean writable() {
            return pods.values().stream().filter(PodView::ready).count() >= 2;
        }

        @Override
        public ServerStatus status(String pod) {
            return new ServerStatus(pod, ServerStatus.Mode.FOLLOWER, true, zxid);
        }

        @Override
        public String fourLetterWord(String pod, FourLetterWord word) {
            return "Zookeeper version: 3.9.4\nMode: " + (leader().equals(Optional.of(pod)) ? "leader" : "follower");
        }

        @Override
        public List<LostWrite> lostWrites() {
            return lost;
        }
    }
}
