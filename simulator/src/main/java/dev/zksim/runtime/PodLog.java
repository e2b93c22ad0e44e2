package dev.zksim.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * One pod's log file, like {@code kubectl logs zk-0} across restarts: ZooKeeper's lines in ZooKeeper's own layout
 * ({@code conf/logback.xml}: {@code %d{ISO8601} [myid:%X{myid}] - %-5p [%t:%C{1}@%L] - %m%n}), with the pod's server id
 * in every line (ZooKeeper sets the {@code myid} MDC only in the thread that parses its config, and Logback does not
 * pass MDC on to child threads, so the id is written from the pod's identity instead).
 *
 * <p>It also reads what ZooKeeper reports about elections: the line {@code "LEADING - LEADER ELECTION TOOK - <n> MS"}
 * (Leader.lead) or {@code "FOLLOWING - ..."} (Follower.followLeader) becomes an {@link ElectionReport}. That number is
 * the one JMX's {@code ElectionTimeTaken} shows in the pod's own MBean server ({@link PodMBeanRegistry}); the log line
 * is used because it carries the instant of the election, where JMX would have to be polled. Thread-safe.
 */
final class PodLog implements AutoCloseable {
    private static final DateTimeFormatter ISO8601 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS").withZone(ZoneId.systemDefault());

    private final Path file;
    private final String pod;
    private final String myidLabel;
    private final PatternLayout layout;
    private final OutputStream out;
    private volatile Level threshold = Level.INFO;
    private volatile Consumer<ElectionReport> electionListener = r -> {};
    private boolean closed; // guarded by this

    /**
     * Opens (appends to) {@code file}.
     *
     * @param myidLabel what goes between {@code [myid:} and {@code ]}: the server id, or e.g. {@code client}
     * @param context the Logback context to lay out ZooKeeper's events with, or null when Logback is not the binding
     */
    PodLog(Path file, String pod, String myidLabel, LoggerContext context) {
        this.file = file;
        this.pod = pod;
        this.myidLabel = myidLabel;
        if (context != null) {
            PatternLayout l = new PatternLayout();
            l.setContext(context);
            l.setPattern("%d{ISO8601} [myid:" + myidLabel.replaceAll("[^A-Za-z0-9_.-]", "_")
                    + "] - %-5level [%thread:%C{1}@%L] - %msg%n");
            l.start();
            this.layout = l;
        } else {
            this.layout = null;
        }
        try {
            Files.createDirectories(file.getParent());
            this.out = new BufferedOutputStream(
                    Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open pod log " + file, e);
        }
    }

    Path file() {
        return file;
    }

    /** Lines below {@code level} are not written ({@code start-zookeeper --log_level}); elections are still read. */
    void setThreshold(Level level) {
        this.threshold = level;
    }

    void setElectionListener(Consumer<ElectionReport> listener) {
        this.electionListener = listener;
    }

    /** Writes one of ZooKeeper's events (called by {@link PodLogAppender} in the logging thread). */
    void append(ILoggingEvent event) {
        readElection(event);
        if (layout == null || !event.getLevel().isGreaterOrEqual(threshold)) {
            return;
        }
        write(layout.doLayout(event));
    }

    /** Writes a line of zksim's own about this pod (container started, killed, exit code). */
    void note(String level, String message, Throwable error) {
        StringBuilder sb = new StringBuilder(ISO8601.format(Instant.now()))
                .append(" [myid:")
                .append(myidLabel)
                .append("] - ")
                .append(String.format("%-5s", level))
                .append(" [zksim] - ")
                .append(message)
                .append('\n');
        if (error != null) {
            StringWriter w = new StringWriter();
            error.printStackTrace(new PrintWriter(w));
            sb.append(w);
        }
        write(sb.toString());
    }

    private void readElection(ILoggingEvent event) {
        String m = event.getMessage();
        if (m == null || !m.contains("LEADER ELECTION TOOK")) {
            return;
        }
        Object[] args = event.getArgumentArray();
        if (args == null || args.length == 0 || !(args[0] instanceof Number n)) {
            return;
        }
        String role = m.startsWith("LEADING") ? "LEADING" : m.startsWith("FOLLOWING") ? "FOLLOWING" : "OBSERVING";
        electionListener.accept(new ElectionReport(pod, role, n.longValue(), event.getTimeStamp()));
    }

    private synchronized void write(String text) {
        if (closed) {
            return;
        }
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            closed = true; // a full disk must not take the server down with it; the log just ends
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing left to save
            }
        }
        if (layout != null) {
            layout.stop();
        }
    }
}
