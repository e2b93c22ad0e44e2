package dev.zksim.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zksim.model.InvalidInputException;
import dev.zksim.model.fixture.EnsembleFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The zoo.cfg and pod identity start-zookeeper produces, checked against the tutorial's output. */
class ZooCfgTests {
    static final EnsembleSpec TUTORIAL =
            BundledManifestTests.load("zookeeper.yaml").spec();

    @Test
    void tutorialZooCfgIsExact() {
        ZooCfg cfg = ZooCfg.generate(TUTORIAL, EnsembleSpec.DEFAULT_CLUSTER_DOMAIN);
        assertThat(cfg.path()).isEqualTo("/opt/zookeeper/conf/zoo.cfg");
        assertThat(cfg.render()).isEqualTo(EnsembleFixture.TUTORIAL_ZOO_CFG);
        assertThat(cfg.servers()).hasSize(3);
        assertThat(cfg.value("syncLimit")).contains("5");
        assertThat(cfg.value("autopurge.purgeInteval")).isEmpty();
    }

    @Test
    void fiveServersGiveFiveServerLinesInAnotherNamespaceAndDomain() {
        EnsembleSpec five = BundledManifestTests.load("zookeeper-5.yaml").spec().inNamespace("prod");
        ZooCfg cfg = ZooCfg.generate(five, "example.org");
        assertThat(cfg.servers())
                .extracting(ZooCfg.Entry::toString)
                .containsExactly(
                        "server.1=zk-0.zk-hs.prod.svc.example.org:2888:3888",
                        "server.2=zk-1.zk-hs.prod.svc.example.org:2888:3888",
                        "server.3=zk-2.zk-hs.prod.svc.example.org:2888:3888",
                        "server.4=zk-3.zk-hs.prod.svc.example.org:2888:3888",
                        "server.5=zk-4.zk-hs.prod.svc.example.org:2888:3888");
    }

    @Test
    void defaultsAndSingleServer() {
        ZooCfg cfg = ZooCfg.generate(StartZookeeperCommand.defaults(), "zk", "zk-hs.default.svc.cluster.local");
        assertThat(cfg.entries())
                .extracting(ZooCfg.Entry::toString)
                .containsExactly(
                        "clientPort=2181",
                        "dataDir=/var/lib/zookeeper/data",
                        "dataLogDir=/var/lib/zookeeper/log",
                        "tickTime=2000",
                        "initLimit=10",
                        "syncLimit=5",
                        "maxClientCnxns=60",
                        "minSessionTimeout=4000",
                        "maxSessionTimeout=40000",
                        "autopurge.snapRetainCount=3",
                        "autopurge.purgeInterval=0");
    }

    @Test
    void ports_tickAndSessionDefaultsFollowTheFlags() {
        ZkConfig zk = StartZookeeperCommand.parse(
                List.of("--servers=2", "--tick_time=500", "--server_port=2999", "--election_port=3999"));
        ZooCfg cfg = ZooCfg.generate(zk, "kafka-zk", "d");
        assertThat(cfg.value("minSessionTimeout")).contains("1000");
        assertThat(cfg.value("maxSessionTimeout")).contains("10000");
        assertThat(cfg.servers())
                .extracting(ZooCfg.Entry::value)
                .containsExactly("kafka-zk-0.d:2999:3999", "kafka-zk-1.d:2999:3999");
    }

    @Test
    void podIdentityMatchesTheTutorial() {
        PodIdentity zk2 = PodIdentity.forPod(TUTORIAL, "zk-2", "cluster.local");
        assertThat(zk2)
                .isEqualTo(new PodIdentity(
                        "zk-2",
                        2,
                        "zk-2",
                        "zk-2.zk-hs.default.svc.cluster.local",
                        3,
                        true,
                        "/var/lib/zookeeper/data/myid"));
        for (int i = 0; i < 3; i++) {
            PodIdentity p = PodIdentity.of(TUTORIAL, i, "cluster.local");
            assertThat(p.myid()).isEqualTo(i + 1);
            assertThat(p.fqdn()).isEqualTo(TUTORIAL.podFqdn(i, "cluster.local"));
        }
    }

    @Test
    void podsOutsideTheStatefulSetAreRejected() {
        for (String pod : List.of("zk-3", "zk-7", "foo", "zk", "zk-01", "zk--1", "web-0", "zk-99999999999")) {
            assertThatThrownBy(() -> PodIdentity.forPod(TUTORIAL, pod, "cluster.local"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(pod)
                    .hasMessageContaining("zk-0 to zk-2")
                    .extracting(e -> ((InvalidInputException) e).field())
                    .isEqualTo("--pod");
        }
    }
}
