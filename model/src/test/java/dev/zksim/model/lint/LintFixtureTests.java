package dev.zksim.model.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.InvalidInputException;
import dev.zksim.model.manifest.ManifestLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end over YAML: each file in {@code src/test/resources/lint/} is the tutorial manifest (for the observer rules,
 * k8s-manifests/zookeeper-observers.yaml) with one thing broken,
 * and lists in its header exactly the findings it must produce ({@code # expect: RULE SEVERITY line N}, or
 * {@code # expect: nothing}). {@code <rule-id>.yaml} triggers that rule; {@code clean.yaml} triggers none;
 * {@code rejected--*.yaml} are manifests the API server would reject outright, which the loader refuses as bad input
 * ({@code # expect: invalid-input line N}: {@code zksim lint} exits 2 naming that line).
 */
class LintFixtureTests {
    private static final Path FIXTURES = Path.of("src", "test", "resources", "lint");
    private static final Path BUNDLED = Path.of("..", "k8s-manifests");
    private static final Pattern EXPECT = Pattern.compile("^# expect: (\\S+) (ERROR|WARNING|INFO) line (\\d+)$");
    private static final Pattern INVALID = Pattern.compile("^# expect: invalid-input line (\\d+)$");

    static Stream<Path> fixtures() throws IOException {
        return Files.list(FIXTURES).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    private static List<String> expected(Path fixture) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(fixture)) {
            Matcher m = EXPECT.matcher(line);
            if (m.matches()) {
                out.add(m.group(1) + " " + m.group(2) + " line " + m.group(3));
            }
            Matcher invalid = INVALID.matcher(line);
            if (invalid.matches()) {
                out.add("invalid-input line " + invalid.group(1));
            }
        }
        return out;
    }

    private static List<String> actual(Path file) {
        List<String> out = new ArrayList<>();
        try {
            for (Finding f : Linter.standard().lint(LintContext.of(ManifestLoader.load(file)))) {
                out.add(f.ruleId() + " " + f.severity() + " line " + f.line());
            }
        } catch (InvalidInputException e) {
            out.add("invalid-input line " + e.line());
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureProducesExactlyItsExpectedFindings(Path fixture) throws IOException {
        List<String> expected = expected(fixture);
        assertThat(Files.readString(fixture)).as("fixture header").containsPattern("(?m)^# expect: ");
        assertThat(actual(fixture)).as(fixture.toString()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyRuleHasAFixtureThatTriggersIt() throws IOException {
        for (LintRule rule : Linter.standard().rules()) {
            Path fixture = FIXTURES.resolve(rule.id() + ".yaml");
            assertThat(fixture).as("fixture for %s", rule.id()).exists();
            assertThat(expected(fixture)).as(rule.id()).anyMatch(e -> e.startsWith(rule.id() + " "));
        }
    }

    @Test
    void cleanFixtureTriggersNothing() {
        assertThat(actual(FIXTURES.resolve("clean.yaml"))).isEmpty();
    }

    @Test
    void bundledManifestsHaveNoErrorLevelFinding() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(BUNDLED)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        LintReport report = Linter.standard().lintFiles(files);
        assertThat(report.findings())
                .filteredOn(f -> f.severity() == Severity.ERROR)
                .isEmpty();
        assertThat(report.files()).isEqualTo(files.size());
    }
}
