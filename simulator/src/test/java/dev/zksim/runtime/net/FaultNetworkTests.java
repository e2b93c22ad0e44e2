package dev.zksim.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zksim.runtime.PodNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The forwarder on a real loopback socket, in front of an echo server on the hidden address: a stalled link keeps the
 * connection open and silent and delivers what was sent once it passes again; a dropped link closes it; after close
 * nothing listens and no thread of the layer is left.
 */
class FaultNetworkTests {

    @Test
    void stallKeepsTheConnectionOpenAndSilentDropClosesItCloseLeavesNothing() throws Exception {
        onFreshNetwork("fault-network-test", (group, published, net) -> {
            InetAddress hidden = net.attach("zk-0", published, 2181, 2888, 3888);
            assertThat(hidden).isNotEqualTo(published);
            try (ServerSocket echo = new ServerSocket()) {
                echo.bind(new InetSocketAddress(hidden, 2181));
                Thread server = new Thread(group, () -> echoAll(echo), "echo");
                server.start();
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(published, 2181), 5_000);
                    s.setSoTimeout(500);
                    OutputStream out = s.getOutputStream();
                    InputStream in = s.getInputStream();
                    out.write(1);
                    assertThat(in.read()).isEqualTo(1);

                    net.rules().pause("zk-0");
                    out.write(2);
                    assertThatThrownBy(in::read).as("silence, not a close").isInstanceOf(SocketTimeoutException.class);
                    net.rules().resume("zk-0");
                    s.setSoTimeout(5_000);
                    assertThat(in.read()).as("delivered once the link passes").isEqualTo(2);

                    net.rules().delay(LinkRules.CLIENT, "zk-0", 200);
                    long t0 = System.nanoTime();
                    out.write(3);
                    assertThat(in.read()).isEqualTo(3);
                    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))
                            .isGreaterThanOrEqualTo(200);

                    net.rules().drop(LinkRules.CLIENT, "zk-0");
                    out.write(4);
                    assertThat(readOrReset(in))
                            .as("a dropped link closes the connection")
                            .isEqualTo(-1);
                }
                net.processEnded("zk-0");
                assertThatThrownBy(() -> {
                            try (Socket s = new Socket()) {
                                s.connect(new InetSocketAddress(published, 2181), 5_000);
                            }
                        })
                        .as("listeners closed with the process")
                        .isInstanceOf(ConnectException.class);
            }
        });
    }

    /**
     * A powered-off machine that boots again: the kubelet restarts the pod's container on the same pod IP at once, and
     * the new proxy must be able to listen there while the old incarnation's connections are reset. The old listeners'
     * accept threads are still blocked in accept(2) when the restart comes, which holds the listening socket open in the
     * kernel until the thread has left the call.
     */
    @Test
    void aRebootedPodListensAgainOnItsOwnAddressAndItsOldConnectionsAreReset() throws Exception {
        onFreshNetwork("fault-network-reboot-test", (group, published, net) -> {
            net.attach("zk-0", published, 2181, 2888, 3888);
            for (int boot = 1; boot <= 200; boot++) {
                Socket held = new Socket();
                try (held) {
                    held.connect(new InetSocketAddress(published, 2181), 5_000);
                    net.powerOff("zk-0");
                    net.attach("zk-0", published, 2181, 2888, 3888);
                    held.setSoTimeout(10_000);
                    assertThat(readOrReset(held.getInputStream()))
                            .as("boot %d: the old connection is answered with RST", boot)
                            .isEqualTo(-1);
                }
            }
        });
    }

    /** A test's body: its threads' group, zk-0's published address, and a fault network nothing is attached to yet. */
    private interface NetworkTest {
        void run(ThreadGroup group, InetAddress published, FaultNetwork net) throws Exception;
    }

    /**
     * Runs {@code test} on a fresh fault network whose threads are in a new group named {@code groupName}, then
     * closes the network (whatever the test did) and checks that no thread of the group is left.
     */
    private static void onFreshNetwork(String groupName, NetworkTest test) throws Exception {
        ThreadGroup group = new ThreadGroup(groupName);
        try (PodNetwork pods = PodNetwork.open()) {
            InetAddress published = pods.assign("zk-0");
            FaultNetwork net = FaultNetwork.open(group, sid -> Optional.of("zk-" + (sid - 1)));
            try {
                test.run(group, published, net);
            } finally {
                net.close();
            }
            assertNoThreadLeft(group);
        }
    }

    /** The group's threads end within 10 s of the network's close (polled every 10 ms). */
    private static void assertNoThreadLeft(ThreadGroup group) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (group.activeCount() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertThat(group.activeCount()).as("threads left").isZero();
    }

    /** The next byte, or -1 at the end of the stream and when the peer reset the connection. */
    private static int readOrReset(java.io.InputStream in) {
        try {
            return in.read();
        } catch (IOException reset) {
            return -1;
        }
    }

    private static void echoAll(ServerSocket ss) {
        while (!ss.isClosed()) {
            try (Socket c = ss.accept()) {
                InputStream in = c.getInputStream();
                OutputStream out = c.getOutputStream();
                for (int b = in.read(); b >= 0; b = in.read()) {
                    out.write(b);
                }
            } catch (IOException e) {
                // next connection, or closed
            }
        }
    }
}
