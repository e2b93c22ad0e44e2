package dev.zksim.model.zab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks the Zab model's safety invariants against what it observes — the history's records and the servers' current
 * state — independently of the rules that produced them. Call {@link #check} after every step (at least after every
 * client write, for the quorum-at-acknowledgement check); each violation is reported once.
 *
 * <p>Invariants (Zab paper §V; ZooKeeper's guarantees):
 * <ol>
 *   <li>{@code one-leader-per-epoch}: no epoch is established twice.</li>
 *   <li>{@code epochs-increase}: established epochs strictly increase over time.</li>
 *   <li>{@code highest-vote-leads}: a leader elected by a quorum of LOOKING votes won with a vote at least as high
 *       (currentEpoch, last zxid, sid) as the standing of every server in that quorum. (FastLeaderElection compares
 *       votes, and a vote for a server that restarted may still carry the zxid its previous process announced; the
 *       data it really has is guarded by the durability invariant.)</li>
 *   <li>{@code ack-needs-quorum}: when a write is acknowledged, a quorum of voting servers is up, serving (synced) and
 *       has it on its volume; with dynamic reconfiguration, a quorum of the leader's last seen config too (joint
 *       consensus while a reconfig is pending).</li>
 *   <li>{@code durability}: every acknowledged write is on the volume of every server that serves — the leader since
 *       its establishment, each follower since its synchronisation — and no acknowledged write is reported lost.</li>
 *   <li>{@code primary-order}: every serving follower's history is a prefix of its leader's.</li>
 * </ol>
 * Invariants 1, 2 and 5 hold only while a volume majority is kept: from the first unsafe volume replacement
 * ({@link VolumeReplaced#safe()} false) on they are no longer asserted, because ZooKeeper itself loses data then.
 */
public final class ZabChecker {

    /** One broken invariant. */
    public record Violation(String invariant, long atMs, String detail) {
        @Override
        public String toString() {
            return invariant + " @" + atMs + "ms: " + detail;
        }
    }

    private final LinkedHashSet<Violation> seen = new LinkedHashSet<>();
    private final LinkedHashSet<String> keys = new LinkedHashSet<>();
    private int ackedChecked;

    /** Checks the model now; returns the violations not reported before. */
    public List<Violation> check(ZabModel model) {
        List<Violation> fresh = new ArrayList<>();
        ZabHistory h = model.history();
        long now = model.nowMs();
        long unsafeFrom = h.volumeReplacements().stream()
                .filter(v -> !v.safe())
                .mapToLong(VolumeReplaced::atMs)
                .min()
                .orElse(Long.MAX_VALUE);
        SortedMap<String, PeerStatus> servers = model.statuses();
        TreeMap<Integer, PeerStatus> bySid = new TreeMap<>();
        servers.values().forEach(s -> bySid.put(s.sid(), s));

        epochs(h, unsafeFrom, now, fresh);
        highestVoteLeads(h, now, fresh);
        ackNeedsQuorum(model, h, bySid, now, fresh);
        if (now < unsafeFrom) {
            durability(model, h, servers, now, fresh);
        }
        for (LostTxn lost : h.lostWrites()) {
            if (lost.detectedMs() < unsafeFrom) {
                report(fresh, "durability", now, lost.message());
            }
        }
        primaryOrder(model, servers, bySid, now, fresh);
        return fresh;
    }

    /** Every violation reported so far, in order. */
    public List<Violation> violations() {
        return List.copyOf(seen);
    }

    private void epochs(ZabHistory h, long unsafeFrom, long now, List<Violation> out) {
        List<LeaderTerm> established = new ArrayList<>();
        for (LeaderTerm t : h.terms()) {
            if (t.established() && t.establishedMs().getAsLong() < unsafeFrom) {
                established.add(t);
            }
        }
        established.sort(Comparator.comparingLong(t -> t.establishedMs().getAsLong()));
        TreeMap<Long, LeaderTerm> byEpoch = new TreeMap<>();
        long last = -1;
        for (LeaderTerm t : established) {
            LeaderTerm other = byEpoch.put(t.epoch(), t);
            if (other != null) {
                report(
                        out,
                        "one-leader-per-epoch",
                        now,
                        "epoch " + t.epoch() + " established by " + other.pod()
                                + " at " + other.establishedMs().getAsLong() + " ms and by " + t.pod() + " at "
                                + t.establishedMs().getAsLong() + " ms");
            }
            if (t.epoch() <= last) {
                report(
                        out,
                        "epochs-increase",
                        now,
                        "epoch " + t.epoch() + " of " + t.pod() + " established at "
                                + t.establishedMs().getAsLong() + " ms after epoch " + last);
            }
            last = Math.max(last, t.epoch());
        }
    }

    private void highestVoteLeads(ZabHistory h, long now, List<Violation> out) {
        for (ElectionRecord e : h.elections()) {
            if (e.outcome() != ServerMode.LEADING || e.viaEstablishedLeader()) {
                continue;
            }
            for (PeerStanding s : e.quorum()) {
                if (s.compareTo(e.vote()) > 0) {
                    report(
                            out,
                            "highest-vote-leads",
                            now,
                            e.pod() + " elected at " + e.endMs() + " ms with vote " + e.vote()
                                    + " by a quorum that includes the higher " + s);
                }
            }
        }
    }

    private void ackNeedsQuorum(
            ZabModel model, ZabHistory h, TreeMap<Integer, PeerStatus> bySid, long now, List<Violation> out) {
        List<AckedTxn> acked = h.ackedWrites();
        for (int i = ackedChecked; i < acked.size(); i++) {
            AckedTxn w = acked.get(i);
            if (w.committedMs() != now) {
                continue; // the check must run in the step that acknowledged the write
            }
            Optional<QuorumVerifier> verifier = model.verifier(w.servedBy());
            if (verifier.isEmpty()) {
                continue;
            }
            TreeSet<Integer> holders = new TreeSet<>();
            for (PeerStatus s : bySid.values()) {
                if (s.serving()
                        && verifier.get().isVoter(s.sid())
                        && model.volumeOf(s.pod()).map(v -> v.contains(w.txn())).orElse(false)) {
                    holders.add(s.sid());
                }
            }
            if (!verifier.get().containsQuorum(holders)) {
                report(
                        out,
                        "ack-needs-quorum",
                        now,
                        "write " + w.label() + " acknowledged while only servers " + holders + " serve and have it");
            }
            // Joint consensus (dynamic reconfiguration): while a reconfig is pending every proposal needs a quorum of
            // the proposed config too (Leader.propose adds both verifiers), and a write that committed a reconfig
            // needs one of the new config. The leader's last seen config is that config.
            PeerStatus leader = bySid.get(w.leaderSid());
            Optional<DynamicConfig> next = leader == null ? Optional.empty() : model.lastSeenConfig(leader.pod());
            if (next.isPresent()) {
                TreeSet<Integer> nextHolders = new TreeSet<>();
                for (PeerStatus s : bySid.values()) {
                    if (s.serving()
                            && next.get().isVoter(s.sid())
                            && model.volumeOf(s.pod())
                                    .map(v -> v.contains(w.txn()))
                                    .orElse(false)) {
                        nextHolders.add(s.sid());
                    }
                }
                if (!next.get().verifier().containsQuorum(nextHolders)) {
                    report(
                            out,
                            "ack-needs-quorum",
                            now,
                            "write " + w.label() + " acknowledged while only servers " + nextHolders + " of config "
                                    + Long.toHexString(next.get().version()) + " serve and have it");
                }
            }
        }
        ackedChecked = acked.size();
    }

    private void durability(
            ZabModel model, ZabHistory h, SortedMap<String, PeerStatus> servers, long now, List<Violation> out) {
        for (PeerStatus s : servers.values()) {
            if (!s.serving() || s.servingSinceMs().isEmpty()) {
                continue;
            }
            long since = s.servingSinceMs().getAsLong();
            VolumeState v = model.volumeOf(s.pod()).orElseThrow();
            for (AckedTxn w : h.ackedWrites()) {
                // Strictly before: a write committed in the very millisecond a follower synced may have come after it.
                if (w.committedMs() < since && !v.contains(w.txn())) {
                    report(
                            out,
                            "durability",
                            now,
                            "acknowledged write " + w.label() + " missing on " + s.pod() + " ("
                                    + s.mode().srvrWord() + " since " + since + " ms)");
                }
            }
        }
    }

    private void primaryOrder(
            ZabModel model,
            SortedMap<String, PeerStatus> servers,
            TreeMap<Integer, PeerStatus> bySid,
            long now,
            List<Violation> out) {
        for (PeerStatus s : servers.values()) {
            OptionalInt leader = s.leaderSid();
            if (!s.serving() || s.mode() != ServerMode.FOLLOWING || leader.isEmpty()) {
                continue;
            }
            PeerStatus l = bySid.get(leader.getAsInt());
            if (l == null || !l.serving()) {
                continue;
            }
            List<Txn> fh = model.volumeOf(s.pod()).orElseThrow().history();
            List<Txn> lh = model.volumeOf(l.pod()).orElseThrow().history();
            boolean prefix = fh.size() <= lh.size() && lh.subList(0, fh.size()).equals(fh);
            if (!prefix) {
                report(
                        out,
                        "primary-order",
                        now,
                        "history of follower " + s.pod() + " (" + fh.size()
                                + " txns, last " + Zxid.hex(s.lastLoggedZxid()) + ") is not a prefix of leader "
                                + l.pod()
                                + "'s (" + lh.size() + " txns)");
            }
        }
    }

    private void report(List<Violation> out, String invariant, long now, String detail) {
        if (keys.add(invariant + "|" + detail)) {
            Violation v = new Violation(invariant, now, detail);
            seen.add(v);
            out.add(v);
        }
    }
}
