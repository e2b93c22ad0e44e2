package dev.zksim.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ManifestLoader;
import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.Step;
import dev.zksim.model.scenario.cluster.ModelEngine;
import dev.zksim.model.scenario.cluster.ZabBackend;
import dev.zksim.model.scenario.engine.Engine;
import dev.zksim.model.scenario.engine.EngineSetup;
import dev.zksim.model.scenario.engine.ZooKeeperHistory;
import dev.zksim.model.scenario.parse.ScenarioParser;
import dev.zksim.model.scenario.run.RunObserver;
import dev.zksim.model.scenario.run.RunResult;
import dev.zksim.model.scenario.run.ScenarioRunner;
import dev.zksim.model.scenario.run.StepResult;
import dev.zksim.model.scenario.run.ZooKeeperSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance check in {@code mvn verify}: a fixed set of explore-generated scenarios (seed {@link #SEED}) run in
 * the model and on real ZooKeeper servers agree on the leader, writability, data and lost writes
 * (docs/conformance.md); plus the generator's and the comparison's contracts, without real servers.
 */
class ConformanceTests {
    static final long SEED = 3;
    static final int SCENARIOS = 10;
    static final Path MANIFEST = Path.of("..").toAbsolutePath().normalize().resolve("k8s-manifests/zookeeper.yaml");

    private static ConformanceGenerator generator(int actions) {
        EnsembleSpec spec = ManifestLoader.loadStrict(MANIFEST);
        return new ConformanceGenerator(spec, MANIFEST, SEED, actions, 4);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void tenGeneratedScenariosAgreeInBothEngines(@TempDir Path out) {
        ConformanceRunner runner = new ConformanceRunner(generator(2), 1500, out, 2);
        List<String> lines = new ArrayList<>();
        ConformanceRunner.Report report = runner.run(SCENARIOS, r -> {
            lines.add(r.scenario().fileName() + " " + r.wallMs() + " ms "
                    + r.error().orElse(""));
            r.outcome().disagreements().forEach(d -> lines.add("  " + d.describe()));
        });
        String table = report.table().render();
        System.out.println(String.join("\n", lines) + "\n" + table + "wall " + report.wallMs() + " ms");

        assertThat(report.cases()).hasSize(SCENARIOS);
        assertThat(report.cases())
                .allSatisfy(
                        c -> assertThat(c.error()).as(c.scenario().fileName()).isEmpty());
        for (ConformanceFact f : ConformanceFact.values()) {
            if (f.targeted()) {
                assertThat(report.table().percent(f))
                        .as("%s agreement\n%s\n%s", f.label(), table, String.join("\n", lines))
                        .isGreaterThanOrEqualTo(95.0);
            }
        }
        assertThat(report.table().percent(ConformanceFact.LOST_WRITES)).isEqualTo(100.0);
    }

    @Test
    void theGeneratorIsExploresAndDeterministic() {
        ConformanceCase a = generator(4).generate(5);
        ConformanceCase b = generator(4).generate(5);
        assertThat(a).isEqualTo(b);
        assertThat(a.fileName()).isEqualTo("conform-" + SEED + "-5.yaml");
        assertThat(a.yaml())
                .contains("seed: " + dev.zksim.model.explore.Explorer.runSeed(SEED, 5))
                .contains("  - apply:\n")
                .contains("  - write: {path: /explore-0, value: v0, timeout: 2000ms}\n")
                .contains("  - read: {pod: zk-0, path: /explore-0, sync: true}\n")
                .endsWith("  - expect-no-lost-writes:\n");
        assertThat(generator(4).generate(6).yaml()).isNotEqualTo(a.yaml());
        // it is an ordinary scenario
        Scenario s = ScenarioParser.parse(MANIFEST.resolveSibling("x.yaml"), a.yaml());
        assertThat(s.steps().size()).isGreaterThan(5);
    }

    @Test
    void aRunAgreesWithItselfAndAnotherLeaderIsADisagreement() {
        ConformanceCase c = generator(3).generate(1);
        Scenario s = ScenarioParser.parse(MANIFEST.resolveSibling(c.fileName()), c.yaml());
        RunResult one = model(s, c.runSeed());
        RunResult two = model(s, c.runSeed());
        ConformanceComparison cmp = new ConformanceComparison(1500);

        ConformanceComparison.Outcome same = cmp.compare(one, two);
        assertThat(same.disagreements()).isEmpty();
        same.tallies().forEach((f, t) -> assertThat(t.exact()).as(f.label()).isEqualTo(t.total()));

        // the last step (expect-no-lost-writes) is long after every election: another leader there is no race
        StepResult last = two.steps().get(two.steps().size() - 1);
        RunResult other = withLeaderAfter(two, two.steps().size() - 1, Optional.of("zk-9"), OptionalLong.empty());
        ConformanceComparison.Outcome differs = cmp.compare(one, other);
        assertThat(differs.disagreements()).singleElement().satisfies(d -> {
            assertThat(d.fact()).isEqualTo(ConformanceFact.LEADER);
            assertThat(d.real()).isEqualTo("zk-9");
            assertThat(d.step()).isEqualTo(last.number());
        });
        AgreementTable table = AgreementTable.empty().plus(differs);
        assertThat(table.percent(ConformanceFact.LEADER)).isLessThan(100.0);
        assertThat(table.meets(99.0)).isEqualTo(table.percent(ConformanceFact.LEADER) >= 99.0);
        assertThat(table.render()).contains("leader").contains("lost writes").contains("agreed%");
    }

    @Test
    void aTransitionJustAfterAStepExcusesADifferenceOnlyIfNoActionStartedBeforeIt() {
        ConformanceComparison cmp = new ConformanceComparison(1500);
        // a wait whose next step acts (a fault, a kill, a heal, ...), and a wait followed only by passive steps; both
        // quiet in the model (nothing of its own to excuse a difference), in the first generated case that has them
        RunResult model = null;
        List<StepResult> steps = List.of();
        int beforeAction = -1;
        int beforeNothing = -1;
        for (int n = 1; n <= 20 && (beforeAction < 0 || beforeNothing < 0); n++) {
            ConformanceCase c = generator(4).generate(n);
            model = model(ScenarioParser.parse(MANIFEST.resolveSibling(c.fileName()), c.yaml()), c.runSeed());
            steps = model.steps();
            beforeAction = quietWait(model, true);
            beforeNothing = quietWait(model, false);
        }
        assertThat(beforeAction).as("a quiet wait followed by an action").isNotNegative();
        assertThat(beforeNothing)
                .as("a quiet wait followed only by passive steps")
                .isNotNegative();

        // the "real" run has no leader at the wait's end and elects one 200 ms later
        for (int i : new int[] {beforeAction, beforeNothing}) {
            StepResult at = steps.get(i);
            assertThat(at.leaderAfter()).isPresent();
            RunResult real = withLeaderAfter(model, i, Optional.empty(), OptionalLong.of(at.endMs() + 200));
            List<Disagreement> found = cmp.compare(model, real).disagreements().stream()
                    .filter(d -> d.fact() == ConformanceFact.LEADER)
                    .toList();
            if (i == beforeAction) {
                // the election came after the next step had acted, so it may be that step's doing
                assertThat(found).singleElement().satisfies(d -> assertThat(d.step())
                        .isEqualTo(at.number()));
            } else {
                assertThat(found).as("only waits follow: a late election").isEmpty();
            }
        }
    }

    /**
     * The first wait of {@code r} that ends with a leader and with no election or outage of its own near its end,
     * followed by an action (or by passive steps only, when {@code beforeAction} is false); -1 if there is none.
     */
    private static int quietWait(RunResult r, boolean beforeAction) {
        List<StepResult> steps = r.steps();
        for (int i = 0; i + 1 < steps.size(); i++) {
            boolean next = beforeAction
                    ? steps.get(i + 1).step() instanceof Step.ClusterAction
                    : ConformanceComparison.nextActionStartMs(steps, i) == Long.MAX_VALUE;
            if (steps.get(i).step() instanceof Step.WaitFor
                    && next
                    && steps.get(i).leaderAfter().isPresent()
                    && quiet(r, steps.get(i).endMs())) {
                return i;
            }
        }
        return -1;
    }

    /** No election ended and no outage opened or closed within 1.5 s of {@code t} in {@code r}. */
    private static boolean quiet(RunResult r, long t) {
        ZooKeeperSummary z = r.zooKeeper().orElseThrow();
        return z.elections().stream().noneMatch(e -> Math.abs(e.endMs() - t) <= 1500)
                && z.writeOutages().stream()
                        .noneMatch(w -> Math.abs(w.fromMs() - t) <= 1500
                                || (w.toMs().isPresent() && Math.abs(w.toMs().getAsLong() - t) <= 1500));
    }

    /**
     * {@code r} as another engine's run: step {@code index} ends with {@code leader}, and, if given, one more election
     * (of zk-9) ends at {@code electionEndMs}.
     */
    private static RunResult withLeaderAfter(
            RunResult r, int index, Optional<String> leader, OptionalLong electionEndMs) {
        List<StepResult> steps = new ArrayList<>(r.steps());
        StepResult s = steps.get(index);
        steps.set(
                index,
                new StepResult(
                        s.number(),
                        s.step(),
                        s.startMs(),
                        s.endMs(),
                        s.verdict(),
                        s.expected(),
                        s.actual(),
                        s.output(),
                        leader,
                        s.writableAfter(),
                        s.facts(),
                        s.zooKeeper()));
        Optional<ZooKeeperSummary> zk = r.zooKeeper().map(z -> {
            List<ZooKeeperHistory.WonElection> elections = new ArrayList<>(z.elections());
            electionEndMs.ifPresent(t -> elections.add(new ZooKeeperHistory.WonElection(t, "zk-9", 200)));
            return new ZooKeeperSummary(
                    z.leader(),
                    z.writable(),
                    elections,
                    z.writeOutages(),
                    z.writesUnavailableMs(),
                    z.ackedWrites(),
                    z.lostWrites());
        });
        return new RunResult(
                r.scenario(),
                "real",
                r.seed(),
                steps,
                r.timeline(),
                r.events(),
                r.kubectl(),
                r.serverLog(),
                r.endMs(),
                zk);
    }

    private static RunResult model(Scenario s, long seed) {
        try (Engine e =
                ModelEngine.factory(ZabBackend.FACTORY).create(new EngineSetup(s.cluster(), s.timing(), seed))) {
            return ScenarioRunner.create(e, RunObserver.NONE).run(s, seed);
        }
    }
}
