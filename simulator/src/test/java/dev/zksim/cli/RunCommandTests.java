package dev.zksim.cli;

import static dev.zksim.cli.CliRun.zksim;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zksim.engine.real.RealEngineSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code zksim run}: exit codes, the text report, the JSON result, determinism. */
class RunCommandTests {
    static final String TUTORIAL = CliRun.scenario("k8s-tutorial.yaml").toString();

    /** Exit code 2 and no step run: bad input is refused before the scenario starts. Returns what stderr said. */
    private static AbstractStringAssert<?> refusedBeforeTheRun(CliRun r) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).doesNotContain(">> step");
        return assertThat(r.err());
    }

    @Test
    void theTutorialPassesWithExitZero() {
        CliRun r = zksim("run", TUTORIAL);
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out())
                .contains("engine    model, seed 2")
                .contains(" PASS step ")
                .contains("zk    zk-")
                .contains(" 0 failed, 0 skipped")
                .endsWith("result    PASSED\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aFailedExpectationIsExitOneAndNamesTheStep(@TempDir Path dir) throws IOException {
        Path scenario = CliRun.writeScenario(dir.resolve("wrong.yaml"), CliRun.manifest("zookeeper.yaml"), 4, """
                  - apply:
                  - wait: {until: all-ready, timeout: 5m}
                  - expect-pod: {pod: zk-1, status: Pending}
                  - expect-ready: 3
                """);
        CliRun r = zksim("run", scenario.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out())
                .contains("FAIL step 3, line 7: expect-pod zk-1 status=Pending\n"
                        + "             expected: zk-1 status=Pending\n"
                        + "             actual:   zk-1 1/1 Running");
        assertThat(r.out())
                .contains(
                        "result    FAILED\n          step 3 (" + scenario + ":7) expect-pod zk-1 "
                                + "status=Pending\n            expected: zk-1 status=Pending\n            actual:   zk-1 1/1 Running");
        assertThat(r.out()).contains("2 held, 1 failed");
    }

    @Test
    void aBadScenarioIsExitTwoWithFileLineAndField(@TempDir Path dir) throws IOException {
        Path scenario = CliRun.writeScenario(dir.resolve("bad.yaml"), "m.yaml", 1, """
                  - wait: {until: all-ready, timeout: 5 minutes}
                """);
        CliRun r = zksim("run", scenario.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .startsWith("zksim: " + scenario + ":5: steps[0].wait.timeout: '5 minutes' is not a " + "duration")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    /**
     * The model engine runs zookeeper-reconfig.yaml (its start script and preStop hook acted out on the Zab model,
     * issue #15). Caught: the old refusal (exit 2, "the model engine does not model yet").
     */
    @Test
    void theModelEngineRunsTheReconfigManifest(@TempDir Path dir) throws IOException {
        Path scenario =
                CliRun.writeScenario(dir.resolve("reconfig.yaml"), CliRun.manifest("zookeeper-reconfig.yaml"), 3, """
                  - apply:
                  - wait: {until: all-ready, timeout: 5m}
                  - wait: 5s
                  - expect-members: [zk-0, zk-1, zk-2]
                """);
        CliRun r = zksim("run", scenario.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("zk-reconfig-start: members from").endsWith("result    PASSED\n");
    }

    @Test
    void aMissingManifestIsExitTwoBeforeAnythingRuns(@TempDir Path dir) throws IOException {
        Path scenario = CliRun.writeScenario(dir.resolve("nomanifest.yaml"), "missing.yaml", 1, """
                  - apply:
                """);
        CliRun r = zksim("run", scenario.toString());
        refusedBeforeTheRun(r).contains("missing.yaml");
    }

    @Test
    void theModelEngineWritesAnHtmlReportWithEachPodsLog(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report");
        CliRun r = zksim("run", TUTORIAL, "--report", report.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("report: " + report.resolve("index.html"));
        String html = Files.readString(report.resolve("index.html"), StandardCharsets.UTF_8);
        assertThat(html)
                .contains("k8s-tutorial")
                .contains("zk-0")
                .contains("zk-2")
                .contains("logs/zk-1.log")
                .contains("badge passed");
        assertThat(Files.readString(report.resolve("logs/zk-1.log"), StandardCharsets.UTF_8))
                .contains("LEADING");
    }

    @Test
    void aReportDirectoryThatIsAFileIsBadInputBeforeTheRun(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "not a directory");
        CliRun r = zksim("run", TUTORIAL, "--report", file.toString());
        refusedBeforeTheRun(r).startsWith("zksim: --report: ").contains("is a file");
    }

    @Test
    void demoFindsTheTutorialScenario() {
        assertThat(DemoCommand.locateScenario()).isRegularFile().endsWith(Path.of("scenarios", "k8s-tutorial.yaml"));
    }

    @Test
    void anUnknownEngineIsBadInput() {
        CliRun r = zksim("run", TUTORIAL, "--engine", "quantum");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--engine: unknown engine 'quantum'; valid: model, real.");
    }

    @Test
    void jsonToStandardOutputReplacesTheTextReport() throws IOException {
        CliRun r = zksim("run", TUTORIAL, "--json", "-", "--seed", "7");
        assertThat(r.code()).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("scenario").asText()).isEqualTo("k8s-tutorial");
        assertThat(json.get("engine").asText()).isEqualTo("model");
        assertThat(json.get("seed").asLong()).isEqualTo(7);
        assertThat(json.get("result").asText()).isEqualTo("passed");
        assertThat(json.get("summary").get("failed").asInt()).isZero();
        JsonNode first = json.get("steps").get(0);
        assertThat(first.get("kind").asText()).isEqualTo("apply");
        assertThat(first.get("verdict").asText()).isEqualTo("done");
        assertThat(first.get("line").asInt()).isEqualTo(18);
        assertThat(json.get("timeline").get(0).get("pod").asText()).isEqualTo("zk-0");
        assertThat(json.get("events").size()).isGreaterThan(20);
        assertThat(json.get("kubectl").get(0).get("line").asText()).isEqualTo("service/zk-hs created");
        assertThat(json.get("serverLog").get(0).get("pod").asText()).startsWith("zk-");
        assertThat(json.get("steps").get(11).get("kind").asText()).isEqualTo("write");
        assertThat(json.get("steps").get(11).get("output").get(0).asText()).startsWith("Created /hello (zxid 0x1");
        assertThat(json.get("steps").get(11).get("leaderAfter").asText()).startsWith("zk-");
        assertThat(json.get("steps").get(11).get("writableAfter").asBoolean()).isTrue();
    }

    @Test
    void sameSeedSameBytesThroughTheCommandLine(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        CliRun ra = zksim("run", TUTORIAL, "--json", a.toString());
        CliRun rb = zksim("run", TUTORIAL, "--json", b.toString());
        assertThat(rb.out()).isEqualTo(ra.out());
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
        assertThat(Files.readString(a, StandardCharsets.UTF_8)).startsWith("{\n  \"formatVersion\" : 1,\n");
    }

    @Test
    void anUnwritableJsonFileIsBadInputBeforeTheRun(@TempDir Path dir) {
        CliRun r = zksim(
                "run", TUTORIAL, "--json", dir.resolve("no/such/dir/out.json").toString());
        refusedBeforeTheRun(r).startsWith("zksim: --json: cannot write ").contains("does not exist");
    }

    @Test
    void aJsonFileInsideAFileIsBadInputBeforeTheRun(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "a file");
        CliRun r = zksim("run", TUTORIAL, "--json", file.resolve("out.json").toString());
        refusedBeforeTheRun(r)
                .startsWith("zksim: --json: cannot write ")
                .contains(file + " is a file, not a directory")
                .doesNotContain("\n    at ");
    }

    @Test
    void aJsonPathThatIsADirectoryIsBadInputBeforeTheRun(@TempDir Path dir) {
        CliRun r = zksim("run", TUTORIAL, "--json", dir.toString());
        refusedBeforeTheRun(r).contains("--json: " + dir + " is a directory");
    }

    @Test
    void aReportUnderAFileIsBadInputBeforeTheRun(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "a file");
        CliRun r = zksim("run", TUTORIAL, "--report", file.resolve("sub/report").toString());
        refusedBeforeTheRun(r).startsWith("zksim: --report: cannot create ").contains("is a file, not a directory");
    }

    @Test
    void probeWritesAreOffUnlessAsked() {
        RunCommand plain = new RunCommand();
        new CommandLine(plain).parseArgs("--engine", "real", TUTORIAL);
        assertThat(plain.realSettings().probeWrites()).isFalse();

        RunCommand with = new RunCommand();
        new CommandLine(with).parseArgs("--engine", "real", "--probe-writes", TUTORIAL);
        assertThat(with.realSettings().probeWrites()).isTrue();
        assertThat(with.realSettings().timeScale()).isEqualTo(RealEngineSettings.DEFAULT_TIME_SCALE);
    }
}
