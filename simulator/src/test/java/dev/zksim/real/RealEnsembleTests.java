package dev.zksim.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** A real three-server ensemble on loopback IPs, named through the cluster DNS. */
class RealEnsembleTests {

    @Test
    void formsOnLoopbackIpsWithDnsNamesAndReplicatesWrites() throws Exception {
        try (RealEnsemble e = new RealEnsemble(3)) {
            String leader = e.startAll();

            assertThat(Awaits.until(() -> e.runtime.statuses().values().stream().allMatch(ServerStatus::serving),
                    10_000, 5)).as("all serving: %s", e.runtime.statuses()).isTrue();
            for (String pod : e.runtime.statuses().keySet()) {
                InetAddress ip = e.runtime.podIp(pod).orElseThrow();
                assertThat(ip.getAddress()[0]).isEqualTo((byte) 127);
                String fqdn = e.runtime.dns().podFqdn(pod);
                assertThat(fqdn).isEqualTo(pod + ".zk-hs.default.svc." + e.runtime.dns().clusterDomain());
                assertThat(InetAddress.getByName(fqdn)).isEqualTo(ip);
            }
            String zooCfg = Files.readString(e.runtime.root().resolve("pods/zk-0/start-1/opt/zookeeper/conf/zoo.cfg"));
            assertThat(zooCfg).contains("server.2=zk-1.zk-hs.default.svc." + e.runtime.dns().clusterDomain()
                    + ":2888:3888");

            ClientResult w = e.runtime.clients().write(Target.service("zk-cs"), "/hello", "world", 10_000);
            assertThat(w.acknowledged()).as("%s", w).isTrue();
            String other = leader.equals("zk-0") ? "zk-1" : "zk-0";
            ClientResult r = e.runtime.clients().read(Target.pod(other), "/hello", true, 10_000);
            assertThat(r).isInstanceOf(ClientResult.Found.class);
            assertThat(r.valueRead()).contains("world");
            assertThat(((ClientResult.Found) r).server()).isEqualTo(other);
            assertThat(((ClientResult.Found) r).mzxid())
                    .isEqualTo(((ClientResult.Acknowledged) w).write().zxid().getAsLong());
        }
    }
}
