package dev.zksim.runtime.net;

import dev.zksim.runtime.PodNetwork;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The listening half of the fault layer for one pod incarnation: the client, quorum and election ports on the pod's
 * published address, each accepted connection forwarded to the same port on the pod's hidden address as a
 * {@link ProxiedConnection}. Binds only in 127.0.0.0/8.
 */
final class PodProxy {
    private final FaultNetwork net;
    private final String pod;
    private final InetAddress published;
    private final InetAddress hidden;
    private final List<ServerSocket> listeners = new ArrayList<>();
    // one per listener, done when its accept thread has left accept(2) for good
    private final List<CompletableFuture<Void>> acceptorsEnded = new ArrayList<>();

    PodProxy(FaultNetwork net, String pod, InetAddress published, InetAddress hidden) {
        this.net = net;
        this.pod = pod;
        this.published = PodNetwork.requireLoopback(published, pod + " published address");
        this.hidden = PodNetwork.requireLoopback(hidden, pod + " hidden address");
    }

    InetAddress published() {
        return published;
    }

    InetAddress hidden() {
        return hidden;
    }

    /** Binds the three ports and starts accepting; on failure nothing stays bound. */
    void open(int clientPort, int quorumPort, int electionPort) throws IOException {
        try {
            listen(clientPort, ProxiedConnection.Port.CLIENT);
            listen(quorumPort, ProxiedConnection.Port.QUORUM);
            listen(electionPort, ProxiedConnection.Port.ELECTION);
        } catch (IOException | RuntimeException e) {
            closeListeners();
            throw e;
        }
    }

    private void listen(int port, ProxiedConnection.Port kind) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        try {
            ss.bind(new InetSocketAddress(published, port), 64);
        } catch (IOException e) {
            ss.close();
            throw new IOException(
                    pod + ": cannot bind " + published.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
        CompletableFuture<Void> ended = new CompletableFuture<>();
        synchronized (this) {
            listeners.add(ss);
            acceptorsEnded.add(ended);
        }
        InetSocketAddress target = new InetSocketAddress(hidden, port);
        boolean started = net.startThread("net-accept-" + pod + ":" + port, () -> {
            try {
                acceptLoop(ss, kind, target);
            } finally {
                ended.complete(null);
            }
        });
        if (!started) {
            ended.complete(null);
        }
    }

    private void acceptLoop(ServerSocket ss, ProxiedConnection.Port kind, InetSocketAddress target) {
        while (!ss.isClosed()) {
            Socket s;
            try {
                s = ss.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                s.setTcpNoDelay(true);
            } catch (IOException e) {
                // a socket that cannot take options will fail on first use
            }
            ProxiedConnection c = new ProxiedConnection(net, s, pod, kind, target);
            if (!net.register(c)) {
                c.reset();
                return;
            }
            net.startThread("net-" + pod + "<-" + kind.name().toLowerCase(java.util.Locale.ROOT), c::run);
        }
    }

    /** Stops accepting: new connections to the published address are refused, established ones stay. */
    synchronized void closeListeners() {
        for (ServerSocket ss : listeners) {
            try {
                ss.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
        listeners.clear();
    }

    /**
     * {@link #closeListeners} and waits, up to {@code timeoutMs}, until every accept thread has returned. Closing a
     * {@link ServerSocket} while a thread is blocked in accept(2) only signals that thread: the kernel keeps the socket
     * listening until the call returns, so a new listener on the same address would fail with "Address already in use"
     * (SO_REUSEADDR does not cover a socket in LISTEN state). A pod whose machine boots again binds its address at
     * once.
     */
    void closeListenersAndAwait(long timeoutMs) {
        List<CompletableFuture<Void>> ended;
        synchronized (this) {
            closeListeners();
            ended = new ArrayList<>(acceptorsEnded);
        }
        try {
            CompletableFuture.allOf(ended.toArray(CompletableFuture[]::new)).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the new bind reports the address as still in use
        }
    }
}
