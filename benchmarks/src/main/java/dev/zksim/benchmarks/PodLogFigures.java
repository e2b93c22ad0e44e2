package dev.zksim.benchmarks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ZooKeeper's own figures for a database restore, read from a pod's log (what {@code kubectl logs} shows) after a
 * mark: {@code ZKDatabase.loadDataBase}'s "Snapshot loaded in N ms", which times the whole restore (reading the
 * snapshot and replaying the log after it), and {@code FileTxnSnapLog.fastForwardFromEdits}' "N txns loaded in M ms",
 * the replay part of it (ZooKeeper 3.9.4; logged only when the log held transactions after the snapshot). Seen in a
 * pod's log: "30003 txns loaded in 625 ms" followed by "Snapshot loaded in 626 ms".
 */
final class PodLogFigures {
    private static final Pattern SNAPSHOT = Pattern.compile("Snapshot loaded in (\\d+) ms");
    private static final Pattern TXNS = Pattern.compile("(\\d+) txns loaded in (\\d+) ms");

    private PodLogFigures() {}

    /** The log's length now: figures are read from here on. */
    static long mark(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * ZooKeeper's last restore after {@code mark}.
     *
     * @param restoreMs the whole restore ("Snapshot loaded in"), -1 when none was logged
     * @param txns transactions replayed from the log after the snapshot
     * @param txnReplayMs the replay's share of {@code restoreMs}
     */
    record Restore(long restoreMs, long txns, long txnReplayMs) {}

    /** The figures logged after {@code mark}, or empty values (-1 snapshot load) when ZooKeeper logged none. */
    static Restore restoreSince(Path log, long mark) {
        String text = readFrom(log, mark);
        long snapshot = -1;
        Matcher m = SNAPSHOT.matcher(text);
        while (m.find()) {
            snapshot = Long.parseLong(m.group(1));
        }
        long txns = 0;
        long replay = 0;
        Matcher t = TXNS.matcher(text);
        while (t.find()) {
            txns = Long.parseLong(t.group(1));
            replay = Long.parseLong(t.group(2));
        }
        return new Restore(snapshot, txns, replay);
    }

    private static String readFrom(Path log, long offset) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long len = f.length() - offset;
            if (len <= 0) {
                return "";
            }
            byte[] b = new byte[(int) Math.min(len, 64L << 20)];
            f.seek(offset);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }
}
