package dev.zksim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zksim.model.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriteTests {
    @TempDir
    Path tmp;

    private static final ReportData DATA = SampleRuns.k8sTutorial();

    private static String listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return String.join(
                    ",", s.map(p -> dir.relativize(p).toString()).sorted().toList());
        }
    }

    @Test
    void writesIndexIntoANewDirectoryAndLeavesNothingElse() throws IOException {
        Path dir = tmp.resolve("a/b/report");
        Path index = HtmlReport.write(DATA, dir);
        assertThat(index).isEqualTo(dir.resolve("index.html"));
        assertThat(Files.readString(index, StandardCharsets.UTF_8)).isEqualTo(HtmlReport.render(DATA));
        assertThat(listing(dir)).isEqualTo(",index.html");
    }

    @Test
    void sameDataSameBytesInTwoDirectories() throws IOException {
        Path one = HtmlReport.write(SampleRuns.k8sTutorial(), tmp.resolve("one"));
        Path two = HtmlReport.write(SampleRuns.k8sTutorial(), tmp.resolve("two"));
        assertThat(Files.readAllBytes(one)).isEqualTo(Files.readAllBytes(two));
    }

    @Test
    void acceptsAnEmptyDirectoryOrOneWithOnlyTheEnginesLogs() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        HtmlReport.write(DATA, empty);
        Path withLogs = tmp.resolve("with-logs");
        Files.createDirectories(withLogs.resolve("logs"));
        Files.writeString(withLogs.resolve("logs/zk-0.log"), "[myid:1] hello\n");
        HtmlReport.write(DATA, withLogs);
        assertThat(listing(withLogs)).isEqualTo(",index.html,logs,logs/zk-0.log");
        assertThat(Files.readString(withLogs.resolve("logs/zk-0.log"))).isEqualTo("[myid:1] hello\n");
    }

    @Test
    void replacesItsOwnEarlierReport() throws IOException {
        Path dir = tmp.resolve("r");
        HtmlReport.write(ReportData.builder("first", "model").build(), dir);
        Files.writeString(dir.resolve("notes.txt"), "mine");
        HtmlReport.write(DATA, dir);
        assertThat(Files.readString(dir.resolve("index.html"))).isEqualTo(HtmlReport.render(DATA));
        assertThat(listing(dir)).isEqualTo(",index.html,notes.txt");
    }

    @Test
    void refusesSomeoneElsesIndexAndLeavesItAlone() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("site"));
        Files.writeString(dir.resolve("index.html"), "<html><body>my site</body></html>");
        assertThatThrownBy(() -> HtmlReport.write(DATA, dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--report: ")
                .hasMessageContaining("was not written by zksim");
        assertThat(Files.readString(dir.resolve("index.html"))).isEqualTo("<html><body>my site</body></html>");
        assertThat(listing(dir)).isEqualTo(",index.html");
    }

    @Test
    void refusesANonEmptyDirectoryWithoutAReport() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("project"));
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Files.createDirectory(dir.resolve("src"));
        assertThatThrownBy(() -> HtmlReport.checkTarget(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not empty and holds no zksim report (found pom.xml, src)");
        Path logsFile = Files.createDirectory(tmp.resolve("logs-is-a-file"));
        Files.writeString(logsFile.resolve("logs"), "");
        assertThatThrownBy(() -> HtmlReport.checkTarget(logsFile)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void refusesAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("report.html"), "x");
        assertThatThrownBy(() -> HtmlReport.write(DATA, file))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("--report"))
                .hasMessageContaining("is a file, not a directory");
    }
}
