package dev.zksim.model.zab;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.k8s.ContainerLaunch;
import dev.zksim.model.manifest.AntiAffinity;
import dev.zksim.model.manifest.ContainerSpec;
import dev.zksim.model.manifest.PodTemplate;
import dev.zksim.model.manifest.Resources;
import dev.zksim.model.manifest.ZkConfig;
import dev.zksim.model.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A test harness that plays the kubelet and cluster DNS for a {@link ZabModel}: it starts and stops pods, probes
 * readiness on a schedule (initial delay, period) and publishes a pod's A record while it is Ready, and gives each
 * ordinal a volume id that changes when the test wipes the volume. Deterministic; everything runs on one
 * {@link VirtualScheduler}.
 */
final class Ensemble {
    final VirtualScheduler scheduler = new VirtualScheduler();
    final ZabModel model;
    final ZkConfig config;
    final int servers;
    final long readinessDelayMs;
    final long readinessPeriodMs;
    private final TreeSet<String> running = new TreeSet<>();
    private final TreeSet<String> ready = new TreeSet<>();
    private final TreeSet<String> hidden = new TreeSet<>();
    private final int[] volumeGeneration;
    private final long[] podGeneration;
    /** Bumped when a pod is created anew (a new IP); a container restarted in its pod keeps the IP. */
    private final long[] ipGeneration;

    private final List<String> events = new ArrayList<>();
    /** Servers the next launch starts from a dynamic config file (reconfig tests), by ordinal; used once. */
    final TreeMap<Integer, DynamicStart> dynamicStarts = new TreeMap<>();

    Ensemble(
            int servers,
            long readinessDelayMs,
            long readinessPeriodMs,
            ZabOptions options,
            EnumSet<BrokenRule> broken) {
        this.servers = servers;
        this.config = config(servers, 2000, 10, 5);
        this.readinessDelayMs = readinessDelayMs;
        this.readinessPeriodMs = readinessPeriodMs;
        this.model = new ZabModel(scheduler, options, broken);
        this.volumeGeneration = new int[servers];
        this.podGeneration = new long[servers];
        this.ipGeneration = new long[servers];
    }

    /** Tutorial-like timing: readiness probe after 10 s, every 10 s; tickTime 2000, initLimit 10, syncLimit 5. */
    static Ensemble tutorial(int servers, long seed) {
        return new Ensemble(servers, 10_000, 10_000, firstEstimates(seed), EnumSet.noneOf(BrokenRule.class));
    }

    /** Pods become Ready (and resolvable) right after their server answers ruok. */
    static Ensemble fastDns(int servers, long seed) {
        return fastDns(servers, firstEstimates(seed), EnumSet.noneOf(BrokenRule.class));
    }

    /** {@link #fastDns(int, long)} with other options, or with rules broken on purpose. */
    static Ensemble fastDns(int servers, ZabOptions options, EnumSet<BrokenRule> broken) {
        return new Ensemble(servers, 1_000, 1_000, options, broken);
    }

    /** The options every ensemble here starts from: the seed and the model's first timing estimates. */
    static ZabOptions firstEstimates(long seed) {
        return ZabOptions.defaults(seed).withTiming(TimingProfile.FIRST_ESTIMATES);
    }

    static ZkConfig config(int servers, int tickTimeMs, int initLimit, int syncLimit) {
        return EnsembleFixture.ofSize(servers)
                .tickTimeMs(tickTimeMs)
                .initLimit(initLimit)
                .syncLimit(syncLimit)
                .zkConfig();
    }

    static String pod(int ordinal) {
        return "zk-" + ordinal;
    }

    String volumeId(int ordinal) {
        return "pvc-" + ordinal + "-" + volumeGeneration[ordinal];
    }

    ContainerLaunch launch(int ordinal) {
        ContainerSpec container = new ContainerSpec(
                "kubernetes-zookeeper",
                "zk:3.9.4",
                List.of("start-zookeeper"),
                Resources.NONE,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                List.of(),
                config,
                Optional.empty());
        PodTemplate template =
                new PodTemplate(new TreeMap<>(), container, Resources.NONE, AntiAffinity.NONE, 30, 1000, 1000);
        return new ContainerLaunch(
                pod(ordinal),
                ordinal,
                pod(ordinal),
                pod(ordinal) + ".zk-hs.default.svc.cluster.local",
                "node-" + ordinal,
                "10.0." + ordinal + "." + (ipGeneration[ordinal] % 250 + 1),
                volumeId(ordinal),
                template,
                null,
                0);
    }

    boolean isRunning(int ordinal) {
        return running.contains(pod(ordinal));
    }

    boolean isReady(int ordinal) {
        return ready.contains(pod(ordinal));
    }

    /** The kubelet starts the container and begins readiness probes. */
    void start(int ordinal) {
        String pod = pod(ordinal);
        if (running.contains(pod)) {
            return;
        }
        running.add(pod);
        ipGeneration[ordinal]++;
        launchContainer(ordinal, " start ");
    }

    /**
     * The kubelet restarts a killed container in the same pod: the pod keeps its IP and is not Ready (its name does
     * not resolve) until a readiness probe of the new container passes.
     */
    void restartContainer(int ordinal) {
        String pod = pod(ordinal);
        if (!running.contains(pod)) {
            return;
        }
        if (ready.remove(pod)) {
            publishDns();
        }
        model.kill(pod);
        launchContainer(ordinal, " restart ");
    }

    /** The pod fails a readiness probe while its server runs: its name is no longer published (until a probe passes). */
    void notReady(int ordinal) {
        if (ready.remove(pod(ordinal))) {
            publishDns();
        }
    }

    private void launchContainer(int ordinal, String what) {
        String pod = pod(ordinal);
        long gen = ++podGeneration[ordinal];
        events.add(scheduler.nowMs() + what + pod);
        DynamicStart dyn = dynamicStarts.remove(ordinal);
        if (dyn != null) {
            model.startWith(launch(ordinal), dyn);
        } else {
            model.start(launch(ordinal));
        }
        scheduler.schedule(readinessDelayMs, "probe " + pod, () -> probe(ordinal, gen));
    }

    private void probe(int ordinal, long gen) {
        String pod = pod(ordinal);
        if (podGeneration[ordinal] != gen || !running.contains(pod)) {
            return;
        }
        boolean ok = model.probe(pod, dev.zksim.model.k8s.ContainerRuntime.ProbeKind.READINESS);
        if (ok != ready.contains(pod)) {
            if (ok) {
                ready.add(pod);
            } else {
                ready.remove(pod);
            }
            publishDns();
        }
        scheduler.schedule(readinessPeriodMs, "probe " + pod, () -> probe(ordinal, gen));
    }

    /** Graceful stop (or kill): the pod leaves DNS at once (it is no longer Ready). */
    void stop(int ordinal, boolean kill) {
        String pod = pod(ordinal);
        if (!running.remove(pod)) {
            return;
        }
        podGeneration[ordinal]++;
        events.add(scheduler.nowMs() + (kill ? " kill " : " stop ") + pod);
        if (ready.remove(pod)) {
            publishDns();
        }
        if (kill) {
            model.kill(pod);
        } else {
            model.stop(pod);
        }
    }

    /** Deletes the ordinal's PVC: its next start gets a new, empty volume. The pod must be down. */
    void wipe(int ordinal) {
        if (isRunning(ordinal)) {
            throw new IllegalStateException("wipe a running pod's volume");
        }
        volumeGeneration[ordinal]++;
        events.add(scheduler.nowMs() + " wipe " + pod(ordinal));
    }

    /** The pod's A record goes missing although it is Ready (slow endpoint propagation, a DNS fault). */
    void hideDns(int ordinal) {
        if (hidden.add(pod(ordinal))) {
            publishDns();
        }
    }

    void showAllDns() {
        if (!hidden.isEmpty()) {
            hidden.clear();
            publishDns();
        }
    }

    void publishDns() {
        TreeMap<String, String> records = new TreeMap<>();
        for (String pod : ready) {
            if (hidden.contains(pod)) {
                continue;
            }
            int ordinal = Integer.parseInt(pod.substring(3));
            records.put(pod, launch(ordinal).podIp());
        }
        model.dnsChanged(records);
    }

    /** Starts every pod in ordinal order, each after its predecessor is Ready (OrderedReady), and waits. */
    void startOrderedReady() {
        for (int i = 0; i < servers; i++) {
            start(i);
            int ordinal = i;
            if (!scheduler.runUntil(() -> isReady(ordinal), scheduler.nowMs() + 600_000)) {
                throw new AssertionError(pod(i) + " never became Ready");
            }
        }
    }

    /** {@link #startOrderedReady}, then waits (at most 60 s of model time) until every server serves. */
    void startServing() {
        startOrderedReady();
        awaitAllServing(60_000);
    }

    /** Stops every server, the highest ordinal first (a StatefulSet's scale-down order), sockets closing. */
    void stopAll() {
        for (int i = servers - 1; i >= 0; i--) {
            stop(i, false);
        }
    }

    void startParallel() {
        for (int i = 0; i < servers; i++) {
            start(i);
        }
    }

    /** Runs until writes are available; returns the virtual time it took. */
    long awaitLeader(long boundMs) {
        long t0 = scheduler.nowMs();
        if (!scheduler.runUntil(model::writesAvailable, t0 + boundMs)) {
            throw new AssertionError(
                    "no leader within " + boundMs + " ms\n" + model.history().timelineText());
        }
        return scheduler.nowMs() - t0;
    }

    /** Runs until every running pod's server serves (leader or synced follower); returns the time it took. */
    long awaitAllServing(long boundMs) {
        long t0 = scheduler.nowMs();
        if (!scheduler.runUntil(this::allServing, t0 + boundMs)) {
            throw new AssertionError("not all serving within " + boundMs + " ms\n"
                    + model.history().timelineText());
        }
        return scheduler.nowMs() - t0;
    }

    boolean allServing() {
        for (String pod : running) {
            if (!model.status(pod).map(PeerStatus::serving).orElse(false)) {
                return false;
            }
        }
        return true;
    }

    void runFor(long ms) {
        scheduler.runUntil(scheduler.nowMs() + ms);
    }

    String leaderPod() {
        return model.leader().map(LeaderTerm::pod).orElse("none");
    }

    /** The server's mode in the pod; the pod must have a server. */
    ServerMode mode(String pod) {
        return model.status(pod).orElseThrow().mode();
    }

    List<String> events() {
        return List.copyOf(events);
    }
}
