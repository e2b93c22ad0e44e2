package dev.zksim.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.api.junit.ZooKeeperOnKubernetes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

/**
 * Curator's {@code InterProcessMutex} guarding a counter znode that four clients (each its own session through the
 * client Service) increment while pods are deleted, the leader's among them: the lock is never held by two clients at
 * once, and the final count equals the increments ZooKeeper acknowledged. An increment whose answer was lost (the
 * connection went mid-request) is resolved by reading the counter back while still holding the lock; one that stays
 * unresolved (the session expired) is counted apart, and the count must lie within the acknowledged increments plus
 * those.
 */
@ZooKeeperOnKubernetes(manifest = ApiTestManifests.FAST, servers = 3, nodes = 4)
class CuratorMutexTests {
    private static final int CLIENTS = 4;
    private static final String COUNTER = "/counter";

    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger mostInside = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger unresolved = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();

    @Test
    void theCountEqualsTheAcknowledgedIncrementsAndOneClientHoldsTheLock(ZkOnKubernetes zk) throws Exception {
        List<CuratorFramework> clients = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                CuratorFramework c = ApiClients.curator(zk, 6_000);
                clients.add(c);
            }
            clients.get(0).create().forPath(COUNTER, "0".getBytes(StandardCharsets.US_ASCII));
            for (CuratorFramework c : clients) {
                Thread t = new Thread(() -> increment(c), "counter-" + workers.size());
                t.start();
                workers.add(t);
            }
            zk.deletePod("zk-1");
            zk.awaitReady(Duration.ofMinutes(5));
            zk.deletePod(zk.awaitLeader(Duration.ofMinutes(2)));
            zk.awaitReady(Duration.ofMinutes(5));
            zk.awaitWritable(Duration.ofMinutes(2));
            stop.set(true);
            for (Thread t : workers) {
                t.join(60_000);
                assertThat(t.isAlive()).as(t.getName() + " stopped").isFalse();
            }
            int count =
                    Integer.parseInt(new String(clients.get(0).getData().forPath(COUNTER), StandardCharsets.US_ASCII));
            System.out.println("InterProcessMutex: count " + count + ", acknowledged " + acknowledged.get()
                    + ", unresolved " + unresolved.get() + ", most holders at once " + mostInside.get());
            assertThat(mostInside.get()).as("lock holders at one instant").isEqualTo(1);
            assertThat(acknowledged.get()).isPositive();
            assertThat(count).isBetween(acknowledged.get(), acknowledged.get() + unresolved.get());
        } finally {
            stop.set(true);
            for (Thread t : workers) {
                t.join(60_000);
            }
            clients.forEach(CuratorFramework::close);
        }
    }

    /** One client's loop: take the lock, read, write the next value with the version read, let go. */
    private void increment(CuratorFramework c) {
        InterProcessMutex lock = new InterProcessMutex(c, "/lock");
        while (!stop.get()) {
            try {
                if (!lock.acquire(2, TimeUnit.SECONDS)) {
                    continue;
                }
            } catch (Exception e) {
                continue; // no lock: the connection is moving; try again
            }
            try {
                mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                Stat stat = new Stat();
                int value = Integer.parseInt(
                        new String(c.getData().storingStatIn(stat).forPath(COUNTER), StandardCharsets.US_ASCII));
                byte[] next = Integer.toString(value + 1).getBytes(StandardCharsets.US_ASCII);
                try {
                    c.setData().withVersion(stat.getVersion()).forPath(COUNTER, next);
                    acknowledged.incrementAndGet();
                } catch (KeeperException.BadVersionException e) {
                    // Curator retried a write whose first answer was lost: ours, if the counter is our value (we
                    // hold the lock, so no one else wrote)
                    resolve(c, value + 1, stat.getVersion() + 1);
                } catch (Exception e) {
                    unresolved.incrementAndGet();
                }
            } catch (Exception e) {
                // the read failed: nothing written
            } finally {
                inside.decrementAndGet();
                try {
                    lock.release();
                } catch (Exception e) {
                    // the lock node went with the session
                }
            }
        }
    }

    private void resolve(CuratorFramework c, int expected, int version) {
        try {
            Stat stat = new Stat();
            int now = Integer.parseInt(
                    new String(c.getData().storingStatIn(stat).forPath(COUNTER), StandardCharsets.US_ASCII));
            if (now == expected && stat.getVersion() == version) {
                acknowledged.incrementAndGet();
            }
        } catch (Exception e) {
            unresolved.incrementAndGet();
        }
    }
}
