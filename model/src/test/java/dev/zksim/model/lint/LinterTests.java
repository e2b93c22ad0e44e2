package dev.zksim.model.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.manifest.SourceMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LinterTests {

    @Test
    void theTutorialEnsembleHasNoFindingAtAll() {
        assertThat(Lint.all(EnsembleFixture.tutorial())).isEmpty();
    }

    @Test
    void ruleIdsAreUniqueAndWellFormedAndEveryRuleCitesItsSource() {
        Set<String> ids = new TreeSet<>();
        for (LintRule r : Linter.standard().rules()) {
            assertThat(ids.add(r.id())).as("duplicate %s", r.id()).isTrue();
            assertThat(r.id()).matches("[a-z]+(-[a-z]+)*");
            assertThat(r.reference()).as(r.id()).matches("https://(kubernetes\\.io|zookeeper\\.apache\\.org)/.*");
            assertThat(r.reason()).as(r.id()).endsWith(".");
        }
        assertThat(ids).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void duplicateRuleIdsAreRejected() {
        LintRule r = Linter.standard().rules().get(0);
        assertThatThrownBy(() -> new Linter(List.of(r, r))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void docsHaveOneSectionPerRuleWithItsSeverityAndSource() throws Exception {
        Path doc = Path.of("..", "docs", "lint.md");
        String text = Files.readString(doc);
        for (LintRule r : Linter.thorough().rules()) {
            int at = text.indexOf("\n### `" + r.id() + "`");
            assertThat(at).as("section for %s in docs/lint.md", r.id()).isPositive();
            int next = text.indexOf("\n### ", at + 1);
            String section = text.substring(at, next < 0 ? text.length() : next);
            assertThat(section).as(r.id()).contains(r.severity().name(), r.reference());
        }
    }

    @Test
    void findingsAreSortedByLineThenRule() {
        Map<String, Integer> lines = new HashMap<>();
        SourceMap.put(lines, 3, "/spec/replicas", 50);
        SourceMap.put(lines, 3, "/spec/template/spec/containers/0/command", 90);
        SourceMap.put(lines, 2, "/spec/maxUnavailable", 30);
        var f = EnsembleFixture.ofSize(4)
                .replicas(5)
                .pdb(null, dev.zksim.model.manifest.IntOrPercent.count(3))
                .purgeIntervalHours(0)
                .sourceMap(new SourceMap(lines));
        List<Finding> found = Lint.all(f);
        assertThat(found)
                .extracting(Finding::ruleId)
                .containsExactly(
                        "pdb-allows-quorum-loss", "replicas-servers-mismatch", "even-ensemble-size", "purge-disabled");
        assertThat(found).extracting(Finding::line).containsExactly(30, 50, 90, 90);
        assertThat(found).isSortedAccordingTo(Finding.ORDER);
    }

    @Test
    void sameInputGivesIdenticalOutput() {
        var f = EnsembleFixture.ofSize(4).syncLimit(2000).purgeIntervalHours(0).pdb(java.util.Optional.empty());
        assertThat(Lint.all(f)).isEqualTo(Lint.all(f)).isNotEmpty();
    }
}
