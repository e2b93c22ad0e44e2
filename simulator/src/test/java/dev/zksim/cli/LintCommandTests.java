package dev.zksim.cli;

import static dev.zksim.cli.CliRun.zksim;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTests {
    /** The lint fixtures of the model module (one per rule); tests run with the simulator module as working dir. */
    private static final Path FIXTURES = Path.of("..", "model", "src", "test", "resources", "lint");

    private static final Path MANIFESTS = Path.of("..", "k8s-manifests");

    @TempDir
    Path tmp;

    private static String fixture(String name) {
        return FIXTURES.resolve(name + ".yaml").toString();
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void cleanManifestExitsZeroWithASummary() {
        CliRun r = zksim("lint", fixture("clean"));
        assertThat(r.code()).isEqualTo(Main.OK);
        assertThat(r.out()).isEqualTo("0 errors, 0 warnings, 0 info in 1 file\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void thoroughAddsTheLimitationsOfTheTutorialDesignAndStillExitsZero() {
        CliRun r = zksim("lint", fixture("clean"), "--thorough");
        assertThat(r.code()).isEqualTo(Main.OK);
        assertThat(r.out())
                .contains("INFO [fixed-server-list]", "My id 4 not in the peer list", "zookeeper-reconfig.yaml")
                .contains("INFO [readiness-probe-ruok]");
        assertThat(zksim("lint", fixture("clean")).out()).doesNotContain("fixed-server-list");
    }

    @Test
    void errorFindingExitsOneAndPrintsLocationRuleMessageAndFix() {
        CliRun r = zksim("lint", fixture("sync-limit-out-of-range"));
        assertThat(r.code()).isEqualTo(Main.CHECK_FAILED);
        String file = fixture("sync-limit-out-of-range");
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo(file + ":98: ERROR [sync-limit-out-of-range]"
                        + " spec.template.spec.containers[0].command --sync_limit");
        assertThat(lines.get(1)).startsWith("  syncLimit=2000 × tickTime=2000 ms = 4000 s: ");
        assertThat(lines.get(2)).startsWith("  fix: Use --sync_limit=5");
        assertThat(lines.get(3)).isEmpty();
        assertThat(lines.get(4)).isEqualTo("1 error, 0 warnings, 0 info in 1 file");
        assertThat(lines).hasSize(5);
    }

    @Test
    void warningsAloneExitZero() {
        CliRun r = zksim("lint", fixture("pdb-missing"));
        assertThat(r.code()).isEqualTo(Main.OK);
        assertThat(r.out()).contains("WARNING [pdb-missing]").endsWith("0 errors, 1 warning, 0 info in 1 file\n");
    }

    @Test
    void severalFilesAreReportedInFileOrder() {
        CliRun r = zksim("lint", fixture("purge-disabled"), fixture("clean"), fixture("pdb-blocks-eviction"));
        assertThat(r.code()).isEqualTo(Main.OK);
        assertThat(r.out().indexOf("[pdb-blocks-eviction]")).isLessThan(r.out().indexOf("[purge-disabled]"));
        assertThat(r.out()).endsWith("0 errors, 1 warning, 1 info in 3 files\n");
    }

    @Test
    void jsonOutputParsesAndCarriesEveryField() throws IOException {
        CliRun r = zksim("lint", "--json", fixture("unknown-field"));
        assertThat(r.code()).isEqualTo(Main.CHECK_FAILED);
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode findings = root.get("findings");
        assertThat(findings.isArray()).isTrue();
        List<String> rules = new ArrayList<>();
        findings.forEach(f -> rules.add(f.get("rule").asText()));
        assertThat(rules).containsExactly("memory-request-missing", "unknown-field");
        JsonNode unknown = findings.get(1);
        assertThat(unknown.get("severity").asText()).isEqualTo("ERROR");
        assertThat(unknown.get("file").asText()).isEqualTo(fixture("unknown-field"));
        assertThat(unknown.get("line").asInt()).isEqualTo(75);
        assertThat(unknown.get("path").asText()).contains("resourcs");
        assertThat(unknown.get("message").asText()).isNotBlank();
        assertThat(unknown.get("fix").asText()).isNotBlank();
        assertThat(unknown.get("reference").asText()).startsWith("https://kubernetes.io/");
        JsonNode summary = root.get("summary");
        assertThat(summary.get("errors").asInt()).isEqualTo(1);
        assertThat(summary.get("warnings").asInt()).isEqualTo(1);
        assertThat(summary.get("info").asInt()).isZero();
        assertThat(summary.get("files").asInt()).isEqualTo(1);
    }

    @Test
    void jsonOfACleanFileHasAnEmptyFindingsArray() throws IOException {
        CliRun r = zksim("lint", fixture("clean"), "--json");
        assertThat(r.code()).isEqualTo(Main.OK);
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("findings").size()).isZero();
        assertThat(root.get("summary").get("files").asInt()).isEqualTo(1);
    }

    @Test
    void outputIsByteIdenticalAcrossRuns() {
        String[] args = {"lint", fixture("unknown-field"), fixture("session-timeout-bounds"), fixture("pdb-missing")};
        assertThat(zksim(args)).isEqualTo(zksim(args));
    }

    @Test
    void bundledManifestsHaveNoErrorLevelFinding() throws IOException {
        List<String> args = new ArrayList<>(List.of("lint"));
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> args.add(p.toString()));
        }
        assertThat(args).hasSizeGreaterThan(4);
        CliRun r = zksim(args.toArray(String[]::new));
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Main.OK);
        assertThat(r.out()).doesNotContain(": ERROR [");
    }

    // --- unreadable input: exit 2, one paragraph on stderr, nothing on stdout, no stack trace

    private static void assertBadInput(CliRun r, String... mentions) {
        assertThat(r.code()).as(r.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("zksim: ").contains(mentions);
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void missingFileIsBadInput() {
        assertBadInput(zksim("lint", tmp.resolve("nope.yaml").toString()), "nope.yaml");
    }

    @Test
    void yamlSyntaxErrorIsBadInputWithItsLine() throws IOException {
        Path p = write("broken.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: [zk-hs\n");
        assertBadInput(zksim("lint", p.toString()), "broken.yaml:");
    }

    @Test
    void fileWithoutAStatefulSetIsBadInput() throws IOException {
        Path p = write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n");
        assertBadInput(zksim("lint", p.toString()), "cm.yaml");
    }

    @Test
    void oneBadFileAmongGoodOnesPrintsNoFindings() {
        assertBadInput(
                zksim(
                        "lint",
                        fixture("sync-limit-out-of-range"),
                        tmp.resolve("missing.yaml").toString()),
                "missing.yaml");
    }

    @Test
    void noManifestIsAUsageError() {
        CliRun r = zksim("lint");
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("MANIFEST");
    }
}
