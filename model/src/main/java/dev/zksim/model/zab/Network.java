package dev.zksim.model.zab;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who can reach whom: the headless Service's DNS records, partitions, and the election connections
 * (QuorumCnxManager) that exist between running servers, with the one message per destination a server keeps queued
 * while it has no connection (SEND_CAPACITY 1).
 *
 * <p>Rules (QuorumCnxManager): two servers keep at most one election connection, and only one initiated by the
 * higher sid survives — a server that receives a connection from a lower sid drops it and connects back. So an
 * attempt by the higher sid needs only its own lookup of the lower sid's name; an attempt by the lower sid needs both
 * lookups. Established connections survive DNS changes (the A record only matters for new connections) and die with
 * either process. They also survive a partition or a hung peer: TCP keeps what was sent and delivers it once the link
 * works again (the model keeps the last {@link #MAX_HELD} messages per direction).
 */
final class Network {
    /** A partition that cuts {@code side} off from every pod not in it, since {@code sinceMs}. */
    private record Partition(SortedSet<String> side, long sinceMs) {}

    /** A message sent on a silent link, waiting in TCP buffers; valid while both incarnations live. */
    record Held(long fromIncarnation, long toIncarnation, Notification n) {}

    /** The end that stands for the clients in a partition's side (pod names are {@code <sts>-<n>}, never this). */
    static final String CLIENTS = "clients";

    /** Messages kept per direction of a silent link (older ones are superseded votes anyway). */
    static final int MAX_HELD = 16;

    private final TreeMap<String, String> dns;
    /** key(lo, hi) → {incarnation of lo, incarnation of hi}. */
    private final TreeMap<Long, long[]> channels;
    /** key(from, to) → the last message {@code from} could not send to {@code to}. */
    private final TreeMap<Long, Notification> queued;

    private final ArrayList<Partition> partitions;
    /** key(from, to) → messages sent while the link was silent, oldest first. */
    private final TreeMap<Long, ArrayDeque<Held>> held;

    Network() {
        this(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new ArrayList<>(), new TreeMap<>());
    }

    private Network(
            TreeMap<String, String> dns,
            TreeMap<Long, long[]> channels,
            TreeMap<Long, Notification> queued,
            ArrayList<Partition> partitions,
            TreeMap<Long, ArrayDeque<Held>> held) {
        this.dns = dns;
        this.channels = channels;
        this.queued = queued;
        this.partitions = partitions;
        this.held = held;
    }

    Network copy() {
        TreeMap<Long, long[]> ch = new TreeMap<>();
        channels.forEach((k, v) -> ch.put(k, v.clone()));
        TreeMap<Long, ArrayDeque<Held>> h = new TreeMap<>();
        held.forEach((k, v) -> h.put(k, new ArrayDeque<>(v)));
        Network n = new Network(new TreeMap<>(dns), ch, new TreeMap<>(queued), new ArrayList<>(partitions), h);
        n.delaysMs.putAll(delaysMs);
        n.dropped.addAll(dropped);
        return n;
    }

    void setDns(SortedMap<String, String> records) {
        dns.clear();
        dns.putAll(records);
    }

    SortedMap<String, String> dns() {
        return Collections.unmodifiableSortedMap(dns);
    }

    // --- partitions -------------------------------------------------------------------------------------------

    void addPartition(SortedSet<String> side, long nowMs) {
        partitions.add(new Partition(Collections.unmodifiableSortedSet(new TreeSet<>(side)), nowMs));
    }

    void healPartitions() {
        partitions.clear();
    }

    /**
     * Dropped links ({@code drop-link}), by directed sid pair. Every ZooKeeper connection carries bytes both ways
     * (notifications and votes back, proposals and ACKs, pings and their replies), and a dropped direction resets a
     * connection at its first byte, so a pair with either direction dropped keeps no connection at all.
     */
    private final TreeSet<Long> dropped = new TreeSet<>();

    void drop(int from, int to) {
        dropped.add(key(from, to));
    }

    /** Whether a dropped link lies between the two servers, in either direction. */
    boolean dropped(int a, int b) {
        return dropped.contains(key(a, b)) || dropped.contains(key(b, a));
    }

    boolean hasDrops() {
        return !dropped.isEmpty();
    }

    void clearDrops() {
        dropped.clear();
    }

    /** The election connection between the two closes (RST); what either had queued for the other dies with it. */
    void closeChannel(int a, int b) {
        channels.remove(key(Math.min(a, b), Math.max(a, b)));
        queued.remove(key(a, b));
        queued.remove(key(b, a));
        held.remove(key(a, b));
        held.remove(key(b, a));
    }

    /** Extra delay of each election message from {@code from} to {@code to} (a slow link), by sid pair. */
    private final TreeMap<Long, Long> delaysMs = new TreeMap<>();

    void setDelay(int from, int to, long delayMs) {
        if (delayMs <= 0) {
            delaysMs.remove(key(from, to));
        } else {
            delaysMs.put(key(from, to), delayMs);
        }
    }

    long delayMs(int from, int to) {
        return delaysMs.getOrDefault(key(from, to), 0L);
    }

    boolean hasDelays() {
        return !delaysMs.isEmpty();
    }

    void clearDelays() {
        delaysMs.clear();
    }

    List<Partition> partitions() {
        return List.copyOf(partitions);
    }

    /** Since when a partition separates the two pods, if one does. */
    OptionalLong partitionedSince(String a, String b) {
        long since = Long.MAX_VALUE;
        for (Partition p : partitions) {
            if (p.side.contains(a) != p.side.contains(b)) {
                since = Math.min(since, p.sinceMs);
            }
        }
        return since == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(since);
    }

    // --- election connections -----------------------------------------------------------------------------------

    boolean channelUp(Peer a, Peer b) {
        long[] inc = channels.get(key(Math.min(a.sid, b.sid), Math.max(a.sid, b.sid)));
        if (inc == null) {
            return false;
        }
        Peer lo = a.sid < b.sid ? a : b;
        Peer hi = a.sid < b.sid ? b : a;
        return inc[0] == lo.incarnation && inc[1] == hi.incarnation;
    }

    boolean anyChannel(Peer p, Map<Integer, Peer> peers) {
        for (Peer q : peers.values()) {
            if (q != p && channelUp(p, q)) {
                return true;
            }
        }
        return false;
    }

    void openChannel(Peer a, Peer b) {
        Peer lo = a.sid < b.sid ? a : b;
        Peer hi = a.sid < b.sid ? b : a;
        channels.put(key(lo.sid, hi.sid), new long[] {lo.incarnation, hi.incarnation});
    }

    /** A process ended: its connections close and the messages it had queued or in flight die with it. */
    void processEnded(int sid) {
        channels.keySet().removeIf(k -> (int) (k >>> 32) == sid || (int) (long) k == sid);
        queued.keySet().removeIf(k -> (int) (k >>> 32) == sid);
        held.keySet().removeIf(k -> (int) (k >>> 32) == sid || (int) (long) k == sid);
    }

    /** Keeps a message sent on a connection whose link is silent. */
    void hold(Peer from, Peer to, Notification n) {
        ArrayDeque<Held> q = held.computeIfAbsent(key(from.sid, to.sid), k -> new ArrayDeque<>());
        if (q.size() == MAX_HELD) {
            q.pollFirst();
        }
        q.addLast(new Held(from.incarnation, to.incarnation, n));
    }

    /** The directions (from, to) that hold messages, as {@code long} keys, ascending. */
    List<Long> heldKeys() {
        return new ArrayList<>(held.keySet());
    }

    static int fromOf(long key) {
        return (int) (key >>> 32);
    }

    static int toOf(long key) {
        return (int) key;
    }

    /** Removes and returns the messages held for one direction. */
    List<Held> takeHeld(long key) {
        ArrayDeque<Held> q = held.remove(key);
        return q == null ? List.of() : new ArrayList<>(q);
    }

    void queue(int from, int to, Notification n) {
        queued.put(key(from, to), n);
    }

    Notification takeQueued(int from, int to) {
        return queued.remove(key(from, to));
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }
}
