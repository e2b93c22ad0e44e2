package dev.zksim.report;

import dev.zksim.model.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the run report: one self-contained {@code index.html} (inline CSS and SVG, no scripts, no network resources;
 * a Content-Security-Policy forbids both) in a report directory, next to the per-pod logs the engine wrote under
 * {@code logs/}. The same {@link ReportData} always gives the same bytes.
 *
 * <p>The directory may be new, empty, hold only a {@code logs} directory (the engine writes logs while the run goes
 * on), or hold an {@code index.html} that zksim wrote earlier, which is replaced. Anything else is refused, so
 * {@code --report .} in a project never overwrites someone's {@code index.html}. Call {@link #checkTarget(Path)}
 * before the run to refuse early, and {@link #write(ReportData, Path)} after it.
 */
public final class HtmlReport {
    /** The page's file name inside the report directory. */
    public static final String INDEX = "index.html";
    /** The directory, inside the report directory, where engines put per-pod logs. */
    public static final String LOGS = "logs";

    private static final String FLAG = "--report";
    private static final int SNIFF_BYTES = 1024;

    private HtmlReport() {}

    /** The page for {@code data}, as text. */
    public static String render(ReportData data) {
        return ReportPage.render(data);
    }

    /**
     * Writes {@code dir/index.html} (creating {@code dir}), replacing the file atomically where the file system
     * allows, so a reader never sees half a page.
     *
     * @return the path of the page written
     * @throws InvalidInputException when {@code dir} is unusable (see {@link #checkTarget(Path)}) or cannot be written
     */
    public static Path write(ReportData data, Path dir) {
        String html = render(data);
        checkTarget(dir);
        Path index = dir.resolve(INDEX);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".index-", ".html.tmp");
            try {
                Files.writeString(tmp, html, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, index, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new InvalidInputException(
                    null,
                    0,
                    FLAG,
                    "cannot write the report to " + index + ": " + reason(e) + ". Choose a directory you can write to.",
                    e);
        }
        return index;
    }

    /**
     * Refuses a report directory that zksim must not write into: a file, or a non-empty directory that holds neither a
     * report zksim wrote nor only a {@code logs} directory.
     *
     * @throws InvalidInputException naming {@code --report} and the reason
     */
    public static void checkTarget(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(
                    null,
                    0,
                    FLAG,
                    dir + " is a file, not a directory. Name a new or empty" + " directory for the report.");
        }
        List<String> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(
                    null, 0, FLAG, "cannot read the directory " + dir + ": " + reason(e) + ".", e);
        }
        Path index = dir.resolve(INDEX);
        if (entries.contains(INDEX)) {
            if (!writtenByZksim(index)) {
                throw new InvalidInputException(
                        null,
                        0,
                        FLAG,
                        index + " exists and was not written by zksim; it"
                                + " will not be overwritten. Name a new or empty directory for the report.");
            }
            return;
        }
        boolean onlyLogs = entries.stream().allMatch(e -> e.equals(LOGS) && Files.isDirectory(dir.resolve(e)));
        if (!onlyLogs) {
            throw new InvalidInputException(
                    null,
                    0,
                    FLAG,
                    dir + " is not empty and holds no zksim report (found "
                            + String.join(", ", entries.subList(0, Math.min(5, entries.size())))
                            + (entries.size() > 5 ? ", ..." : "") + "). Name a new or empty directory for the report.");
        }
    }

    private static boolean writtenByZksim(Path index) {
        if (!Files.isRegularFile(index)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(index)) {
            String head = new String(in.readNBytes(SNIFF_BYTES), StandardCharsets.UTF_8);
            return head.contains(ReportPage.GENERATOR_MARK);
        } catch (IOException e) {
            return false;
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + " " + e.getMessage();
    }
}
