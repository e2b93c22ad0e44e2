package dev.zksim.model.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.manifest.IntOrPercent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisruptionBudgetRulesTests {

    private static IntOrPercent parse(String v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        return v.endsWith("%")
                ? IntOrPercent.percentOf(Integer.parseInt(v.substring(0, v.length() - 1)))
                : IntOrPercent.count(Integer.parseInt(v));
    }

    /**
     * Hand-computed budgets: disruptionsAllowed with all pods healthy against replicas - quorum. Percentages of
     * the replicas round up (kubernetes.io/docs/tasks/run-application/configure-pdb/#rounding-logic-when-specifying-percentages).
     */
    @ParameterizedTest(name = "{0} pods, minAvailable={1} maxUnavailable={2} -> {3}")
    @CsvSource({
        "3, ,     1,    ok",
        "3, ,     2,    quorum-loss",
        "3, ,     0,    blocks",
        "3, ,     10%,  ok", // ceil(0.3) = 1
        "3, ,     50%,  quorum-loss", // ceil(1.5) = 2
        "3, ,     100%, quorum-loss",
        "3, 1,    ,     quorum-loss",
        "3, 2,    ,     ok",
        "3, 3,    ,     blocks",
        "3, 50%,  ,     ok", // ceil(1.5) = 2 must stay
        "3, 34%,  ,     ok", // ceil(1.02) = 2
        "3, 33%,  ,     quorum-loss", // ceil(0.99) = 1
        "3, 100%, ,     blocks",
        "5, ,     2,    ok",
        "5, ,     40%,  ok", // 2
        "5, ,     41%,  quorum-loss", // ceil(2.05) = 3
        "5, 3,    ,     ok",
        "5, 2,    ,     quorum-loss",
        "5, 50%,  ,     ok", // ceil(2.5) = 3
        "5, 5,    ,     blocks",
        "4, ,     1,    ok", // quorum 3 of 4, tolerates 1
        "4, ,     2,    quorum-loss",
        "1, ,     1,    ok", // standalone: left to standalone-ensemble
        "1, 1,    ,     blocks",
    })
    void budgetsAgainstQuorum(int n, String min, String max, String expected) {
        var f = EnsembleFixture.ofSize(n).pdb(parse(min), parse(max));
        List<Finding> loss = Lint.of(f, "pdb-allows-quorum-loss");
        List<Finding> blocks = Lint.of(f, "pdb-blocks-eviction");
        switch (expected) {
            case "ok" -> {
                assertThat(loss).isEmpty();
                assertThat(blocks).isEmpty();
            }
            case "quorum-loss" -> {
                assertThat(loss).singleElement().satisfies(x -> assertThat(x.severity())
                        .isEqualTo(Severity.ERROR));
                assertThat(blocks).isEmpty();
            }
            case "blocks" -> {
                assertThat(blocks).singleElement().satisfies(x -> assertThat(x.severity())
                        .isEqualTo(Severity.WARNING));
                assertThat(loss).isEmpty();
            }
            default -> throw new IllegalArgumentException(expected);
        }
    }

    @Test
    void quorumLossMessageExplainsTheArithmetic() {
        var f = EnsembleFixture.tutorial().pdb(null, IntOrPercent.percentOf(50));
        assertThat(Lint.of(f, "pdb-allows-quorum-loss")).singleElement().satisfies(x -> {
            assertThat(x.path()).isEqualTo("spec.maxUnavailable");
            assertThat(x.message())
                    .contains(
                            "maxUnavailable: 50%, which rounds up to 2 of 3",
                            "allows 2", "needs 2 of 3", "lose only 1");
        });
    }

    @Test
    void budgetWithNeitherFieldAllowsEverything() {
        var f = EnsembleFixture.tutorial().pdb(null, null);
        assertThat(Lint.of(f, "pdb-allows-quorum-loss")).singleElement().satisfies(x -> assertThat(x.message())
                .contains("neither minAvailable nor maxUnavailable", "allows 3"));
    }

    @Test
    void budgetWithBothFieldsIsNotReasonedAbout() {
        // the loader rejects it as the API server does; a spec built in code gets no arithmetic on it
        var f = EnsembleFixture.tutorial().pdb(IntOrPercent.count(1), IntOrPercent.count(0));
        assertThat(Lint.of(f, "pdb-allows-quorum-loss")).isEmpty();
        assertThat(Lint.of(f, "pdb-blocks-eviction")).isEmpty();
    }

    @Test
    void noBudgetIsAWarningForReplicatedEnsemblesOnly() {
        assertThat(Lint.of(EnsembleFixture.tutorial().pdb(Optional.empty()), "pdb-missing"))
                .singleElement()
                .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.WARNING));
        assertThat(Lint.of(EnsembleFixture.ofSize(1).pdb(Optional.empty()), "pdb-missing"))
                .isEmpty();
        assertThat(Lint.of(EnsembleFixture.tutorial(), "pdb-missing")).isEmpty();
    }

    @Test
    void disruptionsAllowedMatchesTheDisruptionController() {
        // desiredHealthy = n - maxUnavailable (or minAvailable); allowed = healthy - desiredHealthy, at least 0
        var pdb = EnsembleFixture.tutorial()
                .pdb(null, IntOrPercent.count(7))
                .build()
                .pdb()
                .orElseThrow();
        assertThat(DisruptionBudgetRules.disruptionsAllowed(pdb, 3, 3)).isEqualTo(3);
        var min = EnsembleFixture.tutorial()
                .pdb(IntOrPercent.count(9), null)
                .build()
                .pdb()
                .orElseThrow();
        assertThat(DisruptionBudgetRules.disruptionsAllowed(min, 3, 3)).isZero();
    }
}
