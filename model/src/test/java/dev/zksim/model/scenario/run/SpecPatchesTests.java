package dev.zksim.model.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ServiceSpec;
import dev.zksim.model.manifest.StatefulSetSpec.PodManagementPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spec changes outside the StatefulSet patch ({@code zksim bench}'s candidate forms). */
class SpecPatchesTests {
    static final EnsembleSpec TUTORIAL = EnsembleFixture.tutorial().build();

    @Test
    void thePodManagementPolicyChangesAndNothingElse() {
        EnsembleSpec p = SpecPatches.withPodManagementPolicy(TUTORIAL, PodManagementPolicy.PARALLEL);
        assertThat(p.statefulSet().podManagementPolicy()).isEqualTo(PodManagementPolicy.PARALLEL);
        assertThat(SpecPatches.withPodManagementPolicy(p, TUTORIAL.statefulSet().podManagementPolicy()))
                .isEqualTo(TUTORIAL);
    }

    @Test
    void publishNotReadyAddressesChangesOnTheNamedServiceOnly() {
        String headless = TUTORIAL.statefulSet().serviceName();
        EnsembleSpec p = SpecPatches.withPublishNotReadyAddresses(TUTORIAL, headless, true);
        assertThat(p.services().stream()
                        .filter(ServiceSpec::publishNotReadyAddresses)
                        .map(ServiceSpec::name))
                .containsExactly(headless);
        assertThat(p.statefulSet()).isEqualTo(TUTORIAL.statefulSet());
        assertThatThrownBy(() -> SpecPatches.withPublishNotReadyAddresses(TUTORIAL, "nope", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no Service 'nope'");
    }

    @Test
    void startZookeeperPatchesDeriveTheConfigurationOfAFlag() {
        dev.zksim.model.scenario.PatchSpec patch = new dev.zksim.model.scenario.PatchSpec(
                java.util.Optional.empty(),
                java.util.OptionalLong.empty(),
                java.util.Optional.empty(),
                java.util.OptionalLong.empty(),
                java.util.Optional.empty(),
                Map.of("sync_limit", "10"),
                java.util.OptionalInt.empty(),
                java.util.OptionalInt.empty());
        EnsembleSpec p = SpecPatches.startZookeeper().apply(TUTORIAL, patch);
        assertThat(p.statefulSet().template().container().zk().syncLimit()).isEqualTo(10);
        assertThat(List.copyOf(p.statefulSet().template().container().command()).toString())
                .contains("--sync_limit=10");
    }
}
