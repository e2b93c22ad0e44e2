package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The cluster DNS through the JVM's hosts file: what ZooKeeper and its client really resolve. */
class ClusterDnsTests {
    private static InetAddress ip(String s) throws UnknownHostException {
        return InetAddress.getByName(s);
    }

    private static List<InetAddress> resolve(String name) {
        try {
            return Arrays.asList(InetAddress.getAllByName(name));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    @Test
    void podsResolveWhilePublishedAndServicesToThePublishedPods() throws Exception {
        try (ClusterDns dns = ClusterDns.open(JvmHostsFile.get(), TestEnsembles.tutorial(3), "dns-test.local")) {
            String d = dns.clusterDomain();
            assertThat(d).isEqualTo("dns-test.local");
            assertThat(dns.podFqdn("zk-1")).isEqualTo("zk-1.zk-hs.default.svc." + d);
            assertThat(dns.podDomain()).isEqualTo("zk-hs.default.svc." + d);
            assertThat(dns.services()).containsExactly("zk-hs", "zk-cs");

            dns.publish(new TreeMap<>(Map.of("zk-0", ip("127.9.9.2"), "zk-1", ip("127.9.9.3"))));
            assertThat(resolve(dns.podFqdn("zk-0"))).containsExactly(ip("127.9.9.2"));
            assertThat(resolve(dns.podFqdn("zk-1"))).containsExactly(ip("127.9.9.3"));
            assertThat(resolve(dns.podFqdn("zk-2"))).isEmpty();
            assertThat(resolve(dns.serviceFqdn("zk-cs"))).containsExactlyInAnyOrder(ip("127.9.9.2"), ip("127.9.9.3"));
            assertThat(resolve(dns.serviceFqdn("zk-hs"))).hasSize(2);

            dns.publish(new TreeMap<>(Map.of("zk-1", ip("127.9.9.7")))); // zk-0 not Ready, zk-1 rescheduled
            assertThat(resolve(dns.podFqdn("zk-0"))).isEmpty();
            assertThat(resolve(dns.podFqdn("zk-1"))).containsExactly(ip("127.9.9.7"));
            assertThat(resolve(dns.serviceFqdn("zk-cs"))).containsExactly(ip("127.9.9.7"));

            dns.publish(new TreeMap<>());
            assertThat(resolve(dns.serviceFqdn("zk-cs"))).isEmpty();
        }
    }

    @Test
    void twoSimulationsGetTwoDomainsAndCloseRemovesTheRecords() throws Exception {
        JvmHostsFile hosts = JvmHostsFile.get();
        try (JvmHostsFile.Zone a = hosts.openZone("twin.local")) {
            assertThat(a.domain()).isEqualTo("twin.local");
            a.replace(new TreeMap<>(Map.of("zk-0.zk-hs.default.svc.twin.local", List.of(ip("127.9.8.2")))));
            try (JvmHostsFile.Zone b = hosts.openZone("twin.local")) {
                assertThat(b.domain()).isEqualTo("twin-2.local");
                b.replace(new TreeMap<>(Map.of("zk-0.zk-hs.default.svc.twin-2.local", List.of(ip("127.9.7.2")))));
                assertThat(resolve("zk-0.zk-hs.default.svc.twin.local")).containsExactly(ip("127.9.8.2"));
                assertThat(resolve("zk-0.zk-hs.default.svc.twin-2.local")).containsExactly(ip("127.9.7.2"));
            }
            assertThat(resolve("zk-0.zk-hs.default.svc.twin-2.local")).isEmpty();
            try (JvmHostsFile.Zone again = hosts.openZone("twin.local")) {
                assertThat(again.domain()).as("twin-2 is free again").isEqualTo("twin-2.local");
            }
        }
        assertThat(resolve("zk-0.zk-hs.default.svc.twin.local")).isEmpty();
        assertThat(resolve("localhost")).contains(ip("127.0.0.1"));
    }

    @Test
    void aZoneHoldsOnlyLoopbackRecordsOfItsOwnDomain() throws Exception {
        try (JvmHostsFile.Zone z = JvmHostsFile.get().openZone("strict.local")) {
            assertThatThrownBy(() -> z.replace(new TreeMap<>(Map.of("zk-0.other.local", List.of(ip("127.9.6.2"))))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outside cluster domain");
            assertThatThrownBy(() -> z.replace(new TreeMap<>(Map.of("zk-0.strict.local", List.of(ip("10.0.0.1"))))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("outside 127.0.0.0/8");
        }
    }
}
