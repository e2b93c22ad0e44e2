package dev.zksim.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReconfigStartCommandTests {
    private static final String SCRIPT = "set -u\nexec zkServer.sh start-foreground \"$conf_dir/zoo.cfg\"\n";

    @Test
    void recognisesBashDashCScriptNamedZkReconfigStartAndHandsOnItsFlags() {
        assertThat(ReconfigStartCommand.arguments(
                        List.of("bash", "-c", SCRIPT, "zk-reconfig-start", "--tick_time=3000")))
                .hasValue(List.of("--tick_time=3000"));
        assertThat(ReconfigStartCommand.arguments(List.of("/bin/bash", "-c", SCRIPT, "zk-reconfig-start")))
                .hasValue(List.of());
        // another $0, sh (the script needs bash), or the tutorial's command: not this script
        assertThat(ReconfigStartCommand.arguments(List.of("bash", "-c", SCRIPT, "start")))
                .isEmpty();
        assertThat(ReconfigStartCommand.arguments(List.of("sh", "-c", SCRIPT, "zk-reconfig-start")))
                .isEmpty();
        assertThat(ReconfigStartCommand.arguments(List.of("sh", "-c", "start-zookeeper --servers=3")))
                .isEmpty();
    }

    @Test
    void membersAreTheReplicasAndTheConfDirDefaultsToThePvc() {
        ZkConfig zk = ReconfigStartCommand.parse(List.of("--tick_time=3000"), 5);
        assertThat(zk.servers()).isEqualTo(5);
        assertThat(zk.tickTimeMs()).isEqualTo(3000);
        assertThat(zk.minSessionTimeoutMs()).isEqualTo(6000);
        assertThat(zk.confDir()).isEqualTo("/var/lib/zookeeper/conf");
        assertThat(zk.explicitFlags()).containsExactly("tick_time");
        assertThat(ReconfigStartCommand.parse(List.of("--conf_dir=/conf"), 3).confDir())
                .isEqualTo("/conf");
    }

    @Test
    void theScriptRejectsServersLogLevelAndUnknownFlags() {
        assertThatThrownBy(() -> ReconfigStartCommand.parse(List.of("--servers=3"), 3))
                .isInstanceOf(StartZookeeperCommand.FlagException.class)
                .hasMessageContaining("dynamic configuration");
        assertThatThrownBy(() -> ReconfigStartCommand.parse(List.of("--log_level=DEBUG"), 3))
                .hasMessageContaining("logback");
        assertThatThrownBy(() -> ReconfigStartCommand.parse(List.of("--foo=1"), 3))
                .hasMessageContaining("Unknown option --foo=1");
    }

    /** --participants=N (issue #15): ordinals from N on join as observers; the flag is the script's, not zoo.cfg's. */
    @Test
    void participantsMakesTheLaterOrdinalsObservers() {
        List<String> cmd = List.of("bash", "-c", SCRIPT, "zk-reconfig-start", "--participants=3", "--tick_time=3000");
        assertThat(ReconfigStartCommand.participants(cmd)).hasValue(3);
        assertThat(ReconfigStartCommand.role(cmd, 0)).isEqualTo("participant");
        assertThat(ReconfigStartCommand.role(cmd, 2)).isEqualTo("participant");
        assertThat(ReconfigStartCommand.role(cmd, 3)).isEqualTo("observer");
        assertThat(ReconfigStartCommand.role(cmd, 7)).isEqualTo("observer");
        ZkConfig zk = ReconfigStartCommand.parse(List.of("--participants=3", "--tick_time=3000"), 5);
        assertThat(zk.tickTimeMs()).isEqualTo(3000);
        assertThat(zk.servers()).isEqualTo(5);
        // unset: every pod a participant, as zookeeper-reconfig.yaml runs
        List<String> plain = List.of("bash", "-c", SCRIPT, "zk-reconfig-start");
        assertThat(ReconfigStartCommand.participants(plain)).isEmpty();
        assertThat(ReconfigStartCommand.role(plain, 4)).isEqualTo("participant");
    }

    @Test
    void aParticipantsValueTheScriptRefusesIsAFlagError() {
        for (String bad : List.of("--participants=0", "--participants=three", "--participants=-1")) {
            assertThatThrownBy(() -> ReconfigStartCommand.parse(List.of(bad), 5))
                    .as(bad)
                    .isInstanceOf(StartZookeeperCommand.FlagException.class)
                    .hasMessageContaining("is not a whole number of at least 1")
                    .satisfies(e -> assertThat(((StartZookeeperCommand.FlagException) e).token())
                            .isEqualTo(bad));
        }
        assertThatThrownBy(() -> ReconfigStartCommand.parse(List.of("--participants"), 5))
                .hasMessageContaining("without a value");
        // an empty value is the script's unset: every pod a participant
        assertThat(ReconfigStartCommand.participants(
                        List.of("bash", "-c", SCRIPT, "zk-reconfig-start", "--participants=3", "--participants=")))
                .isEmpty();
    }

    @Test
    void thePodsFirstDynamicFileListsTheEarlierPodsAndItself() {
        EnsembleSpec spec = ManifestLoader.loadStrict(BundledManifestTests.DIR.resolve("zookeeper-reconfig.yaml"));
        ReconfigStartFiles zk0 = ReconfigStartFiles.forPod(spec, 0, "cluster.local");
        assertThat(ReconfigStartFiles.render(zk0.dynamicAtFirstStart()))
                .isEqualTo("server.1=zk-0.zk-hs.default.svc.cluster.local:2888:3888:participant;2181\n");
        ReconfigStartFiles zk2 = ReconfigStartFiles.forPod(spec, 2, "cluster.local");
        assertThat(zk2.dynamicAtFirstStart().entries()).hasSize(3);
        assertThat(zk2.dynamicAtFirstStart().path()).isEqualTo("/var/lib/zookeeper/conf/zoo.cfg.dynamic");
        assertThat(zk2.staticCfg().value("reconfigEnabled")).hasValue("true");
        assertThat(zk2.staticCfg().value("standaloneEnabled")).hasValue("false");
        assertThat(zk2.staticCfg().value("dynamicConfigFile")).hasValue("/var/lib/zookeeper/conf/zoo.cfg.dynamic");
        assertThat(zk2.staticCfg().value("clientPort"))
                .as("the client port is in the server lines")
                .isEmpty();
        assertThat(zk2.staticCfg().value("autopurge.purgeInterval")).hasValue("12");
    }

    /** zksim config shows what the manifest's script writes: the same keys, in the same order. */
    @Test
    void theStaticFileHasTheKeysOfTheScriptsHereDocumentInOrder() {
        EnsembleSpec spec = ManifestLoader.loadStrict(BundledManifestTests.DIR.resolve("zookeeper-reconfig.yaml"));
        String script = spec.statefulSet().template().container().command().get(2);
        String start = "cat > \"$conf_dir/zoo.cfg\" <<EOF\n";
        String body = script.substring(script.indexOf(start) + start.length(), script.indexOf("\nEOF\n"));
        List<String> scriptKeys =
                body.lines().map(l -> l.substring(0, l.indexOf('='))).toList();
        List<String> zksimKeys = ReconfigStartFiles.forPod(spec, 1, "cluster.local").staticCfg().entries().stream()
                .map(ZooCfg.Entry::key)
                .toList();
        assertThat(zksimKeys).isEqualTo(scriptKeys);
    }
}
