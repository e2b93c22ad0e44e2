package dev.zksim.runtime;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The pod network of one simulation: a /24 subnet of 127.0.0.0/8 of its own (never shared with another simulation in
 * this JVM or another zksim process), from which each scheduled pod gets an address. As in Kubernetes, a pod that is
 * rescheduled gets a new address: {@link #assign} never hands out an address again while unused ones remain, and
 * then reuses the one released longest ago.
 *
 * <p>Every address in 127.0.0.0/8 is loopback on Linux, so each pod can bind the manifest's real ports (2181, 2888,
 * 3888) on its own address without root and without colliding with other pods. {@link #requireLoopback} is the one
 * check that nothing zksim starts binds the wildcard address or anything outside 127.0.0.0/8.
 *
 * <p>Thread-safe. Close it to give the subnet back; addresses must not be used after that.
 */
public final class PodNetwork implements AutoCloseable {
    private static final int FIRST_HOST = 2;
    private static final int LAST_HOST = 254;

    private final LoopbackSubnets.Claim claim;
    private final TreeMap<String, InetAddress> byPod = new TreeMap<>();
    private final ArrayDeque<Integer> released = new ArrayDeque<>();
    private int nextFresh = FIRST_HOST;
    private boolean closed;

    private PodNetwork(LoopbackSubnets.Claim claim) {
        this.claim = claim;
    }

    /** Claims a subnet of its own for a new simulation. */
    public static PodNetwork open() {
        return new PodNetwork(LoopbackSubnets.jvmWide().claim());
    }

    /** The subnet, e.g. {@code 127.93.17.0/24}. */
    public String cidr() {
        return claim.cidr();
    }

    /**
     * A new address for {@code podName} (which may hold another one already: a rescheduled pod keeps its old address
     * until that is {@link #release released}).
     *
     * @throws IllegalStateException when all 253 host addresses are in use
     */
    public synchronized InetAddress assign(String podName) {
        requireOpen();
        int host;
        if (nextFresh <= LAST_HOST) {
            host = nextFresh++;
        } else if (!released.isEmpty()) {
            host = released.removeFirst();
        } else {
            throw new IllegalStateException("pod network " + cidr() + " has no free address for " + podName);
        }
        InetAddress ip = claim.host(host);
        byPod.put(podName, ip);
        return ip;
    }

    /** Gives {@code ip} back for later reuse; a no-op for an address this network does not hold. */
    public synchronized void release(InetAddress ip) {
        if (closed || !contains(ip)) {
            return;
        }
        int host = Byte.toUnsignedInt(ip.getAddress()[3]);
        if (host < FIRST_HOST || host >= nextFresh || released.contains(host)) {
            return;
        }
        byPod.values().removeIf(ip::equals);
        released.addLast(host);
    }

    /** The most recently assigned address of each pod. */
    public synchronized SortedMap<String, InetAddress> assigned() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(byPod));
    }

    /** Whether {@code ip} lies in this network's subnet. */
    public boolean contains(InetAddress ip) {
        byte[] a = ip.getAddress();
        return a.length == 4
                && a[0] == 127
                && Byte.toUnsignedInt(a[1]) == claim.secondOctet()
                && Byte.toUnsignedInt(a[2]) == claim.thirdOctet();
    }

    /**
     * Returns {@code ip} if it is a specific IPv4 loopback address (127.0.0.0/8), else throws: zksim never binds the
     * wildcard address, IPv6, or a routable address.
     */
    public static InetAddress requireLoopback(InetAddress ip, String what) {
        byte[] a = ip == null ? new byte[0] : ip.getAddress();
        if (a.length != 4 || a[0] != 127) {
            throw new IllegalStateException(what + " would bind " + ip + ", outside 127.0.0.0/8");
        }
        return ip;
    }

    /** {@link #requireLoopback(InetAddress, String)} for a socket address, which must be resolved. */
    public static InetSocketAddress requireLoopback(InetSocketAddress address, String what) {
        if (address == null || address.isUnresolved()) {
            throw new IllegalStateException(what + " has no resolved address: " + address);
        }
        requireLoopback(address.getAddress(), what);
        return address;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            byPod.clear();
            claim.close();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("pod network " + cidr() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "PodNetwork[" + cidr() + "]";
    }
}
