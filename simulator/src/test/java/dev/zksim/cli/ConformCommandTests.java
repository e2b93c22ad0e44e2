package dev.zksim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code zksim conform}'s bad input is refused before any scenario runs: exit 2 and one paragraph naming the option.
 * (The runs themselves are {@code dev.zksim.conformance.ConformanceTests}.)
 */
class ConformCommandTests {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            --scenarios | 0       | --scenarios: '0' is not a number of scenarios; give 1 to 100,000.
            --parallel  | 9       | --parallel: '9' scenarios at once is not possible here; give 1 to 8
            --actions   | 0       | --actions: '0' is not a number of actions; give 1 to 50.
            --tolerance | soon    | --tolerance: 'soon' is not a duration
            --tolerance | -5ms    | --tolerance: '-5ms' is not a duration
            """)
    void badOptionsAreExitTwoWithOneParagraph(String option, String value, String problem, @TempDir Path dir) {
        CliRun r = CliRun.zksim(
                "conform",
                "--out",
                dir.resolve("out").toString(),
                "--manifest",
                CliRun.manifest("zookeeper.yaml").toString(),
                option,
                value);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.out()).doesNotContain("conform:");
        assertThat(r.err()).startsWith("zksim: ").contains(problem).doesNotContain("\tat ");
        assertThat(r.err().strip()).doesNotContain("\n");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aMissingManifestIsExitTwoNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        CliRun r = CliRun.zksim("conform", "--out", dir.resolve("out").toString(), "--manifest", missing.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("zksim: ").contains("nope.yaml").doesNotContain("\tat ");
        assertThat(r.err().strip()).doesNotContain("\n");
    }

    @Test
    void anOutputThatIsAFileIsExitTwo(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        CliRun r = CliRun.zksim(
                "conform",
                "--out",
                file.toString(),
                "--manifest",
                CliRun.manifest("zookeeper.yaml").toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("zksim: ").contains("--out").doesNotContain("\tat ");
    }

    @Test
    void helpNamesTheOptions() {
        CliRun r = CliRun.zksim("conform", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("--scenarios")
                .contains("--seed")
                .contains("--out")
                .contains("--parallel")
                .contains("--manifest")
                .contains("--tolerance");
    }
}
