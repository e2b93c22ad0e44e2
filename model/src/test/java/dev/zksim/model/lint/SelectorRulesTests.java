package dev.zksim.model.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.manifest.IntOrPercent;
import dev.zksim.model.manifest.LabelSelector;
import dev.zksim.model.manifest.PdbSpec;
import dev.zksim.model.manifest.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SelectorRulesTests {

    @Test
    void tutorialPassesEverySelectorRule() {
        assertThat(Lint.of(EnsembleFixture.tutorial(), "service-selects-nothing"))
                .isEmpty();
        assertThat(Lint.of(EnsembleFixture.tutorial(), "pdb-selects-nothing")).isEmpty();
    }

    @Test
    void selectorsSelectingASubsetOfTheTemplateLabelsAreFine() {
        var f = EnsembleFixture.tutorial().labels(Map.of("app", "zk", "tier", "coordination"));
        assertThat(Lint.all(f)).isEmpty();
    }

    @Test
    void headlessServiceSelectingOtherLabelsIsAnErrorAboutDns() {
        var f = EnsembleFixture.tutorial()
                .service(
                        "zk-hs",
                        s -> new ServiceSpec(
                                s.name(), true, Map.of("app", "zookeeper"), s.ports(), false, s.documentIndex()));
        assertThat(Lint.of(f, "service-selects-nothing")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.message()).contains("zk-hs", "DNS", "zk-0.zk-hs.default.svc.cluster.local");
        });
    }

    @Test
    void clientServiceWithoutSelectorIsAnError() {
        var f = EnsembleFixture.tutorial()
                .service("zk-cs", s -> new ServiceSpec(s.name(), false, Map.of(), s.ports(), false, s.documentIndex()));
        assertThat(Lint.of(f, "service-selects-nothing")).singleElement().satisfies(x -> assertThat(x.message())
                .contains("zk-cs has no selector", "reach no ZooKeeper"));
    }

    @Test
    void pdbSelectingOtherLabelsIsAnError() {
        var f = EnsembleFixture.tutorial()
                .pdb(Optional.of(new PdbSpec(
                        "zk-pdb",
                        LabelSelector.ofLabels(Map.of("app", "zookeeper")),
                        Optional.empty(),
                        Optional.of(IntOrPercent.count(1)),
                        "IfHealthyBudget",
                        2)));
        assertThat(Lint.of(f, "pdb-selects-nothing")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.message()).contains("guards nothing");
        });
        // the quorum arithmetic does not apply to a budget that guards nothing
        assertThat(Lint.of(f, "pdb-allows-quorum-loss")).isEmpty();
    }

    @Test
    void pdbWithMatchExpressionsSelectingThePodsIsFine() {
        var sel = new LabelSelector(
                new java.util.TreeMap<>(),
                List.of(new LabelSelector.Requirement("app", LabelSelector.Operator.IN, List.of("zk", "zookeeper"))));
        var f = EnsembleFixture.tutorial()
                .pdb(Optional.of(new PdbSpec(
                        "zk-pdb", sel, Optional.empty(), Optional.of(IntOrPercent.count(1)), "IfHealthyBudget", 2)));
        assertThat(Lint.of(f, "pdb-selects-nothing")).isEmpty();
    }
}
