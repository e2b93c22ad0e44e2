package dev.zksim.runtime;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The bridge between a container ({@link ZooKeeperContainer}, loaded by the application class loader) and the
 * ZooKeeper server it runs, whose classes live in the container's own {@link PodServerLoader}.
 *
 * <p>Why a bridge: a class loaded twice is two classes, so the container cannot name {@code QuorumPeer} or any other
 * server class of its pod; it talks to the pod's server only through this interface and {@link Host}, which the pod's
 * loader leaves to its parent. Their signatures therefore use only JDK types and public zksim types that the pod's
 * loader also takes from the parent ({@link QuorumPeerStatus}). Implemented by {@code PodProcessMain}.
 */
public interface PodProcess {

    /** The container as the pod's process sees it: its identity, its filesystem, and its way out. */
    interface Host {
        String podName();

        /** {@code hostname -f}. */
        String podFqdn();

        /** The address the pod's server binds (with the network-fault layer, a hidden one behind its forwarder). */
        InetAddress podIp();

        /**
         * The pod's IP as the other pods and the clients reach it, what the cluster DNS answers for its name: the same
         * as {@link #podIp()} unless the network-fault layer's forwarder holds it.
         */
        InetAddress publishedIp();

        /** The zoo.cfg that start-zookeeper wrote, on the host. */
        Path zooCfg();

        /** Where a container path ({@code /var/lib/zookeeper/data}) lives on the host. */
        String hostPath(String containerPath);

        /** The server has started: from now on it can be stopped. */
        void started();

        /** ZooKeeper asked to exit the process with {@code code} ({@code ServiceUtils.requestSystemExit}). */
        void exitRequested(int code);

        /** A line of zksim's own in the pod's log. */
        void note(String level, String message, Throwable error);
    }

    /**
     * What {@code QuorumPeerMain.main} does after start-zookeeper: parse zoo.cfg, start the purge task, run the server
     * until it stops; exceptions map to its exit codes. Runs on the container's main thread.
     *
     * @return the process's exit code
     */
    int run(Host host);

    /** The server's own view of its role (STARTING until the server runs). */
    QuorumPeerStatus status();

    /**
     * Ends the server as its process ends in a pod, on SIGTERM or SIGKILL alike: the quorum connections and the
     * election channel close first, at once, as the kernel closes the sockets of a process that exits; then
     * ZooKeeper's own shutdown frees the rest. ZooKeeper installs no SIGTERM handler (its one shutdown hook, the audit
     * logger's, touches no connection), so a graceful stop never runs {@code QuorumPeer.shutdown()}'s ordered teardown,
     * in which the election channel outlives the leader by milliseconds and still answers a LOOKING peer with its
     * stale LEADING vote.
     */
    void shutdown();

    /**
     * {@code ElectionTimeTaken} of the pod's Leader or Follower MBean, read from the pod's own MBean server; empty
     * while the server leads or follows no one (or runs standalone).
     */
    OptionalLong electionTimeTakenMs();

    /** The ObjectNames the pod's server registered in its own MBean server, sorted. */
    java.util.List<String> mbeanNames();
}
