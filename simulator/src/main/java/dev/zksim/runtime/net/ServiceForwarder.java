package dev.zksim.runtime.net;

import dev.zksim.runtime.PodNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A Service's stable address (its ClusterIP and port), forwarding each accepted connection to one Ready endpoint, as
 * kube-proxy does (kubernetes.io/docs/reference/networking/virtual-ips/): clients connect to one address that never
 * changes while the pods behind it come and go.
 *
 * <p>Contract:
 * <ul>
 *   <li>a new connection goes to one of the endpoints at the instant it is accepted (round robin, as kube-proxy's
 *       userspace mode; iptables mode picks at random); with no endpoint it is reset at once, as iptables' REJECT
 *       rule for a Service without endpoints answers (the client sees "connection refused/reset" and moves on);</li>
 *   <li>{@link #setEndpoints} replaces the endpoints; every open connection to an endpoint that is gone (not Ready
 *       any more, deleted) or whose address changed is reset (RST), so its client reconnects through the Service and
 *       lands on a Ready pod. kube-proxy itself leaves established TCP connections alone: conntrack keeps them on the
 *       old pod until the pod's own sockets close or time out (see docs/real-engine.md, "The client Service"); the
 *       reset is what the client would see when that pod's process goes, made immediate and uniform;</li>
 *   <li>a connection is never routed to an address that is not an endpoint now.</li>
 * </ul>
 * Binds only in 127.0.0.0/8. Every thread lives in one thread group; {@link #close()} resets every connection, stops
 * listening and waits (bounded) for the threads; {@link #leakedThreads()} names any left.
 */
public final class ServiceForwarder implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final long CLOSE_WAIT_MS = 10_000;

    private final String name;
    private final ServerSocket listener;
    private final ThreadGroup threads;
    private final Thread acceptor;
    // guarded by this
    private SortedMap<String, InetSocketAddress> endpoints = Collections.emptySortedMap();
    private final List<Forwarded> open = new ArrayList<>();
    private final TreeMap<String, Integer> routed = new TreeMap<>();
    private int next;
    private boolean closed;
    private List<String> leaked = List.of();

    private ServiceForwarder(String name, ServerSocket listener, ThreadGroup threads) {
        this.name = name;
        this.listener = listener;
        this.threads = threads;
        this.acceptor = new Thread(threads, this::acceptLoop, "svc-accept-" + name);
        acceptor.setDaemon(true);
    }

    /**
     * Listens on {@code address} (a loopback address) for Service {@code name}; no endpoints until
     * {@link #setEndpoints}.
     *
     * @throws IOException when the address cannot be bound
     */
    public static ServiceForwarder open(String name, InetSocketAddress address) throws IOException {
        PodNetwork.requireLoopback(address, "Service " + name);
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        try {
            ss.bind(address, 64);
        } catch (IOException e) {
            ss.close();
            throw new IOException("Service " + name + ": cannot bind " + address + ": " + e.getMessage(), e);
        }
        ServiceForwarder f = new ServiceForwarder(
                name,
                ss,
                new ThreadGroup("zksim-svc-" + name + "-" + address.getAddress().getHostAddress()));
        f.acceptor.start();
        return f;
    }

    /** The Service's address: what clients connect to. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** {@code 127.a.b.1:2181}: the connect string of the Service. */
    public String connectString() {
        return address().getAddress().getHostAddress() + ":" + address().getPort();
    }

    /**
     * Replaces the endpoints (pod name → its address and port); connections to an endpoint that is gone or moved are
     * reset before this returns.
     */
    public void setEndpoints(SortedMap<String, InetSocketAddress> now) {
        List<Forwarded> reset = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            endpoints = Collections.unmodifiableSortedMap(new TreeMap<>(now));
            for (Forwarded f : open) {
                if (!f.target.equals(endpoints.get(f.pod))) {
                    reset.add(f);
                }
            }
        }
        reset.forEach(Forwarded::reset);
    }

    /** The endpoints now. */
    public synchronized SortedMap<String, InetSocketAddress> endpoints() {
        return endpoints;
    }

    /** The pod behind each open connection, sorted. */
    public synchronized List<String> connections() {
        List<String> l = new ArrayList<>();
        open.forEach(f -> l.add(f.pod));
        Collections.sort(l);
        return l;
    }

    /** How many connections were routed to each pod since the start. */
    public synchronized SortedMap<String, Integer> routedCounts() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(routed));
    }

    private void acceptLoop() {
        while (true) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            route(client);
        }
    }

    private void route(Socket client) {
        String pod;
        InetSocketAddress target;
        synchronized (this) {
            if (closed || endpoints.isEmpty()) {
                pod = null;
                target = null;
            } else {
                List<Map.Entry<String, InetSocketAddress>> all = new ArrayList<>(endpoints.entrySet());
                Map.Entry<String, InetSocketAddress> e = all.get(Math.floorMod(next++, all.size()));
                pod = e.getKey();
                target = e.getValue();
            }
        }
        if (target == null) {
            resetQuietly(client);
            return;
        }
        Socket upstream = new Socket();
        try {
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
            upstream.connect(target, CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            resetQuietly(upstream);
            resetQuietly(client);
            return;
        }
        Forwarded f = new Forwarded(pod, target, client, upstream);
        synchronized (this) {
            // the endpoint may have gone while we connected: never keep a connection to a non-endpoint
            if (closed || !target.equals(endpoints.get(pod))) {
                f.reset();
                return;
            }
            open.add(f);
            routed.merge(pod, 1, Integer::sum);
        }
        f.start();
    }

    private synchronized void ended(Forwarded f) {
        open.remove(f);
    }

    /** Resets every connection, stops listening, and waits up to 10 s for the threads. Idempotent. */
    @Override
    public void close() {
        List<Forwarded> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(open);
            endpoints = Collections.emptySortedMap();
        }
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        all.forEach(Forwarded::reset);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
        for (Thread t : liveThreads()) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> names = new ArrayList<>();
        liveThreads().forEach(t -> names.add(t.getName()));
        synchronized (this) {
            leaked = List.copyOf(names);
        }
        if (names.isEmpty()) {
            ThreadGroups.destroyEmpty(threads);
        }
    }

    /** Threads of this Service still alive after {@link #close()} (empty when it closed cleanly). */
    public synchronized List<String> leakedThreads() {
        return leaked;
    }

    /** The names of this Service's threads alive now (none after a clean {@link #close()}). */
    public List<String> liveThreadNames() {
        List<String> names = new ArrayList<>();
        liveThreads().forEach(t -> names.add(t.getName()));
        Collections.sort(names);
        return names;
    }

    private List<Thread> liveThreads() {
        Thread[] buf = new Thread[Math.max(8, threads.activeCount() * 2)];
        int n = threads.enumerate(buf, true);
        List<Thread> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (buf[i].isAlive() && buf[i] != Thread.currentThread()) {
                l.add(buf[i]);
            }
        }
        return l;
    }

    private static void resetQuietly(Socket s) {
        try {
            if (!s.isClosed()) {
                s.setSoLinger(true, 0);
            }
        } catch (SocketException e) {
            // already gone
        }
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public String toString() {
        return "ServiceForwarder[" + name + " " + connectString() + "]";
    }

    /** One client connection and its upstream to an endpoint, a copying thread per direction. */
    private final class Forwarded {
        final String pod;
        final InetSocketAddress target;
        final Socket client;
        final Socket upstream;
        private int pumpsLeft = 2;

        Forwarded(String pod, InetSocketAddress target, Socket client, Socket upstream) {
            this.pod = pod;
            this.target = target;
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            startPump("svc-" + name + "-to-" + pod, client, upstream);
            startPump("svc-" + name + "-from-" + pod, upstream, client);
        }

        private void startPump(String threadName, Socket from, Socket to) {
            Thread t = new Thread(threads, () -> pump(from, to), threadName);
            t.setDaemon(true);
            t.start();
        }

        private void pump(Socket from, Socket to) {
            byte[] buf = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
                to.shutdownOutput(); // pass the FIN on
            } catch (IOException e) {
                reset(); // one side failed: the other sees a reset, as through a dead path
            } finally {
                boolean last;
                synchronized (this) {
                    last = --pumpsLeft == 0;
                }
                if (last) {
                    closeQuietly(client);
                    closeQuietly(upstream);
                    ended(this);
                }
            }
        }

        void reset() {
            resetQuietly(client);
            resetQuietly(upstream);
        }

        private void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
