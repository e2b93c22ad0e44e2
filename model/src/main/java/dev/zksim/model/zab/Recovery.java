package dev.zksim.model.zab;

import dev.zksim.model.zab.LeaderState.Handler;
import dev.zksim.model.zab.LeaderState.HandlerState;
import dev.zksim.model.zab.LeaderState.LeadStage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Zab after the election (Zab paper §III phases 1–3; Leader.lead, LearnerHandler.run, Learner.registerWithLeader,
 * Learner.syncWithLeader): the elected leader collects a quorum of followers and proposes an epoch larger than any
 * they accepted (discovery), waits for a quorum to acknowledge it, brings each follower to its history by DIFF, TRUNC
 * or SNAP and waits for a quorum to acknowledge NEWLEADER (synchronisation), then serves writes (broadcast) and checks
 * once per tick that a quorum of synced followers is still with it. Every wait before broadcast is bounded by
 * {@code initLimit} ticks; a silent connection is dropped after {@code syncLimit} ticks; a closed one at once.
 */
final class Recovery {
    private final ZabCore e;

    Recovery(ZabCore e) {
        this.e = e;
    }

    // --- leader: discovery -----------------------------------------------------------------------------------------

    void startLeading(Peer l, long electionTookMs) {
        l.mode = ServerMode.LEADING;
        l.phase = ZabPhase.DISCOVERY;
        l.gen++;
        LeaderState ls = new LeaderState(e.now(), e.standing(l));
        ls.termIndex = e.history.termStarted(l.pod, l.sid, e.now());
        l.lead = ls;
        // Leader.getEpochToPropose(self): the leader counts itself among the connecting servers.
        ls.connecting.put(l.sid, e.volume(l).acceptedEpoch());
        e.line(l.pod, "LEADING (election took " + electionTookMs + " ms); waiting for followers to connect");
        beginStep(l, LeadStage.EPOCH);
        maybeDecideEpoch(l);
    }

    private void beginStep(Peer l, LeadStage step) {
        LeaderState ls = l.lead;
        ls.step = step;
        ls.stepSeq++;
        if (step != LeadStage.BROADCAST) {
            long wait = TimingProfile.initLimitMs(l.config);
            ls.stepDeadlineMs = e.now() + wait;
            e.schedule(wait, new Wakeup.LeaderDeadline(l.sid, l.incarnation, l.gen, ls.stepSeq));
        }
    }

    void onLeaderDeadline(int sid, long incarnation, long gen, int stepSeq) {
        Peer l = e.peer(sid, incarnation);
        if (l == null || l.gen != gen || l.lead == null || l.lead.stepSeq != stepSeq || l.hung) {
            return;
        }
        stepDown(
                l,
                switch (l.lead.step) {
                    case EPOCH -> "Timeout while waiting for epoch from quorum";
                    case EPOCH_ACK -> "Timeout while waiting for epoch to be acked by quorum";
                    case NEWLEADER_ACK -> "Timeout while waiting for NEWLEADER to be acked by quorum";
                    case BROADCAST -> throw new IllegalStateException("broadcast has no deadline");
                });
    }

    /** LearnerHandler.run: a follower connected and sent FOLLOWERINFO with its acceptedEpoch. */
    private void accept(Peer l, Peer f) {
        LeaderState ls = l.lead;
        ls.handlers.put(f.sid, new Handler(f.sid, f.incarnation, HandlerState.WAIT_EPOCH, 0, SyncKind.DIFF, 0));
        scheduleLinkTimeoutIfImpaired(l, f);
        if (ls.step == LeadStage.EPOCH) {
            if (l.verifier.isVoter(f.sid)) {
                ls.connecting.put(f.sid, e.volume(f).acceptedEpoch());
            }
            maybeDecideEpoch(l);
        } else {
            leaderInfo(l, f);
        }
    }

    /** getEpochToPropose: once a quorum connected, the epoch is one more than any of them accepted. */
    private void maybeDecideEpoch(Peer l) {
        LeaderState ls = l.lead;
        if (ls.step != LeadStage.EPOCH || !l.verifier.containsQuorum(ls.connecting.keySet())) {
            return;
        }
        long maxAccepted =
                ls.connecting.values().stream().mapToLong(Long::longValue).max().orElse(0);
        ls.epoch = e.broken(BrokenRule.EPOCH_REUSED) ? Math.max(1, maxAccepted) : maxAccepted + 1;
        e.putVolume(
                l, e.volume(l).withAcceptedEpoch(Math.max(ls.epoch, e.volume(l).acceptedEpoch())));
        e.history.termEpoch(ls.termIndex, ls.epoch);
        e.line(l.pod, "proposes epoch " + ls.epoch + " to " + podsOf(ls.connecting.keySet()));
        beginStep(l, LeadStage.EPOCH_ACK);
        ls.electing.add(l.sid);
        eachFollowerIn(ls, HandlerState.WAIT_EPOCH, f -> leaderInfo(l, f));
        maybeFinishEpochAck(l);
    }

    /** LEADERINFO → the follower accepts the epoch (or refuses an older one) → ACKEPOCH → waitForEpochAck. */
    private void leaderInfo(Peer l, Peer f) {
        LeaderState ls = l.lead;
        VolumeState fv = e.volume(f);
        long ackedCurrentEpoch;
        if (ls.epoch > fv.acceptedEpoch() || (e.broken(BrokenRule.EPOCH_REUSED) && ls.epoch == fv.acceptedEpoch())) {
            ackedCurrentEpoch = fv.currentEpoch();
            e.putVolume(f, fv.withAcceptedEpoch(ls.epoch));
        } else if (ls.epoch == fv.acceptedEpoch()) {
            ackedCurrentEpoch = -1;
        } else {
            followerLeaves(f, "Leaders epoch, " + ls.epoch + " is less than accepted epoch, " + fv.acceptedEpoch());
            return;
        }
        f.phase = ZabPhase.DISCOVERY;
        ls.handlers.put(f.sid, ls.handlers.get(f.sid).with(HandlerState.WAIT_EPOCH_ACKS));
        if (ls.step == LeadStage.EPOCH_ACK) {
            if (ackedCurrentEpoch != -1) {
                PeerStanding theirs = new PeerStanding(f.sid, ackedCurrentEpoch, f.lastProcessedZxid);
                if (moreRecent(theirs, ls.summary)) {
                    followerLeaves(
                            f,
                            "leader " + l.pod + " closed the connection: Follower is ahead of the leader " + theirs
                                    + " > " + ls.summary);
                    return;
                }
                if (l.verifier.isVoter(f.sid)) {
                    ls.electing.add(f.sid);
                }
            }
            maybeFinishEpochAck(l);
        } else {
            startSync(l, f);
        }
    }

    /** StateSummary.isMoreRecentThan: compares (currentEpoch, lastZxid). */
    private static boolean moreRecent(PeerStanding a, PeerStanding b) {
        return a.currentEpoch() > b.currentEpoch()
                || (a.currentEpoch() == b.currentEpoch() && a.lastZxid() > b.lastZxid());
    }

    private void maybeFinishEpochAck(Peer l) {
        LeaderState ls = l.lead;
        if (ls == null || ls.step != LeadStage.EPOCH_ACK || !l.verifier.containsQuorum(ls.electing)) {
            return;
        }
        e.putVolume(l, e.volume(l).withCurrentEpoch(ls.epoch));
        l.phase = ZabPhase.SYNCHRONIZATION;
        beginStep(l, LeadStage.NEWLEADER_ACK);
        ls.newLeaderAcks.add(l.sid);
        eachFollowerIn(ls, HandlerState.WAIT_EPOCH_ACKS, f -> startSync(l, f));
        // a leader that is a quorum on its own (one voter, standaloneEnabled=false) needs no follower's ACK
        maybeStartBroadcast(l);
    }

    // --- synchronisation ---------------------------------------------------------------------------------------------

    private void startSync(Peer l, Peer f) {
        LeaderState ls = l.lead;
        SyncPlan plan = SyncPlan.plan(e.volume(l), e.volume(f));
        long seq = ++ls.nextSyncSeq;
        ls.handlers.put(f.sid, new Handler(f.sid, f.incarnation, HandlerState.SYNCING, seq, plan.kind(), e.now()));
        f.phase = ZabPhase.SYNCHRONIZATION;
        e.schedule(
                e.timing.syncMs(plan.kind(), plan.txnsSent()),
                new Wakeup.SyncDone(l.sid, l.incarnation, l.gen, f.sid, f.incarnation, seq));
    }

    void onSyncDone(Wakeup.SyncDone d) {
        Peer l = e.peer(d.leader(), d.leaderIncarnation());
        Peer f = e.peer(d.follower(), d.followerIncarnation());
        if (l == null
                || f == null
                || l.gen != d.leaderGen()
                || l.lead == null
                || l.hung
                || f.hung
                || f.mode != ServerMode.FOLLOWING
                || f.leaderSid != l.sid) {
            return;
        }
        LeaderState ls = l.lead;
        Handler h = ls.handlers.get(f.sid);
        if (h == null || h.syncSeq() != d.syncSeq() || h.state() != HandlerState.SYNCING) {
            return;
        }
        VolumeState lv = e.volume(l);
        VolumeState fv = e.volume(f);
        SyncPlan plan = SyncPlan.plan(lv, fv);
        VolumeState synced = plan.apply(lv, fv, e.broken(BrokenRule.SKIP_TRUNCATE));
        // NEWLEADER: the follower logs what it received and takes the leader's epoch as its current epoch.
        e.putVolume(f, synced.withCurrentEpoch(ls.epoch));
        long leaderZxid = ls.step == LeadStage.BROADCAST ? l.lastProcessedZxid : lv.lastZxid();
        // Learner.syncWithLeader sets lastProcessedZxid to the packet's zxid for SNAP and TRUNC only; a DIFF's
        // proposals are applied one by one (DataTree.processTxn), so the follower ends at the last transaction it
        // holds, never at the leader's (epoch, 0) — which decides the next election's tie (FastLeaderElection
        // compares zxids before sids).
        // One exception, measured on the real servers: a leader without any transaction has an empty committed log,
        // so LearnerHandler.syncFollower finds the follower's zxid below it and sends a SNAP of (epoch, 0) to a
        // follower that joins an established leader (srvr: the late joiner at 0x100000000, the first ones at 0x0).
        boolean snapOfNothing =
                ls.step == LeadStage.BROADCAST && lv.lastZxid() == 0 && f.lastProcessedZxid != leaderZxid;
        f.lastProcessedZxid = plan.kind() == SyncKind.DIFF && !snapOfNothing
                ? Math.max(f.lastProcessedZxid, synced.lastZxid())
                : leaderZxid;
        f.resetVisible(f.lastProcessedZxid);
        e.history.sync(new SyncRecord(
                f.pod, l.pod, ls.epoch, plan.kind(), plan.txnsSent(), plan.truncated(), h.syncStartMs(), e.now()));
        String detail =
                switch (plan.kind()) {
                    case DIFF -> plan.txnsSent() == 0 ? "DIFF (already in sync)" : "DIFF +" + plan.txnsSent() + " txns";
                    case TRUNC -> "TRUNC -" + plan.truncated() + " txns, then +" + plan.txnsSent();
                    case SNAP -> "SNAP of " + plan.txnsSent() + " txns";
                };
        e.line(
                f.pod,
                "synced with " + l.pod + " by " + detail + ", now at " + Zxid.hex(synced.lastZxid()) + ", currentEpoch "
                        + ls.epoch);
        ls.handlers.put(f.sid, h.with(HandlerState.ACKED_NEWLEADER));
        if (ls.step == LeadStage.NEWLEADER_ACK) {
            DynamicConfig next = l.committed == null ? null : e.configs.pending(l);
            if (l.verifier.isVoter(f.sid) || (next != null && next.isVoter(f.sid))) {
                ls.newLeaderAcks.add(f.sid);
            }
            maybeStartBroadcast(l);
        } else if (ls.step == LeadStage.BROADCAST) {
            upToDate(l, f);
        }
    }

    private void maybeStartBroadcast(Peer l) {
        LeaderState ls = l.lead;
        // newLeaderProposal carries the last seen config's verifier too when it is newer (Leader.lead)
        if (ls.step != LeadStage.NEWLEADER_ACK || !e.configs.jointQuorum(l, ls.newLeaderAcks)) {
            return;
        }
        beginStep(l, LeadStage.BROADCAST);
        l.phase = ZabPhase.BROADCAST;
        // Leader.startZkServer: zxid restarts at (epoch, 0); every transaction of its history counts as committed.
        l.lastProcessedZxid = Zxid.make(ls.epoch, 0);
        l.resetVisible(l.lastProcessedZxid);
        ls.counter = 0;
        l.servingSinceMs = e.now();
        l.currentVote = l.currentVote.settled(ls.epoch, ServerMode.LEADING);
        e.history.termEstablished(ls.termIndex, e.now(), List.copyOf(ls.newLeaderAcks));
        e.line(l.pod, "serving writes in epoch " + ls.epoch + " (NEWLEADER acked by " + podsOf(ls.newLeaderAcks) + ")");
        eachFollowerIn(ls, HandlerState.ACKED_NEWLEADER, f -> upToDate(l, f));
        e.durability.leaderEstablished(l);
        e.schedule(l.config.tickTimeMs(), new Wakeup.LeaderTick(l.sid, l.incarnation, l.gen, ls.stepSeq));
        e.configs.established(l);
    }

    /** UPTODATE: the follower serves clients. */
    private void upToDate(Peer l, Peer f) {
        LeaderState ls = l.lead;
        ls.handlers.put(f.sid, ls.handlers.get(f.sid).with(HandlerState.SYNCED));
        f.phase = ZabPhase.BROADCAST;
        f.servingSinceMs = e.now();
        // UPTODATE leaves lastProcessedZxid alone (Learner.syncWithLeader): a DIFF-synced follower stays at its last
        // transaction while the leader is at (epoch, 0) (Leader.startZkServer).
        f.resetVisible(f.lastProcessedZxid);
        f.currentVote = f.currentVote.settled(ls.epoch, ServerMode.FOLLOWING);
        e.configs.adoptFromLeader(l, f);
    }

    // --- broadcast: quorum checks ---------------------------------------------------------------------------------

    /** Servers whose ACK the leader gets right now: itself plus synced followers that are alive and not silent. */
    TreeSet<Integer> ackers(Peer l) {
        TreeSet<Integer> acks = new TreeSet<>();
        acks.add(l.sid);
        for (Handler h : l.lead.handlers.values()) {
            Peer f = e.peer(h.sid(), h.followerIncarnation());
            if (f != null && h.state() == HandlerState.SYNCED && !e.impaired(l, f)) {
                acks.add(h.sid());
            }
        }
        return acks;
    }

    /** Synced followers as Leader.lead's tick sees them: silent ones count until their syncLimit runs out. */
    TreeSet<Integer> syncedForTick(Peer l) {
        TreeSet<Integer> synced = new TreeSet<>();
        synced.add(l.sid);
        long limit = TimingProfile.syncLimitMs(l.config);
        for (Handler h : l.lead.handlers.values()) {
            Peer f = e.peer(h.sid(), h.followerIncarnation());
            if (f != null && h.state() == HandlerState.SYNCED && e.now() - e.impairedSince(l, f) < limit) {
                synced.add(h.sid());
            }
        }
        return synced;
    }

    void onLeaderTick(int sid, long incarnation, long gen, int tickChain) {
        Peer l = e.peer(sid, incarnation);
        if (l == null
                || l.gen != gen
                || l.lead == null
                || l.lead.step != LeadStage.BROADCAST
                || l.hung
                || l.lead.stepSeq != tickChain) {
            return;
        }
        checkQuorum(l);
    }

    private void checkQuorum(Peer l) {
        TreeSet<Integer> synced = syncedForTick(l);
        // Leader.lead's tick: a SyncedLearnerTracker of the committed config and, while a reconfig is pending, the
        // proposed one; a quorum of each must be synced
        if (!e.configs.jointQuorum(l, synced)) {
            stepDown(l, "Not sufficient followers synced, only synced with sids: [ " + sids(synced) + " ]");
            return;
        }
        e.configs.maybeCommitPending(l);
        e.schedule(l.config.tickTimeMs(), new Wakeup.LeaderTick(l.sid, l.incarnation, l.gen, l.lead.stepSeq));
    }

    // --- leaving roles -----------------------------------------------------------------------------------------------

    /** Leader.shutdown: every learner connection closes, the leader looks for a leader again. */
    void stepDown(Peer l, String reason) {
        e.line(l.pod, "stops leading: " + reason);
        leaderGone(l, "leader " + l.pod + " stopped leading");
        l.lead = null;
        l.lastProcessedZxid = Math.max(l.lastProcessedZxid, e.volume(l).lastZxid());
        e.election.start(l, "lost leadership");
    }

    /** The leader is no longer leading (stepped down or its process ended): close its term and its followers. */
    void leaderGone(Peer l, String followerReason) {
        LeaderState ls = l.lead;
        e.history.termEnded(ls.termIndex, e.now(), followerReason);
        for (Handler h : new ArrayList<>(ls.handlers.values())) {
            Peer f = e.peer(h.sid(), h.followerIncarnation());
            if (f != null && f.mode == ServerMode.FOLLOWING && f.leaderSid == l.sid) {
                var cut = e.partitionedSince(l, f);
                if (cut.isPresent()) {
                    // The leader's kernel sends FIN, but nothing crosses the partition: the follower keeps following
                    // until the cut heals (the FIN arrives) or its read times out, syncLimit after the last packet
                    // (Learner.syncWithLeader's SO_TIMEOUT; Follower.followLeader catches the time-out).
                    f.goneLeaderPod = l.pod;
                    long due = cut.getAsLong() + TimingProfile.syncLimitMs(l.config);
                    e.schedule(Math.max(0, due - e.now()), new Wakeup.GoneLeaderTimeout(f.sid, f.incarnation, f.gen));
                } else {
                    followerLeaves(f, followerReason);
                }
            }
        }
        ls.handlers.clear();
    }

    /** The read time-out of a follower whose leader ended behind a partition. */
    void onGoneLeaderTimeout(int sid, long incarnation, long gen) {
        Peer f = e.peer(sid, incarnation);
        if (f == null || f.gen != gen || f.goneLeaderPod == null || f.hung) {
            return;
        }
        followerLeaves(
                f,
                "read timed out: no packet from " + f.goneLeaderPod + " for syncLimit ("
                        + TimingProfile.syncLimitMs(f.config) + " ms)");
    }

    /** After a partition changed or healed: the FIN of a leader that ended behind it reaches its followers now. */
    void deliverHeldFins() {
        for (Peer f : e.peersInOrder()) {
            if (f.goneLeaderPod != null
                    && !f.hung
                    && f.mode == ServerMode.FOLLOWING
                    && e.partitionedSince(f.goneLeaderPod, f.pod).isEmpty()) {
                followerLeaves(
                        f,
                        "leader " + f.goneLeaderPod + " closed the connection (its FIN crossed the healed"
                                + " partition)");
            }
        }
    }

    /** A follower's process ended: its leader's handler sees the socket close. */
    void followerGone(Peer f) {
        Peer l = e.peerMap().get(f.leaderSid);
        if (l != null && l.lead != null) {
            Handler h = l.lead.handlers.get(f.sid);
            if (h != null && h.followerIncarnation() == f.incarnation) {
                l.lead.handlers.remove(f.sid);
            }
        }
    }

    /**
     * The connections between two servers were reset (a dropped link): a follower of the other leaves it at once
     * (Follower.followLeader's read throws), and the leader's LearnerHandler for it ends.
     */
    void connectionReset(Peer a, Peer b, String reason) {
        for (Peer[] pair : new Peer[][] {{a, b}, {b, a}}) {
            Peer f = pair[0];
            Peer l = pair[1];
            if (f.mode == ServerMode.FOLLOWING && f.leaderSid == l.sid) {
                if (f.hung) {
                    // A frozen JVM reads the reset when it runs again (followerResumed); its leader's handler ends now.
                    followerGone(f);
                } else {
                    followerLeaves(f, reason);
                }
            } else if (l.lead != null) {
                Handler h = l.lead.handlers.get(f.sid);
                if (h != null && h.followerIncarnation() == f.incarnation) {
                    l.lead.handlers.remove(f.sid);
                }
            }
        }
    }

    /** Follower.followLeader ends (exception or closed socket): back to LOOKING. */
    void followerLeaves(Peer f, String reason) {
        f.goneLeaderPod = null;
        followerGone(f);
        e.line(f.pod, "stops following " + e.podOf(f.leaderSid) + ": " + reason);
        f.connected = false;
        // ZooKeeperServer.shutdown fast-forwards the database over everything the log holds.
        f.lastProcessedZxid = Math.max(f.lastProcessedZxid, e.volume(f).lastZxid());
        if (f.observing) {
            observerWaits(f, -1, "left " + e.podOf(f.leaderSid));
            return;
        }
        e.election.start(f, "left " + e.podOf(f.leaderSid));
    }

    /**
     * QuorumPeer.run's OBSERVING case, after observeLeader ended (its leader failed, or a reconfig changed the leader
     * or the role): updateServerState, then Observer.waitForObserverElectionDelay sleeps a random 0-199 ms
     * ({@link ZabCore#observerElectionDelayMs}) before the next state runs: LOOKING ({@code designated} -1) or, after a
     * hand-off, observing the designated leader. It serves nothing meanwhile; as a non-voter it gets no notification
     * it has not asked for (FastLeaderElection sends to voters only), so nothing can reach it while it waits.
     */
    void observerWaits(Peer o, int designated, String why) {
        long delayMs = e.observerElectionDelayMs();
        o.gen++;
        o.phase = ZabPhase.ELECTION;
        o.servingSinceMs = -1;
        if (designated < 0) {
            o.mode = ServerMode.LOOKING;
            o.lead = null;
            o.lookingSinceMs = e.now();
        } else {
            o.leaderSid = designated; // its vote (updateVote); the old leader's end no longer concerns it
        }
        e.line(o.pod, "Waiting for " + delayMs + " ms before reconnecting with the leader (" + why + ")");
        e.schedule(delayMs, new Wakeup.ObserverDelayOver(o.sid, o.incarnation, o.gen, designated));
    }

    void onObserverDelayOver(Wakeup.ObserverDelayOver w) {
        Peer o = e.peer(w.sid(), w.incarnation());
        if (o == null || o.gen != w.gen() || o.hung) {
            return;
        }
        if (w.designated() < 0) {
            e.election.start(o, "observer election delay over");
        } else {
            startFollowing(o, w.designated(), 0, false);
        }
    }

    // --- follower: connecting ---------------------------------------------------------------------------------------

    void startFollowing(Peer f, int leaderSid, long electionTookMs, boolean joined) {
        f.mode = ServerMode.FOLLOWING;
        f.observing = f.observer();
        f.phase = ZabPhase.DISCOVERY;
        f.gen++;
        f.leaderSid = leaderSid;
        f.connectTries = 0;
        f.connectStartMs = e.now();
        f.connected = false;
        e.line(
                f.pod,
                "FOLLOWING " + e.podOf(leaderSid) + " (election took " + electionTookMs + " ms"
                        + (joined ? ", joined an established leader" : "") + ")");
        e.schedule(e.timing.followerSetupMs(), new Wakeup.ConnectToLeader(f.sid, f.incarnation, f.gen));
    }

    void onConnectAttempt(int sid, long incarnation, long gen) {
        Peer f = e.peer(sid, incarnation);
        if (f == null || f.gen != gen || f.mode != ServerMode.FOLLOWING || f.connected || f.hung) {
            return;
        }
        attemptConnect(f);
    }

    /** Learner.findLeader + LeaderConnector.connectToLeader: a bounded number of tries within initLimit. */
    private void attemptConnect(Peer f) {
        long connectTimeout = TimingProfile.initLimitMs(f.config);
        long remaining = connectTimeout - (e.now() - f.connectStartMs);
        if (remaining <= 0) {
            followerLeaves(f, "connectToLeader exceeded on retries");
            return;
        }
        Peer l = e.peerMap().get(f.leaderSid);
        String leaderPod = e.podOf(f.leaderSid);
        String failure;
        if (!f.pod.equals(leaderPod) && e.lookup(f, leaderPod) == null) {
            // Never resolved: the name was not published when the process parsed its config, nor at any lookup since.
            failure = "UnknownHostException: " + leaderPod + " does not resolve (pod not Ready)";
        } else if (l == null || !l.up() || !e.reaches(f, l)) {
            failure = "connection refused";
        } else if (e.dropped(f, l)) {
            // The forwarder accepts, then resets: registerWithLeader's read throws and the attempt to follow ends.
            followerLeaves(f, "connection reset by " + leaderPod + " (dropped link)");
            return;
        } else if (e.impaired(f, l)) {
            // A silent peer: the TCP connect blocks until the time-out, then the follower gives up.
            e.schedule(remaining, new Wakeup.ConnectTimedOut(f.sid, f.incarnation, f.gen));
            return;
        } else if (l.mode != ServerMode.LEADING || l.lead == null) {
            failure = "connection refused (" + leaderPod + " is not leading)";
        } else if (e.now() < l.lead.electedMs + e.timing.leaderBindMs()) {
            // QuorumPeer.makeLeader: the Leader constructor binds the quorum port only after the server is built.
            failure = "connection refused (" + leaderPod + " has not bound its quorum port yet)";
        } else {
            f.connected = true;
            accept(l, f);
            return;
        }
        f.connectTries++;
        long left = connectTimeout - (e.now() - f.connectStartMs);
        if (f.connectTries >= e.timing.leaderConnectTries() || left <= e.timing.leaderConnectRetryMs()) {
            followerLeaves(f, "cannot connect to leader: " + failure + " (" + f.connectTries + " tries)");
            return;
        }
        e.schedule(e.timing.leaderConnectRetryMs(), new Wakeup.ConnectToLeader(f.sid, f.incarnation, f.gen));
    }

    void onConnectTimedOut(int sid, long incarnation, long gen) {
        Peer f = e.peer(sid, incarnation);
        if (f == null || f.gen != gen || f.mode != ServerMode.FOLLOWING || f.connected || f.hung) {
            return;
        }
        followerLeaves(f, "connectToLeader timed out (leader silent)");
    }

    // --- silent links (hangs, partitions) ----------------------------------------------------------------------------

    /** A hang or partition began: every impaired leader–follower connection gets its syncLimit read time-out. */
    void linksImpaired() {
        for (Peer l : e.peersInOrder()) {
            if (l.lead == null) {
                continue;
            }
            for (Handler h : l.lead.handlers.values()) {
                Peer f = e.peer(h.sid(), h.followerIncarnation());
                if (f != null) {
                    scheduleLinkTimeoutIfImpaired(l, f);
                }
            }
        }
    }

    private void scheduleLinkTimeoutIfImpaired(Peer l, Peer f) {
        long since = e.impairedSince(l, f);
        if (since == Long.MAX_VALUE) {
            return;
        }
        long due = since + TimingProfile.syncLimitMs(l.config);
        e.schedule(Math.max(0, due - e.now()), new Wakeup.LinkTimeout(l.sid, l.incarnation, f.sid, f.incarnation));
    }

    void onLinkTimeout(Wakeup.LinkTimeout t) {
        Peer l = e.peer(t.leader(), t.leaderIncarnation());
        Peer f = e.peer(t.follower(), t.followerIncarnation());
        if (l == null || f == null || l.lead == null) {
            return;
        }
        Handler h = l.lead.handlers.get(f.sid);
        if (h == null || h.followerIncarnation() != f.incarnation) {
            return;
        }
        long since = e.impairedSince(l, f);
        if (since == Long.MAX_VALUE || e.now() - since < TimingProfile.syncLimitMs(l.config)) {
            return;
        }
        // LearnerHandler's and Follower's socket reads both time out after syncLimit ticks: the connection closes.
        l.lead.handlers.remove(f.sid);
        if (!f.hung && f.mode == ServerMode.FOLLOWING && f.leaderSid == l.sid) {
            followerLeaves(
                    f,
                    "read timed out: no packet from " + l.pod + " for syncLimit (" + TimingProfile.syncLimitMs(l.config)
                            + " ms)");
        }
    }

    /**
     * After a partition heals or a server resumes, TCP delivers what a still-connected synced follower missed: its log
     * catches up with the leader's and it applies what the leader committed.
     */
    void catchUp() {
        for (Peer l : e.peersInOrder()) {
            if (l.lead == null || l.lead.step != LeadStage.BROADCAST || l.hung) {
                continue;
            }
            VolumeState lv = e.volume(l);
            for (Handler h : l.lead.handlers.values()) {
                Peer f = e.peer(h.sid(), h.followerIncarnation());
                if (f == null || f.hung || h.state() != HandlerState.SYNCED || e.impaired(l, f)) {
                    continue;
                }
                VolumeState fv = e.volume(f);
                SyncPlan plan = SyncPlan.plan(lv, fv);
                if (plan.kind() == SyncKind.DIFF && plan.txnsSent() > 0) {
                    e.putVolume(f, plan.apply(lv, fv, false));
                    f.commitVisibleAt(l.lastProcessedZxid, e.now() + e.timing.followerCommitLagMs(), e.now());
                    e.configs.adoptFromLeader(l, f);
                }
            }
            e.configs.maybeCommitPending(l);
        }
    }

    void followerResumed(Peer f) {
        Peer l = e.peerMap().get(f.leaderSid);
        boolean attached = l != null
                && l.lead != null
                && l.lead.handlers.containsKey(f.sid)
                && l.lead.handlers.get(f.sid).followerIncarnation() == f.incarnation;
        if (f.connected && !attached) {
            followerLeaves(f, "connection to " + e.podOf(f.leaderSid) + " closed while hung");
        } else if (!f.connected) {
            attemptConnect(f);
        } else if (l.lead.handlers.get(f.sid).state() == HandlerState.SYNCING) {
            startSync(l, f);
        }
    }

    void leaderResumed(Peer l) {
        LeaderState ls = l.lead;
        if (ls.step != LeadStage.BROADCAST && e.now() >= ls.stepDeadlineMs) {
            onLeaderDeadline(l.sid, l.incarnation, l.gen, ls.stepSeq);
            return;
        }
        for (Handler h : new ArrayList<>(ls.handlers.values())) {
            Peer f = e.peer(h.sid(), h.followerIncarnation());
            if (f != null && h.state() == HandlerState.SYNCING) {
                startSync(l, f);
            }
        }
        if (ls.step == LeadStage.BROADCAST) {
            ls.stepSeq++; // a fresh tick chain; ticks that fell due while hung were dropped
            checkQuorum(l);
        }
    }

    private String podsOf(java.util.Collection<Integer> sids) {
        List<String> pods = new ArrayList<>();
        for (int sid : new TreeSet<>(sids)) {
            pods.add(e.podOf(sid));
        }
        return String.join(", ", pods);
    }

    private static String sids(TreeSet<Integer> sids) {
        StringBuilder sb = new StringBuilder();
        for (int s : sids) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(s);
        }
        return sb.toString();
    }

    /**
     * Acts on each follower whose handler is in {@code state}, in sid order, over a copy of the ids: the action may add
     * or drop handlers (a follower that left meanwhile is skipped).
     */
    private void eachFollowerIn(LeaderState ls, HandlerState state, Consumer<Peer> action) {
        for (int sid : new ArrayList<>(ls.handlers.keySet())) {
            Handler h = ls.handlers.get(sid);
            Peer f = h == null ? null : e.peer(sid, h.followerIncarnation());
            if (f != null && h.state() == state) {
                action.accept(f);
            }
        }
    }
}
