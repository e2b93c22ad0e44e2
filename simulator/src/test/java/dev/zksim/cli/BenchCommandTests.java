package dev.zksim.cli;

import static dev.zksim.cli.CliRun.zksim;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zksim bench}: bad input, lint, unmeasurable workloads, and model-engine runs with their outputs. */
class BenchCommandTests {
    static final String TUTORIAL =
            CliRun.root().resolve("k8s-manifests/zookeeper.yaml").toString();

    /** Bad input: exit 2 and one paragraph naming the option, never a stack trace. */
    static void badInput(CliRun r, String... phrases) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("zksim: ").doesNotContain("\tat ").contains(phrases);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void helpNamesEveryPatchFormAndWorkload() {
        CliRun r = zksim("bench", "--help");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .contains("--set FLAG=VALUE", "--replicas", "--cpu", "--memory", "--image", "--pod-management-policy")
                .contains("--patch-service NAME", "publishNotReadyAddresses=true|false")
                .contains("start, failover, leader-kill, rolling-update, drain, node-failure,")
                .contains("more than 20%.");
    }

    @Test
    void anUnknownWorkloadIsBadInput() {
        badInput(
                zksim("bench", "--baseline", TUTORIAL, "--workload", "fast"),
                "--workload",
                "unknown workload 'fast'",
                "start, failover, leader-kill, rolling-update, drain, node-failure, write-latency, recovery");
    }

    @Test
    void anUnknownFlagIsBadInput() {
        badInput(
                zksim("bench", "--baseline", TUTORIAL, "--set", "tick=1000"),
                "--set",
                "'tick' is not a start-zookeeper flag");
        CliRun r = zksim("bench", "--baseline", TUTORIAL, "--frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void zeroRunsIsBadInput() {
        badInput(zksim("bench", "--baseline", TUTORIAL, "--runs", "0"), "--runs", "give at least 1");
    }

    @Test
    void anUnknownEngineOrWorkloadAndScenarioAreBadInput() {
        badInput(zksim("bench", "--baseline", TUTORIAL, "--engine", "fake"), "--engine", "model, real, both");
        badInput(
                zksim(
                        "bench",
                        "--baseline",
                        TUTORIAL,
                        "--workload",
                        "start",
                        "--scenario",
                        CliRun.root().resolve("scenarios/k8s-tutorial.yaml").toString()),
                "not both");
    }

    @Test
    void aCandidateWithAnotherStatefulSetNameIsBadInput(@TempDir Path dir) throws IOException {
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, Files.readString(Path.of(TUTORIAL)).replace("  name: zk\n", "  name: zookeeper\n"));
        badInput(
                zksim("bench", "--baseline", TUTORIAL, "--candidate", other.toString(), "--engine", "model"),
                other.toString(),
                "metadata.name",
                "the candidate's StatefulSet is 'zookeeper', the baseline's 'zk'");
    }

    @Test
    void aManifestThatDoesNotLoadIsBadInput(@TempDir Path dir) throws IOException {
        badInput(zksim("bench", "--baseline", dir.resolve("missing.yaml").toString()), "missing.yaml");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "kind: StatefulSet\nspec: [\n");
        badInput(zksim("bench", "--baseline", TUTORIAL, "--candidate", bad.toString()), "bad.yaml");
    }

    /**
     * The serving probe with OrderedReady deadlocks (lint rule readiness-probe-serving-deadlock): a lint error stops
     * the benchmark with exit 1 and the finding; with --no-lint it runs, and the start never ends: exit 1 naming
     * side, engine, run and the awaited event.
     */
    @Test
    void aLintErrorStopsAndAnUnmeasurableStartIsExitOne() {
        String probe = CliRun.root()
                .resolve("k8s-manifests/zookeeper-serving-probe.yaml")
                .toString();
        String[] args = {
            "bench", "--baseline", probe, "--pod-management-policy", "OrderedReady", "--engine", "model", "--runs", "1"
        };
        CliRun r = zksim(args);
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err())
                .contains("B: ")
                .contains("error [readiness-probe-serving-deadlock]")
                .contains("--no-lint")
                .doesNotContain("A: ");
        CliRun go = zksim(append(args, "--no-lint"));
        assertThat(go.code()).as(go.err()).isEqualTo(1);
        assertThat(go.err())
                .contains("zksim: cannot measure start: B (")
                .contains("model engine, run 2")
                .contains("no write through service/zk-cs was acknowledged within 900 s of engine time after apply");
    }

    @Test
    void anIdenticalCandidateIsAWarning() {
        CliRun r = zksim("bench", "--baseline", TUTORIAL, "--engine", "model", "--runs", "1");
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.err()).contains("warning: the candidate is identical to the baseline");
        assertThat(r.out()).contains("no difference detectable with 1 runs (a verdict needs at least 4 per side)");
    }

    /**
     * The model predicts what docs/real-engine.md measured: publishNotReadyAddresses on zk-hs removes the
     * initLimit × tickTime wait of an OrderedReady start (≈ 20 s); the JSON and the HTML report carry it.
     */
    @Test
    void theModelPredictsPublishNotReadyAddressesSpeedsUpTheStart(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("bench.json");
        Path report = dir.resolve("report");
        CliRun r = publishNotReadyInTheModel(
                "--workload", "start", "--json", json.toString(), "--report", report.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .contains("B         " + TUTORIAL + " with --patch-service zk-hs publishNotReadyAddresses=true")
                // About 69 s of start without publishNotReadyAddresses (each pod's 10 s readiness delay holds its DNS
                // name back) and 20 s less with it; the exact figure moves with the timing profile.
                .containsPattern(
                        "apply → first acknowledged write \\(ms\\) +model +6[89]\\d{3} .* B is faster by 20\\d{3}"
                                + " ms \\(95% CI -20\\d{3}..-20\\d{3}\\)")
                .containsPattern("apply → all pods Ready \\(ms\\) +model .*no difference detectable with 4 runs");
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("workload").asText()).isEqualTo("start");
        assertThat(j.get("runs")).hasSize(10);
        JsonNode first = j.get("metrics").get(0);
        assertThat(first.get("id").asText()).isEqualTo("first-write-ms");
        assertThat(first.get("verdict").asText()).isEqualTo("lower");
        assertThat(first.get("a").get("values")).hasSize(4);
        String html = Files.readString(report.resolve("index.html"));
        assertThat(html)
                .contains("<svg")
                .contains("B is faster by")
                .doesNotContain("<script")
                .doesNotContain("href=")
                .doesNotContain("src=");
    }

    /**
     * {@code --scenario}: the tutorial scenario with each side's manifest, measured by its per-step facts: the model
     * predicts fewer elections and a shorter write outage with publishNotReadyAddresses (the start-up wait is gone).
     */
    @Test
    void aScenarioIsMeasuredByItsStepFacts() {
        CliRun r = publishNotReadyInTheModel(
                "--scenario",
                CliRun.root().resolve("scenarios/k8s-tutorial.yaml").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out())
                .contains("workload  scenario k8s-tutorial")
                .contains("seed 2")
                .containsPattern(
                        "step 26 \\(line 54\\) wait until rollout-complete \\(timeout 10m\\) \\(ms\\) +model +90000")
                .containsPattern("leader elections \\(count\\) +model .* B has fewer elections by \\d+")
                .containsPattern("writes unavailable in the whole run \\(ms\\) +model .* B is faster by \\d+ ms");
    }

    /** The same seed gives the same model table (the model engine is deterministic). */
    @Test
    void modelRunsAreDeterministic() {
        String[] args = {
            "bench",
            "--baseline",
            TUTORIAL,
            "--set",
            "tick_time=1000",
            "--engine",
            "model",
            "--runs",
            "2",
            "--workload",
            "failover"
        };
        CliRun a = zksim(args);
        assertThat(a.code()).as(a.err()).isEqualTo(0);
        assertThat(zksim(args).out()).isEqualTo(a.out());
    }

    /**
     * {@code zksim bench} in the model engine, 4 runs per side: the tutorial manifest (A) against the same with
     * publishNotReadyAddresses on zk-hs (B), measured by {@code more} (a workload or a scenario, and outputs).
     */
    private static CliRun publishNotReadyInTheModel(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "bench",
                "--baseline",
                TUTORIAL,
                "--patch-service",
                "zk-hs",
                "publishNotReadyAddresses=true",
                "--engine",
                "model",
                "--runs",
                "4"));
        args.addAll(List.of(more));
        return zksim(args);
    }

    private static String[] append(String[] a, String more) {
        String[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = more;
        return b;
    }
}
