package dev.zksim.report;

/**
 * A pod's log file, linked from the report.
 *
 * @param pod the pod whose log it is ({@code zk-0})
 * @param relativePath where it lies, relative to the report directory, with {@code /} separators
 *     ({@code logs/zk-0.log}); it must stay inside the report directory (no leading {@code /}, no {@code ..} or empty
 *     segments, no backslash), so the page works wherever the directory is copied
 */
public record LogLink(String pod, String relativePath) {
    public LogLink {
        Checks.nonBlank(pod, "pod");
        Checks.nonBlank(relativePath, "relativePath");
        if (relativePath.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("relativePath uses / as separator: " + relativePath);
        }
        for (String segment : relativePath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(
                        "relativePath must be relative and stay inside the report" + " directory: " + relativePath);
            }
        }
    }
}
