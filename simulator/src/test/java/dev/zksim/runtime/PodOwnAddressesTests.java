package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Properties;
import org.apache.zookeeper.common.NetUtils;
import org.apache.zookeeper.server.quorum.flexible.QuorumMaj;
import org.junit.jupiter.api.Test;

/** A pod's own server addresses carry its name on its IP; other servers' stay ZooKeeper's parse of their names. */
class PodOwnAddressesTests {
    private static final String ZK0 = "zk-0.zk-hs.default.svc.own-addresses.test";
    private static final String ZK1 = "zk-1.zk-hs.default.svc.own-addresses.test";

    @Test
    void theOwnServerAdvertisesItsNameAndBindsItsIp() throws Exception {
        Properties p = new Properties();
        p.setProperty("server.1", ZK0 + ":2888:3888");
        p.setProperty("server.2", ZK1 + ":2888:3888");
        QuorumMaj qv = new QuorumMaj(p);
        InetAddress ip = InetAddress.getByAddress(new byte[] {127, 9, 9, 2});

        PodOwnAddresses.nameOwnServer(qv, 1, ZK0, ip);

        InetSocketAddress election = qv.getAllMembers().get(1L).electionAddr.getOne();
        // what QuorumCnxManager.startConnection sends in its initial message: the name, never the IP
        assertThat(NetUtils.formatInetAddr(election)).isEqualTo(ZK0 + ":3888");
        assertThat(election.getAddress().getHostAddress()).isEqualTo("127.9.9.2");
        InetSocketAddress quorum = qv.getAllMembers().get(1L).addr.getOne();
        assertThat(NetUtils.formatInetAddr(quorum)).isEqualTo(ZK0 + ":2888");
        assertThat(quorum.getAddress().getHostAddress()).isEqualTo("127.9.9.2");
        // a peer's name is not published here: it stays unresolved until the cluster DNS publishes it
        InetSocketAddress peer = qv.getAllMembers().get(2L).electionAddr.getOne();
        assertThat(peer.getHostString()).isEqualTo(ZK1);
        assertThat(peer.isUnresolved()).isTrue();
        // the /zookeeper/config line of the own server names it
        assertThat(qv.getAllMembers().get(1L).toString()).startsWith(ZK0 + ":2888:3888");
    }
}
