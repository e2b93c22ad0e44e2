package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.cli.CliRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The network-fault scenarios in both engines through the CLI, for working on them: opt-in with
 * {@code -Dzksim.faultScenario=FILE} (or {@code all}), plus {@code -Dzksim.faultReport=DIR} to keep the real run's
 * report. In {@code mvn verify} the same scenarios run in the model engine ({@code ShippedScenariosTests}) and in the
 * real engine ({@link RealScenariosBase}).
 */
class FaultScenariosTests {

    static final String ONLY = System.getProperty("zksim.faultScenario", "");

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "leader-node-power-loss.yaml",
                "leader-isolated.yaml",
                "leader-paused.yaml",
                "slow-link.yaml",
                "node-partition.yaml",
                "leader-link-dropped.yaml"
            })
    void passesInBothEngines(String file) {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                ONLY.equals("all") || ONLY.equals(file),
                "set -Dzksim.faultScenario=" + file + " (or all) to run it here");
        for (String engine : new String[] {"model", "real"}) {
            java.util.List<String> args = new java.util.ArrayList<>(
                    java.util.List.of("run", CliRun.scenario(file).toString(), "--engine", engine));
            String report = System.getProperty("zksim.faultReport", "");
            if (!report.isEmpty() && engine.equals("real")) {
                args.addAll(java.util.List.of("--report", report));
            }
            CliRun r = CliRun.zksim(args);
            assertThat(r.code()).as("%s engine, %s", engine, r.describe()).isZero();
            assertThat(r.out()).contains("result    PASSED").doesNotContain("threads still alive");
        }
    }

    @AfterAll
    static void nothingListensAfterTheRuns() {
        ListeningSockets.assertNoneLeft();
    }
}
