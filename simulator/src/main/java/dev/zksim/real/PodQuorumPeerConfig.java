package dev.zksim.real;

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
 * then two things a pod gets from its kernel rather than from the file are applied before ZooKeeper parses the
 * properties:
 * <ul>
 *   <li>the mount table: container paths ({@code dataDir=/var/lib/zookeeper/data}) become the directories that
 *       stand for the pod's volumes and filesystem;</li>
 *   <li>the kubelet-managed {@code /etc/hosts}: a pod always resolves its own FQDN to its own IP, even while the
 *       cluster DNS does not publish it (not Ready yet). The JVM-wide hosts file cannot answer differently per pod, so
 *       the pod's own {@code server.<myid>} line gets its IP in place of its FQDN. Other servers' lines keep their
 *       names and resolve through the cluster DNS.</li>
 * </ul>
 * Everything else is ZooKeeper's own parsing ({@code parseProperties}).
 */
final class PodQuorumPeerConfig extends QuorumPeerConfig {

    /** Parses {@code zooCfg} through {@code podView}. */
    void parse(Path zooCfg, UnaryOperator<Properties> podView) throws IOException, ConfigException {
        Properties raw = new Properties();
        try (Reader r = Files.newBufferedReader(zooCfg, StandardCharsets.UTF_8)) {
            raw.load(r);
        }
        configFileStr = zooCfg.toString();
        initialConfig = Files.readString(zooCfg, StandardCharsets.UTF_8);
        try {
            parseProperties(podView.apply(raw));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Error processing " + zooCfg, e);
        }
    }

    /**
     * The pod view described above.
     *
     * @param paths container path to host path, for the keys dataDir and dataLogDir
     * @param ownFqdn the pod's FQDN ({@code hostname -f})
     * @param podIp the pod's IP
     */
    static UnaryOperator<Properties> podView(UnaryOperator<String> paths, String ownFqdn, InetAddress podIp) {
        return raw -> {
            Properties p = new Properties();
            for (Map.Entry<Object, Object> e : raw.entrySet()) {
                String key = e.getKey().toString().trim();
                String value = e.getValue().toString().trim();
                if (key.equals("dataDir") || key.equals("dataLogDir")) {
                    value = paths.apply(value);
                } else if (key.startsWith("server.")) {
                    value = ownAddress(value, ownFqdn, podIp);
                }
                p.setProperty(key, value);
            }
            return p;
        };
    }

    /** {@code zk-0.zk-hs...:2888:3888} becomes {@code 127.x.y.z:2888:3888} when the host is the pod's own FQDN. */
    private static String ownAddress(String serverLine, String ownFqdn, InetAddress podIp) {
        int colon = serverLine.indexOf(':');
        if (colon > 0 && serverLine.substring(0, colon).equalsIgnoreCase(ownFqdn)) {
            return podIp.getHostAddress() + serverLine.substring(colon);
        }
        return serverLine;
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
                throw new IllegalStateException(pod + ": myid " + getServerId() + " is not among the server lines");
            }
            self.addr.getAllAddresses().forEach(a -> PodNetwork.requireLoopback(a, pod + " quorum port"));
            self.electionAddr.getAllAddresses().forEach(a -> PodNetwork.requireLoopback(a, pod + " election port"));
        }
    }
}
