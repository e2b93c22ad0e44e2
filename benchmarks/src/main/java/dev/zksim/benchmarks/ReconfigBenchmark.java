package dev.zksim.benchmarks;

import dev.zksim.engine.real.RealEngine;
import dev.zksim.engine.real.RealEngineSettings;
import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.Step;
import dev.zksim.model.scenario.engine.EngineSetup;
import dev.zksim.model.scenario.parse.ScenarioParser;
import dev.zksim.model.scenario.run.RunObserver;
import dev.zksim.model.scenario.run.ScenarioRunner;
import dev.zksim.model.scenario.run.StepResult;
import dev.zksim.model.scenario.run.Verdict;
import dev.zksim.runtime.Awaits;
import dev.zksim.runtime.RealContainerRuntime;
import dev.zksim.runtime.ScriptReconfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The write-unavailable time of ZooKeeper's dynamic reconfiguration under Kubernetes (issue #15): one run of the
 * shipped scenario {@code scenarios/scale-reconfig.yaml} (manifest {@code k8s-manifests/zookeeper-reconfig.yaml}:
 * scale 3 → 5 → 3, the leader's pod deleted) in zksim's real engine, with real ZooKeeper 3.9.4 servers, while one
 * ZooKeeper client sets {@code /gap} back to back from the scenario's first {@code write} step to its end.
 *
 * <p>Measured, one run per iteration (mode SingleShotTime, milliseconds): the primary result is the whole run's wall
 * time (engine start excluded, the scenario's steps from {@code apply} to its end included). Secondary results
 * ({@link GapFigures}, per iteration) come from the {@code reconfig}s the pods' own scripts ran
 * ({@link RealContainerRuntime#scriptReconfigs()}: start scripts adding, preStop hooks removing) that ZooKeeper
 * committed after the writer's first acknowledged write. A reconfig's window runs from its request until 3 s after
 * its answer or until the next committed reconfig's request, whichever is first; its write gap is the longest time
 * between two consecutive acknowledged writes where the later one is at or after the request and the earlier one at
 * or before the window's end (the old test-source measurement's rule). A gap that overlaps two windows counts in
 * both: zk-0's add, seconds after its removal as the leader, often shares the leader's gap. Per iteration: the
 * longest gap of the adds ({@code addGapMs}), of the followers' removals ({@code removeFollowerGapMs}), of the leader's
 * removal ({@code removeLeaderGapMs}: the removing pod led when its pod was deleted), the longest request → commit time
 * of each kind ({@code addCommitMs}, {@code removeFollowerCommitMs}, {@code removeLeaderCommitMs}), and the scenario
 * steps that failed ({@code failedSteps}; the run goes on, as {@code zksim run} does, so a failure shows in the
 * results).
 *
 * <p>{@code via}: {@code service} writes through the client Service {@code zk-cs} (the engine's kube-proxy-like
 * forwarder, what an application sees); {@code direct} writes to zk-1 and zk-2, which stay members and keep running
 * throughout (ZooKeeper's own pause, without the client's reconnect delay to one address).
 *
 * <p>Run: {@code benchmarks/run.sh --quick Reconfig} or
 * {@code java -jar benchmarks/target/benchmarks.jar Reconfig -p via=service -wi 0 -i 3}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class ReconfigBenchmark {
    /** How long a reconfig's window lasts after its answer at most. */
    private static final long AFTER_MS = 3_000;
    /** The writer's connect and stop bounds. */
    private static final long WRITER_BOUND_MS = 30_000;
    /** The writer's pause after a failed write. */
    private static final long RETRY_PAUSE_MS = 5;

    @Param({"service", "direct"})
    String via;

    private Scenario scenario;
    private long seed;
    private RealEngine engine;
    private Thread writer;
    private final AtomicBoolean stop = new AtomicBoolean();
    /** Wall times of the writer's acknowledged writes, in order; guarded by itself. */
    private final List<Long> acks = new ArrayList<>();

    /** Per-iteration secondary results (JMH event counters; per-iteration values in the JSON's rawData). */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class GapFigures {
        /** Longest write gap around a committed add, ms. */
        public long addGapMs;
        /** Longest write gap around a committed removal of a follower's server, ms. */
        public long removeFollowerGapMs;
        /** Longest write gap around the committed removal of the leader's server, ms; 0 if none was seen. */
        public long removeLeaderGapMs;
        /** Longest reconfig request → committed answer of an add, ms. */
        public long addCommitMs;
        /** Longest reconfig request → committed answer of a follower's removal, ms. */
        public long removeFollowerCommitMs;
        /** Reconfig request → committed answer of the leader's removal, ms. */
        public long removeLeaderCommitMs;
        /** Scenario steps whose verdict was FAILED. */
        public long failedSteps;

        @Setup(Level.Iteration)
        public void reset() {
            addGapMs = 0;
            removeFollowerGapMs = 0;
            removeLeaderGapMs = 0;
            addCommitMs = 0;
            removeFollowerCommitMs = 0;
            removeLeaderCommitMs = 0;
            failedSteps = 0;
        }
    }

    @Setup(Level.Trial)
    public void parse() {
        scenario = ScenarioParser.parse(RepoFiles.file("scenarios/scale-reconfig.yaml"));
        seed = scenario.seed().orElse(Scenario.DEFAULT_SEED);
    }

    /** A fresh engine per iteration (one iteration is one invocation in SingleShotTime). */
    @Setup(Level.Iteration)
    public void startEngine() {
        stop.set(false);
        synchronized (acks) {
            acks.clear();
        }
        engine = RealEngine.create(
                new EngineSetup(scenario.cluster(), scenario.timing(), seed),
                RealEngineSettings.defaults().withProbeWrites(false).withFaultLayer(false));
    }

    /** The whole scenario with the writer running from its first {@code write} step (see the class comment). */
    @Benchmark
    public void scaleReconfigRun(GapFigures figures) {
        ScenarioRunner.Session session =
                ScenarioRunner.create(engine, RunObserver.NONE).open(scenario, seed);
        Set<String> leaderRemovers = new HashSet<>();
        for (Step step : scenario.steps()) {
            if (writer == null && step instanceof Step.Write) {
                String connect = connectString();
                writer = new Thread(() -> write(connect), "reconfig-bench-writer");
                writer.setDaemon(true);
                writer.start();
            }
            // no containers before the apply step
            List<String> leaders =
                    engine.containers().map(r -> List.copyOf(r.leaders())).orElse(List.of());
            long before = System.currentTimeMillis();
            StepResult result = session.step(step);
            if (result.verdict() == Verdict.FAILED) {
                figures.failedSteps++;
                System.out.println("ReconfigBenchmark: step FAILED: " + result);
            }
            if (step instanceof Step.DeletePod) {
                runtime().scriptReconfigs().stream()
                        .filter(x -> x.startEpochMs() >= before && x.op().equals("remove"))
                        .filter(x -> leaders.contains(x.pod()))
                        .forEach(x -> leaderRemovers.add(x.pod()));
            }
        }
        session.finish();
        stopWriter();
        measureGaps(figures, leaderRemovers);
    }

    private void measureGaps(GapFigures figures, Set<String> leaderRemovers) {
        List<Long> sorted;
        synchronized (acks) {
            sorted = new ArrayList<>(acks);
        }
        if (sorted.isEmpty()) {
            throw new IllegalStateException(
                    "the writer acknowledged no write: " + runtime().statuses());
        }
        long firstAck = sorted.get(0);
        List<ScriptReconfig> committed = runtime().scriptReconfigs().stream()
                .filter(ScriptReconfig::committed)
                .filter(r -> r.startEpochMs() >= firstAck)
                .toList();
        for (int k = 0; k < committed.size(); k++) {
            ScriptReconfig r = committed.get(k);
            long end = r.endEpochMs() + AFTER_MS;
            if (k + 1 < committed.size()) {
                end = Math.min(end, committed.get(k + 1).startEpochMs());
            }
            long gap = longestGap(sorted, r.startEpochMs(), end);
            long commit = r.endEpochMs() - r.startEpochMs();
            if (r.op().equals("add")) {
                figures.addGapMs = Math.max(figures.addGapMs, gap);
                figures.addCommitMs = Math.max(figures.addCommitMs, commit);
            } else if (leaderRemovers.contains(r.pod())) {
                figures.removeLeaderGapMs = Math.max(figures.removeLeaderGapMs, gap);
                figures.removeLeaderCommitMs = Math.max(figures.removeLeaderCommitMs, commit);
            } else {
                figures.removeFollowerGapMs = Math.max(figures.removeFollowerGapMs, gap);
                figures.removeFollowerCommitMs = Math.max(figures.removeFollowerCommitMs, commit);
            }
        }
    }

    /** The longest time between consecutive acks {@code a, b} with {@code b >= from} and {@code a <= to}. */
    private static long longestGap(List<Long> sorted, long from, long to) {
        long gap = 0;
        for (int i = 0; i + 1 < sorted.size(); i++) {
            long a = sorted.get(i);
            long b = sorted.get(i + 1);
            if (b >= from && a <= to) {
                gap = Math.max(gap, b - a);
            }
        }
        return gap;
    }

    private String connectString() {
        if (via.equals("direct")) {
            return podAddress("zk-1") + ":2181," + podAddress("zk-2") + ":2181";
        }
        return engine.clientService().connectString();
    }

    private String podAddress(String pod) {
        return runtime()
                .podIp(pod)
                .orElseThrow(() -> new IllegalStateException(pod + " has no address"))
                .getHostAddress();
    }

    private RealContainerRuntime runtime() {
        return engine.containers().orElseThrow(() -> new IllegalStateException("the engine runs no containers"));
    }

    /** Sets {@code /gap} back to back until stopped, recording each acknowledgement's wall time; reconnects. */
    private void write(String connect) {
        CountDownLatch connected = new CountDownLatch(1);
        Watcher w = e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        };
        try (ZooKeeper zk = new ZooKeeper(connect, 10_000, w)) {
            if (!connected.await(WRITER_BOUND_MS, TimeUnit.MILLISECONDS)) {
                System.out.println("ReconfigBenchmark: the writer did not connect to " + connect);
                return;
            }
            try {
                zk.create("/gap", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            } catch (KeeperException.NodeExistsException e) {
                // a retried create
            }
            long n = 0;
            while (!stop.get()) {
                try {
                    zk.setData("/gap", Long.toString(n++).getBytes(StandardCharsets.US_ASCII), -1);
                    synchronized (acks) {
                        acks.add(System.currentTimeMillis());
                    }
                } catch (KeeperException e) {
                    // a short back-off that ends at once when the writer is stopped
                    Awaits.until(stop::get, RETRY_PAUSE_MS, RETRY_PAUSE_MS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.out.println("ReconfigBenchmark: writer ended: " + e);
        }
    }

    /** Stops the writer: its loop ends, and after a bound it is interrupted. */
    private void stopWriter() {
        stop.set(true);
        Thread t = writer;
        writer = null;
        if (t == null) {
            return;
        }
        try {
            t.join(WRITER_BOUND_MS);
            if (t.isAlive()) {
                t.interrupt();
                t.join(WRITER_BOUND_MS);
            }
        } catch (InterruptedException e) {
            t.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    @TearDown(Level.Iteration)
    public void close() {
        stopWriter();
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
