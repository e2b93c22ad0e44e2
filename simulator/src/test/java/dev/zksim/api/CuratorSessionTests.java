package dev.zksim.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.api.junit.ZooKeeperOnKubernetes;
import dev.zksim.model.scenario.FourLetterWord;
import dev.zksim.runtime.Awaits;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.Test;

/**
 * The session stories of a ZooKeeper user, with Curator through the client Service and a 6 s session timeout: a client
 * whose server is force-deleted moves to another pod within the session timeout and keeps its session and its
 * ephemeral node; a client cut from every server for longer than the session timeout finds its session expired and
 * its ephemeral node gone when the network heals.
 */
@ZooKeeperOnKubernetes(manifest = ApiTestManifests.FAST, servers = 3, nodes = 4)
class CuratorSessionTests {
    private static final int SESSION_TIMEOUT_MS = 6_000;

    @Test
    void sessionStories(ZkOnKubernetes zk) throws Exception {
        // 1. the client's server is force-deleted: it reconnects elsewhere within the session timeout
        try (CuratorFramework c = client(zk)) {
            c.create().withMode(CreateMode.EPHEMERAL).forPath("/kept");
            long session = c.getZookeeperClient().getZooKeeper().getSessionId();
            String server = ApiClients.onlyConnection(zk);
            CountDownLatch reconnected = latchOn(c, ConnectionState.RECONNECTED);
            long start = System.nanoTime();
            zk.forceDeletePod(server);
            assertThat(reconnected.await(SESSION_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                    .as("reconnected within the session timeout")
                    .isTrue();
            long movedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(ApiClients.onlyConnection(zk)).isNotEqualTo(server);
            assertThat(c.getZookeeperClient().getZooKeeper().getSessionId()).isEqualTo(session);
            assertThat(c.checkExists().forPath("/kept"))
                    .as("the ephemeral node")
                    .isNotNull();
            System.out.println("Session: force-deleted " + server + ", client moved in " + movedMs + " ms");
        }
        zk.awaitReady(Duration.ofMinutes(5));
        zk.awaitWritable(Duration.ofMinutes(2));

        // 2. the client is cut from every server for longer than the session timeout: its session expires
        try (CuratorFramework c = client(zk)) {
            c.create().withMode(CreateMode.EPHEMERAL).forPath("/lost");
            CountDownLatch lost = latchOn(c, ConnectionState.LOST);
            long start = System.nanoTime();
            zk.partitionClients();
            assertThat(lost.await(4L * SESSION_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                    .as("Curator reports the session lost")
                    .isTrue();
            long lostMs = (System.nanoTime() - start) / 1_000_000;
            // the ensemble itself expires it (the leader's session tracker): every server drops the ephemeral node,
            // as mntr asked inside each pod shows while the clients are still cut off
            assertThat(Awaits.until(() -> noEphemerals(zk), 4L * SESSION_TIMEOUT_MS, 50))
                    .as("every server dropped the expired session's ephemeral node")
                    .isTrue();
            zk.heal();
            try (CuratorFramework other = client(zk)) {
                assertThat(other.checkExists().forPath("/lost"))
                        .as("the ephemeral node of the expired session")
                        .isNull();
            }
            System.out.println("Session: partitioned client LOST after " + lostMs + " ms (session timeout "
                    + SESSION_TIMEOUT_MS + " ms)");
        }
    }

    private static CuratorFramework client(ZkOnKubernetes zk) throws InterruptedException {
        CuratorFramework c = ApiClients.curator(zk, SESSION_TIMEOUT_MS);
        if (!c.blockUntilConnected(30, TimeUnit.SECONDS)) {
            c.close();
            throw new AssertionError("not connected through " + zk.connectString() + " within 30 s");
        }
        return c;
    }

    private static boolean noEphemerals(ZkOnKubernetes zk) {
        return zk.pods().stream()
                .allMatch(p -> zk.exec(p.name(), FourLetterWord.MNTR).contains("zk_ephemerals_count\t0"));
    }

    private static CountDownLatch latchOn(CuratorFramework c, ConnectionState state) {
        CountDownLatch l = new CountDownLatch(1);
        c.getConnectionStateListenable().addListener((client, s) -> {
            if (s == state) {
                l.countDown();
            }
        });
        return l;
    }
}
