package dev.zksim.model.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pdb-counts-observers} and {@code pdb-expects-replicas} on k8s-manifests/zookeeper-observers.yaml (issue #15):
 * the shipped manifest passes; one changed field gives exactly the finding.
 */
class ObserverBudgetRulesTests {
    private static final Path OBSERVERS = Path.of("..", "k8s-manifests", "zookeeper-observers.yaml");
    private static final String PARTICIPANTS_ONLY = "    matchExpressions:\n"
            + "    - key: apps.kubernetes.io/pod-index\n"
            + "      operator: In\n"
            + "      values: [\"0\", \"1\", \"2\"]\n";

    @TempDir
    Path dir;

    /** Lints the shipped manifest with each {@code from, to} pair of {@code edits} replaced. */
    private List<Finding> lint(String... edits) throws IOException {
        String text = Files.readString(OBSERVERS, StandardCharsets.UTF_8);
        for (int i = 0; i < edits.length; i += 2) {
            assertThat(text).contains(edits[i]);
            text = text.replace(edits[i], edits[i + 1]);
        }
        Path f = dir.resolve("zookeeper-observers.yaml");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return Linter.standard().lintFiles(List.of(f)).findings();
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).toList();
    }

    @Test
    void theShippedObserversManifestHasNoFinding() throws IOException {
        assertThat(lint()).isEmpty();
    }

    /** Dropping the pod-index expression makes the budget count zk-3 and zk-4, which do not vote. */
    @Test
    void aBudgetOverEveryPodCountsTheObservers() throws IOException {
        List<Finding> all = lint(PARTICIPANTS_ONLY, "");
        // minAvailable 2 of 5 also allows three evictions: pdb-allows-quorum-loss says so too
        assertThat(ids(all)).containsExactlyInAnyOrder("pdb-counts-observers", "pdb-allows-quorum-loss");
        // its quorum is of the participants, not of the five pods
        assertThat(all.stream()
                        .filter(x -> x.ruleId().equals("pdb-allows-quorum-loss"))
                        .findFirst()
                        .orElseThrow()
                        .message())
                .contains("allows 3 voluntary eviction(s)", "needs 2 of 3 participants", "can lose only 1");
        List<Finding> f = all.stream()
                .filter(x -> x.ruleId().equals("pdb-counts-observers"))
                .toList();
        assertThat(f.get(0).message()).contains("[zk-3, zk-4]", "--participants=3", "do not vote");
        assertThat(f.get(0).fix()).contains("apps.kubernetes.io/pod-index", "\"0\", \"1\", \"2\"", "minAvailable: 2");
        assertThat(f.get(0).line()).isGreaterThan(0);
    }

    /** A selector that also takes ordinal 3 counts one observer. */
    @Test
    void aBudgetOverOneObserverIsFound() throws IOException {
        List<Finding> f = lint("values: [\"0\", \"1\", \"2\"]", "values: [\"0\", \"1\", \"2\", \"3\"]");
        // minAvailable 2 of the four selected allows two evictions, which may both be participants: quorum lost
        assertThat(ids(f)).containsExactly("pdb-counts-observers", "pdb-allows-quorum-loss");
        assertThat(f.get(0).message()).contains("[zk-3]");
    }

    /** Without --participants every pod votes: a budget over every pod counts no observer. */
    @Test
    void withoutTheFlagNoPodIsAnObserver() throws IOException {
        assertThat(ids(lint(
                        "        - --participants=3\n",
                        "",
                        PARTICIPANTS_ONLY,
                        "",
                        "minAvailable: 2",
                        "minAvailable: 3")))
                .doesNotContain("pdb-counts-observers", "pdb-expects-replicas");
    }

    /**
     * maxUnavailable: 1 over the three participants: the disruption controller expects the StatefulSet's 5 pods, wants
     * 4 healthy and counts at most 3, so it never allows an eviction.
     */
    @Test
    void maxUnavailableOverPartOfThePodsNeverAllowsAnEviction() throws IOException {
        List<Finding> f = lint("minAvailable: 2", "maxUnavailable: 1");
        assertThat(ids(f)).containsExactly("pdb-expects-replicas");
        assertThat(f.get(0).message())
                .contains("selects 3 of the StatefulSet's 5 pods", "wants 4 healthy", "allows 0 eviction(s)");
        assertThat(f.get(0).fix()).contains("minAvailable: 2");
    }

    /** A percentage minAvailable is of the replicas too: 50% of 5 rounds up to 3, all three participants. */
    @Test
    void aPercentageMinAvailableOverPartOfThePodsIsFound() throws IOException {
        List<Finding> f = lint("minAvailable: 2", "minAvailable: 50%");
        assertThat(ids(f)).containsExactly("pdb-expects-replicas");
        assertThat(f.get(0).message()).contains("wants 3 healthy", "allows 0 eviction(s)");
    }

    /** maxUnavailable over every pod matches them all: the expected count is right, no pdb-expects-replicas. */
    @Test
    void maxUnavailableOverEveryPodIsNotThisRulesFinding() throws IOException {
        List<Finding> f = lint(PARTICIPANTS_ONLY, "", "minAvailable: 2", "maxUnavailable: 1");
        assertThat(ids(f)).containsExactly("pdb-counts-observers");
    }

    /**
     * --participants=4 of 5: four voters tolerate one failure, like three; --participants=2: either participant down
     * stops writes. The finding points at the flag's line, and even-ensemble-size stands back.
     */
    @Test
    void anEvenOrTooSmallParticipantCountIsFound() throws IOException {
        List<Finding> four = lint(
                "        - --participants=3\n",
                "        - --participants=4\n",
                "values: [\"0\", \"1\", \"2\"]",
                "values: [\"0\", \"1\", \"2\", \"3\"]",
                "minAvailable: 2",
                "minAvailable: 3");
        assertThat(ids(four)).containsExactly("participants-size");
        assertThat(four.get(0).message()).contains("quorum is 3 of 4", "tolerates 1 participant failure(s)");
        String text = Files.readString(OBSERVERS, StandardCharsets.UTF_8);
        int flagLine = (int) text.substring(0, text.indexOf("        - --participants=3\n"))
                        .chars()
                        .filter(c -> c == '\n')
                        .count()
                + 1;
        assertThat(four.get(0).line()).isEqualTo(flagLine);

        List<Finding> two = lint(
                "        - --participants=3\n",
                "        - --participants=2\n",
                "values: [\"0\", \"1\", \"2\"]",
                "values: [\"0\", \"1\"]",
                "minAvailable: 2",
                "minAvailable: 1");
        assertThat(ids(two)).contains("participants-size");
        assertThat(two.stream()
                        .filter(f -> f.ruleId().equals("participants-size"))
                        .findFirst()
                        .orElseThrow()
                        .message())
                .contains("either participant going down");
        // replicas 4 with 3 participants: four servers, but only three vote, so no even-ensemble-size
        assertThat(ids(lint("  replicas: 5\n", "  replicas: 4\n"))).isEmpty();
    }
}
