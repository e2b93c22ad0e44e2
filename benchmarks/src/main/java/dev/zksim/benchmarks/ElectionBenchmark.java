package dev.zksim.benchmarks;

import dev.zksim.runtime.ElectionReport;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
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
 * Leader election of real ZooKeeper 3.9.4 servers run by zksim's real engine ({@link EngineEnsemble}: the tutorial
 * manifest with the Parallel policy, 3 or 5 pods on their own nodes, loopback IPs, DNS names and volumes).
 *
 * <p>Measured, wall clock, one disruption per iteration (mode SingleShotTime, milliseconds): from the disruption to
 * the first write the ensemble acknowledges, written through the client Service {@code zk-cs} by zksim's
 * {@code writeUntilAcknowledged} (it writes only through servers that serve, every 5 ms). The disruption is
 * <ul>
 *   <li>{@code pod-deleted}: {@code kubectl delete pod} of the leader's pod (graceful: the kubelet stops the
 *       container, the StatefulSet recreates the pod);</li>
 *   <li>{@code process-killed}: the leader's container process dies (exit 137; the kubelet restarts it);</li>
 *   <li>{@code node-failed}: the leader's node fails (its kubelet goes silent, its containers die; recovered after the
 *       iteration);</li>
 *   <li>{@code cold-start}: {@code kubectl apply} of the StatefulSet on an empty cluster, all pods at once;</li>
 *   <li>{@code cold-start-publish-not-ready}: the same with {@code publishNotReadyAddresses: true} on the headless
 *       Service, so that peers resolve each other before their readiness probe passes.</li>
 * </ul>
 * Before each disruption every pod is Ready and every server serves (a kill while a follower is still joining costs
 * ZooKeeper up to a second more; docs/real-engine.md). Secondary results, per iteration ({@link Figures}):
 * {@code leaderServingMs} (disruption → a server reported LEADING and a majority serves) and
 * {@code zookeeperElectionMs} (ZooKeeper's own "LEADER ELECTION TOOK" of the new leader), so the harness's share
 * is visible beside ZooKeeper's, and {@code leadersElected} (servers that reported LEADING in that time; more than
 * one means ZooKeeper had to elect again). They are event counters: JMH sums them over iterations, the per-iteration
 * values are the JSON's {@code rawData}
 * (the results page and the README use their median).
 *
 * <p>Run: {@code benchmarks/run.sh --quick Election} or
 * {@code java -jar benchmarks/target/benchmarks.jar Election -p servers=3 -p disruption=pod-deleted}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 20)
@Fork(1)
@State(Scope.Benchmark)
public class ElectionBenchmark {
    @Param({"3", "5"})
    int servers;

    @Param({"pod-deleted", "process-killed", "node-failed", "cold-start", "cold-start-publish-not-ready"})
    String disruption;

    private EngineEnsemble ensemble;
    private String leader;
    private String failedNode;
    private int reportsBefore;
    private int writes;

    /** Per-iteration secondary results (JMH event counters). */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Figures {
        /** Disruption → a new leader serving a majority, ms. */
        public long leaderServingMs;
        /** ZooKeeper's "LEADER ELECTION TOOK" of that leader, ms. */
        public long zookeeperElectionMs;
        /**
         * Servers that reported LEADING until then: 1 normally; 2 or more when a first leader could not gather a
         * quorum in time (initLimit × tickTime) and the ensemble elected again.
         */
        public long leadersElected;

        @Setup(Level.Iteration)
        public void reset() {
            leaderServingMs = 0;
            zookeeperElectionMs = 0;
            leadersElected = 0;
        }
    }

    @Setup(Level.Trial)
    public void startEnsemble() {
        if (!coldStart()) {
            ensemble = EngineEnsemble.started(servers);
        }
    }

    @Setup(Level.Iteration)
    public void steadyState() {
        if (coldStart()) {
            ensemble = EngineEnsemble.create(servers, disruption.equals("cold-start-publish-not-ready"));
            reportsBefore = 0;
            return;
        }
        ensemble.awaitSteady();
        leader = ensemble.leader();
        reportsBefore = ensemble.runtime().elections().size();
    }

    /** Disruption → first acknowledged write (see the class comment). */
    @Benchmark
    public void disruptionToFirstWrite(Figures figures) {
        long t0 = System.nanoTime();
        switch (disruption) {
            case "pod-deleted" -> ensemble.engine.deletePod(leader, false, OptionalLong.empty());
            case "process-killed" -> ensemble.engine.killProcess(leader);
            case "node-failed" -> {
                failedNode = ensemble.nodeOf(leader);
                ensemble.engine.failNode(failedNode);
            }
            case "cold-start", "cold-start-publish-not-ready" -> ensemble.apply();
            default ->
                throw new IllegalArgumentException("unknown disruption " + disruption
                        + " (pod-deleted, process-killed, node-failed, cold-start, cold-start-publish-not-ready)");
        }
        ElectionReport elected = ensemble.awaitNewLeaderServing(reportsBefore);
        figures.leaderServingMs = (System.nanoTime() - t0) / 1_000_000;
        figures.zookeeperElectionMs = elected.electionTimeMs();
        List<ElectionReport> all = ensemble.runtime().elections();
        figures.leadersElected = all.subList(Math.min(reportsBefore, all.size()), all.size()).stream()
                .filter(ElectionReport::isLeader)
                .count();
        ensemble.writeUntilAcknowledged("/election-" + writes++);
    }

    @TearDown(Level.Iteration)
    public void recover() {
        if (coldStart()) {
            closeEnsemble();
        } else if (failedNode != null) {
            ensemble.engine.recoverNode(failedNode);
            failedNode = null;
        }
    }

    @TearDown(Level.Trial)
    public void closeEnsemble() {
        if (ensemble != null) {
            EngineEnsemble e = ensemble;
            ensemble = null;
            e.close();
        }
    }

    private boolean coldStart() {
        return disruption.startsWith("cold-start");
    }
}
