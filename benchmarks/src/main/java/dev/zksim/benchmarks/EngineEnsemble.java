package dev.zksim.benchmarks;

import dev.zksim.engine.real.RealEngine;
import dev.zksim.engine.real.RealEngineSettings;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ManifestLoader;
import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.engine.ClientTarget;
import dev.zksim.model.scenario.engine.ClusterView;
import dev.zksim.model.scenario.engine.EngineSetup;
import dev.zksim.model.scenario.engine.PodView;
import dev.zksim.model.scenario.parse.ScenarioParser;
import dev.zksim.runtime.ClientResult;
import dev.zksim.runtime.ElectionReport;
import dev.zksim.runtime.QuorumPeerStatus;
import dev.zksim.runtime.RealContainerRuntime;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A real ZooKeeper ensemble as zksim runs it for {@code zksim run --engine real}: the real engine (the Kubernetes
 * control plane bound to wall time) applying the tutorial manifest ({@code k8s-manifests/zookeeper.yaml} or
 * {@code zookeeper-5.yaml}) on the nodes of {@code benchmarks/scenarios/ensemble-<servers>.yaml}, so every pod has its
 * identity, loopback IP, DNS name, volume and the {@code zoo.cfg} the manifest gives it. The one change to the
 * manifest is the pod management policy, Parallel, so that a start does not include the 20 s OrderedReady wait
 * that docs/real-engine.md explains (a ZooKeeper wait, not a cost of the simulator).
 *
 * <p>Every wait is bounded by {@link #STATE_TIMEOUT_MS} of Kubernetes time (which passes at least as fast as wall
 * time) and fails with the cluster's state when it runs out.
 */
final class EngineEnsemble implements AutoCloseable {
    /** Bound of every wait for a state, in Kubernetes milliseconds (at time scale 100 and at rest: 6 s of wall). */
    static final long STATE_TIMEOUT_MS = 600_000;
    /** Bound of a write that must be acknowledged, wall milliseconds. */
    static final long WRITE_TIMEOUT_MS = 60_000;

    final int servers;
    final EnsembleSpec spec;
    final RealEngine engine;

    private EngineEnsemble(int servers, EnsembleSpec spec, RealEngine engine) {
        this.servers = servers;
        this.spec = spec;
        this.engine = engine;
    }

    /** An engine with the scenario's nodes and nothing applied yet; the tutorial's Services. */
    static EngineEnsemble create(int servers) {
        return create(servers, false);
    }

    /**
     * As {@link #create(int)}; with {@code publishNotReady} the headless Service {@code zk-hs} sets
     * {@code publishNotReadyAddresses: true} (a standard Service field), so peers resolve each other from the first
     * second and the start takes about a second instead of the ≈ 13 s of ZooKeeper's notification back-off while
     * names appear only with readiness (initialDelaySeconds 10). For benchmarks that do not measure the start.
     */
    static EngineEnsemble create(int servers, boolean publishNotReady) {
        return create(servers, publishNotReady, true);
    }

    /**
     * As {@link #create(int, boolean)}; {@code faultLayer} false binds the servers on their pod IPs directly, without
     * the network-fault layer ({@code zksim run} does so for a scenario that cannot silence a link).
     */
    static EngineEnsemble create(int servers, boolean publishNotReady, boolean faultLayer) {
        if (servers != 3 && servers != 5) {
            throw new IllegalArgumentException("servers must be 3 or 5 (the bundled manifests): " + servers);
        }
        Scenario s = ScenarioParser.parse(RepoFiles.file("benchmarks/scenarios/ensemble-" + servers + ".yaml"));
        EnsembleSpec spec = dev.zksim.calibration.CalibrationEnsemble.quickStart(
                ManifestLoader.loadStrict(s.manifest().path()), publishNotReady);
        RealEngine engine = RealEngine.create(
                new EngineSetup(s.cluster(), s.timing(), s.seed().orElse(1)),
                RealEngineSettings.defaults().withProbeWrites(false).withFaultLayer(faultLayer));
        return new EngineEnsemble(servers, spec, engine);
    }

    /** {@link #create(int)}, applied, and steady ({@link #awaitSteady}). */
    static EngineEnsemble started(int servers) {
        return started(servers, false);
    }

    /** {@link #create(int, boolean)}, applied, and steady ({@link #awaitSteady}). */
    static EngineEnsemble started(int servers, boolean publishNotReady) {
        return started(servers, publishNotReady, true);
    }

    /** {@link #create(int, boolean, boolean)}, applied, and steady ({@link #awaitSteady}). */
    static EngineEnsemble started(int servers, boolean publishNotReady, boolean faultLayer) {
        EngineEnsemble e = create(servers, publishNotReady, faultLayer);
        try {
            e.engine.apply(e.spec);
            e.awaitSteady();
            return e;
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
    }

    /** {@code kubectl apply} of the manifest. */
    void apply() {
        engine.apply(spec);
    }

    /** The servers' runtime (exists after the first apply). */
    RealContainerRuntime runtime() {
        return engine.containers().orElseThrow(() -> new IllegalStateException("nothing applied yet"));
    }

    /** Waits until every pod is Ready and every server serves with one leader: the state before a disruption. */
    void awaitSteady() {
        await("every pod Ready and every server serving", () -> {
            ClusterView v = engine.view();
            if (v.pods().size() != servers || !v.pods().stream().allMatch(PodView::ready)) {
                return false;
            }
            Map<String, QuorumPeerStatus> st = runtime().statuses();
            return runtime().leaders().size() == 1
                    && v.pods().stream()
                            .allMatch(p ->
                                    st.containsKey(p.name()) && st.get(p.name()).serving());
        });
    }

    /** Waits for {@code condition}, bounded; fails with the cluster's pods and servers. */
    void await(String what, BooleanSupplier condition) {
        if (!engine.awaitCondition(condition, STATE_TIMEOUT_MS)) {
            throw new IllegalStateException("not reached within " + STATE_TIMEOUT_MS + " ms of Kubernetes time: "
                    + what + "; pods " + engine.view().pods() + "; servers "
                    + engine.containers().map(RealContainerRuntime::statuses).orElse(null));
        }
    }

    /**
     * Waits (wall clock, polling every millisecond, at most {@link #WRITE_TIMEOUT_MS}) until a server reported
     * "LEADING - LEADER ELECTION TOOK" after the first {@code reportsBefore} reports, exactly one server leads and a
     * majority serves; returns ZooKeeper's report of that election.
     */
    ElectionReport awaitNewLeaderServing(int reportsBefore) {
        int majority = servers / 2 + 1;
        ElectionReport[] found = new ElectionReport[1];
        boolean ok = awaitWall(
                () -> {
                    List<ElectionReport> all = runtime().elections();
                    ElectionReport leading = null;
                    for (ElectionReport r : all.subList(Math.min(reportsBefore, all.size()), all.size())) {
                        if (r.isLeader()) {
                            leading = r;
                        }
                    }
                    if (leading == null) {
                        return false;
                    }
                    Map<String, QuorumPeerStatus> st = runtime().statuses();
                    long serving = st.values().stream()
                            .filter(QuorumPeerStatus::serving)
                            .count();
                    found[0] = leading;
                    return runtime().leaders().size() == 1 && serving >= majority;
                },
                WRITE_TIMEOUT_MS);
        if (!ok) {
            throw new IllegalStateException("no new leader serving a majority within " + WRITE_TIMEOUT_MS + " ms: "
                    + runtime().statuses() + "; elections " + runtime().elections());
        }
        return found[0];
    }

    /** Polls {@code condition} every millisecond until it holds or {@code timeoutMs} of wall time passed. */
    static boolean awaitWall(BooleanSupplier condition, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    /** The pod whose server leads now. */
    String leader() {
        SortedSet<String> l = runtime().leaders();
        if (l.size() != 1) {
            throw new IllegalStateException(
                    "expected one leader, found " + l + ": " + runtime().statuses());
        }
        return l.first();
    }

    /** A pod whose server follows now (the lowest ordinal that is not the leader). */
    String follower() {
        String leader = leader();
        for (int i = 0; i < servers; i++) {
            if (!spec.podName(i).equals(leader)) {
                return spec.podName(i);
            }
        }
        throw new IllegalStateException("no follower");
    }

    /** The node the pod runs on. */
    String nodeOf(String pod) {
        return engine.view()
                .pod(pod)
                .flatMap(PodView::node)
                .orElseThrow(() -> new IllegalStateException(pod + " is not on a node"));
    }

    /** The pod's client address (its loopback IP, the manifest's client port) for a plain ZooKeeper client. */
    InetSocketAddress clientAddress(String pod) {
        return new InetSocketAddress(
                runtime().podIp(pod).orElseThrow(() -> new IllegalStateException(pod + " has no IP")),
                spec.statefulSet().template().container().zk().clientPort());
    }

    /**
     * Writes through the client Service {@code zk-cs} until ZooKeeper acknowledges (zksim's own "first acknowledged
     * write" measurement, {@code ZkClients.writeUntilAcknowledged}); fails if it does not within
     * {@link #WRITE_TIMEOUT_MS}.
     */
    void writeUntilAcknowledged(String path) {
        ClientResult r =
                runtime().clients().writeUntilAcknowledged(ClientTarget.service("zk-cs"), path, "x", WRITE_TIMEOUT_MS);
        if (!r.acknowledged()) {
            throw new IllegalStateException("no acknowledged write within " + WRITE_TIMEOUT_MS + " ms: " + r);
        }
    }

    @Override
    public void close() {
        engine.close();
        if (!engine.leakedThreads().isEmpty()) {
            throw new IllegalStateException("threads left after close: " + engine.leakedThreads());
        }
    }
}
