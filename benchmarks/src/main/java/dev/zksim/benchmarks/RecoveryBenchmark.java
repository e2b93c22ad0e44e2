package dev.zksim.benchmarks;

import dev.zksim.runtime.QuorumPeerStatus;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Ids;
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
 * How long a real ZooKeeper 3.9.4 server takes to come back with its data, in a 3-server ensemble run by zksim's real
 * engine ({@link EngineEnsemble}) holding {@code znodes} znodes of 100 bytes.
 *
 * <p>Measured, wall clock, one restart per iteration (mode SingleShotTime, milliseconds), always of a follower's pod:
 * <ul>
 *   <li>{@code podDeletedToServing}: {@code kubectl delete pod} → the recreated pod's server, started on the same
 *       PVC, has restored its snapshot and transaction log, synced with the leader and serves with the leader's last
 *       zxid. Secondary results ({@link RestoreFigures}): ZooKeeper's own "Snapshot loaded in N ms" of that
 *       start, which times the whole restore, log replay included ({@code zookeeperRestoreMs}), and the transactions
 *       replayed
 *       ({@code txnsReplayed}), read from the pod's log;</li>
 *   <li>{@code pvcDeletedToInSync}: {@code kubectl delete pvc} then {@code delete pod} → the pod, recreated with a
 *       new, empty volume, got the whole tree from the leader (a SNAP) and serves with the leader's last zxid.</li>
 * </ul>
 * {@code snapCount} decides how many transactions sit in the log after the last snapshot: ZooKeeper snapshots after
 * between snapCount/2 and snapCount transactions, so with 1000 at most 1000 are replayed, and with 1000000 every
 * transaction since the ensemble started is (the data is loaded once, before the first iteration). It is a JVM-wide
 * property ZooKeeper reads once; JMH forks per parameter combination.
 *
 * <p>Run: {@code benchmarks/run.sh --quick Recovery} or
 * {@code java -jar benchmarks/target/benchmarks.jar Recovery -p znodes=10000 -p snapCount=1000}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class RecoveryBenchmark {
    private static final int SERVERS = 3;
    private static final int VALUE_BYTES = 100;
    private static final int OUTSTANDING = 500;

    @Param({"10000", "100000"})
    int znodes;

    @Param({"1000", "1000000"})
    int snapCount;

    private EngineEnsemble ensemble;
    private String pod;
    private long targetZxid;
    private long logMark;

    /** Per-iteration secondary results (JMH event counters; per-iteration values in the JSON's rawData). */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class RestoreFigures {
        /** ZooKeeper's restore ("Snapshot loaded in": snapshot and log replay), ms; 0 from an empty volume. */
        public long zookeeperRestoreMs;
        /** Transactions ZooKeeper replayed from the log after the snapshot. */
        public long txnsReplayed;

        @Setup(Level.Iteration)
        public void reset() {
            zookeeperRestoreMs = 0;
            txnsReplayed = 0;
        }
    }

    @Setup(Level.Trial)
    public void loadData() throws InterruptedException {
        // read once by ZooKeeper's SyncRequestProcessor, before the first server of this JVM starts
        System.setProperty("zookeeper.snapCount", Integer.toString(snapCount));
        ensemble = EngineEnsemble.started(SERVERS, true);
        InetSocketAddress a = ensemble.clientAddress(ensemble.leader());
        ZooKeeper zk = PlainZooKeeperClient.open(a.getAddress().getHostAddress() + ":" + a.getPort());
        try {
            PlainZooKeeperClient.call(() -> zk.create("/r", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            byte[] value = new byte[VALUE_BYTES];
            Semaphore window = new Semaphore(OUTSTANDING);
            AtomicReference<KeeperException.Code> failure = new AtomicReference<>();
            for (int i = 0; i < znodes; i++) {
                if (!window.tryAcquire(EngineEnsemble.WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("no reply within " + EngineEnsemble.WRITE_TIMEOUT_MS + " ms");
                }
                zk.create(
                        "/r/n" + i,
                        value,
                        Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT,
                        (rc, path, ctx, name) -> {
                            if (rc != 0) {
                                failure.compareAndSet(null, KeeperException.Code.get(rc));
                            }
                            window.release();
                        },
                        null);
            }
            if (!window.tryAcquire(OUTSTANDING, EngineEnsemble.WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("creates unanswered after " + EngineEnsemble.WRITE_TIMEOUT_MS + " ms");
            }
            if (failure.get() != null) {
                throw new IllegalStateException("loading the data failed: " + failure.get());
            }
        } finally {
            PlainZooKeeperClient.close(zk);
        }
    }

    @Setup(Level.Iteration)
    public void steadyState() {
        ensemble.awaitSteady();
        pod = ensemble.follower();
        targetZxid = ensemble.runtime().status(ensemble.leader()).lastProcessedZxid();
        logMark = PodLogFigures.mark(log());
    }

    /** Pod deleted → its server restored from its own volume and serving, in sync (see the class comment). */
    @Benchmark
    public void podDeletedToServing(RestoreFigures figures) {
        ensemble.engine.deletePod(pod, false, OptionalLong.empty());
        awaitBackInSync();
        PodLogFigures.Restore r = PodLogFigures.restoreSince(log(), logMark);
        figures.zookeeperRestoreMs = Math.max(0, r.restoreMs());
        figures.txnsReplayed = r.txns();
    }

    /** PVC and pod deleted → the pod back on an empty volume with the whole tree from the leader, serving. */
    @Benchmark
    public void pvcDeletedToInSync() {
        ensemble.engine.deletePvc("datadir-" + pod);
        ensemble.engine.deletePod(pod, false, OptionalLong.empty());
        awaitBackInSync();
    }

    /**
     * Waits until the pod's server was seen down and then serves with at least the leader's zxid from before. Through
     * the engine's wait, as a scenario's {@code wait} step: Kubernetes time passes only while something waits on it,
     * and the StatefulSet needs it to pass to re-create the pod.
     */
    private void awaitBackInSync() {
        boolean[] seenDown = {false};
        boolean ok = ensemble.engine.awaitCondition(
                () -> {
                    QuorumPeerStatus s = ensemble.runtime().status(pod);
                    if (!s.serving()) {
                        seenDown[0] = true;
                        return false;
                    }
                    return seenDown[0] && s.lastProcessedZxid() >= targetZxid;
                },
                EngineEnsemble.STATE_TIMEOUT_MS);
        if (!ok) {
            throw new IllegalStateException(pod + " not back in sync (zxid >= " + Long.toHexString(targetZxid)
                    + ") within " + EngineEnsemble.STATE_TIMEOUT_MS + " ms of Kubernetes time: "
                    + ensemble.runtime().statuses());
        }
    }

    private Path log() {
        return ensemble.runtime().logFile(pod);
    }

    @TearDown(Level.Trial)
    public void close() {
        if (ensemble != null) {
            ensemble.close();
        }
    }
}
