package dev.zksim.runtime;

import java.net.InetAddress;
import java.util.function.Consumer;
import javax.security.sasl.SaslException;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.apache.zookeeper.server.quorum.MultipleAddresses;
import org.apache.zookeeper.server.quorum.QuorumPeer;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;

/**
 * ZooKeeper's own mains, unchanged except for one hook each that tells the container when the server is up (so
 * that a stop that arrives during start-up is carried out once there is something to stop), and, for a quorum peer,
 * its own addresses as the pod's {@code /etc/hosts} resolves them ({@link PodOwnAddresses}).
 */
final class EmbeddedServers {
    private EmbeddedServers() {}

    /**
     * {@link QuorumPeerMain#runFromConfig} as is; its {@link QuorumPeer} reports itself after {@code start()}.
     */
    static final class Quorum extends QuorumPeerMain {
        private final Consumer<QuorumPeer> started;
        private final InetAddress bindIp;

        /** @param bindIp the address the pod's server binds (see {@link PodOwnAddresses#forCaller}) */
        Quorum(Consumer<QuorumPeer> started, InetAddress bindIp) {
            this.started = started;
            this.bindIp = bindIp;
        }

        @Override
        protected QuorumPeer getQuorumPeer() throws SaslException {
            return new ReportingPeer(started, bindIp);
        }
    }

    /** A QuorumPeer that reports itself once started. */
    private static final class ReportingPeer extends QuorumPeer {
        private final Consumer<QuorumPeer> started;
        private final InetAddress bindIp;

        // set once by runFromConfig before start(), read in start() on the same thread
        private ServerCnxnFactory clientPort;

        ReportingPeer(Consumer<QuorumPeer> started, InetAddress bindIp) throws SaslException {
            this.started = started;
            this.bindIp = bindIp;
        }

        /**
         * QuorumPeer.start() first refuses a server whose myid is not in its view ("My id 4 not in the peer list",
         * what a pod scaled past {@code --servers} hits). runFromConfig has bound the client port by then; a real
         * process exits and the kernel closes that socket, so in one JVM it is closed here before the exception
         * ends the container.
         */
        @Override
        public synchronized void start() {
            try {
                super.start();
            } catch (RuntimeException e) {
                if (clientPort != null) {
                    clientPort.shutdown();
                }
                throw e;
            }
            started.accept(this);
        }

        /** The pod's own election address; see {@link PodOwnAddresses} for why the caller matters. */
        @Override
        public MultipleAddresses getElectionAddress() {
            return PodOwnAddresses.forCaller(super.getElectionAddress(), bindIp);
        }

        /** The pod's own quorum address; see {@link PodOwnAddresses} for why the caller matters. */
        @Override
        public MultipleAddresses getQuorumAddress() {
            return PodOwnAddresses.forCaller(super.getQuorumAddress(), bindIp);
        }

        @Override
        public void setCnxnFactory(ServerCnxnFactory cnxnFactory) {
            if (cnxnFactory != null) {
                PodNetwork.requireLoopback(cnxnFactory.getLocalAddress(), "client port of server " + getMyId());
            }
            clientPort = cnxnFactory;
            super.setCnxnFactory(cnxnFactory);
        }
    }

    /** {@link ZooKeeperServerMain#runFromConfig} (one server, {@code --servers=1}) as is, reporting when it is up. */
    static final class Standalone extends ZooKeeperServerMain {
        private final Consumer<Standalone> started;

        Standalone(Consumer<Standalone> started) {
            this.started = started;
        }

        @Override
        protected void serverStarted() {
            started.accept(this);
        }
    }
}
