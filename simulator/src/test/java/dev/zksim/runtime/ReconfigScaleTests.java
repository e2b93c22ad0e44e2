package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k8s-manifests/zookeeper-reconfig.yaml end to end with real ZooKeeper 3.9.4 servers (issue #15): the scenario
 * {@code scenarios/reconfig/scale-3-5-3.yaml} (test resources; the model engine runs it too) scales 3 → 5 →
 * 3, deletes the leader's pod, and deletes a PVC; its {@code expect-members} steps hold only if each pod's start
 * script added its server with {@code reconfig -add} and each deleted pod's preStop hook removed it with
 * {@code reconfig -remove} before SIGTERM; {@code expect-no-lost-writes} checks every acknowledged write.
 */
class ReconfigScaleTests {
    static final Path SCENARIO =
            CliRun.root().resolve("simulator/src/test/resources/scenarios/reconfig/scale-3-5-3.yaml");

    @Test
    void scalesThreeFiveThreeThroughZooKeepersOwnReconfig(@TempDir Path report) throws IOException {
        CliRun r = CliRun.zksim("run", SCENARIO.toString(), "--engine", "real", "--report", report.toString());
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.out()).contains("result    PASSED").doesNotContain("threads still alive");
        // what the scripts did, from the pods' own logs: zk-4 and zk-3 left before SIGTERM, zk-0 bootstrapped alone
        // and came back from the ensemble's committed config
        String zk0 = Files.readString(report.resolve("logs/zk-0.log"), StandardCharsets.UTF_8);
        assertThat(zk0)
                .contains("zk-reconfig-start: members from none: ordinal 0 starts alone")
                .contains("zk-reconfig-start: members from the committed config");
        for (String pod : new String[] {"zk-3", "zk-4"}) {
            String log = Files.readString(report.resolve("logs/" + pod + ".log"), StandardCharsets.UTF_8);
            int myid = Integer.parseInt(pod.substring(3)) + 1;
            assertThat(log)
                    .contains("zk-reconfig-start: reconfig -add server." + myid + "=")
                    .contains("preStop: reconfig -remove " + myid + ": committed");
            assertThat(log.indexOf("preStop: reconfig -remove " + myid + ": committed"))
                    .as("%s removed before its container stopped", pod)
                    .isLessThan(log.lastIndexOf("container stop (graceful)"));
        }
    }

    /**
     * The same scenario in the model engine (issue #15): the Zab model acts out the start script and the preStop hook,
     * including the deleted PVC's pod, which starts empty from the ensemble's committed members. Caught: the model
     * engine's old refusal (exit 2).
     */
    @Test
    void theModelEngineRunsTheSameScenario() {
        CliRun r = CliRun.zksim("run", SCENARIO.toString());
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.out())
                .contains("zk-2: starts on a new, empty volume")
                .contains("zk-2: zk-reconfig-start: members from the committed config (through the client Service)")
                .contains("zk-3: preStop: reconfig -remove 4: Committed")
                .contains("result    PASSED");
    }

    @AfterAll
    static void nothingListensAfterTheRun() {
        ListeningSockets.assertNoneLeft();
    }
}
