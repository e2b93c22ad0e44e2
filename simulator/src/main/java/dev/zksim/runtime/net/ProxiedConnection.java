package dev.zksim.runtime.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One TCP connection through the fault layer: the socket a caller opened to a pod's published address, and the
 * forwarder's own socket to that pod's server on its hidden address, with one thread per direction copying bytes as
 * {@link LinkRules} allows. The caller is identified first ({@link PeerHandshake}); the connection to the server is
 * opened only once the caller's link to it is not stalled, so a silent pod sees no half-open connections from it.
 *
 * <p>Closing: an end of stream is passed on as a half-close once the direction may pass (a FIN does not cross a stalled
 * link either); a reset or a dropped link closes both sockets with RST ({@code SO_LINGER 0}).
 */
final class ProxiedConnection {
    /** How long a caller may take to name itself; ZooKeeper sends its handshake right after connecting. */
    static final int HANDSHAKE_TIMEOUT_MS = 30_000;
    /** How long connecting to the hidden address may take (loopback: refused or accepted at once). */
    static final int CONNECT_TIMEOUT_MS = 5_000;
    /** How long a refused connect to the server is retried (see {@link #connectToServer}). */
    static final long REFUSED_RETRY_MS = 2_000;

    private static final long REFUSED_RETRY_PAUSE_MS = 10;
    /** A stalled forwarder re-checks that it is not closed at least this often. */
    static final long STALL_RECHECK_MS = 500;

    private static final int BUFFER_BYTES = 64 * 1024;

    /** Which port the caller reached, which decides how it names itself. */
    enum Port {
        CLIENT,
        QUORUM,
        ELECTION
    }

    private final FaultNetwork net;
    private final Socket caller;
    private final String target;
    private final Port port;
    private final InetSocketAddress hidden;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger openDirections = new AtomicInteger(2);
    private volatile String initiator = "?";
    private volatile Socket server;

    ProxiedConnection(FaultNetwork net, Socket caller, String target, Port port, InetSocketAddress hidden) {
        this.net = net;
        this.caller = caller;
        this.target = target;
        this.port = port;
        this.hidden = hidden;
    }

    String initiator() {
        return initiator;
    }

    String target() {
        return target;
    }

    /** Runs on the connection's first thread: identify, wait for the link, connect, then copy caller to server. */
    void run() {
        try {
            byte[] first = identify();
            if (first == null) {
                reset();
                return;
            }
            LinkRules.LinkDecision v = awaitPassable(initiator, target);
            if (v == null || v.action() == LinkRules.Action.DROP) {
                reset();
                return;
            }
            Socket s = connectToServer();
            if (s == null) {
                reset(); // nothing listens: the caller sees its connection reset
                return;
            }
            server = s;
            if (closed.get()) {
                closeQuietly(s);
                return;
            }
            OutputStream toServer = s.getOutputStream();
            toServer.write(first);
            toServer.flush();
            net.startThread("net-" + target + "<-" + initiator, () -> pump(target, initiator, s, caller));
            pump(initiator, target, caller, s);
        } catch (IOException e) {
            reset();
        }
    }

    /**
     * Connects to the server's hidden address, retrying a refused connect for up to {@link #REFUSED_RETRY_MS}. The
     * forwarder accepts before it knows whether the server listens, and ZooKeeper treats the two failures differently:
     * a refused connect is retried (Learner.connectToLeader: five tries, a second apart) but a connection accepted and
     * then reset ends the attempt to follow. A leader opens its quorum port only once elected, a moment after its
     * followers decided to follow it; this retry keeps that race from turning into a reset.
     */
    private Socket connectToServer() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REFUSED_RETRY_MS);
        while (!closed.get()) {
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(hidden, CONNECT_TIMEOUT_MS);
                return s;
            } catch (IOException e) {
                closeQuietly(s);
                if (System.nanoTime() - deadline >= 0) {
                    return null;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(REFUSED_RETRY_PAUSE_MS));
            }
        }
        return null;
    }

    /** Reads the caller's first bytes and sets {@link #initiator}; null when the caller did not name itself. */
    private byte[] identify() throws IOException {
        if (port == Port.CLIENT) {
            initiator = LinkRules.CLIENT;
            return new byte[0];
        }
        caller.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
        PeerHandshake.Result r;
        try {
            InputStream in = caller.getInputStream();
            r = port == Port.ELECTION
                    ? PeerHandshake.election(in, net::publishedAddressText)
                    : PeerHandshake.learner(in);
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            if (!caller.isClosed()) {
                caller.setSoTimeout(0);
            }
        }
        Optional<String> pod = r.sid().isPresent() ? net.podOfSid(r.sid().getAsLong()) : Optional.empty();
        initiator = pod.orElse(LinkRules.CLIENT);
        return r.bytes();
    }

    private void pump(String from, String to, Socket in, Socket out) {
        byte[] buf = new byte[BUFFER_BYTES];
        try {
            InputStream src = in.getInputStream();
            OutputStream dst = out.getOutputStream();
            while (!closed.get()) {
                LinkRules.LinkDecision v = awaitPassable(from, to);
                if (v == null) {
                    return;
                }
                if (v.action() == LinkRules.Action.DROP) {
                    reset();
                    return;
                }
                int n = src.read(buf);
                long readAtNanos = System.nanoTime();
                // A stall that began while this thread was blocked in read holds the chunk it read.
                v = awaitPassable(from, to);
                if (v == null) {
                    return;
                }
                if (v.action() == LinkRules.Action.DROP) {
                    reset();
                    return;
                }
                if (n < 0) {
                    out.shutdownOutput();
                    directionEnded();
                    return;
                }
                holdFor(readAtNanos, v.delayMs());
                dst.write(buf, 0, n);
                dst.flush();
            }
        } catch (IOException e) {
            reset();
        }
    }

    /** Waits while the link is stalled; null once the connection is closed. */
    private LinkRules.LinkDecision awaitPassable(String from, String to) {
        if (net.rules().quiet()) {
            return closed.get() ? null : LinkRules.LinkDecision.PASS;
        }
        while (!closed.get()) {
            LinkRules.LinkDecision v;
            try {
                v = net.rules().awaitUnstalled(from, to, STALL_RECHECK_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (v.action() != LinkRules.Action.STALL) {
                return closed.get() ? null : v;
            }
        }
        return null;
    }

    /** A slow link: the chunk leaves {@code delayMs} after it was read (a fixed delay, not a wait for a condition). */
    private void holdFor(long readAtNanos, long delayMs) {
        if (delayMs <= 0) {
            return;
        }
        long due = readAtNanos + TimeUnit.MILLISECONDS.toNanos(delayMs);
        for (long left = due - System.nanoTime(); left > 0 && !closed.get(); left = due - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private void directionEnded() {
        if (openDirections.decrementAndGet() == 0) {
            close(false);
        }
    }

    /** Closes both sockets with RST. */
    void reset() {
        close(true);
    }

    /** Closes both sockets (with RST when {@code abort}); idempotent. */
    void close(boolean abort) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        abortive(caller, abort);
        Socket s = server;
        if (s != null) {
            abortive(s, abort);
        }
        net.forget(this);
        net.rules().wakeAll();
    }

    boolean isClosed() {
        return closed.get();
    }

    private static void abortive(Socket s, boolean abort) {
        try {
            if (abort && !s.isClosed()) {
                s.setSoLinger(true, 0);
            }
        } catch (IOException e) {
            // closing anyway
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    @Override
    public String toString() {
        return initiator + "->" + target + " (" + port + ")";
    }
}
