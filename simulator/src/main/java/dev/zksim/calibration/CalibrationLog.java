package dev.zksim.calibration;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a pod's log (what {@code kubectl logs} shows: ZooKeeper 3.9.4's own log plus zksim's container lines)
 * that time the phases the Zab model has durations for, with the log's millisecond timestamps. All pods of a
 * simulation log through one JVM clock, so differences between two pods' lines are meaningful.
 */
final class CalibrationLog {
    /** What a line says. */
    enum LineKind {
        /** zksim: "container start N of pod zk-1 at IP" (the kubelet started the container). */
        CONTAINER_START("\\[zksim\\] - container start"),
        /** zksim: "container stop (graceful)" or "container kill". */
        CONTAINER_END("\\[zksim\\] - container (?:stop|kill)"),
        /** QuorumPeer.run: the peer starts an election. */
        LOOKING("QuorumPeer@\\d+\\] - LOOKING\\s*$"),
        /** QuorumPeer.run: the election made this peer the leader. */
        LEADING("QuorumPeer@\\d+\\] - LEADING\\s*$"),
        /** QuorumPeer.run: the election made this peer a follower. */
        FOLLOWING("QuorumPeer@\\d+\\] - FOLLOWING\\s*$"),
        /** Leader.lead's first line: the Leader constructor has bound the quorum port. */
        LEADER_BOUND("Leader@\\d+\\] - LEADING - LEADER ELECTION TOOK"),
        /** Learner.LeaderConnector: a connection attempt to the leader failed (refused, unresolved). */
        CONNECT_FAILED("LeaderConnector.*Unexpected exception, tries="),
        /** Learner.LeaderConnector: connected to the leader's quorum port. */
        CONNECTED("Successfully connected to leader"),
        /** Learner.syncWithLeader: synchronised, serving. */
        UPTODATE("Learner received UPTODATE message"),
        /** FastLeaderElection's WorkerReceiver: a LOOKING peer's notification arrived; {@code number} is its sid. */
        NOTIFICATION("Notification: my state:\\w+; n\\.sid:(\\d+), n\\.state:LOOKING"),
        /** FileTxnSnapLog.fastForwardFromEdits: {@code number} transactions replayed from the log. */
        TXNS_LOADED("(\\d+) txns loaded in \\d+ ms"),
        /** ZKDatabase.loadDataBase: the whole restore took {@code number} ms. */
        RESTORED("Snapshot loaded in (\\d+) ms");

        final Pattern pattern;

        LineKind(String regex) {
            this.pattern = Pattern.compile(regex);
        }
    }

    /** One line: when, what, and the number it carries (-1 if none). */
    record LogEvent(long atMs, LineKind kind, long number) {}

    private static final Pattern STAMP = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}) ");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    /** A pod log read for calibration is at most this long; more is not a calibration run. */
    private static final int MAX_BYTES = 64 << 20;

    private final List<LogEvent> events;

    private CalibrationLog(List<LogEvent> events) {
        this.events = events;
    }

    /** The log's length now: {@link #readFrom} reads what was logged after it. */
    static long mark(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The timed lines logged in {@code log} after {@code offset}. */
    static CalibrationLog readFrom(Path log, long offset) {
        if (!Files.exists(log)) {
            return new CalibrationLog(List.of());
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long len = Math.min(f.length() - offset, MAX_BYTES);
            if (len <= 0) {
                return new CalibrationLog(List.of());
            }
            byte[] b = new byte[(int) len];
            f.seek(offset);
            f.readFully(b);
            return parse(new String(b, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    /** The timed lines of {@code text}; lines without a timestamp (stack traces) are skipped. */
    static CalibrationLog parse(String text) {
        List<LogEvent> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher stamp = STAMP.matcher(line);
            if (!stamp.find()) {
                continue;
            }
            for (LineKind k : LineKind.values()) {
                Matcher m = k.pattern.matcher(line);
                if (m.find()) {
                    long atMs = LocalDateTime.parse(stamp.group(1), FORMAT)
                            .toInstant(ZoneOffset.UTC)
                            .toEpochMilli();
                    out.add(new LogEvent(atMs, k, m.groupCount() > 0 ? Long.parseLong(m.group(1)) : -1));
                    break;
                }
            }
        }
        return new CalibrationLog(List.copyOf(out));
    }

    /** The first line of a kind at or after {@code fromMs}. */
    Optional<LogEvent> first(LineKind kind, long fromMs) {
        return first(e -> e.kind() == kind, fromMs);
    }

    /** The first line matching {@code which} at or after {@code fromMs}. */
    Optional<LogEvent> first(Predicate<LogEvent> which, long fromMs) {
        return events.stream().filter(e -> e.atMs() >= fromMs && which.test(e)).findFirst();
    }

    List<LogEvent> events() {
        return events;
    }
}
