package dev.zksim.model.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.manifest.Probe;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProbeRulesTests {

    @Test
    void missingProbesAreWarnings() {
        var f = EnsembleFixture.tutorial().readiness(Optional.empty()).liveness(Optional.empty());
        assertThat(Lint.all(f))
                .extracting(Finding::ruleId, Finding::severity)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("readiness-probe-missing", Severity.WARNING),
                        org.assertj.core.groups.Tuple.tuple("liveness-probe-missing", Severity.WARNING));
    }

    @Test
    void timeoutNotBelowPeriodIsInfo() {
        var slow = new Probe(List.of("sh", "-c", "zookeeper-ready 2181"), 15, 5, 5, 1, 3);
        var f = EnsembleFixture.tutorial().liveness(Optional.of(slow));
        assertThat(Lint.all(f)).singleElement().satisfies(x -> {
            assertThat(x.ruleId()).isEqualTo("probe-timeout-exceeds-period");
            assertThat(x.severity()).isEqualTo(Severity.INFO);
            assertThat(x.path()).isEqualTo("spec.template.spec.containers[0].livenessProbe.timeoutSeconds");
            assertThat(x.message()).contains("15 s (3 × 5 s)");
        });
    }

    @Test
    void probingAnotherPortThanTheClientPortIsAnError() {
        var f = EnsembleFixture.tutorial()
                .clientPort(2182)
                .service(
                        "zk-cs",
                        s -> new dev.zksim.model.manifest.ServiceSpec(
                                s.name(),
                                false,
                                s.selector(),
                                List.of(new dev.zksim.model.manifest.ServiceSpec.ServicePort("client", 2182, null)),
                                false,
                                s.documentIndex()));
        assertThat(Lint.all(f))
                .extracting(Finding::ruleId)
                .containsExactly("probe-port-mismatch", "probe-port-mismatch");
        assertThat(Lint.of(f, "probe-port-mismatch")).allSatisfy(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.message()).contains("zookeeper-ready 2181", "--client_port=2182");
        });
    }

    @Test
    void probesWithoutTheReadyScriptAreNotParsed() {
        var tcp = Probe.withDefaults(List.of());
        var f = EnsembleFixture.tutorial().readiness(Optional.of(tcp)).liveness(Optional.of(tcp));
        assertThat(Lint.all(f)).isEmpty();
    }
}
