package dev.zksim.model.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.manifest.AntiAffinity;
import dev.zksim.model.manifest.AntiAffinity.Term;
import dev.zksim.model.manifest.AntiAffinity.WeightedTerm;
import dev.zksim.model.manifest.LabelSelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AntiAffinityRulesTests {
    private static final String HOST = "kubernetes.io/hostname";
    private static final Term MATCHING = new Term(LabelSelector.ofLabels(Map.of("app", "zk")), HOST);
    private static final Term MISSING = new Term(LabelSelector.ofLabels(Map.of("app", "zookeeper")), HOST);

    @Test
    void noAntiAffinityIsAWarning() {
        var f = EnsembleFixture.tutorial().antiAffinity(AntiAffinity.NONE);
        assertThat(Lint.of(f, "anti-affinity-missing")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.message()).contains("2 or more of the 3 servers", "loses quorum");
        });
    }

    @Test
    void aSingleReplicaNeedsNoAntiAffinity() {
        var f = EnsembleFixture.ofSize(1).antiAffinity(AntiAffinity.NONE);
        assertThat(Lint.of(f, "anti-affinity-missing")).isEmpty();
    }

    @Test
    void requiredTermSelectingNothingIsAnError() {
        var f = EnsembleFixture.tutorial().antiAffinity(new AntiAffinity(List.of(MISSING), List.of()));
        assertThat(Lint.of(f, "anti-affinity-selects-nothing")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.path())
                    .isEqualTo("spec.template.spec.affinity.podAntiAffinity"
                            + ".requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector");
            assertThat(x.message()).contains("app=zookeeper", "app=zk", "never matches");
        });
        // an ineffective term is not "missing" anti-affinity: one finding, not two
        assertThat(Lint.of(f, "anti-affinity-missing")).isEmpty();
    }

    @Test
    void preferredTermSelectingNothingIsAWarning() {
        var f = EnsembleFixture.tutorial()
                .antiAffinity(new AntiAffinity(List.of(MATCHING), List.of(new WeightedTerm(100, MISSING))));
        assertThat(Lint.of(f, "anti-affinity-selects-nothing")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.path())
                    .endsWith("preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector");
        });
    }

    @Test
    void matchExpressionsSelectorMatchingThePodsIsFine() {
        var sel = new LabelSelector(
                new java.util.TreeMap<>(),
                List.of(new LabelSelector.Requirement("app", LabelSelector.Operator.IN, List.of("zk"))));
        var f = EnsembleFixture.tutorial().antiAffinity(new AntiAffinity(List.of(new Term(sel, HOST)), List.of()));
        assertThat(Lint.all(f)).isEmpty();
    }

    @Test
    void preferredOnlyIsInfo() {
        var f = EnsembleFixture.tutorial()
                .antiAffinity(new AntiAffinity(List.of(), List.of(new WeightedTerm(100, MATCHING))));
        assertThat(Lint.all(f)).singleElement().satisfies(x -> {
            assertThat(x.ruleId()).isEqualTo("anti-affinity-preferred-only");
            assertThat(x.severity()).isEqualTo(Severity.INFO);
        });
    }

    @Test
    void preferredNextToAnEffectiveRequiredTermIsNotReported() {
        var f = EnsembleFixture.tutorial()
                .antiAffinity(new AntiAffinity(List.of(MATCHING), List.of(new WeightedTerm(50, MATCHING))));
        assertThat(Lint.all(f)).isEmpty();
    }

    @Test
    void zoneTopologyKeyIsInfoWithTheDomainCount() {
        var zone = new Term(LabelSelector.ofLabels(Map.of("app", "zk")), "topology.kubernetes.io/zone");
        var f = EnsembleFixture.ofSize(5).antiAffinity(new AntiAffinity(List.of(zone), List.of()));
        assertThat(Lint.of(f, "anti-affinity-topology-key")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.INFO);
            assertThat(x.path()).endsWith("requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey");
            assertThat(x.message()).contains("at least 5 distinct values");
        });
    }

    @Test
    void hostnameTopologyKeyIsNotReported() {
        assertThat(Lint.of(EnsembleFixture.tutorial(), "anti-affinity-topology-key"))
                .isEmpty();
    }
}
