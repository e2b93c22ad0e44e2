package dev.zksim.model.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.manifest.IntOrPercent;
import dev.zksim.model.manifest.StatefulSetSpec.PodManagementPolicy;
import dev.zksim.model.manifest.StatefulSetSpec.UpdateStrategy;
import org.junit.jupiter.api.Test;

class RolloutRulesTests {

    @Test
    void parallelPodManagementIsInfo() {
        var f = EnsembleFixture.tutorial().podManagementPolicy(PodManagementPolicy.PARALLEL);
        assertThat(Lint.all(f)).singleElement().satisfies(x -> {
            assertThat(x.ruleId()).isEqualTo("parallel-pod-management");
            assertThat(x.severity()).isEqualTo(Severity.INFO);
            assertThat(x.path()).isEqualTo("spec.podManagementPolicy");
        });
    }

    @Test
    void onDeleteIsInfo() {
        var f = EnsembleFixture.tutorial()
                .updateStrategy(new UpdateStrategy(UpdateStrategy.Type.ON_DELETE, 0, IntOrPercent.count(1)));
        assertThat(Lint.all(f)).singleElement().satisfies(x -> {
            assertThat(x.ruleId()).isEqualTo("on-delete-update-strategy");
            assertThat(x.message()).contains("deleted by hand");
        });
    }

    @Test
    void partitionNamesTheOrdinalsItHolds() {
        var f = EnsembleFixture.tutorial()
                .updateStrategy(new UpdateStrategy(UpdateStrategy.Type.ROLLING_UPDATE, 2, IntOrPercent.count(1)));
        assertThat(Lint.of(f, "rolling-update-partition")).singleElement().satisfies(x -> assertThat(x.message())
                .contains("only zk-2..zk-2 are updated; zk-0..zk-1 keep"));
        var all = EnsembleFixture.tutorial()
                .updateStrategy(new UpdateStrategy(UpdateStrategy.Type.ROLLING_UPDATE, 3, IntOrPercent.count(1)));
        assertThat(Lint.of(all, "rolling-update-partition")).singleElement().satisfies(x -> assertThat(x.message())
                .contains("no pod is updated"));
        assertThat(Lint.of(EnsembleFixture.tutorial(), "rolling-update-partition"))
                .isEmpty();
    }
}
