package dev.zksim.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.List;
import java.util.Optional;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Sends each ZooKeeper log event to the log of the pod whose thread logged it ({@link ThreadScope}); events from
 * threads outside any scope are dropped. {@link #install()} attaches it to ZooKeeper's loggers with additivity off, so
 * ZooKeeper never reaches the console, and two simulations in one JVM never share a file (their threads live in
 * different scopes).
 */
public final class PodLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    /** The appender's name on ZooKeeper's loggers. */
    public static final String NAME = "zksim-pod-logs";

    private static final List<String> ZOOKEEPER_LOGGERS = List.of("org.apache.zookeeper", "org.apache.jute");
    /** The loggers of the election lines {@link PodLog} reads; they must log at INFO at least. */
    private static final List<String> ELECTION_LOGGERS =
            List.of("org.apache.zookeeper.server.quorum.Leader", "org.apache.zookeeper.server.quorum.Follower");

    @Override
    protected void append(ILoggingEvent event) {
        Optional<ThreadScope> scope = ThreadScope.current();
        if (scope.isPresent()) {
            scope.get().log().append(event);
        }
    }

    /**
     * Attaches the appender to ZooKeeper's loggers (idempotent; JVM-wide, because Logback's context is). Returns the
     * Logback context, or null when SLF4J is bound to something else: pods then get only zksim's own lines, and no
     * election reports.
     */
    static synchronized LoggerContext install() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return null;
        }
        for (String name : ZOOKEEPER_LOGGERS) {
            Logger logger = context.getLogger(name);
            if (logger.getAppender(NAME) == null) {
                PodLogAppender a = new PodLogAppender();
                a.setName(NAME);
                a.setContext(context);
                a.start();
                logger.addAppender(a);
            }
            logger.setAdditive(false);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.INFO);
            }
        }
        for (String name : ELECTION_LOGGERS) {
            Logger logger = context.getLogger(name);
            if (!logger.isInfoEnabled()) {
                logger.setLevel(Level.INFO);
            }
        }
        return context;
    }
}
