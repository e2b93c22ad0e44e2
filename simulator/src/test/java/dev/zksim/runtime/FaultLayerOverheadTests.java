package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

/**
 * The network-fault layer's cost when no fault is active: p50 latency of synchronous creates through a follower
 * (client → follower → leader → followers → leader → follower → client: every hop through a forwarder) with the
 * layer on and off, two ensembles of each, interleaved. A measurement, so opt-in:
 * {@code -Dzksim.measureOverhead=true}; it prints one line and fails only on a gross regression (more than +50 %).
 */
class FaultLayerOverheadTests {
    private static final int WARMUP = 100;
    private static final int WRITES = 400;

    @Test
    void writeLatencyWithAndWithoutTheLayer() throws Exception {
        assumeTrue(Boolean.getBoolean("zksim.measureOverhead"), "set -Dzksim.measureOverhead=true to measure");
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            off.add(p50Ms(false));
            on.add(p50Ms(true));
        }
        double onMs = median(on);
        double offMs = median(off);
        System.out.printf(
                "fault layer overhead: write p50 %.3f ms with, %.3f ms without (%+.1f %%); runs on %s, off %s%n",
                onMs, offMs, 100 * (onMs - offMs) / offMs, on, off);
        assertThat(onMs).isLessThan(offMs * 1.5);
    }

    private static double p50Ms(boolean layer) throws Exception {
        try (RealEnsemble e = new RealEnsemble(3, RuntimeOptions.defaults().withFaultLayer(layer))) {
            String leader = e.startAll();
            String follower = leader.equals("zk-0") ? "zk-1" : "zk-0";
            String connect = e.runtime.podIp(follower).orElseThrow().getHostAddress() + ":2181";
            CountDownLatch connected = new CountDownLatch(1);
            ZooKeeper zk = new ZooKeeper(connect, 10_000, ev -> {
                if (ev.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
            try {
                assertThat(connected.await(30, TimeUnit.SECONDS))
                        .as("connected to " + connect)
                        .isTrue();
                List<Long> nanos = new ArrayList<>();
                for (int i = 0; i < WARMUP + WRITES; i++) {
                    long t0 = System.nanoTime();
                    zk.create("/w" + i, new byte[16], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                    if (i >= WARMUP) {
                        nanos.add(System.nanoTime() - t0);
                    }
                }
                Collections.sort(nanos);
                return nanos.get(nanos.size() / 2) / 1e6;
            } finally {
                zk.close();
            }
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }
}
