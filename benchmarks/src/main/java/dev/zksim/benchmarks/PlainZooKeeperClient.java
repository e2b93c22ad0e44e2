package dev.zksim.benchmarks;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;

/**
 * ZooKeeper's own client with one session, no zksim code in between: the baseline against which zksim's client
 * path is measured, and the fast path for loading data into an ensemble. Opening waits for the session, bounded.
 */
final class PlainZooKeeperClient {
    /** Session timeout asked of the servers (the tutorial's maxSessionTimeout is 40 s). */
    static final int SESSION_TIMEOUT_MS = 30_000;
    /** Bound of the wait for a session. */
    static final long CONNECT_TIMEOUT_MS = 30_000;

    private PlainZooKeeperClient() {}

    /** A client connected to {@code connectString} ({@code host:port[,host:port...]}), session established. */
    static ZooKeeper open(String connectString) {
        CountDownLatch connected = new CountDownLatch(1);
        try {
            ZooKeeper zk = new ZooKeeper(connectString, SESSION_TIMEOUT_MS, e -> {
                if (e.getState() == KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
            if (!connected.await(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                close(zk);
                throw new IllegalStateException(
                        "no session with " + connectString + " within " + CONNECT_TIMEOUT_MS + " ms");
            }
            return zk;
        } catch (IOException e) {
            throw new IllegalStateException("cannot connect to " + connectString, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + connectString, e);
        }
    }

    /** Closes the session (bounded by ZooKeeper's request timeout), ignoring a server that is already gone. */
    static void close(ZooKeeper zk) {
        if (zk == null) {
            return;
        }
        try {
            zk.close(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code op} as an unchecked call: benchmark methods fail loudly on any ZooKeeper error. */
    static <T> T call(KeeperCall<T> op) {
        try {
            return op.call();
        } catch (KeeperException e) {
            throw new IllegalStateException("ZooKeeper refused: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A ZooKeeper call. */
    @FunctionalInterface
    interface KeeperCall<T> {
        T call() throws KeeperException, InterruptedException;
    }
}
