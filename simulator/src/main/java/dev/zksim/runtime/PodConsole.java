package dev.zksim.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Optional;

/**
 * {@code System.out} and {@code System.err} for a JVM full of pods: bytes written by a thread of a {@link ThreadScope}
 * go, line by line, to that scope's log (as a container's stdout goes to {@code kubectl logs}); bytes from any other
 * thread go to the stream that was there before.
 *
 * <p>Why: some of ZooKeeper's server code prints instead of logging — {@code PurgeTxnLog} prints "Removing file: ..."
 * for every snapshot and log the autopurge task deletes — and without this the pods' purges would appear in the
 * middle of zksim's own console output.
 *
 * <p>{@link #install()} wraps the current streams once; if something replaces them later (a test capturing the
 * console), the next install wraps the new ones. The streams are never unwrapped: what they pass through is
 * unchanged.
 */
final class PodConsole extends OutputStream {
    private final String name;
    private final PrintStream passThrough;

    private PodConsole(String name, PrintStream passThrough) {
        this.name = name;
        this.passThrough = passThrough;
    }

    /** Marks a stream this class already wraps. */
    private static final class Routed extends PrintStream {
        Routed(PodConsole target) {
            super(target, true);
        }
    }

    /** Routes {@code System.out} and {@code System.err} by thread (idempotent while nobody replaces them). */
    static synchronized void install() {
        if (!(System.out instanceof Routed)) {
            System.setOut(new Routed(new PodConsole("stdout", System.out)));
        }
        if (!(System.err instanceof Routed)) {
            System.setErr(new Routed(new PodConsole("stderr", System.err)));
        }
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        Optional<ThreadScope> scope = ThreadScope.current();
        if (scope.isPresent()) {
            scope.get().console(name, b, off, len);
        } else {
            passThrough.write(b, off, len);
        }
    }

    @Override
    public void flush() throws IOException {
        passThrough.flush();
    }
}
