package dev.zksim.model.zab;

import dev.zksim.model.zab.LeaderState.Handler;
import dev.zksim.model.zab.LeaderState.HandlerState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Dynamic reconfiguration in the Zab model (docs/reconfig.md): which config each server has committed and last seen,
 * the joint quorums a pending reconfig imposes, and what its commit does — activation on the leader and its synced
 * followers (COMMITANDACTIVATE), and the hand-off to a designated leader without an election when the leader is not a
 * voter of the new config (Leader.tryToCommit, getDesignatedLeader; Follower.processReconfig;
 * QuorumPeer.processReconfig with updateVote). Servers started from a static zoo.cfg ({@link Peer#dynamic} null) are
 * never touched: their config is {@code version=0} for good and every rule here leaves them as before.
 */
final class ConfigChanges {
    /** A memo of {@link #lastSeen}: its answer for one volume value and committed config. */
    private record LastSeen(VolumeState volume, DynamicConfig committed, DynamicConfig lastSeen) {}

    private final ZabCore e;
    private final TreeMap<Integer, LastSeen> lastSeenCache = new TreeMap<>();

    ConfigChanges(ZabCore e) {
        this.e = e;
    }

    /**
     * The last config the server proposed or saw (QuorumPeer.getLastSeenQuorumVerifier): the newest reconfig
     * transaction of its log when it is newer than its committed config (a reconfig's version is its zxid), else the
     * committed config. Null for a static server.
     */
    DynamicConfig lastSeen(Peer p) {
        if (p.committed == null) {
            return null;
        }
        VolumeState volume = e.volume(p);
        // writesAvailable asks after every timer: remember the answer until the volume or the committed config changes
        // (volumes are immutable values, so an identical reference means the same log)
        LastSeen cached = lastSeenCache.get(p.sid);
        if (cached != null && cached.volume() == volume && cached.committed() == p.committed) {
            return cached.lastSeen();
        }
        DynamicConfig seen = scanLastSeen(volume, p.committed);
        lastSeenCache.put(p.sid, new LastSeen(volume, p.committed, seen));
        return seen;
    }

    private static DynamicConfig scanLastSeen(VolumeState volume, DynamicConfig committed) {
        List<Txn> history = volume.history();
        for (int i = history.size() - 1; i >= 0; i--) {
            Txn t = history.get(i);
            if (t.zxid() <= committed.version()) {
                break;
            }
            if (t.type() == Txn.TxnType.RECONFIG) {
                return DynamicConfig.parse(t.value()).orElseThrow().withVersion(t.zxid());
            }
        }
        return committed;
    }

    /** The proposed config a leader must also get a quorum of (the last seen one, when newer), else null. */
    DynamicConfig pending(Peer l) {
        DynamicConfig seen = lastSeen(l);
        return seen == null || seen.version() <= l.committed.version() ? null : seen;
    }

    /**
     * SyncedLearnerTracker.hasAllQuorums: a quorum of the committed config and, while a reconfig is pending, of the
     * proposed one too (Leader.propose adds both verifiers to every proposal; an ACK counts where its sender votes).
     */
    boolean jointQuorum(Peer l, Collection<Integer> sids) {
        return jointQuorum(l, sids, l.committed == null ? null : pending(l));
    }

    /**
     * The same with {@code next} as the proposed config (null: none). Observers never ACK (the leader sends them
     * INFORM, not PROPOSAL, and keeps them out of forwardingFollowers), so they count in no config, not even one
     * that makes them participants.
     */
    boolean jointQuorum(Peer l, Collection<Integer> sids, DynamicConfig next) {
        Collection<Integer> counted = withoutObservers(sids);
        return l.verifier.containsQuorum(counted)
                && (next == null || next.verifier().containsQuorum(counted));
    }

    /** The servers among {@code sids} that are not observers now (by their own committed config). */
    Collection<Integer> withoutObservers(Collection<Integer> sids) {
        TreeSet<Integer> out = new TreeSet<>();
        for (int sid : sids) {
            Peer p = e.peerMap().get(sid);
            if (p == null || !p.observer()) {
                out.add(sid);
            }
        }
        return out;
    }

    /**
     * QuorumPeer.processReconfig and setLastSeenQuorumVerifier do nothing when {@code reconfigEnabled} is false: such
     * a server keeps the config it started with (which is why static ensembles print {@code version=0}).
     */
    private static boolean reconfigEnabled(Peer p) {
        return p.dynamic != null && p.dynamic.reconfigEnabled();
    }

    /** The server makes {@code c} its committed config and writes it to its volume (zoo.cfg.dynamic.<version>). */
    void activate(Peer p, DynamicConfig c, String how) {
        if (p.committed != null && p.committed.equals(c)) {
            return;
        }
        boolean wasObserver = p.observer();
        p.committed = c;
        p.verifier = c.verifier();
        e.configFiles.put(p.volumeId, c);
        e.line(
                p.pod,
                how + ": config version " + Long.toHexString(c.version()) + " active, voters " + c.voters()
                        + (c.isVoter(p.sid)
                                ? ""
                                : p.observer() ? " (this server observes)" : " (this server does not vote)"));
        if (wasObserver != p.observer() && p.mode == ServerMode.FOLLOWING && p.lead == null) {
            // QuorumPeer.updateLearnerType: "Becoming an observer" / "Becoming a voting (or non-voting) participant"
            // sets reconfigFlag; the learner shuts down and goes straight back to its leader in its new role
            // (updateServerState), without an election
            e.line(p.pod, p.observer() ? "Becoming an observer" : "Becoming a participant");
            p.handOffTo = p.leaderSid;
            p.handOffGen = p.gen;
            e.schedule(e.timing.messageDelayMs(), new Wakeup.HandOff(p.sid, p.incarnation, p.gen));
        }
    }

    /** After the leader committed everything up to {@code zxid}: a pending reconfig at or below it commits. */
    void committedThrough(Peer l, long zxid) {
        DynamicConfig next = l.committed == null ? null : pending(l);
        if (next != null && next.version() <= zxid) {
            commitReconfig(l, next);
        }
    }

    /**
     * A pending reconfig commits as soon as a joint quorum of its ACKs reaches the leader (Leader.processAck →
     * tryToCommit), which the model checks whenever ACKs may have arrived: after a catch-up and at each leader tick.
     */
    void maybeCommitPending(Peer l) {
        if (l.lead == null || l.committed == null || !l.lead.allowedToCommit || l.hung) {
            return;
        }
        DynamicConfig next = pending(l);
        if (next == null) {
            return;
        }
        TreeSet<Integer> ackers = new TreeSet<>();
        for (int sid : e.recovery.ackers(l)) {
            if (e.volume(e.peerMap().get(sid)).lastZxid() >= next.version()) {
                ackers.add(sid);
            }
        }
        if (!jointQuorum(l, ackers)) {
            return;
        }
        l.lastProcessedZxid = Math.max(l.lastProcessedZxid, next.version());
        l.resetVisible(l.lastProcessedZxid);
        for (int sid : ackers) {
            Peer f = e.peerMap().get(sid);
            if (f != l) {
                f.commitVisibleAt(next.version(), e.now() + e.timing.followerCommitLagMs(), e.now());
            }
        }
        e.line(l.pod, "reconfig @" + Zxid.hex(next.version()) + " acked by a quorum of both configs: committed");
        commitReconfig(l, next);
    }

    /**
     * Leader.tryToCommit for a reconfig: the leader activates the config, picks the designated leader, and sends
     * COMMITANDACTIVATE to its synced followers, which activate it too; if the leader is no longer the designated one
     * it stops committing, and every follower that got the commit switches to the designated leader without an
     * election (updateVote + reconfigFlag: QuorumPeer.run goes straight to LEADING or FOLLOWING).
     */
    private void commitReconfig(Peer l, DynamicConfig c) {
        QuorumVerifier old = l.verifier;
        List<Peer> told = new ArrayList<>();
        for (Handler h : l.lead.handlers.values()) {
            Peer f = e.peer(h.sid(), h.followerIncarnation());
            if (f != null
                    && h.state() == HandlerState.SYNCED
                    && !e.impaired(l, f)
                    && e.volume(f).lastZxid() >= c.version()) {
                told.add(f);
            }
        }
        Peer designated = c.isVoter(l.sid) ? l : designated(l, old, c, told);
        activate(l, c, "reconfig committed");
        for (Peer f : told) {
            activate(f, c, "COMMITANDACTIVATE from " + l.pod);
        }
        if (designated == l || designated == null) {
            // (no voter of the new config acked: cannot happen after isQuorumSynced and a joint quorum of ACKs)
            return;
        }
        l.lead.allowedToCommit = false;
        e.line(
                l.pod,
                "not a voter of config " + Long.toHexString(c.version()) + ": designated leader is " + designated.pod
                        + ", stops committing (allowedToCommit=false)");
        for (Peer f : told) {
            // the follower acts on the COMMITANDACTIVATE when it arrives (Follower.processPacket), or, hung, when
            // it resumes and reads it from its socket
            f.handOffTo = designated.sid;
            f.handOffGen = f.gen;
            e.schedule(e.timing.messageDelayMs(), new Wakeup.HandOff(f.sid, f.incarnation, f.gen));
        }
    }

    /**
     * Leader.getDesignatedLeader when the leader is not a voter of {@code c}: the lowest id (the first of a
     * HashSet<Long>, ascending for small ids) among the new config's voters whose ACK is in the proposal's ackset.
     * That ackset holds only the ACKs that reached the leader before the proposal had a quorum of both configs:
     * Leader.processAck adds each ACK (SyncedLearnerTracker.addAck, only where the sender votes) and tryToCommit
     * commits, and removes the proposal from outstandingProposals, on the first one that makes hasAllQuorums true;
     * later ACKs find no proposal. Which followers ACK first is a race in ZooKeeper (Leader.sendPacket iterates a
     * HashSet of LearnerHandlers, each follower logs before it ACKs), so with more new-config voters than its quorum
     * the designated leader is any of the lowest few: measured on real servers, a 5-voter ensemble removing its
     * leader handed the lead to zk-0 or zk-1. The model draws that order from the seed; the leader's own ACK (of its
     * local log) comes first. Not modelled: the narrowing to candidates that also acked later outstanding proposals,
     * since the model's later proposals are not outstanding when a reconfig commits. Null when no acker votes in
     * {@code c} (cannot happen after isQuorumSynced and a joint quorum of ACKs).
     */
    private Peer designated(Peer l, QuorumVerifier old, DynamicConfig c, List<Peer> told) {
        List<Peer> order = new ArrayList<>();
        for (Peer f : told) {
            if (!f.observer()) {
                order.add(f);
            }
        }
        for (int i = order.size() - 1; i > 0; i--) {
            int j = e.ackOrderRandom.nextInt(i + 1);
            Peer t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        TreeSet<Integer> acks = new TreeSet<>(List.of(l.sid));
        Peer lowest = null;
        for (Peer f : order) {
            acks.add(f.sid);
            if (c.isVoter(f.sid) && (lowest == null || f.sid < lowest.sid)) {
                lowest = f;
            }
            if (old.containsQuorum(acks) && c.verifier().containsQuorum(acks)) {
                break;
            }
        }
        return lowest;
    }

    /**
     * Follower.processPacket(COMMITANDACTIVATE) → QuorumPeer.processReconfig with the designated leader: the vote
     * changes, the follower shuts down ("changes proposed in reconfig") and QuorumPeer.run goes straight to LEADING
     * (the designated server) or FOLLOWING it; FastLeaderElection does not run.
     */
    void onHandOff(Wakeup.HandOff h) {
        Peer f = e.peer(h.follower(), h.followerIncarnation());
        if (f != null && f.gen == h.followerGen() && !f.hung) {
            handOff(f);
        }
    }

    /** A resumed follower acts on a COMMITANDACTIVATE that arrived while it hung; true if it switched. */
    boolean resumed(Peer f) {
        if (f.handOffTo >= 0 && f.gen == f.handOffGen && !f.hung && f.mode == ServerMode.FOLLOWING) {
            handOff(f);
            return true;
        }
        return false;
    }

    private void handOff(Peer f) {
        int designated = f.handOffTo;
        f.handOffTo = -1;
        if (designated < 0 || f.mode != ServerMode.FOLLOWING) {
            return;
        }
        e.recovery.followerGone(f);
        f.connected = false;
        f.goneLeaderPod = null;
        f.lastProcessedZxid = Math.max(f.lastProcessedZxid, e.volume(f).lastZxid());
        ServerMode mode = f.sid == designated ? ServerMode.LEADING : ServerMode.FOLLOWING;
        f.currentVote = new Vote(
                designated,
                f.lastProcessedZxid,
                f.logicalClock,
                e.volume(f).currentEpoch(),
                mode,
                Notification.VERSION);
        e.line(f.pod, "changes proposed in reconfig: " + mode + " " + e.podOf(designated) + " without an election");
        if (f.observing && mode == ServerMode.FOLLOWING) {
            // the OBSERVING case ends too: its election delay comes before it observes (or, a participant now,
            // follows) the designated leader (QuorumPeer.run, Observer.waitForObserverElectionDelay)
            e.recovery.observerWaits(f, designated, "changes proposed in reconfig");
            return;
        }
        if (mode == ServerMode.LEADING) {
            e.recovery.startLeading(f, 0);
        } else {
            e.recovery.startFollowing(f, designated, 0, false);
        }
    }

    /**
     * Leader.lead / startZkServer when a new leader is established: a config of version 0 takes the NEWLEADER zxid as
     * its version (ZOOKEEPER-1783), and a reconfig the leader saw but did not see committed is completed
     * (processReconfig of the last seen config; a leader that is not a voter of it hands off as on a commit).
     */
    void established(Peer l) {
        if (!reconfigEnabled(l)) {
            return;
        }
        DynamicConfig next = pending(l);
        if (next != null) {
            commitReconfig(l, next);
        } else if (l.committed.version() == 0) {
            activate(l, l.committed.withVersion(l.lastProcessedZxid), "established (ZOOKEEPER-1783)");
            for (Handler h : l.lead.handlers.values()) {
                Peer f = e.peer(h.sid(), h.followerIncarnation());
                if (f != null && h.state() == HandlerState.SYNCED) {
                    adoptFromLeader(l, f);
                }
            }
        }
    }

    /** UPTODATE (Learner.syncWithLeader): a synced learner activates the leader's config if it is newer. */
    void adoptFromLeader(Peer l, Peer f) {
        if (l.committed == null || !reconfigEnabled(f)) {
            return;
        }
        if (f.committed == null || l.committed.version() > f.committed.version()) {
            activate(f, l.committed, "synced with " + l.pod);
        }
    }

    /**
     * FastLeaderElection.WorkerReceiver: a LOOKING server that hears a newer committed config activates it and starts
     * its election over (true); servers not LOOKING ignore it.
     */
    boolean fromNotification(Peer p, Notification n) {
        if (!reconfigEnabled(p) || n.config() == null || n.config().version() <= p.committed.version()) {
            return false;
        }
        activate(p, n.config(), "newer config from " + e.podOf(n.sid()) + "'s notification");
        e.election.start(p, "restarting leader election for the new config");
        return true;
    }
}
