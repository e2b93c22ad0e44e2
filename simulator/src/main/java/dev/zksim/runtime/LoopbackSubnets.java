package dev.zksim.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out /24 subnets of 127.0.0.0/8 so that no two simulations ever share one, neither in this JVM nor in other
 * zksim processes on the machine.
 *
 * <p>Why it is global: a subnet is a machine-wide resource (every address of 127.0.0.0/8 is loopback on Linux), so the
 * registry must be one per JVM, and a claim must be visible to other processes. A claim is a listening socket on the
 * subnet's gateway address {@code 127.a.b.1:}{@value #CLAIM_PORT}: binding it succeeds for exactly one holder, the
 * kernel releases it when the holder closes it or dies, and it leaves no file behind. Pods get host addresses
 * {@code .2} to {@code .254}, so the claim never collides with a pod's ports.
 *
 * <p>Second octets 64 to 254 only: 127.0.0.1 (localhost), 127.0.1.1 (Debian's hostname entry) and 127.0.0.53
 * (systemd-resolved) live in 127.0.x.x, which zksim leaves alone.
 */
final class LoopbackSubnets {
    /** The port of the claim socket on each subnet's .1 address (outside Linux's default ephemeral range). */
    static final int CLAIM_PORT = 65_432;

    private static final int FIRST_SECOND_OCTET = 64;
    private static final int SUBNETS = (255 - FIRST_SECOND_OCTET) * 256;
    /** How many candidate subnets one {@link #claim} tries before it gives up. */
    private static final int MAX_TRIES = 512;

    private static final LoopbackSubnets JVM_WIDE = new LoopbackSubnets();

    private final TreeSet<Integer> inUse = new TreeSet<>();
    private int next = ThreadLocalRandom.current().nextInt(SUBNETS);

    private LoopbackSubnets() {}

    static LoopbackSubnets jvmWide() {
        return JVM_WIDE;
    }

    /** A claimed subnet: {@code 127.<second>.<third>.0/24}. Close it to give the subnet back. */
    static final class Claim implements AutoCloseable {
        private final LoopbackSubnets owner;
        private final int index;
        private final ServerSocket socket;

        private Claim(LoopbackSubnets owner, int index, ServerSocket socket) {
            this.owner = owner;
            this.index = index;
            this.socket = socket;
        }

        int secondOctet() {
            return FIRST_SECOND_OCTET + index / 256;
        }

        int thirdOctet() {
            return index % 256;
        }

        InetAddress host(int lastOctet) {
            if (lastOctet < 1 || lastOctet > 254) {
                throw new IllegalArgumentException("host part " + lastOctet + " outside 1..254");
            }
            try {
                return InetAddress.getByAddress(
                        new byte[] {127, (byte) secondOctet(), (byte) thirdOctet(), (byte) lastOctet});
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // cannot happen for a 4-byte address
            }
        }

        String cidr() {
            return "127." + secondOctet() + "." + thirdOctet() + ".0/24";
        }

        @Override
        public void close() {
            owner.release(this);
        }
    }

    /**
     * Claims a free subnet.
     *
     * @throws IllegalStateException when {@value #MAX_TRIES} candidates in a row are taken
     */
    Claim claim() {
        for (int tries = 0; tries < MAX_TRIES; tries++) {
            int index;
            synchronized (this) {
                index = next;
                next = (next + 1) % SUBNETS;
                if (!inUse.add(index)) {
                    continue;
                }
            }
            ServerSocket s = tryBind(index);
            if (s != null) {
                return new Claim(this, index, s);
            }
            synchronized (this) {
                inUse.remove(index);
            }
        }
        throw new IllegalStateException("no free loopback subnet after " + MAX_TRIES + " tries: every 127.x.y.1:"
                + CLAIM_PORT + " tried is already bound");
    }

    private static ServerSocket tryBind(int index) {
        ServerSocket s = null;
        try {
            s = new ServerSocket();
            // A claim must be exclusive; SO_REUSEADDR would only matter for TIME_WAIT, which a listener never has.
            s.setReuseAddress(false);
            byte[] a = {127, (byte) (FIRST_SECOND_OCTET + index / 256), (byte) (index % 256), 1};
            s.bind(new InetSocketAddress(InetAddress.getByAddress(a), CLAIM_PORT), 1);
            return s;
        } catch (IOException e) {
            closeQuietly(s);
            return null;
        }
    }

    private void release(Claim c) {
        closeQuietly(c.socket);
        synchronized (this) {
            inUse.remove(c.index);
        }
    }

    private static void closeQuietly(ServerSocket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a listener we own; nothing to recover
            }
        }
    }
}
