package dev.zksim.runtime;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.zookeeper.server.quorum.QuorumPeer;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;

/**
 * {@link QuorumPeerConfig#parse(String)} as the server in a pod would see its {@code zoo.cfg}: the file is read as is,
 * then two things a pod gets from its kernel rather than from the file are applied:
 * <ul>
 *   <li>the mount table: container paths ({@code dataDir=/var/lib/zookeeper/data}) become the directories that
 *       stand for the pod's volumes and filesystem (applied to the properties before ZooKeeper parses them);</li>
 *   <li>the kubelet-managed {@code /etc/hosts}: a pod always resolves its own FQDN to its own IP, even while the
 *       cluster DNS does not publish it (not Ready yet). After ZooKeeper parsed the server lines, the pod's own
 *       {@code server.<myid>} addresses become its FQDN on its IP ({@link PodOwnAddresses}): the name is what
 *       ZooKeeper advertises to its peers, who must resolve it through the cluster DNS as in a cluster. Other servers'
 *       lines are ZooKeeper's own parse of the names.</li>
 * </ul>
 * Everything else is ZooKeeper's own parsing ({@code parseProperties}).
 */
final class PodQuorumPeerConfig extends QuorumPeerConfig {

    /**
     * Parses {@code zooCfg} through {@code podView}; the server's own addresses are then {@code ownFqdn} on
     * {@code publishedIp}, and a wildcard client address binds {@code podIp}.
     *
     * <p>Why the published IP (the forwarder's, with the network-fault layer) and not the one the server binds: it is
     * what every config the server later receives holds for it. ZooKeeper parses each new config's server lines
     * again and resolves the names through the cluster DNS (Leader.lead's ZOOKEEPER-1783 re-versioning,
     * configFromString; a reconfig's new members), then takes its own addresses from it (QuorumPeer.setQuorumVerifier → setAddrs), and
     * compares them with its config's: Leader.getDesignatedLeader keeps the lead only if
     * {@code newQV.getVotingMembers().get(myid).addr.equals(self.getQuorumAddress())}. With the hidden address here, a
     * leader whose reconfig -add committed before it had activated such a config would hand its lead away. The
     * server binds {@code podIp} all the same ({@link PodOwnAddresses#forCaller}).
     */
    void parse(
            Path zooCfg, UnaryOperator<Properties> podView, String ownFqdn, InetAddress podIp, InetAddress publishedIp)
            throws IOException, ConfigException {
        Properties raw = new Properties();
        try (Reader r = Files.newBufferedReader(zooCfg, StandardCharsets.UTF_8)) {
            raw.load(r);
        }
        configFileStr = zooCfg.toString();
        initialConfig = Files.readString(zooCfg, StandardCharsets.UTF_8);
        this.podIp = podIp;
        try {
            parseProperties(podView.apply(raw));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Error processing " + zooCfg, e);
        }
        if (dynamicConfigFileStr != null) {
            parseDynamicFile();
        }
        if (isDistributed()) {
            PodOwnAddresses.nameOwnServer(quorumVerifier, getServerId(), ownFqdn, publishedIp);
            PodOwnAddresses.nameOwnServer(lastSeenQuorumVerifier, getServerId(), ownFqdn, publishedIp);
        }
    }

    private InetAddress podIp;

    /**
     * The dynamic config file, as {@link QuorumPeerConfig#parse(String)} reads it after the static file (ZooKeeper
     * 3.9.4): no {@code version} line inside, the version from the file name, {@code setupQuorumPeerConfig(cfg,
     * false)}; then {@code <zoo.cfg>.dynamic.next}, a proposed config not seen committed, as the last seen one. The
     * two steps are package-private or private in ZooKeeper, so they are called reflectively (this class and
     * ZooKeeper's are in the pod's own loader, in different packages).
     */
    private void parseDynamicFile() throws IOException, ConfigException {
        Properties dynamic = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(dynamicConfigFileStr), StandardCharsets.UTF_8)) {
            dynamic.load(r);
        } catch (IOException e) {
            throw new ConfigException("Error processing " + dynamicConfigFileStr, e);
        }
        if (dynamic.getProperty("version") != null) {
            throw new ConfigException("dynamic file shouldn't have version inside");
        }
        String version = getVersionFromFilename(dynamicConfigFileStr);
        if (version != null) {
            dynamic.setProperty("version", version);
        }
        try {
            var setup =
                    QuorumPeerConfig.class.getDeclaredMethod("setupQuorumPeerConfig", Properties.class, boolean.class);
            setup.setAccessible(true);
            setup.invoke(this, dynamic, false);
            Path next = Path.of(configFileStr + nextDynamicConfigFileSuffix);
            if (Files.exists(next)) {
                Properties n = new Properties();
                try (Reader r = Files.newBufferedReader(next, StandardCharsets.UTF_8)) {
                    n.load(r);
                }
                boolean hierarchical =
                        n.stringPropertyNames().stream().anyMatch(k -> k.startsWith("group") || k.startsWith("weight"));
                var create = QuorumPeerConfig.class.getDeclaredMethod(
                        "createQuorumVerifier", Properties.class, boolean.class);
                create.setAccessible(true);
                lastSeenQuorumVerifier = (org.apache.zookeeper.server.quorum.flexible.QuorumVerifier)
                        create.invoke(null, n, hierarchical);
            }
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof ConfigException c) {
                throw c;
            }
            if (e.getCause() instanceof IOException c) {
                throw c;
            }
            throw new ConfigException("Error processing " + dynamicConfigFileStr, (Exception) e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ZooKeeper 3.9.4's QuorumPeerConfig changed", e);
        }
    }

    /**
     * The client address the server binds: a wildcard client address ({@code server.N=...;2181} in a dynamic
     * config) is bound on the pod's IP, as a wildcard bind in a pod reaches only the pod's network namespace. The
     * configs keep the wildcard, so a committed config that lists it again does not make the server rebind its
     * client port (QuorumPeer.processReconfig compares the addresses).
     */
    @Override
    public java.net.InetSocketAddress getClientPortAddress() {
        java.net.InetSocketAddress a = super.getClientPortAddress();
        return a != null && a.getAddress() != null && a.getAddress().isAnyLocalAddress() && podIp != null
                ? new java.net.InetSocketAddress(podIp, a.getPort())
                : a;
    }

    /**
     * The mount table described above.
     *
     * @param paths container path to host path, for the keys dataDir, dataLogDir and dynamicConfigFile
     */
    static UnaryOperator<Properties> podView(UnaryOperator<String> paths) {
        return raw -> {
            Properties p = new Properties();
            for (Map.Entry<Object, Object> e : raw.entrySet()) {
                String key = e.getKey().toString().trim();
                String value = e.getValue().toString().trim();
                if (key.equals("dataDir") || key.equals("dataLogDir") || key.equals("dynamicConfigFile")) {
                    value = paths.apply(value);
                }
                p.setProperty(key, value);
            }
            return p;
        };
    }

    /** Fails unless every address this server will bind is in 127.0.0.0/8 (never the wildcard address). */
    void requireLoopbackBinds(String pod) {
        if (getClientPortAddress() != null) {
            PodNetwork.requireLoopback(getClientPortAddress(), pod + " client port");
        }
        if (getSecureClientPortAddress() != null) {
            PodNetwork.requireLoopback(getSecureClientPortAddress(), pod + " secure client port");
        }
        if (getQuorumListenOnAllIPs()) {
            throw new IllegalStateException(pod + ": quorumListenOnAllIPs=true would bind 0.0.0.0");
        }
        if (isDistributed()) {
            QuorumPeer.QuorumServer self = getQuorumVerifier().getAllMembers().get(getServerId());
            if (self == null) {
                // Not among the server lines: nothing of the quorum is bound, and ZooKeeper itself refuses to start
                // ("My id 4 not in the peer list", QuorumPeer.start), as a pod scaled past --servers shows.
                return;
            }
            self.addr.getAllAddresses().forEach(a -> PodNetwork.requireLoopback(a, pod + " quorum port"));
            self.electionAddr.getAllAddresses().forEach(a -> PodNetwork.requireLoopback(a, pod + " election port"));
        }
    }
}
