package dev.zksim.model.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import org.junit.jupiter.api.Test;

class EnsembleSizeRulesTests {

    @Test
    void morePodsThanServersCrashLoopTheExtraPods() {
        var f = EnsembleFixture.tutorial().replicas(5);
        assertThat(Lint.of(f, "replicas-servers-mismatch")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.path()).isEqualTo("spec.replicas");
            assertThat(x.message()).contains("zk-3..zk-4", "My id 4 not in the peer list");
        });
    }

    /** zk-reconfig-start has no server list: the reconfig manifest scaled to 5 (as `zksim bench --replicas 5`). */
    @Test
    void aReconfigManifestScaledHasNoServerListToDisagreeWith() throws Exception {
        var spec = dev.zksim.model.manifest.ManifestLoader.loadStrict(
                java.nio.file.Path.of("..", "k8s-manifests", "zookeeper-reconfig.yaml"));
        var scaled = spec.withStatefulSet(spec.statefulSet().withReplicas(5));
        assertThat(Linter.standard().lint(LintContext.of(scaled)))
                .noneMatch(x -> x.ruleId().equals("replicas-servers-mismatch"));
    }

    @Test
    void fewerPodsThanServersShrinksTheTolerance() {
        var f = EnsembleFixture.tutorial().replicas(4).servers(5);
        assertThat(Lint.of(f, "replicas-servers-mismatch")).singleElement().satisfies(x -> assertThat(x.message())
                .contains("needs 3 votes", "tolerates 1 pod failure(s) instead of 2"));
    }

    @Test
    void tooFewPodsForAnyQuorum() {
        var f = EnsembleFixture.tutorial().replicas(2).servers(5);
        assertThat(Lint.of(f, "replicas-servers-mismatch")).singleElement().satisfies(x -> assertThat(x.message())
                .contains("can never form a quorum"));
    }

    @Test
    void oneServerConfiguredForThreePodsMeansThreeStandaloneServers() {
        var f = EnsembleFixture.tutorial().servers(1);
        assertThat(Lint.of(f, "replicas-servers-mismatch")).singleElement().satisfies(x -> assertThat(x.message())
                .contains("standalone", "diverging"));
    }

    @Test
    void evenSizeIsAWarningAndOddSizesAreFine() {
        assertThat(Lint.of(EnsembleFixture.ofSize(4), "even-ensemble-size"))
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.severity()).isEqualTo(Severity.WARNING);
                    assertThat(x.path()).isEqualTo("spec.template.spec.containers[0].command --servers");
                    assertThat(x.message()).contains("needs 3", "same as 3 servers");
                });
        assertThat(Lint.of(EnsembleFixture.ofSize(2), "even-ensemble-size"))
                .singleElement()
                .satisfies(x -> assertThat(x.message()).contains("no failure"));
        for (int n : new int[] {1, 3, 5, 7}) {
            assertThat(Lint.of(EnsembleFixture.ofSize(n), "even-ensemble-size"))
                    .as("size %d", n)
                    .isEmpty();
        }
    }

    @Test
    void standaloneIsInfoOnly() {
        var f = EnsembleFixture.ofSize(1).pdb(null, dev.zksim.model.manifest.IntOrPercent.count(1));
        assertThat(Lint.all(f)).singleElement().satisfies(x -> {
            assertThat(x.ruleId()).isEqualTo("standalone-ensemble");
            assertThat(x.severity()).isEqualTo(Severity.INFO);
        });
        assertThat(Lint.of(EnsembleFixture.tutorial(), "standalone-ensemble")).isEmpty();
    }

    @Test
    void aFixedServerListExplainsWhatScalingDoesOnlyInTheThoroughLint() {
        var f = EnsembleFixture.tutorial();
        assertThat(Lint.of(f, "fixed-server-list")).as("standard lint").isEmpty();
        var found = Linter.thorough().lint(f.context()).stream()
                .filter(x -> x.ruleId().equals("fixed-server-list"))
                .toList();
        assertThat(found).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.INFO);
            assertThat(x.path()).isEqualTo("spec.template.spec.containers[0].command --servers");
            // the tutorial's PDB (maxUnavailable: 1): 5 expected, 4 needed, 3 healthy
            assertThat(x.message())
                    .contains(
                            "--replicas=5",
                            "zk-3 (myid 4)",
                            "My id 4 not in the peer list",
                            "expects 5 pods, needs 4 healthy and sees 3, so it allows 0 eviction(s)",
                            "every drain is refused");
            assertThat(x.fix()).contains("k8s-manifests/zookeeper-reconfig.yaml", "reconfig -add");
        });
    }

    @Test
    void aMinAvailableBudgetStillAllowsADrainAfterTheScale() {
        var f = EnsembleFixture.tutorial().pdbMinAvailable(dev.zksim.model.manifest.IntOrPercent.count(2));
        assertThat(Linter.thorough().lint(f.context()).stream()
                        .filter(x -> x.ruleId().equals("fixed-server-list")))
                .singleElement()
                .satisfies(x -> assertThat(x.message())
                        .contains("needs 2 healthy and sees 3, so it allows 1 eviction(s)")
                        .doesNotContain("every drain is refused"));
    }

    @Test
    void aStandaloneServerHasNoServerListToFix() {
        assertThat(Linter.thorough().lint(EnsembleFixture.ofSize(1).context()).stream()
                        .filter(x -> x.ruleId().equals("fixed-server-list")))
                .isEmpty();
    }
}
