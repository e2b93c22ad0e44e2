package dev.zksim.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The network-fault scenarios in both engines through the CLI, one at a time (so a run can pick one with
 * {@code -Dtest='FaultScenariosTests#*'} and {@code -Dzksim.faultScenario=FILE}); {@link RealScenariosTests} runs them
 * with every other shipped scenario too.
 */
class FaultScenariosTests {

    static final String ONLY = System.getProperty("zksim.faultScenario", "");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"leader-node-power-loss.yaml", "leader-isolated.yaml", "leader-paused.yaml", "slow-link.yaml",
        "node-partition.yaml"})
    void passesInBothEngines(String file) {
        if (!ONLY.isEmpty() && !ONLY.equals(file)) {
            return;
        }
        for (String engine : new String[] {"model", "real"}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run",
                    scenarios().resolve(file).toString(), "--engine", engine));
            String report = System.getProperty("zksim.faultReport", "");
            if (!report.isEmpty() && engine.equals("real")) {
                args.addAll(java.util.List.of("--report", report));
            }
            int code = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
            assertThat(code).as("%s engine, exit code; stdout:%n%s%nstderr:%n%s", engine, out, err).isZero();
            assertThat(out.toString()).contains("result    PASSED").doesNotContain("threads still alive");
        }
    }

    @AfterAll
    static void nothingListensAfterTheRuns() {
        if (ListeningSockets.supported()) {
            assertThat(ListeningSockets.ofThisProcess()).as("sockets still listening").isEmpty();
        }
    }

    static Path scenarios() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("scenarios")) && Files.isDirectory(p.resolve("k8s-manifests"))) {
                return p.resolve("scenarios");
            }
        }
        throw new IllegalStateException("no scenarios/ above " + Path.of("").toAbsolutePath());
    }
}
