package dev.zksim.benchmarks;

import dev.zksim.model.scenario.WriteOp;
import dev.zksim.model.scenario.engine.ClientTarget;
import dev.zksim.model.scenario.engine.WriteOutcome;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a quorum write costs on real ZooKeeper 3.9.4 servers run by zksim's real engine ({@link EngineEnsemble}).
 *
 * <p>Latency (mode SampleTime, microseconds, with JMH's percentiles): from sending a synchronous request to its
 * reply, for {@code create} (a new persistent znode each time) and {@code setData} (one znode), through the leader's
 * pod and through a follower's pod (which forwards to the leader), with ZooKeeper's own client holding one session
 * to the pod's IP ({@code plain*} methods: no zksim code on the path). {@code zksimSetDataViaLeader} is the same
 * setData through zksim's client path, the one scenarios use ({@code ZooKeeperClient.write} of the engine: it keeps
 * one session per target and checks before each operation that the session's pod is still running, serving and
 * behind the target), so its difference to
 * {@code plainSetDataViaLeader} is the overhead of that path. {@code asyncSetDataThroughput} (mode Throughput,
 * writes per second) keeps {@value #OUTSTANDING} asynchronous setData requests outstanding through the leader.
 *
 * <p>Parameters: {@code servers} 3 or 5; {@code payloadBytes}; {@code forceSync}: ZooKeeper's {@code forceSync}
 * (fsync of the transaction log before acknowledging; {@code no} is what a tmpfs or a non-durable disk gives). It is
 * a JVM-wide property ZooKeeper reads once, so each value needs its own fork (JMH forks per parameter combination).
 *
 * <p>Run: {@code benchmarks/run.sh --quick WriteQuorum} or
 * {@code java -jar benchmarks/target/benchmarks.jar WriteQuorum -p servers=3 -p payloadBytes=1024}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class WriteQuorumBenchmark {
    /** Asynchronous writes kept in flight by {@link #asyncSetDataThroughput}. */
    static final int OUTSTANDING = 100;
    /** Writes per invocation of {@link #asyncSetDataThroughput}. */
    static final int BATCH = 1_000;

    @Param({"3", "5"})
    int servers;

    @Param({"64", "1024", "102400"})
    int payloadBytes;

    @Param({"yes", "no"})
    String forceSync;

    private EngineEnsemble ensemble;
    private String leader;
    private ZooKeeper viaLeader;
    private ZooKeeper viaFollower;
    private byte[] payload;
    private String payloadText;
    private long created;

    @Setup(Level.Trial)
    public void startEnsemble() {
        if (!forceSync.equals("yes") && !forceSync.equals("no")) {
            throw new IllegalArgumentException("forceSync must be yes or no: " + forceSync);
        }
        // read once by ZooKeeper's FileTxnLog, before the first server of this JVM starts
        System.setProperty("zookeeper.forceSync", forceSync);
        payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) 'z');
        payloadText = "z".repeat(payloadBytes);
        ensemble = EngineEnsemble.started(servers, true);
        leader = ensemble.leader();
        viaLeader = PlainZooKeeperClient.open(address(leader));
        viaFollower = PlainZooKeeperClient.open(address(ensemble.follower()));
        PlainZooKeeperClient.call(
                () -> viaLeader.create("/wq", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        PlainZooKeeperClient.call(() -> viaLeader.create("/wq/s", payload, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
    }

    private String address(String pod) {
        InetSocketAddress a = ensemble.clientAddress(pod);
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    @Benchmark
    public Stat plainSetDataViaLeader() {
        return PlainZooKeeperClient.call(() -> viaLeader.setData("/wq/s", payload, -1));
    }

    @Benchmark
    public Stat plainSetDataViaFollower() {
        return PlainZooKeeperClient.call(() -> viaFollower.setData("/wq/s", payload, -1));
    }

    @Benchmark
    public String plainCreateViaLeader() {
        String path = "/wq/l" + created++;
        return PlainZooKeeperClient.call(
                () -> viaLeader.create(path, payload, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
    }

    @Benchmark
    public String plainCreateViaFollower() {
        String path = "/wq/f" + created++;
        return PlainZooKeeperClient.call(
                () -> viaFollower.create(path, payload, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
    }

    /** setData through zksim's client path (the engine's {@code ZooKeeperClient}, with its kept session). */
    @Benchmark
    public WriteOutcome zksimSetDataViaLeader() {
        WriteOutcome o = ensemble.engine
                .zooKeeper()
                .orElseThrow()
                .write(
                        new ClientTarget.Pod(leader),
                        WriteOp.SET,
                        "/wq/s",
                        payloadText,
                        EngineEnsemble.STATE_TIMEOUT_MS);
        if (!(o instanceof WriteOutcome.WriteAcked)) {
            throw new IllegalStateException("zksim's write was not acknowledged: " + o);
        }
        return o;
    }

    /** {@value #BATCH} setData with {@value #OUTSTANDING} in flight, through the leader; writes per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public void asyncSetDataThroughput() throws InterruptedException {
        Semaphore window = new Semaphore(OUTSTANDING);
        AtomicReference<KeeperException.Code> failure = new AtomicReference<>();
        for (int i = 0; i < BATCH; i++) {
            if (!window.tryAcquire(EngineEnsemble.WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no reply within " + EngineEnsemble.WRITE_TIMEOUT_MS + " ms");
            }
            viaLeader.setData(
                    "/wq/s",
                    payload,
                    -1,
                    (rc, path, ctx, stat) -> {
                        if (rc != 0) {
                            failure.compareAndSet(null, KeeperException.Code.get(rc));
                        }
                        window.release();
                    },
                    null);
        }
        if (!window.tryAcquire(OUTSTANDING, EngineEnsemble.WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("replies missing after " + EngineEnsemble.WRITE_TIMEOUT_MS + " ms");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("an asynchronous setData failed: " + failure.get());
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        PlainZooKeeperClient.close(viaLeader);
        PlainZooKeeperClient.close(viaFollower);
        if (ensemble != null) {
            ensemble.close();
        }
    }
}
