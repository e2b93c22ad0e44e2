package dev.zksim.model.explore;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ManifestLoader;
import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.cluster.ModelEngine;
import dev.zksim.model.scenario.cluster.ZabBackend;
import dev.zksim.model.scenario.engine.EngineSetup;
import dev.zksim.model.scenario.parse.ScenarioParser;
import dev.zksim.model.scenario.run.RunObserver;
import dev.zksim.model.scenario.run.RunResult;
import dev.zksim.model.scenario.run.ScenarioRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;

/** A search over one manifest as the CLI sets it up, and the replay of a finding's file by the scenario runner. */
public record ExploreFixture(Path manifest, EnsembleSpec spec, ExploreOptions options) {

    public static ExploreFixture of(Path manifest, int nodes, Set<ActionKind> kinds, long budgetMs, int runs) {
        EnsembleSpec spec = ManifestLoader.loadStrict(manifest);
        String clusterYaml = ExploreClusters.uniformYaml(nodes, "2", "4Gi");
        ExploreOptions o = new ExploreOptions(
                runs,
                ExploreOptions.DEFAULT_MAX_ACTIONS,
                1,
                ExploreClusters.parse(Path.of("test"), clusterYaml),
                clusterYaml,
                kinds,
                budgetMs > 0 ? budgetMs : ExploreChecker.defaultBudgetMs(spec),
                false,
                WorldHooks.STANDARD);
        return new ExploreFixture(manifest, spec, o);
    }

    public ExploreFixture withHooks(WorldHooks hooks) {
        return new ExploreFixture(manifest, spec, options.withHooks(hooks));
    }

    public ExploreFixture withRuns(int runs) {
        return new ExploreFixture(manifest, spec, options.withRuns(runs));
    }

    public Explorer explorer() {
        return new Explorer(spec, options);
    }

    public ExploreReport explore() {
        return explorer().explore(Explorer.ExploreProgress.NONE);
    }

    /** The finding's scenario file, for a file in {@code dir}. */
    public String scenario(ExploreFinding f, Path dir) {
        String ref = dir.toAbsolutePath()
                .normalize()
                .relativize(manifest.toAbsolutePath().normalize())
                .toString();
        return new FindingScenarioWriter(
                        f,
                        options.seed(),
                        ref,
                        options.clusterYaml(),
                        options.maxWriteOutageMs(),
                        explorer().livenessBoundMs(),
                        "zksim explore " + manifest)
                .render();
    }

    /**
     * Everything a search reports, as text to compare two searches by: each finding's scenario file (written as for
     * {@code dir}), the failing runs, coverage and actions.
     */
    public String render(Path dir, ExploreReport r) {
        StringBuilder sb = new StringBuilder();
        r.findings().forEach(f -> sb.append(scenario(f, dir)));
        sb.append(r.failingRuns())
                .append(r.coverage().executed())
                .append(r.coverage().skipped())
                .append(r.coverage().runsReaching())
                .append(r.actions());
        return sb.toString();
    }

    /** Writes the finding's file into {@code dir} and runs it with {@code zksim run}'s model engine. */
    public RunResult replay(ExploreFinding f, Path dir) {
        try {
            Path file = dir.resolve(f.fileName(options.seed()));
            Files.writeString(file, scenario(f, dir));
            Scenario s = ScenarioParser.parse(file);
            long seed = s.seedOr(OptionalLong.empty());
            try (ModelEngine e =
                    ModelEngine.create(new EngineSetup(s.cluster(), s.timing(), seed), ZabBackend.FACTORY)) {
                return ScenarioRunner.create(e, RunObserver.NONE).run(s, seed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
