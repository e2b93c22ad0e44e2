package dev.zksim.report;

import java.nio.file.Path;

/** Writes the sample reports to a directory, to look at them in a browser: {@code SampleWriter DIR}. */
final class SampleWriter {
    private SampleWriter() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        System.out.println(HtmlReport.write(SampleRuns.k8sTutorial(), dir.resolve("k8s-tutorial")));
        System.out.println(HtmlReport.write(SampleRuns.leaderDeletedReal(), dir.resolve("leader-deleted-real")));
    }
}
