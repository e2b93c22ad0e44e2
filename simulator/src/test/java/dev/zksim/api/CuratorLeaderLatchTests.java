package dev.zksim.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.api.junit.ZooKeeperOnKubernetes;
import dev.zksim.runtime.Awaits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.junit.jupiter.api.Test;

/**
 * Curator's {@code LeaderLatch} with three participants, each its own client through the client Service, across a
 * rolling update of all three pods and a drain of the leader's node: there is never more than one holder at any
 * instant (counted from the latches' own callbacks), and after each disruption a holder exists again within a bound.
 * The gaps without a holder are printed.
 */
@ZooKeeperOnKubernetes(manifest = ApiTestManifests.FAST, servers = 3, nodes = 4)
class CuratorLeaderLatchTests {
    /** A holder again within this bound after a disruption (wall time; the session timeout is 6 s). */
    private static final long HOLDER_AGAIN_MS = 45_000;

    private final AtomicInteger holders = new AtomicInteger();
    private final AtomicInteger maxHolders = new AtomicInteger();
    private final List<Long> gapsMs = new ArrayList<>();
    private volatile long noHolderSinceNanos = -1;

    @Test
    void oneHolderAtATimeAcrossARollingUpdateAndADrainOfTheLeadersNode(ZkOnKubernetes zk) throws Exception {
        List<CuratorFramework> clients = new ArrayList<>();
        List<LeaderLatch> latches = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                CuratorFramework c = ApiClients.curator(zk, 6_000);
                clients.add(c);
                LeaderLatch latch = new LeaderLatch(c, "/latch", "participant-" + i);
                latch.addListener(new Counting());
                latch.start();
                latches.add(latch);
            }
            assertThat(holderWithin(HOLDER_AGAIN_MS)).as("a first holder").isTrue();

            zk.rollingUpdate(StatefulSetPatch.cpuMillis(400));
            zk.awaitRolledOut(Duration.ofMinutes(10));
            assertThat(holderWithin(HOLDER_AGAIN_MS))
                    .as("a holder after the rolling update")
                    .isTrue();

            String node = zk.nodeOf(zk.awaitLeader(Duration.ofMinutes(2)));
            zk.drain(node);
            zk.awaitDrained(Duration.ofMinutes(10));
            zk.awaitReady(Duration.ofMinutes(10));
            assertThat(holderWithin(HOLDER_AGAIN_MS))
                    .as("a holder after draining " + node)
                    .isTrue();

            System.out.println("LeaderLatch: gaps without a holder (ms): " + gaps() + ", most holders at once: "
                    + maxHolders.get());
            assertThat(maxHolders.get()).as("holders at one instant").isEqualTo(1);
            assertThat(gaps()).allMatch(g -> g < HOLDER_AGAIN_MS);
        } finally {
            for (LeaderLatch l : latches) {
                l.close(LeaderLatch.CloseMode.SILENT);
            }
            clients.forEach(CuratorFramework::close);
        }
    }

    private synchronized List<Long> gaps() {
        return List.copyOf(gapsMs);
    }

    private boolean holderWithin(long ms) {
        return Awaits.until(() -> holders.get() == 1, ms, 5);
    }

    /** Counts holders from the latches' callbacks (each latch calls them in order, on its own thread). */
    private final class Counting implements LeaderLatchListener {
        @Override
        public void isLeader() {
            synchronized (CuratorLeaderLatchTests.this) {
                int now = holders.incrementAndGet();
                maxHolders.accumulateAndGet(now, Math::max);
                if (noHolderSinceNanos >= 0) {
                    gapsMs.add((System.nanoTime() - noHolderSinceNanos) / 1_000_000);
                    noHolderSinceNanos = -1;
                }
            }
        }

        @Override
        public void notLeader() {
            synchronized (CuratorLeaderLatchTests.this) {
                if (holders.decrementAndGet() == 0) {
                    noHolderSinceNanos = System.nanoTime();
                }
            }
        }
    }
}
