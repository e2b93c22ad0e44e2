package dev.zksim.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ManifestLoader;
import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.cluster.ModelEngine;
import dev.zksim.model.scenario.cluster.ZabBackend;
import dev.zksim.model.scenario.engine.Engine;
import dev.zksim.model.scenario.engine.EngineSetup;
import dev.zksim.model.scenario.parse.ScenarioParser;
import dev.zksim.model.scenario.run.RunObserver;
import dev.zksim.model.scenario.run.RunResult;
import dev.zksim.model.scenario.run.ScenarioRunner;
import dev.zksim.model.scenario.run.StepResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        List<StepResult> steps = new ArrayList<>(two.steps());
        StepResult last = steps.get(steps.size() - 1);
        steps.set(
                steps.size() - 1,
                new StepResult(
                        last.number(),
                        last.step(),
                        last.startMs(),
                        last.endMs(),
                        last.verdict(),
                        last.expected(),
                        last.actual(),
                        last.output(),
                        Optional.of("zk-9"),
                        last.writableAfter(),
                        last.facts(),
                        last.zooKeeper()));
        RunResult other = new RunResult(
                two.scenario(),
                "real",
                two.seed(),
                steps,
                two.timeline(),
                two.events(),
                two.kubectl(),
                two.serverLog(),
                two.endMs(),
                two.zooKeeper());
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

    private static RunResult model(Scenario s, long seed) {
        try (Engine e =
                ModelEngine.factory(ZabBackend.FACTORY).create(new EngineSetup(s.cluster(), s.timing(), seed))) {
            return ScenarioRunner.create(e, RunObserver.NONE).run(s, seed);
        }
    }
}
