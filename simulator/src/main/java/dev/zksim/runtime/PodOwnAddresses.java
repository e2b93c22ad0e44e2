package dev.zksim.runtime;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.zookeeper.server.quorum.Leader;
import org.apache.zookeeper.server.quorum.MultipleAddresses;
import org.apache.zookeeper.server.quorum.QuorumCnxManager;
import org.apache.zookeeper.server.quorum.QuorumPeer;
import org.apache.zookeeper.server.quorum.flexible.QuorumVerifier;

/**
 * A server's own quorum and election addresses as the server in a pod holds them: its FQDN, resolved to its IP by
 * the kubelet-managed {@code /etc/hosts} (which lists {@code <hostname>.<subdomain>.<ns>.svc.<domain>} for every pod
 * with a hostname and subdomain, Ready or not).
 *
 * <p>Why this matters. ZooKeeper advertises its own election address, as written ({@code getHostString()}), in the
 * first message of every election connection it opens (QuorumCnxManager.startConnection:
 * {@code NetUtils.formatInetAddr(self.getElectionAddress().getOne())}). A peer with a higher server id drops that
 * connection and connects back to the advertised host (QuorumCnxManager.handleConnection → InitialMessage.parse:
 * {@code new InetSocketAddress(host, port)} → connectOne(sid, electionAddr)), resolving it through the cluster DNS.
 * In a cluster the host is the pod's FQDN, which the headless Service publishes only once the pod is Ready (unless
 * publishNotReadyAddresses): until then no higher-id peer can reach a restarted or re-created lower-id pod, and no
 * election that needs it can finish. An IP in its place would let every peer reach the pod at once.
 *
 * <p>So the pod's own addresses keep the FQDN and carry the IP ({@link InetAddress#getByAddress(String, byte[])}),
 * exactly what a lookup through {@code /etc/hosts} returns. The JVM has one resolver for every pod, and the cluster
 * DNS must not answer for a pod that is not Ready, so the two places where ZooKeeper resolves its <em>own</em> name
 * again at run time — to bind, not to advertise — get the same address with the IP as written
 * ({@link #forCaller}): the election listener (QuorumCnxManager.Listener.run →
 * ListenerHandler.createNewServerSocket: {@code new InetSocketAddress(address.getHostString(), port)}) and the leader's
 * quorum port (the Leader constructor → createServerSocket → recreateInetSocketAddr). Both bind the same IP and
 * port either way. Every other use (the advertised address, the {@code /zookeeper/config} znode, JMX) sees the FQDN.
 */
final class PodOwnAddresses {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private PodOwnAddresses() {}

    /**
     * Replaces the addresses of server {@code myid} in {@code qv} (and nothing else) by its FQDN on its IP; ports are
     * kept. A no-op when {@code qv} is null or has no such server.
     */
    static void nameOwnServer(QuorumVerifier qv, long myid, String fqdn, InetAddress podIp) {
        if (qv == null) {
            return;
        }
        QuorumPeer.QuorumServer self = qv.getAllMembers().get(myid);
        if (self == null) {
            return;
        }
        self.addr = named(self.addr, fqdn, podIp);
        self.electionAddr = named(self.electionAddr, fqdn, podIp);
        self.hostname = fqdn;
    }

    private static MultipleAddresses named(MultipleAddresses configured, String fqdn, InetAddress podIp) {
        List<InetSocketAddress> out = configured.getAllAddresses().stream()
                .map(a -> new InetSocketAddress(onIp(fqdn, podIp), a.getPort()))
                .collect(Collectors.toList());
        return new MultipleAddresses(out);
    }

    private static InetAddress onIp(String fqdn, InetAddress podIp) {
        try {
            return InetAddress.getByAddress(fqdn, podIp.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + podIp, e); // only for a malformed length
        }
    }

    /**
     * What the server's own {@code getElectionAddress()}/{@code getQuorumAddress()} answers its caller: the named
     * addresses, except for the two bind sites described above, which get the same ports on {@code bindIp} as a
     * literal. That is the pod's IP, or with the network-fault layer the hidden address behind the forwarder that holds
     * the pod's IP: the server's own addresses carry the pod's IP as the cluster DNS answers it, because each config
     * the server receives sets them again from names resolved that way (QuorumPeer.setQuorumVerifier → setAddrs), and
     * a later bind there (a new election listener after a reconfig restarted the election, a Leader constructed
     * after it) would take the forwarder's address. Call it directly from the overriding getter (the caller looked at
     * is the getter's caller).
     */
    static MultipleAddresses forCaller(MultipleAddresses own, InetAddress bindIp) {
        Optional<StackWalker.StackFrame> caller = WALKER.walk(s -> s.skip(2).findFirst());
        return caller.filter(PodOwnAddresses::bindsOwnAddress).isPresent() ? onBindIp(own, bindIp) : own;
    }

    private static boolean bindsOwnAddress(StackWalker.StackFrame f) {
        Class<?> c = f.getDeclaringClass();
        return c == QuorumCnxManager.Listener.class && f.getMethodName().equals("run")
                || c == Leader.class && f.getMethodName().equals("<init>");
    }

    private static MultipleAddresses onBindIp(MultipleAddresses own, InetAddress bindIp) {
        InetAddress literal = literalIp(bindIp);
        List<InetSocketAddress> out = own.getAllAddresses().stream()
                .map(a -> new InetSocketAddress(literal, a.getPort()))
                .collect(Collectors.toList());
        return new MultipleAddresses(out);
    }

    private static InetAddress literalIp(InetAddress named) {
        try {
            return InetAddress.getByAddress(named.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // the bytes came from an InetAddress
        }
    }
}
