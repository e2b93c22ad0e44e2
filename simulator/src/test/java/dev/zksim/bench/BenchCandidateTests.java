package dev.zksim.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zksim.model.InvalidInputException;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ManifestLoader;
import dev.zksim.model.manifest.ServiceSpec;
import dev.zksim.model.manifest.StatefulSetSpec.PodManagementPolicy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The candidate's patch forms, applied through the scenario patch step's {@code SpecPatches}. */
class BenchCandidateTests {
    static final Path TUTORIAL = Path.of("..").toAbsolutePath().normalize().resolve("k8s-manifests/zookeeper.yaml");
    static final EnsembleSpec BASE = ManifestLoader.loadStrict(TUTORIAL);

    static BenchCandidate parse(Map<String, String> set, List<String> services) {
        return BenchCandidate.parse(set, null, null, null, null, null, services);
    }

    @Test
    void setChangesTheFlagInTheCommandAndTheConfigurationItGives() {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("tick_time", "1000");
        set.put("init_limit", "5");
        EnsembleSpec b = parse(set, List.of()).apply(BASE);
        assertThat(b.statefulSet().template().container().zk().tickTimeMs()).isEqualTo(1000);
        assertThat(b.statefulSet().template().container().zk().initLimit()).isEqualTo(5);
        assertThat(String.join(" ", b.statefulSet().template().container().command()))
                .contains("--tick_time=1000")
                .doesNotContain("--tick_time=2000");
        assertThat(BASE.statefulSet().template().container().zk().tickTimeMs()).isEqualTo(2000);
        assertThat(parse(set, List.of()).describe()).isEqualTo("--set tick_time=1000 --set init_limit=5");
    }

    @Test
    void statefulSetFormsChangeReplicasRequestsAndImage() {
        BenchCandidate c = BenchCandidate.parse(Map.of(), 5, "300m", "2Gi", "zk:next", "Parallel", List.of());
        EnsembleSpec b = c.apply(BASE);
        assertThat(b.statefulSet().replicas()).isEqualTo(5);
        assertThat(b.statefulSet().template().container().requests().cpuMillis())
                .isEqualTo(300);
        assertThat(b.statefulSet().template().container().requests().memoryBytes())
                .isEqualTo(2L << 30);
        assertThat(b.statefulSet().template().container().image()).isEqualTo("zk:next");
        assertThat(b.statefulSet().podManagementPolicy()).isEqualTo(PodManagementPolicy.PARALLEL);
        assertThat(BASE.statefulSet().podManagementPolicy()).isEqualTo(PodManagementPolicy.ORDERED_READY);
        assertThat(c.describe())
                .isEqualTo("--replicas 5 --cpu 300m --memory 2Gi --image zk:next --pod-management-policy Parallel");
    }

    @Test
    void patchServiceSetsPublishNotReadyAddressesOnThatServiceOnly() {
        EnsembleSpec b = parse(Map.of(), List.of("zk-hs", "publishNotReadyAddresses=true"))
                .apply(BASE);
        assertThat(b.services().stream()
                        .filter(ServiceSpec::publishNotReadyAddresses)
                        .map(ServiceSpec::name))
                .containsExactly("zk-hs");
        assertThat(BASE.services().stream().noneMatch(ServiceSpec::publishNotReadyAddresses))
                .isTrue();
        assertThat(b.statefulSet()).isEqualTo(BASE.statefulSet());
    }

    @Test
    void noChangesIsEmptyAndLeavesTheSpec() {
        BenchCandidate c = parse(Map.of(), List.of());
        assertThat(c.isEmpty()).isTrue();
        assertThat(c.apply(BASE)).isEqualTo(BASE);
    }

    @Test
    void badValuesAreBadInputNamingTheOption() {
        assertThatThrownBy(() -> parse(Map.of("tick", "1000"), List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--set")
                .hasMessageContaining("'tick' is not a start-zookeeper flag");
        assertThatThrownBy(() -> parse(Map.of("tick_time", "fast"), List.of()).apply(BASE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("start-zookeeper would reject the patched command");
        assertThatThrownBy(() -> BenchCandidate.parse(Map.of(), null, "lots", null, null, null, List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--cpu");
        assertThatThrownBy(() -> BenchCandidate.parse(Map.of(), 0, null, null, null, null, List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--replicas");
        assertThatThrownBy(() -> BenchCandidate.parse(Map.of(), null, null, null, null, "Random", List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("OrderedReady or Parallel");
        assertThatThrownBy(() -> parse(Map.of(), List.of("zk-hs", "clusterIP=None")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("publishNotReadyAddresses=true|false");
        assertThatThrownBy(() -> parse(Map.of(), List.of("zk-nope", "publishNotReadyAddresses=true"))
                        .apply(BASE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no Service 'zk-nope'");
    }
}
