package dev.zksim.benchmarks;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
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
 * What the network-fault layer ({@code dev.zksim.runtime.net}) costs when no fault is active: the latency of a
 * synchronous 16-byte {@code create} through a follower's pod of a 3-server real ensemble ({@link EngineEnsemble}),
 * with the layer in front of every pod ({@code faultLayer=on}) and without it ({@code off}). The write crosses the
 * layer about four times: client → follower → leader → followers → leader → follower → client.
 *
 * <p>Mode SampleTime, microseconds, with JMH's percentiles; each value of {@code faultLayer} runs in its own fork.
 * docs/real-engine.md ("Cost, and when the layer is there") gives the numbers and why {@code zksim run} puts the layer
 * in place only when a scenario can silence a link.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FaultLayer}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class FaultLayerBenchmark {
    @Param({"on", "off"})
    String faultLayer;

    private EngineEnsemble ensemble;
    private ZooKeeper viaFollower;
    private final byte[] payload = new byte[16];
    private long created;

    @Setup(Level.Trial)
    public void startEnsemble() {
        if (!faultLayer.equals("on") && !faultLayer.equals("off")) {
            throw new IllegalArgumentException("faultLayer must be on or off: " + faultLayer);
        }
        ensemble = EngineEnsemble.started(3, true, faultLayer.equals("on"));
        InetSocketAddress a = ensemble.clientAddress(ensemble.follower());
        viaFollower = PlainZooKeeperClient.open(a.getAddress().getHostAddress() + ":" + a.getPort());
        PlainZooKeeperClient.call(
                () -> viaFollower.create("/fl", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
    }

    @Benchmark
    public String createViaFollower() {
        String path = "/fl/c" + created++;
        return PlainZooKeeperClient.call(
                () -> viaFollower.create(path, payload, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
    }

    @TearDown(Level.Trial)
    public void close() {
        PlainZooKeeperClient.close(viaFollower);
        if (ensemble != null) {
            ensemble.close();
        }
    }
}
