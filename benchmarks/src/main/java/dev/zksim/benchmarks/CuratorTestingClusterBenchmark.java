package dev.zksim.benchmarks;

import dev.zksim.runtime.FileTrees;
import dev.zksim.runtime.FourLetterWords;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
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
 * The baseline: Apache Curator's {@code TestingCluster} (curator-test 5.9.0, the same ZooKeeper 3.9.4 servers in one
 * JVM, on localhost ports, no Kubernetes, no DNS), measured on the events {@link ElectionBenchmark} and
 * {@link WriteQuorumBenchmark} measure through zksim, in the same run. Servers get the tutorial manifest's settings:
 * tickTime 2000 ms, initLimit 10, syncLimit 5, maxClientCnxns 60.
 *
 * <ul>
 *   <li>{@code startToFirstWrite} (SingleShotTime, ms): {@code TestingCluster.start()} → the first create the
 *       ensemble acknowledges (zksim's counterpart: {@code ElectionBenchmark} with {@code disruption=cold-start});</li>
 *   <li>{@code leaderKilledToFirstWrite} (SingleShotTime, ms): {@code killServer} of the leader (found with
 *       {@code srvr}) → the first acknowledged create (counterpart: {@code disruption=process-killed});</li>
 *   <li>{@code setDataViaLeader} (SampleTime, µs, percentiles): a synchronous setData of {@code payloadBytes}
 *       through the leader with one session (counterpart: {@code WriteQuorumBenchmark.plainSetDataViaLeader}).</li>
 * </ul>
 * Writes after a disruption go, as zksim's {@code writeUntilAcknowledged} does it, through each live server whose
 * {@code srvr} says it serves, each attempt a fresh session bounded to {@value #ATTEMPT_TIMEOUT_MS} ms, every 5 ms.
 *
 * <p>Run: {@code benchmarks/run.sh --quick Curator} or
 * {@code java -jar benchmarks/target/benchmarks.jar CuratorTestingCluster -p servers=3}.
 */
@Fork(1)
@State(Scope.Benchmark)
public class CuratorTestingClusterBenchmark {
    private static final int ATTEMPT_TIMEOUT_MS = 2_000;

    @Param({"3", "5"})
    int servers;

    private TestingCluster cluster;
    private int writes;

    /** The payload of {@link #setDataViaLeader}; a separate state so the other methods are not repeated per size. */
    @State(Scope.Benchmark)
    public static class Payload {
        @Param({"64", "1024", "102400"})
        int payloadBytes;

        byte[] bytes;

        @Setup(Level.Trial)
        public void fill() {
            bytes = new byte[payloadBytes];
            Arrays.fill(bytes, (byte) 'z');
        }
    }

    /** A TestingCluster with the tutorial's settings, not started. */
    private TestingCluster newCluster() {
        // srvr finds the leader; the whitelist is read once per JVM, zksim's servers set the same words
        System.setProperty("zookeeper.4lw.commands.whitelist", "ruok,srvr,stat,mntr,conf,envi");
        // InstanceSpec picks each free port by binding and releasing it, so two picks can return the same port (and
        // TestingCluster then fails on a duplicate key): pick again, a bounded number of times
        for (int attempt = 0; attempt < 20; attempt++) {
            List<InstanceSpec> specs = new ArrayList<>();
            java.util.Set<Integer> ports = new java.util.HashSet<>(); // membership only, never iterated
            boolean distinct = true;
            for (int i = 0; i < servers; i++) {
                InstanceSpec s = new InstanceSpec(
                        null,
                        -1,
                        -1,
                        -1,
                        true,
                        i + 1,
                        2000,
                        60,
                        Map.of("initLimit", "10", "syncLimit", "5"),
                        "127.0.0.1");
                specs.add(s);
                distinct &= ports.add(s.getPort()) & ports.add(s.getElectionPort()) & ports.add(s.getQuorumPort());
            }
            if (distinct) {
                return new TestingCluster(specs);
            }
            for (InstanceSpec s : specs) {
                FileTrees.deleteRecursively(s.getDataDirectory().toPath());
            }
        }
        throw new IllegalStateException("no " + 3 * servers + " distinct free ports in 20 attempts");
    }

    // ------------------------------------------------------------------ start → first write

    @Setup(Level.Iteration)
    public void newClusterPerIteration(org.openjdk.jmh.infra.BenchmarkParams params) throws Exception {
        close();
        cluster = newCluster();
        if (!params.getBenchmark().endsWith("startToFirstWrite")) {
            try {
                cluster.start();
                writeUntilAcknowledged(live());
                awaitAllServing();
            } catch (Exception | Error e) {
                // JMH skips the teardown when a setup throws: close here so no server or data directory is left
                close();
                throw e;
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 10)
    public void startToFirstWrite() throws Exception {
        cluster.start();
        writeUntilAcknowledged(live());
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 20)
    public void leaderKilledToFirstWrite() throws Exception {
        InstanceSpec leader = leader();
        List<InstanceSpec> survivors = new ArrayList<>(cluster.getInstances());
        survivors.remove(leader);
        cluster.killServer(leader);
        writeUntilAcknowledged(survivors);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Stat setDataViaLeader(Payload payload, LeaderSession session) {
        return PlainZooKeeperClient.call(() -> session.zk.setData("/s", payload.bytes, -1));
    }

    /** One session to the leader of the iteration's cluster, for {@link #setDataViaLeader}. */
    @State(Scope.Thread)
    public static class LeaderSession {
        ZooKeeper zk;

        @Setup(Level.Iteration)
        public void open(CuratorTestingClusterBenchmark b) throws Exception {
            InstanceSpec leader = b.leader();
            zk = PlainZooKeeperClient.open(leader.getConnectString());
            if (zk.exists("/s", false) == null) {
                zk.create("/s", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            }
        }

        @TearDown(Level.Iteration)
        public void close() {
            PlainZooKeeperClient.close(zk);
        }
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        if (cluster != null) {
            TestingCluster c = cluster;
            cluster = null;
            c.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    private List<InstanceSpec> live() {
        return new ArrayList<>(cluster.getInstances());
    }

    /** The instance whose {@code srvr} says "Mode: leader"; waits for one, bounded. */
    InstanceSpec leader() {
        InstanceSpec[] found = new InstanceSpec[1];
        boolean ok = EngineEnsemble.awaitWall(
                () -> {
                    for (InstanceSpec s : cluster.getInstances()) {
                        if (srvr(s).contains("Mode: leader")) {
                            found[0] = s;
                            return true;
                        }
                    }
                    return false;
                },
                EngineEnsemble.WRITE_TIMEOUT_MS);
        if (!ok) {
            throw new IllegalStateException(
                    "no leader in the TestingCluster within " + EngineEnsemble.WRITE_TIMEOUT_MS + " ms");
        }
        return found[0];
    }

    private void awaitAllServing() {
        if (!EngineEnsemble.awaitWall(
                () -> cluster.getInstances().stream().allMatch(s -> FourLetterWords.serving(address(s), 1_000)),
                EngineEnsemble.WRITE_TIMEOUT_MS)) {
            throw new IllegalStateException(
                    "TestingCluster servers not all serving within " + EngineEnsemble.WRITE_TIMEOUT_MS + " ms");
        }
    }

    private static String srvr(InstanceSpec s) {
        try {
            return FourLetterWords.send(address(s), "srvr", 1_000);
        } catch (IOException e) {
            return "";
        }
    }

    private static InetSocketAddress address(InstanceSpec s) {
        return new InetSocketAddress("127.0.0.1", s.getPort());
    }

    /** Creates a new znode through each of {@code servers} in turn until one acknowledges; bounded. */
    private void writeUntilAcknowledged(List<InstanceSpec> servers) {
        String path = "/curator-" + writes++;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EngineEnsemble.WRITE_TIMEOUT_MS);
        while (System.nanoTime() - deadline < 0) {
            for (InstanceSpec s : servers) {
                if (FourLetterWords.serving(address(s), 1_000) && attempt(s, path)) {
                    return;
                }
            }
            LockSupport.parkNanos(5_000_000);
        }
        throw new IllegalStateException("no acknowledged write within " + EngineEnsemble.WRITE_TIMEOUT_MS + " ms");
    }

    private static boolean attempt(InstanceSpec s, String path) {
        java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(1);
        ZooKeeper zk = null;
        try {
            org.apache.zookeeper.client.ZKClientConfig config = new org.apache.zookeeper.client.ZKClientConfig();
            config.setProperty(
                    org.apache.zookeeper.client.ZKClientConfig.ZOOKEEPER_REQUEST_TIMEOUT,
                    Integer.toString(ATTEMPT_TIMEOUT_MS));
            zk = new ZooKeeper(
                    s.getConnectString(),
                    PlainZooKeeperClient.SESSION_TIMEOUT_MS,
                    e -> {
                        if (e.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) {
                            connected.countDown();
                        }
                    },
                    config);
            if (!connected.await(ATTEMPT_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                return false;
            }
            zk.create(path, new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            return true;
        } catch (org.apache.zookeeper.KeeperException.NodeExistsException e) {
            return true;
        } catch (org.apache.zookeeper.KeeperException | IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            PlainZooKeeperClient.close(zk);
        }
    }
}
