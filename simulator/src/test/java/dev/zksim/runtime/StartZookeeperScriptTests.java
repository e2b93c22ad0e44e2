package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.manifest.ZkConfig;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartZookeeperScriptTests {

    @Test
    void theServerIdIsTheHostnameOrdinalPlusOne() {
        assertThat(StartZookeeperScript.identity("zk-0")).isEqualTo(new StartZookeeperScript.HostIdentity("zk", 0));
        assertThat(StartZookeeperScript.identity("zk-0").myid()).isEqualTo(1);
        assertThat(StartZookeeperScript.identity("my-zk-12").myid()).isEqualTo(13);
        assertThat(StartZookeeperScript.identity("my-zk-12").name()).isEqualTo("my-zk");
        for (String bad : List.of("zk", "zk-", "zk-a", "zk-1234567890")) {
            assertThatThrownBy(() -> StartZookeeperScript.identity(bad))
                    .as(bad)
                    .isInstanceOf(StartZookeeperScript.ScriptFailure.class)
                    .hasMessage("Failed to extract ordinal from hostname " + bad);
        }
    }

    @Test
    void myidIsWrittenOnlyForAnEnsembleAndOnlyWhenMissing() {
        ZkConfig three =
                TestEnsembles.tutorial(3).statefulSet().template().container().zk();
        ZkConfig one =
                TestEnsembles.tutorial(1).statefulSet().template().container().zk();
        assertThat(StartZookeeperScript.writesMyid(three, false)).isTrue();
        assertThat(StartZookeeperScript.writesMyid(three, true)).isFalse();
        assertThat(StartZookeeperScript.writesMyid(one, false)).isFalse();
    }

    @Test
    void zooCfgIsTheScriptsFileFollowedByThePodsEnvironment() throws Exception {
        ZkConfig zk =
                TestEnsembles.tutorial(3).statefulSet().template().container().zk();
        String text = StartZookeeperScript.zooCfg(
                zk, "zk", "zk-hs.default.svc.cluster.local", InetAddress.getByName("127.70.1.3"));
        assertThat(text)
                .isEqualTo(EnsembleFixture.TUTORIAL_ZOO_CFG
                        + String.join(
                                "\n",
                                "# zksim: the pod's environment (see docs/real-engine.md)",
                                "clientPortAddress=127.70.1.3",
                                "quorumListenOnAllIPs=false",
                                "4lw.commands.whitelist=ruok,srvr,stat,mntr,conf,envi",
                                "admin.enableServer=false",
                                ""));
    }

    @Test
    void oneServerHasNoServerLines() throws Exception {
        ZkConfig zk =
                TestEnsembles.tutorial(1).statefulSet().template().container().zk();
        assertThat(StartZookeeperScript.zooCfg(
                        zk, "zk", "zk-hs.default.svc.cluster.local", InetAddress.getByName("127.70.1.3")))
                .doesNotContain("server.")
                .contains("clientPortAddress=127.70.1.3");
    }
}
