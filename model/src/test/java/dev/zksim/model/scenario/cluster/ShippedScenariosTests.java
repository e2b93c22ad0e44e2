package dev.zksim.model.scenario.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.Step;
import dev.zksim.model.scenario.engine.EngineSetup;
import dev.zksim.model.scenario.parse.ScenarioParser;
import dev.zksim.model.scenario.run.JsonReport;
import dev.zksim.model.scenario.run.ManifestSource;
import dev.zksim.model.scenario.run.RunResult;
import dev.zksim.model.scenario.run.ScenarioRunner;
import dev.zksim.model.scenario.run.StepResult;
import dev.zksim.model.scenario.run.TextReport;
import dev.zksim.model.scenario.run.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The scenarios in scenarios/ run in the model engine (Kubernetes control plane in virtual time). */
class ShippedScenariosTests {
    /** Tests run in model/; the shipped scenarios sit next to it. */
    static final Path SCENARIOS = Path.of("..", "scenarios");
    /** Decoding a manifest costs more than running a scenario: decode each once for the whole class. */
    static final ManifestSource MANIFESTS = ManifestSource.cached(ManifestSource.STRICT);

    record Run(RunResult result, String text, String json) {}

    static Run run(Scenario s, OptionalLong seedOverride) {
        return run(s, seedOverride, ZabBackend.FACTORY);
    }

    static Run run(Scenario s, OptionalLong seedOverride, ZooKeeperBackend.Factory backend) {
        long seed = s.seedOr(seedOverride);
        StringWriter text = new StringWriter();
        RunResult r;
        try (ModelEngine engine = ModelEngine.create(new EngineSetup(s.cluster(), s.timing(), seed), backend)) {
            r = ScenarioRunner.create(engine, new TextReport(new PrintWriter(text)), MANIFESTS)
                    .run(s, seed);
        }
        StringWriter json = new StringWriter();
        JsonReport.write(r, json);
        return new Run(r, text.toString(), json.toString());
    }

    static Run run(String file) {
        return run(ScenarioParser.parse(SCENARIOS.resolve(file)), OptionalLong.empty());
    }

    static Stream<String> shipped() throws IOException {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @Test
    void theSeedStoriesAreShipped() throws IOException {
        assertThat(shipped())
                .contains(
                        "k8s-tutorial.yaml",
                        "minikube-single-node.yaml",
                        "minikube-7500mb.yaml",
                        "petset.yaml",
                        "node-failure.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void passesInTheModelEngine(String file) {
        Run run = run(file);
        assertThat(run.result().failures()).as(run.text()).isEmpty();
        assertThat(run.result().count(Verdict.SKIPPED)).isZero();
        assertThat(run.result().count(Verdict.HELD))
                .as("expectations that held")
                .isGreaterThanOrEqualTo(10);
        assertThat(run.result().serverLog()).isNotEmpty();
        assertThat(run.text()).endsWith("result    PASSED\n");
    }

    /** The stories do not depend on their seed: other seeds place pods and pick volume ids differently. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void passesWithOtherSeeds(String file) {
        Scenario s = ScenarioParser.parse(SCENARIOS.resolve(file));
        for (long seed : new long[] {7, 99}) {
            Run run = run(s, OptionalLong.of(seed));
            assertThat(run.result().failures())
                    .as("seed " + seed + "\n" + run.text())
                    .isEmpty();
        }
    }

    /** Kubernetes only: the ZooKeeper steps are skipped, never passed, and the Kubernetes story still holds. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void withoutAZooKeeperBackendTheZooKeeperStepsAreSkipped(String file) {
        Scenario scenario = ScenarioParser.parse(SCENARIOS.resolve(file));
        // A story told by ZooKeeper roles (delete the leader's pod) has no Kubernetes-only half: its role-aimed actions
        // are skipped and what follows them cannot hold.
        org.junit.jupiter.api.Assumptions.assumeFalse(
                scenario.steps().stream().anyMatch(ShippedScenariosTests::aimsAtARole),
                file + " aims its actions at ZooKeeper roles");
        // A story that scales past --servers turns on ZooKeeper's own refusal to start the extra pods ("My id 4 not
        // in the peer list"): it has no Kubernetes-only half either, since without a ZooKeeper backend a container
        // never exits.
        int servers = MANIFESTS
                .load(scenario.manifest().path())
                .statefulSet()
                .template()
                .container()
                .zk()
                .servers();
        org.junit.jupiter.api.Assumptions.assumeFalse(
                scenario.steps().stream().anyMatch(s -> s instanceof Step.Scale sc && sc.replicas() > servers),
                file + " scales past --servers=" + servers);
        Run run = run(scenario, OptionalLong.empty(), ZooKeeperBackend.Factory.NONE);
        assertThat(run.result().failures()).as(run.text()).isEmpty();
        assertThat(run.result().steps())
                .filteredOn(s -> s.step() instanceof Step.ZooKeeperStep)
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.verdict()).isEqualTo(Verdict.SKIPPED));
        assertThat(run.result().steps())
                .filteredOn(s -> !(s.step() instanceof Step.ZooKeeperStep))
                .allSatisfy(s -> assertThat(s.verdict()).isIn(Verdict.DONE, Verdict.HELD, Verdict.SKIPPED));
        assertThat(run.text()).contains("(engine has no ZooKeeper backend)").endsWith("result    PASSED\n");
    }

    static boolean aimsAtARole(Step s) {
        dev.zksim.model.scenario.PodRef target = s instanceof Step.DeletePod d
                ? d.target()
                : s instanceof Step.KillProcess k ? k.target() : s instanceof Step.FailLiveness f ? f.target() : null;
        return target != null && !(target instanceof dev.zksim.model.scenario.PodRef.Named)
                || s instanceof Step.Drain d && d.node() instanceof dev.zksim.model.scenario.NodeRef.NodeOfRole;
    }

    @Test
    void theTutorialTellsTheStoryOfTheTutorial() {
        Run run = run("k8s-tutorial.yaml");
        String t = run.text();
        // OrderedReady: zk-1 is created only once zk-0 is Ready, zk-2 once zk-1 is.
        assertThat(t.indexOf("zk-0    1/1     Running")).isLessThan(t.indexOf("create Pod zk-1 in StatefulSet zk"));
        assertThat(t.indexOf("zk-1    1/1     Running")).isLessThan(t.indexOf("create Pod zk-2 in StatefulSet zk"));
        assertThat(t)
                .contains("0/4 nodes are available: 2 node(s) didn't match pod anti-affinity rules, "
                        + "2 node(s) were unschedulable.");
        assertThat(t)
                .contains("(will retry after 5s): Cannot evict pod as it would violate the pod's disruption "
                        + "budget.");
        assertThat(run.result().endMs()).isBetween(5 * 60_000L, 30 * 60_000L);
        // The tutorial's zkCli output: "Created /hello", cZxid = 0x100000002.
        assertThat(t).contains("| Created /hello (zxid 0x100000002, served by zk-0)");
        assertThat(t).contains("| /hello on zk-1: world (mZxid 0x100000002)");
        assertThat(t).containsPattern("zk    zk-\\d: LEADING");
    }

    @Test
    void sameSeedSameBytes() {
        Scenario s = ScenarioParser.parse(SCENARIOS.resolve("k8s-tutorial.yaml"));
        Run a = run(s, OptionalLong.empty());
        Run b = run(s, OptionalLong.empty());
        assertThat(b.text()).isEqualTo(a.text());
        assertThat(b.json()).isEqualTo(a.json());
        Run other = run(s, OptionalLong.of(12345));
        assertThat(other.result().failures()).isEmpty();
        assertThat(other.json()).contains("\"seed\" : 12345");
    }

    /**
     * A wrong expectation fails the run at exactly that step, with what was expected and what was found: the
     * expectations can fail, so passing means something.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            expect-rollout-order: [zk-2, zk-1, zk-0]                    | expect-rollout-order: [zk-0, zk-1, zk-2]                    | order [zk-2, zk-1, zk-0]
            expect-revisions: 2                                         | expect-revisions: 3                                         | 2 revisions [
            refusedByPdb: true, succeeded: false}                       | refusedByPdb: false, succeeded: false}                      | evictions refused by the PDB
            pendingReasonContains: "didn't match pod anti-affinity rules"} | pendingReasonContains: "Insufficient memory"}            | pending reason '0/4 nodes are available: 2 node(s) didn't match pod anti-affinity rules
            expect-node: {nodeOf: zk-2, cordoned: true}                 | expect-node: {nodeOf: zk-2, cordoned: false}                | Ready,SchedulingDisabled
            expect-pod: {pod: zk-1, nodeOf: zk-0, at: before-drains}    | expect-pod: {pod: zk-1, nodeOf: zk-1, at: before-drains}    | zk-1 1/1 Running
            """)
    void aWrongExpectationFailsAtItsStep(String original, String wrong, String actual) throws IOException {
        Path file = SCENARIOS.resolve("k8s-tutorial.yaml");
        String yaml = Files.readString(file);
        assertThat(yaml).contains(original.strip());
        String mutated = yaml.replaceFirst(
                java.util.regex.Pattern.quote(original.strip()),
                java.util.regex.Matcher.quoteReplacement(wrong.strip()));
        int line =
                (int) yaml.substring(0, yaml.indexOf(original.strip())).lines().count();
        Run run = run(ScenarioParser.parse(file, mutated), OptionalLong.empty());

        List<StepResult> failures = run.result().failures();
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).step().line()).isEqualTo(line);
        assertThat(failures.get(0).actual())
                .hasValueSatisfying(a -> assertThat(a).contains(actual.strip()));
        assertThat(run.text())
                .contains("result    FAILED\n          step " + failures.get(0).number() + " (" + file + ":" + line
                        + ")");
    }
}
