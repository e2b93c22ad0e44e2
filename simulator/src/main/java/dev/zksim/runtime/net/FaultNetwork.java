package dev.zksim.runtime.net;

import dev.zksim.runtime.PodNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * The network-fault layer of one real simulation. Each pod's server binds a hidden loopback address (from a subnet of
 * its own); the pod's published address — the one the cluster DNS, the Services and the clients use — belongs to a
 * {@link PodProxy} that forwards every connection, so that {@link LinkRules} can stall, drop or delay traffic per
 * directed link while both ends keep their sockets open. Probes and {@code kubectl exec} run inside the pod and reach
 * the hidden address directly, as a kubelet's exec probe reaches {@code localhost} in the pod's network namespace.
 *
 * <p>Process and machine semantics:
 * <ul>
 *   <li>{@link #attach}: a new container of the pod starts. Connections of an earlier incarnation that are still held
 *       (its machine was powered off) are reset now — a rebooted or replaced machine answers them with RST.</li>
 *   <li>{@link #processEnded}: the process was stopped or killed: its listeners close (new connections are refused)
 *       and a pause ends, so the FIN and RST its kernel sends reach the peers.</li>
 *   <li>{@link #powerOff}: the machine lost power: every link from and to the pod stalls for good, connections stay
 *       open on the peers' side and new ones are accepted but never answered (like SYNs into the void, they end by
 *       the caller's own time-out).</li>
 * </ul>
 *
 * <p>Thread-safe. Its threads live in the thread group given at {@link #open}; {@link #close} ends them all (bounded)
 * and leaves nothing listening.
 */
public final class FaultNetwork implements AutoCloseable {
    private static final long CLOSE_WAIT_MS = 10_000;

    private final ThreadGroup threads;
    private final LongFunction<Optional<String>> podOfSid;
    private final PodNetwork hiddenNet;
    private final LinkRules rules = new LinkRules();
    // guarded by this
    private final TreeMap<String, PodProxy> proxies = new TreeMap<>();
    private final TreeMap<String, String> publishedByHidden = new TreeMap<>();
    private final Set<ProxiedConnection> connections = new LinkedHashSet<>();
    private final Set<Thread> live = new LinkedHashSet<>();
    private boolean closed;

    private FaultNetwork(ThreadGroup threads, LongFunction<Optional<String>> podOfSid, PodNetwork hiddenNet) {
        this.threads = threads;
        this.podOfSid = podOfSid;
        this.hiddenNet = hiddenNet;
    }

    /**
     * Opens the layer: claims a loopback subnet of its own for the hidden addresses.
     *
     * @param threads where its threads live (the simulation's group, so leak checks see them)
     * @param podOfSid the pod a server id belongs to ({@code myid} N is {@code <sts>-(N-1)})
     */
    public static FaultNetwork open(ThreadGroup threads, LongFunction<Optional<String>> podOfSid) {
        return new FaultNetwork(threads, podOfSid, PodNetwork.open());
    }

    /** The current rules (faults are set through them). */
    public LinkRules rules() {
        return rules;
    }

    /**
     * A new container of {@code pod} starts with {@code published} as its pod IP: returns the hidden address its
     * server must bind, with the proxy already listening on the published one.
     */
    public InetAddress attach(String pod, InetAddress published, int clientPort, int quorumPort, int electionPort) {
        PodProxy old;
        synchronized (this) {
            requireOpen();
            old = proxies.remove(pod);
        }
        if (old != null) {
            // Outside the lock: an accept thread that just took a connection registers it (under the lock) on its way
            // out. Once all have returned, no connection of the old incarnation can appear after the reset below.
            old.closeListenersAndAwait(CLOSE_WAIT_MS);
        }
        PodProxy proxy;
        synchronized (this) {
            requireOpen();
            if (old != null) {
                publishedByHidden.remove(old.hidden().getHostAddress());
                hiddenNet.release(old.hidden());
            }
            resetConnectionsOf(pod);
            rules.poweredOn(pod);
            proxy = new PodProxy(this, pod, published, hiddenNet.assign(pod));
            proxies.put(pod, proxy);
            publishedByHidden.put(proxy.hidden().getHostAddress(), published.getHostAddress());
        }
        try {
            proxy.open(clientPort, quorumPort, electionPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return proxy.hidden();
    }

    /** The pod's process ended (stopped or killed, not a power loss): see the class comment. */
    public void processEnded(String pod) {
        PodProxy p;
        synchronized (this) {
            if (rules.isPoweredOff(pod)) {
                return;
            }
            p = proxies.get(pod);
        }
        rules.resume(pod);
        if (p != null) {
            // awaited: once this returns, a connect to the pod's address is refused
            p.closeListenersAndAwait(CLOSE_WAIT_MS);
        }
    }

    /** The pod's machine lost power: see the class comment. Call before the process is stopped. */
    public void powerOff(String pod) {
        rules.powerOff(pod);
    }

    /** Whether the pod's process is frozen ({@code pause-process}). */
    public boolean isPaused(String pod) {
        return rules.isPaused(pod);
    }

    /** Connections open now, as {@code initiator->target (port)}, for diagnostics and tests. */
    public synchronized List<String> connections() {
        List<String> out = new ArrayList<>();
        connections.forEach(c -> out.add(c.toString()));
        return out;
    }

    /** Closes every listener and connection and waits (bounded) for the layer's threads to end. Idempotent. */
    @Override
    public void close() {
        List<Thread> toJoin;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            proxies.values().forEach(PodProxy::closeListeners);
            proxies.clear();
        }
        for (ProxiedConnection c : snapshotConnections()) {
            c.reset();
        }
        rules.wakeAll();
        synchronized (this) {
            toJoin = new ArrayList<>(live);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
        for (Thread t : toJoin) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        hiddenNet.close();
    }

    // ---- for the layer's classes ----

    Optional<String> podOfSid(long sid) {
        return podOfSid.apply(sid);
    }

    /** An announced election address with any hidden host replaced by the published one. */
    synchronized String publishedAddressText(String text) {
        String[] parts = text.split("\\|", -1);
        for (int i = 0; i < parts.length; i++) {
            int colon = parts[i].lastIndexOf(':');
            if (colon > 0) {
                String published = publishedByHidden.get(parts[i].substring(0, colon));
                if (published != null) {
                    parts[i] = published + parts[i].substring(colon);
                }
            }
        }
        return String.join("|", parts);
    }

    /** Starts a daemon thread of the layer; false (and no thread) once closed. */
    boolean startThread(String name, Runnable body) {
        Thread t;
        synchronized (this) {
            if (closed) {
                return false;
            }
            t = new Thread(
                    threads,
                    () -> {
                        try {
                            body.run();
                        } finally {
                            synchronized (FaultNetwork.this) {
                                live.remove(Thread.currentThread());
                            }
                        }
                    },
                    "zksim-" + name);
            t.setDaemon(true);
            live.add(t);
        }
        t.start();
        return true;
    }

    synchronized boolean register(ProxiedConnection c) {
        if (closed) {
            return false;
        }
        connections.add(c);
        return true;
    }

    synchronized void forget(ProxiedConnection c) {
        connections.remove(c);
    }

    private void resetConnectionsOf(String pod) {
        for (ProxiedConnection c : snapshotConnections()) {
            if (c.target().equals(pod) || c.initiator().equals(pod)) {
                c.reset();
            }
        }
    }

    private synchronized List<ProxiedConnection> snapshotConnections() {
        return new ArrayList<>(connections);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("fault network is closed");
        }
    }
}
