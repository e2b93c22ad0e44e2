package dev.zksim.api;

import dev.zksim.runtime.Awaits;
import java.io.IOException;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;

/** Plain ZooKeeper clients for the API tests, connected through the client Service. */
final class ApiClients {
    private ApiClients() {}

    /** A client of {@code connectString}, connected (bounded by 30 s). */
    static ZooKeeper connect(String connectString, int sessionTimeoutMs) throws IOException {
        ZooKeeper zk = new ZooKeeper(connectString, sessionTimeoutMs, event -> {});
        if (!awaitConnected(zk, 30_000)) {
            try {
                zk.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("not connected to " + connectString + " within 30 s");
        }
        return zk;
    }

    /** Waits (bounded) until the client is connected. */
    static boolean awaitConnected(ZooKeeper zk, long timeoutMs) {
        return Awaits.until(() -> zk.getState() == ZooKeeper.States.CONNECTED, timeoutMs, 5);
    }

    /**
     * A started Curator client of the ensemble's Service with the session timeout the stories use (6 s), a 3 s
     * connection timeout, and short retries (so a move to another pod is noticed in milliseconds, not seconds).
     */
    static CuratorFramework curator(ZkOnKubernetes zk, int sessionTimeoutMs) {
        CuratorFramework c = CuratorFrameworkFactory.builder()
                .connectString(zk.connectString())
                .sessionTimeoutMs(sessionTimeoutMs)
                .connectionTimeoutMs(3_000)
                .retryPolicy(new ExponentialBackoffRetry(50, 10, 500))
                .build();
        c.start();
        return c;
    }

    /** A ZooKeeper call that an application retries on connection loss. */
    interface Call<T> {
        T call() throws KeeperException, InterruptedException;
    }

    /**
     * Runs {@code call}, retrying on connection loss (the client is moving to another server) every 10 ms for up to
     * {@code timeoutMs}, as an application (or Curator's retry loop) does.
     */
    static <T> T retrying(Call<T> call, long timeoutMs) throws KeeperException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (true) {
            try {
                return call.call();
            } catch (KeeperException.ConnectionLossException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Awaits.until(() -> false, 10, 10);
            }
        }
    }

    /** The pod behind the only client connection through the Service (fails when there is not exactly one). */
    static String onlyConnection(ZkOnKubernetes k) {
        Awaits.until(() -> k.serviceConnections().size() == 1, 10_000, 5);
        List<String> c = k.serviceConnections();
        if (c.size() != 1) {
            throw new AssertionError("expected one client connection through the Service, found " + c);
        }
        return c.get(0);
    }
}
