package dev.zksim.model.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.explore.ActionKind;
import dev.zksim.model.explore.ExploreFinding;
import dev.zksim.model.explore.ExploreFixture;
import dev.zksim.model.explore.ExploreInvariant;
import dev.zksim.model.explore.ExploreReport;
import dev.zksim.model.explore.WorldHooks;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** With an Eviction API that ignores the PodDisruptionBudget, explore finds a drain that breaks the budget. */
class ExploreBrokenEvictionTests {

    @Test
    void evictionsThatIgnoreThePdbAreFoundAndShrunk() {
        WorldHooks broken = new WorldHooks() {
            @Override
            public void cluster(KubernetesCluster k8s) {
                k8s.state().disruption().ignoreBudget = true;
            }
        };
        ExploreFixture fx = ExploreFixture.of(
                        Path.of("..", "k8s-manifests", "zookeeper.yaml"),
                        4,
                        EnumSet.of(ActionKind.DRAIN, ActionKind.UNCORDON),
                        0,
                        100)
                .withHooks(broken);
        ExploreReport r = fx.explore();
        ExploreFinding f = r.findings().stream()
                .filter(x -> x.violation().invariant() == ExploreInvariant.PDB_RESPECTED)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no pdb-respected finding in " + r.findings()));
        assertThat(f.storyActions()).isBetween(2L, 8L);
        assertThat(f.violation().detail()).contains("zk-pdb needs 2");
        assertThat(fx.explorer().execute(f.actions(), f.runSeed()).violation())
                .get()
                .extracting(v -> v.invariant())
                .isEqualTo(ExploreInvariant.PDB_RESPECTED);
    }
}
