package dev.zksim.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * The threads of one container instance (or of a simulation's clients), whatever code created them.
 *
 * <p>Why a {@link ThreadGroup}: a ZooKeeper server starts dozens of threads from deep inside its own code
 * (QuorumPeer, election workers, NIO selectors and workers, request processors, learner handlers, timers). A thread
 * joins the group of the thread that creates it, so starting a server from a thread of its scope puts every thread the
 * server ever starts into that scope, with no hook in ZooKeeper. The scope then answers three questions no other
 * mechanism answers for third-party threads: whose log is this line ({@link PodLogAppender}), whose console output
 * is this ({@link PodConsole}), whose system properties does this thread see ({@link PodSystemProperties}), which
 * container asked to exit, and which threads are still alive after a stop (the leak check).
 */
final class ThreadScope extends ThreadGroup {
    private final PodLog log;
    private final IntConsumer exitRequested;
    /** The process's own system properties over the JVM's (container scopes only; null for the clients' scope). */
    private final ConcurrentHashMap<String, String> systemProperties;

    private final ByteArrayOutputStream consoleLine = new ByteArrayOutputStream(); // guarded by itself

    /**
     * @param log where the scope's log lines go
     * @param exitRequested called with the exit code when code in the scope asks ZooKeeper to exit the JVM
     */
    ThreadScope(ThreadGroup parent, String name, PodLog log, IntConsumer exitRequested) {
        this(parent, name, log, exitRequested, null);
    }

    private ThreadScope(
            ThreadGroup parent,
            String name,
            PodLog log,
            IntConsumer exitRequested,
            ConcurrentHashMap<String, String> systemProperties) {
        super(parent, name); // not a daemon group (inherited): JDK 17 would destroy a daemon group with its last thread
        this.log = log;
        this.exitRequested = exitRequested;
        this.systemProperties = systemProperties;
    }

    /** The scope of one container start: a process, with system properties of its own. */
    static ThreadScope forProcess(ThreadGroup parent, String name, PodLog log, IntConsumer exitRequested) {
        return new ThreadScope(parent, name, log, exitRequested, new ConcurrentHashMap<>());
    }

    /** The scope of the current thread, if it runs in one. */
    static Optional<ThreadScope> current() {
        for (ThreadGroup g = Thread.currentThread().getThreadGroup(); g != null; g = g.getParent()) {
            if (g instanceof ThreadScope s) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    PodLog log() {
        return log;
    }

    void exitRequested(int code) {
        exitRequested.accept(code);
    }

    /** The system properties this process set itself, over the JVM's; empty for a scope that is no process. */
    Optional<ConcurrentHashMap<String, String>> systemProperties() {
        return Optional.ofNullable(systemProperties);
    }

    /** Bytes the scope's threads wrote to {@code System.out} or {@code System.err}: each full line goes to the log. */
    void console(String stream, byte[] b, int off, int len) {
        synchronized (consoleLine) {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    String line = consoleLine.toString(StandardCharsets.UTF_8);
                    consoleLine.reset();
                    log.note("INFO", stream + ": " + line.stripTrailing(), null);
                } else {
                    consoleLine.write(b[i]);
                }
            }
        }
    }

    /** The live threads of this scope and its subgroups. */
    List<Thread> liveThreads() {
        Thread[] buf = new Thread[Math.max(16, activeCount() * 2)];
        int n;
        while ((n = enumerate(buf, true)) == buf.length) {
            buf = new Thread[buf.length * 2];
        }
        List<Thread> live = new ArrayList<>(Arrays.asList(buf).subList(0, n));
        live.removeIf(t -> !t.isAlive());
        return live;
    }

    /** An exception nobody caught goes to the scope's log, as a dying thread's stack trace goes to a pod's stderr. */
    @Override
    public void uncaughtException(Thread t, Throwable e) {
        log.note("ERROR", "uncaught exception in thread " + t.getName(), e);
    }
}
