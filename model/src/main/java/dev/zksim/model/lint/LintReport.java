package dev.zksim.model.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * The findings of one {@code zksim lint} run over one or more files.
 *
 * @param findings all findings, in {@link Finding#ORDER}
 * @param files how many files were linted
 */
public record LintReport(List<Finding> findings, int files) {

    public LintReport {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Finding.ORDER);
        findings = List.copyOf(sorted);
        if (files < 0) {
            throw new IllegalArgumentException("negative file count " + files);
        }
    }

    /** How many findings have {@code severity}. */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** Whether any finding is at {@link Severity#ERROR} (then {@code zksim lint} exits 1). */
    public boolean hasErrors() {
        return count(Severity.ERROR) > 0;
    }

    /** {@code 2 errors, 1 warning, 0 info in 1 file}. */
    public String summary() {
        return plural(count(Severity.ERROR), "error") + ", " + plural(count(Severity.WARNING), "warning") + ", "
                + count(Severity.INFO) + " info in " + plural(files, "file");
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
