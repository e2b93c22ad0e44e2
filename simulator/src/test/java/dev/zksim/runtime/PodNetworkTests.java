package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodNetworkTests {

    @Test
    void simulationsGetDisjointLoopbackSubnets() {
        try (PodNetwork a = PodNetwork.open();
                PodNetwork b = PodNetwork.open()) {
            assertThat(a.cidr()).isNotEqualTo(b.cidr()).matches("127\\.\\d+\\.\\d+\\.0/24");
            InetAddress ipA = a.assign("zk-0");
            InetAddress ipB = b.assign("zk-0");
            assertThat(a.contains(ipA)).isTrue();
            assertThat(a.contains(ipB)).isFalse();
            assertThat(b.contains(ipB)).isTrue();
            assertThat(ipA.getAddress()[0]).isEqualTo((byte) 127);
            assertThat(Byte.toUnsignedInt(ipA.getAddress()[1])).isGreaterThanOrEqualTo(64);
        }
    }

    @Test
    void aRescheduledPodGetsANewAddressAndAddressesAreReusedOnlyWhenFreshOnesRunOut() {
        try (PodNetwork n = PodNetwork.open()) {
            InetAddress first = n.assign("zk-0");
            InetAddress second = n.assign("zk-0");
            assertThat(second).isNotEqualTo(first);
            assertThat(n.assigned()).containsEntry("zk-0", second);
            n.release(first);

            Set<InetAddress> seen = new HashSet<>(Set.of(first, second));
            for (int i = 0; i < 251; i++) { // .4 to .254: fresh addresses come before the released one
                assertThat(seen.add(n.assign("p" + i))).isTrue();
            }
            assertThat(n.assign("late"))
                    .as("the released address, once nothing fresh is left")
                    .isEqualTo(first);
            assertThatThrownBy(() -> n.assign("one-too-many"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no free address");
        }
    }

    @Test
    void theSubnetIsClaimedUntilClose() throws Exception {
        PodNetwork n = PodNetwork.open();
        InetAddress gateway = InetAddress.getByName(n.cidr().replace(".0/24", ".1"));
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            assertThatThrownBy(() -> s.bind(new InetSocketAddress(gateway, LoopbackSubnets.CLAIM_PORT)))
                    .isInstanceOf(BindException.class);
        }
        n.close();
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(gateway, LoopbackSubnets.CLAIM_PORT));
        }
        assertThatThrownBy(() -> n.assign("zk-0")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlySpecificLoopbackAddressesPass() throws Exception {
        assertThat(PodNetwork.requireLoopback(InetAddress.getByName("127.80.1.2"), "x"))
                .isEqualTo(InetAddress.getByName("127.80.1.2"));
        for (String bad : new String[] {"0.0.0.0", "10.244.0.2", "::1", "::"}) {
            assertThatThrownBy(() -> PodNetwork.requireLoopback(InetAddress.getByName(bad), "client port"))
                    .as(bad)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("outside 127.0.0.0/8");
        }
        assertThatThrownBy(() -> PodNetwork.requireLoopback(new InetSocketAddress(2181), "wildcard"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PodNetwork.requireLoopback(InetSocketAddress.createUnresolved("zk-0", 2181), "n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no resolved address");
    }
}
