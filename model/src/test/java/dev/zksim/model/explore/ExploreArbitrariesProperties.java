package dev.zksim.model.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ManifestLoader;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** The library entry point as docs/explore.md shows it: a team's own property over its manifest. */
class ExploreArbitrariesProperties {
    static final Path MANIFEST = Path.of("..", "k8s-manifests", "zookeeper.yaml");
    final EnsembleSpec spec = ManifestLoader.loadStrict(MANIFEST);
    final String clusterYaml = ExploreClusters.uniformYaml(4, "2", "4Gi");
    final ExploreOptions options = new ExploreOptions(
            1,
            30,
            1,
            ExploreClusters.parse(MANIFEST, clusterYaml),
            clusterYaml,
            ActionKind.defaults(),
            ExploreChecker.defaultBudgetMs(spec),
            false,
            WorldHooks.STANDARD);
    final Explorer explorer = new Explorer(spec, options);

    @Property(tries = 60)
    void noSafetyViolation(@ForAll("actions") List<ExploreAction> actions, @ForAll @LongRange(min = 0) long seed) {
        RunOutcome run = explorer.execute(actions, seed);
        assertThat(run.violation().filter(v -> v.invariant().safety())).isEmpty();
    }

    @Provide
    Arbitrary<List<ExploreAction>> actions() {
        return ExploreArbitraries.actions(spec, options.cluster(), ActionKind.defaults(), 20);
    }
}
