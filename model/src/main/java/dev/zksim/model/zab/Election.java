package dev.zksim.model.zab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fast leader election as ZooKeeper 3.9 runs it (FastLeaderElection.lookForLeader and its WorkerReceiver), message by
 * message: a LOOKING server proposes itself, adopts any better vote it hears (higher peer epoch, then zxid, then sid:
 * totalOrderPredicate), and once a quorum of the votes of its round agree with its proposal it waits
 * {@code finalizeWait} for a better one before it decides. A server that hears from servers already FOLLOWING or
 * LEADING joins their leader when a quorum of them agree and the leader itself says it leads (checkLeader).
 * Silence makes it re-send with a doubling time-out, from {@code minNotificationInterval} up to
 * {@code maxNotificationInterval}.
 */
final class Election {
    private final ZabCore e;

    Election(ZabCore e) {
        this.e = e;
    }

    /** lookForLeader: a new round. */
    void start(Peer p, String why) {
        p.mode = ServerMode.LOOKING;
        p.phase = ZabPhase.ELECTION;
        p.gen++;
        p.lead = null;
        p.connected = false;
        p.servingSinceMs = -1;
        p.lookingSinceMs = e.now();
        p.logicalClock++;
        setProposal(p, p.sid, p.lastProcessedZxid, e.volume(p).currentEpoch());
        p.recvset.clear();
        p.outOfElection.clear();
        p.voterStandings.clear();
        p.outOfElectionStandings.clear();
        p.finalizing = false;
        p.finalizeTimerDueMs = -1;
        p.pollTimerDueMs = -1;
        p.notTimeoutMs = e.timing.minNotificationIntervalMs();
        p.pollDeadlineMs = e.now() + p.notTimeoutMs;
        e.line(
                p.pod,
                "LOOKING (" + why + "): round " + p.logicalClock + ", votes for itself, zxid "
                        + Zxid.hex(p.lastProcessedZxid) + ", epoch " + p.propEpoch);
        sendNotifications(p);
        armPoll(p);
    }

    private void setProposal(Peer p, int leader, long zxid, long epoch) {
        p.propLeader = leader;
        p.propZxid = zxid;
        p.propEpoch = epoch;
    }

    private void sendNotifications(Peer p) {
        Notification n = lookingVote(p);
        for (int to : p.verifier.votingMembers()) {
            e.send(p, to, n);
        }
    }

    /** The LOOKING notification of {@code p}'s current proposal, with its standing and committed config. */
    private Notification lookingVote(Peer p) {
        return new Notification(
                p.sid,
                p.propLeader,
                p.propZxid,
                p.logicalClock,
                p.propEpoch,
                ServerMode.LOOKING,
                e.standing(p),
                p.committed);
    }

    /** totalOrderPredicate: is the new vote better than the current one? */
    boolean better(Peer p, int newId, long newZxid, long newEpoch, int curId, long curZxid, long curEpoch) {
        if (p.verifier.weight(newId) == 0) {
            return false;
        }
        boolean idWins = e.broken(BrokenRule.LEADER_BY_LOWEST_SID) ? newId < curId : newId > curId;
        return newEpoch > curEpoch || (newEpoch == curEpoch && (newZxid > curZxid || (newZxid == curZxid && idWins)));
    }

    /** A notification reached {@code p} (WorkerReceiver, then the lookForLeader loop if LOOKING). */
    void receive(Peer p, Notification n) {
        if (p.mode != ServerMode.LOOKING) {
            if (p.mode == ServerMode.FOLLOWING || p.mode == ServerMode.LEADING) {
                // WorkerReceiver: a server out of election answers a LOOKING peer with the vote it settled on.
                if (n.state() == ServerMode.LOOKING && p.currentVote != null) {
                    Vote v = p.currentVote;
                    e.send(
                            p,
                            n.sid(),
                            new Notification(
                                    p.sid,
                                    v.leader(),
                                    v.zxid(),
                                    v.electionEpoch(),
                                    v.peerEpoch(),
                                    p.mode,
                                    e.standing(p),
                                    p.committed));
                }
            }
            return;
        }
        if (e.configs.fromNotification(p, n)) {
            return;
        }
        if (!p.verifier.isVoter(n.sid())) {
            return;
        }
        if (n.state() == ServerMode.LOOKING && n.electionEpoch() < p.logicalClock) {
            // WorkerReceiver: tell a peer that is behind about the current round.
            e.send(p, n.sid(), lookingVote(p));
        }
        if (p.finalizing) {
            // The finalizeWait poll: a better vote goes back to the queue and the loop continues; anything else is
            // consumed and the wait starts over.
            if (better(p, n.leader(), n.zxid(), n.peerEpoch(), p.propLeader, p.propZxid, p.propEpoch)) {
                p.finalizing = false;
                process(p, n);
            } else {
                p.finalizeDeadlineMs = e.now() + e.timing.finalizeWaitMs();
                armFinalize(p);
            }
            return;
        }
        process(p, n);
    }

    private void process(Peer p, Notification n) {
        p.pollDeadlineMs = e.now() + p.notTimeoutMs;
        armPoll(p);
        if (!p.verifier.isVoter(n.leader())) {
            return;
        }
        switch (n.state()) {
            case LOOKING -> lookingNotification(p, n);
            case FOLLOWING, LEADING -> outOfElectionNotification(p, n);
            default -> {}
        }
    }

    private void lookingNotification(Peer p, Notification n) {
        long initEpoch = e.volume(p).currentEpoch();
        if (n.electionEpoch() > p.logicalClock) {
            p.logicalClock = n.electionEpoch();
            p.recvset.clear();
            if (better(p, n.leader(), n.zxid(), n.peerEpoch(), p.sid, p.lastProcessedZxid, initEpoch)) {
                setProposal(p, n.leader(), n.zxid(), n.peerEpoch());
            } else {
                setProposal(p, p.sid, p.lastProcessedZxid, initEpoch);
            }
            sendNotifications(p);
        } else if (n.electionEpoch() < p.logicalClock) {
            return;
        } else if (better(p, n.leader(), n.zxid(), n.peerEpoch(), p.propLeader, p.propZxid, p.propEpoch)) {
            setProposal(p, n.leader(), n.zxid(), n.peerEpoch());
            sendNotifications(p);
        }
        p.recvset.put(n.sid(), new Vote(n.leader(), n.zxid(), n.electionEpoch(), n.peerEpoch(), ServerMode.LOOKING, 0));
        p.voterStandings.put(n.sid(), n.senderStanding());
        Vote mine = new Vote(p.propLeader, p.propZxid, p.logicalClock, p.propEpoch, ServerMode.LOOKING, 0);
        if (p.verifier.containsQuorum(agreeing(p.recvset, mine))) {
            p.finalizing = true;
            p.finalizeDeadlineMs = e.now() + e.timing.finalizeWaitMs();
            armFinalize(p);
        }
    }

    /** receivedFollowingNotification / receivedLeadingNotification (no oracle). */
    private void outOfElectionNotification(Peer p, Notification n) {
        Vote theirs = new Vote(n.leader(), n.zxid(), n.electionEpoch(), n.peerEpoch(), n.state(), Notification.VERSION);
        if (n.electionEpoch() == p.logicalClock) {
            p.recvset.put(n.sid(), new Vote(n.leader(), n.zxid(), n.electionEpoch(), n.peerEpoch(), n.state(), 0));
            p.voterStandings.put(n.sid(), n.senderStanding());
            TreeSet<Integer> ayes = agreeing(p.recvset, theirs);
            if (p.verifier.containsQuorum(ayes) && checkLeader(p, p.recvset, n.leader(), n.electionEpoch())) {
                decide(p, n.leader(), n.zxid(), n.electionEpoch(), n.peerEpoch(), true, ayes);
                return;
            }
        }
        p.outOfElection.put(n.sid(), theirs);
        // Its own table: a reply from another round must not overwrite the standing behind the vote the same server
        // left in recvset (FastLeaderElection keeps that vote: it only replaces recvset entries of its own round).
        p.outOfElectionStandings.put(n.sid(), n.senderStanding());
        TreeSet<Integer> ayes = agreeing(p.outOfElection, theirs);
        if (p.verifier.containsQuorum(ayes) && checkLeader(p, p.outOfElection, n.leader(), n.electionEpoch())) {
            p.logicalClock = n.electionEpoch();
            decideWith(p, n.leader(), n.zxid(), n.electionEpoch(), n.peerEpoch(), ayes, p.outOfElectionStandings);
        }
    }

    /** checkLeader: a leader other than me must itself say it is LEADING; I may lead only in my own round. */
    private boolean checkLeader(Peer p, Map<Integer, Vote> votes, int leader, long electionEpoch) {
        if (leader != p.sid) {
            Vote v = votes.get(leader);
            return v != null && v.state() == ServerMode.LEADING;
        }
        return p.logicalClock == electionEpoch;
    }

    private static TreeSet<Integer> agreeing(TreeMap<Integer, Vote> votes, Vote target) {
        TreeSet<Integer> ayes = new TreeSet<>();
        for (Map.Entry<Integer, Vote> v : votes.entrySet()) {
            if (target.agrees(v.getValue())) {
                ayes.add(v.getKey());
            }
        }
        return ayes;
    }

    void onFinalizeTimeout(int sid, long incarnation, long gen) {
        Peer p = e.peer(sid, incarnation);
        if (p == null || p.gen != gen) {
            return;
        }
        p.finalizeTimerDueMs = -1;
        if (!p.finalizing || p.hung) {
            return;
        }
        if (e.now() < p.finalizeDeadlineMs) {
            armFinalize(p);
            return;
        }
        Vote mine = new Vote(p.propLeader, p.propZxid, p.logicalClock, p.propEpoch, ServerMode.LOOKING, 0);
        decide(p, p.propLeader, p.propZxid, p.logicalClock, p.propEpoch, false, agreeing(p.recvset, mine));
    }

    void onPollTimeout(int sid, long incarnation, long gen) {
        Peer p = e.peer(sid, incarnation);
        if (p == null || p.gen != gen) {
            return;
        }
        p.pollTimerDueMs = -1;
        if (p.mode != ServerMode.LOOKING || p.finalizing || p.hung) {
            return;
        }
        if (e.now() < p.pollDeadlineMs) {
            armPoll(p);
            return;
        }
        // "Notification time out": re-send if some connection delivered, else (re)connect to everyone.
        if (e.net.anyChannel(p, e.peerMap())) {
            sendNotifications(p);
        } else {
            for (int to : p.verifier.votingMembers()) {
                if (to != p.sid) {
                    e.tryConnect(p, to);
                }
            }
        }
        p.notTimeoutMs = Math.min(p.notTimeoutMs * 2, e.timing.maxNotificationIntervalMs());
        p.pollDeadlineMs = e.now() + p.notTimeoutMs;
        armPoll(p);
    }

    /** A hung LOOKING server resumes: its overdue poll times out now. */
    void resumed(Peer p) {
        p.pollTimerDueMs = -1;
        p.finalizeTimerDueMs = -1;
        if (p.finalizing) {
            p.finalizeDeadlineMs = Math.min(p.finalizeDeadlineMs, e.now());
            armFinalize(p);
        } else {
            p.pollDeadlineMs = Math.min(p.pollDeadlineMs, e.now());
            armPoll(p);
        }
    }

    private void armPoll(Peer p) {
        if (p.pollTimerDueMs < 0) {
            p.pollTimerDueMs = p.pollDeadlineMs;
            e.schedule(Math.max(0, p.pollDeadlineMs - e.now()), new Wakeup.PollTimeout(p.sid, p.incarnation, p.gen));
        }
    }

    private void armFinalize(Peer p) {
        if (p.finalizeTimerDueMs < 0) {
            p.finalizeTimerDueMs = p.finalizeDeadlineMs;
            e.schedule(
                    Math.max(0, p.finalizeDeadlineMs - e.now()),
                    new Wakeup.FinalizeTimeout(p.sid, p.incarnation, p.gen));
        }
    }

    /** setPeerState + leaveInstance: the round is over. */
    private void decide(
            Peer p, int leader, long zxid, long electionEpoch, long peerEpoch, boolean joined, TreeSet<Integer> ayes) {
        decide(p, leader, zxid, electionEpoch, peerEpoch, joined, ayes, p.voterStandings);
    }

    private void decideWith(
            Peer p,
            int leader,
            long zxid,
            long electionEpoch,
            long peerEpoch,
            TreeSet<Integer> ayes,
            java.util.Map<Integer, PeerStanding> standings) {
        decide(p, leader, zxid, electionEpoch, peerEpoch, true, ayes, standings);
    }

    private void decide(
            Peer p,
            int leader,
            long zxid,
            long electionEpoch,
            long peerEpoch,
            boolean joined,
            TreeSet<Integer> ayes,
            java.util.Map<Integer, PeerStanding> standings) {
        p.finalizing = false;
        ServerMode mode = leader == p.sid ? ServerMode.LEADING : ServerMode.FOLLOWING;
        p.currentVote = new Vote(leader, zxid, electionEpoch, peerEpoch, mode, Notification.VERSION);
        List<PeerStanding> quorum = new ArrayList<>();
        for (int sid : ayes) {
            PeerStanding s = standings.get(sid);
            if (s != null) {
                quorum.add(s);
            }
        }
        e.history.election(new ElectionRecord(
                p.pod,
                p.sid,
                p.lookingSinceMs,
                e.now(),
                mode,
                leader,
                electionEpoch,
                new PeerStanding(leader, peerEpoch, zxid),
                joined,
                quorum));
        long took = e.now() - p.lookingSinceMs;
        if (mode == ServerMode.LEADING) {
            e.recovery.startLeading(p, took);
        } else {
            e.recovery.startFollowing(p, leader, took, joined);
        }
    }
}
