package dev.zksim.runtime.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What happens now to bytes sent from one end to another: the current faults, as one thread-safe rule book that the
 * forwarders consult before every read and write and wait on while a link is stalled.
 *
 * <p>A link is directed: {@code from} sends, {@code to} receives. An end is a pod name or {@link #CLIENT} (every
 * client outside the pods: the scenario's client, the write probe). Rules, strongest first:
 * <ul>
 *   <li>a powered-off or paused pod neither sends nor receives: every link from or to it is stalled;</li>
 *   <li>a dropped link closes its connections and refuses new ones;</li>
 *   <li>a partition stalls every link between two ends in different groups (pods not listed form one more group;
 *       the client sits in the group chosen at {@link #partition});</li>
 *   <li>a slow link delays each chunk by its delay.</li>
 * </ul>
 * Stalled means the forwarder stops reading from the sender and writing to the receiver but keeps both sockets open,
 * as TCP does across a dead path: what was sent waits in buffers and arrives once the link works again.
 */
public final class LinkRules {
    /** The end that stands for every client outside the pods. */
    public static final String CLIENT = "(clients)";

    /** What a forwarder does with a link now. */
    public enum Action {
        PASS,
        STALL,
        DROP
    }

    /** The decision for one link: the action and, for {@code PASS}, how long each chunk is held first. */
    public record LinkDecision(Action action, long delayMs) {
        static final LinkDecision PASS = new LinkDecision(Action.PASS, 0);
        static final LinkDecision STALL = new LinkDecision(Action.STALL, 0);
        static final LinkDecision DROP = new LinkDecision(Action.DROP, 0);
    }

    private final TreeSet<String> poweredOff = new TreeSet<>();
    private final TreeSet<String> paused = new TreeSet<>();
    private final TreeSet<String> dropped = new TreeSet<>();
    private final TreeMap<String, Long> delaysMs = new TreeMap<>();
    private final List<SortedSet<String>> groups = new ArrayList<>();
    private int clientGroup = -1;
    private long version;
    /** No fault of any kind is set: the forwarders' fast path, read without the lock. */
    private volatile boolean quiet = true;

    /** The decision for bytes from {@code from} to {@code to} now. */
    public synchronized LinkDecision verdict(String from, String to) {
        if (poweredOff.contains(from) || poweredOff.contains(to) || paused.contains(from) || paused.contains(to)) {
            return LinkDecision.STALL;
        }
        if (dropped.contains(key(from, to))) {
            return LinkDecision.DROP;
        }
        if (!groups.isEmpty() && groupOf(from) != groupOf(to)) {
            return LinkDecision.STALL;
        }
        Long delay = delaysMs.get(key(from, to));
        return delay == null ? LinkDecision.PASS : new LinkDecision(Action.PASS, delay);
    }

    /**
     * Waits while the link is stalled, at most {@code maxWaitMs}; returns the verdict then. Woken by every change.
     */
    public synchronized LinkDecision awaitUnstalled(String from, String to, long maxWaitMs)
            throws InterruptedException {
        long deadline = System.nanoTime() + maxWaitMs * 1_000_000L;
        LinkDecision v = verdict(from, to);
        while (v.action() == Action.STALL) {
            long leftMs = (deadline - System.nanoTime()) / 1_000_000L;
            if (leftMs <= 0) {
                return v;
            }
            wait(leftMs);
            v = verdict(from, to);
        }
        return v;
    }

    /** Whether no fault of any kind is set now (then every link passes without delay). */
    public boolean quiet() {
        return quiet;
    }

    /** A counter bumped by every change. */
    public synchronized long version() {
        return version;
    }

    /** The machine of {@code pod} lost power: silent until {@link #poweredOn}. */
    public synchronized void powerOff(String pod) {
        poweredOff.add(pod);
        changed();
    }

    /** The pod runs a new process (its machine is up again, or it was re-created elsewhere). */
    public synchronized void poweredOn(String pod) {
        poweredOff.remove(pod);
        paused.remove(pod);
        changed();
    }

    /** Whether the pod's machine is off. */
    public synchronized boolean isPoweredOff(String pod) {
        return poweredOff.contains(pod);
    }

    /** Freezes the pod's process (SIGSTOP): returns false if it was frozen already. */
    public synchronized boolean pause(String pod) {
        boolean added = paused.add(pod);
        changed();
        return added;
    }

    /** Thaws the pod's process (SIGCONT): returns false if it was not frozen. */
    public synchronized boolean resume(String pod) {
        boolean removed = paused.remove(pod);
        changed();
        return removed;
    }

    /** Whether the pod's process is frozen. */
    public synchronized boolean isPaused(String pod) {
        return paused.contains(pod);
    }

    /**
     * Cuts traffic between groups (replacing any earlier partition).
     *
     * @param groups disjoint sets of pods; pods not listed form one more group
     * @param clientGroup the index in {@code groups} of the group the clients sit with, or {@code groups.size()} for
     *                    the group of pods not listed
     */
    public synchronized void partition(List<? extends Set<String>> groups, int clientGroup) {
        this.groups.clear();
        for (Set<String> g : groups) {
            this.groups.add(Collections.unmodifiableSortedSet(new TreeSet<>(g)));
        }
        this.clientGroup = clientGroup;
        changed();
    }

    /** Delays every chunk from {@code from} to {@code to} by {@code delayMs} (0 removes the delay). */
    public synchronized void delay(String from, String to, long delayMs) {
        if (delayMs <= 0) {
            delaysMs.remove(key(from, to));
        } else {
            delaysMs.put(key(from, to), delayMs);
        }
        changed();
    }

    /** Closes the link's connections and refuses new ones, until {@link #heal}. */
    public synchronized void drop(String from, String to) {
        dropped.add(key(from, to));
        changed();
    }

    /**
     * Removes partitions, slow links and dropped links (not pauses, not powered-off machines).
     *
     * @return whether there was anything to heal
     */
    public synchronized boolean heal() {
        boolean any = !groups.isEmpty() || !dropped.isEmpty() || !delaysMs.isEmpty();
        groups.clear();
        clientGroup = -1;
        dropped.clear();
        delaysMs.clear();
        changed();
        return any;
    }

    /** Wakes every waiting forwarder (at close). */
    public synchronized void wakeAll() {
        changed();
    }

    private int groupOf(String end) {
        if (CLIENT.equals(end)) {
            return clientGroup;
        }
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).contains(end)) {
                return i;
            }
        }
        return groups.size();
    }

    private void changed() {
        version++;
        quiet = poweredOff.isEmpty() && paused.isEmpty() && dropped.isEmpty() && delaysMs.isEmpty() && groups.isEmpty();
        notifyAll();
    }

    private static String key(String from, String to) {
        return from + "\u0000" + to;
    }
}
