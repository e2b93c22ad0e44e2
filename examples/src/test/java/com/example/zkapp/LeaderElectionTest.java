package com.example.zkapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zksim.api.StatefulSetPatch;
import dev.zksim.api.ZkOnKubernetes;
import dev.zksim.api.junit.ZooKeeperOnKubernetes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.junit.jupiter.api.Test;

/**
 * The application's leader election (a Curator LeaderLatch) keeps working while Kubernetes rolls the ZooKeeper
 * StatefulSet and deletes a pod: after each disruption exactly one participant leads again.
 */
@ZooKeeperOnKubernetes(bundled = "zookeeper-parallel.yaml", servers = 3, nodes = 4, flags = "tick_time=1000")
class LeaderElectionTest {

    @Test
    void oneLeaderAfterARollingUpdateAndAPodDeletion(ZkOnKubernetes zk) throws Exception {
        try (CuratorFramework a = client(zk);
                CuratorFramework b = client(zk);
                LeaderLatch la = new LeaderLatch(a, "/app/leader", "a");
                LeaderLatch lb = new LeaderLatch(b, "/app/leader", "b")) {
            la.start();
            lb.start();
            assertEquals(1, leadersWithin(la, lb, 30));

            zk.rollingUpdate(StatefulSetPatch.cpuMillis(400)); // new revision: zk-2, zk-1, zk-0 are replaced one by one
            zk.awaitRolledOut(Duration.ofMinutes(10));
            assertEquals(1, leadersWithin(la, lb, 30));

            zk.deletePod(zk.awaitLeader(Duration.ofMinutes(2))); // the ZooKeeper leader's pod
            zk.awaitReady(Duration.ofMinutes(5));
            assertEquals(1, leadersWithin(la, lb, 30));
        }
    }

    private static CuratorFramework client(ZkOnKubernetes zk) throws InterruptedException {
        CuratorFramework c = CuratorFrameworkFactory.builder()
                .connectString(zk.connectString()) // the zk-cs Service: Ready pods only
                .sessionTimeoutMs(6_000)
                .connectionTimeoutMs(3_000)
                .retryPolicy(new ExponentialBackoffRetry(50, 10, 500))
                .build();
        c.start();
        assertTrue(c.blockUntilConnected(30, TimeUnit.SECONDS));
        return c;
    }

    /** Waits (bounded) until exactly one latch leads; returns how many lead then. */
    private static int leadersWithin(LeaderLatch a, LeaderLatch b, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int leaders;
        do {
            leaders = (a.hasLeadership() ? 1 : 0) + (b.hasLeadership() ? 1 : 0);
            if (leaders == 1) {
                return 1;
            }
        } while (System.nanoTime() < deadline && !Thread.interrupted() && pause());
        return leaders;
    }

    private static boolean pause() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(10);
        return true;
    }
}
