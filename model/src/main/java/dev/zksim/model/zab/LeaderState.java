package dev.zksim.model.zab;

import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A leader's bookkeeping from election to stepping down (Leader.lead and its LearnerHandlers). Sets of sids that
 * connected or acknowledged are never pruned when a follower disconnects, exactly as in Leader (connectingFollowers,
 * electingFollowers, the NEWLEADER ack set): a follower that acknowledged and died still counts until the first
 * quorum check of the broadcast phase.
 */
final class LeaderState {
    /** Where Leader.lead is: each step but the last waits at most initLimit ticks. */
    enum LeadStage {
        EPOCH,
        EPOCH_ACK,
        NEWLEADER_ACK,
        BROADCAST
    }

    /** Where one LearnerHandler is. */
    enum HandlerState {
        WAIT_EPOCH,
        WAIT_EPOCH_ACKS,
        SYNCING,
        ACKED_NEWLEADER,
        SYNCED
    }

    /** One connected learner: its process incarnation and progress; {@code syncSeq} tells stale sync timers apart. */
    record Handler(
            int sid, long followerIncarnation, HandlerState state, long syncSeq, SyncKind kind, long syncStartMs) {
        Handler with(HandlerState s) {
            return new Handler(sid, followerIncarnation, s, syncSeq, kind, syncStartMs);
        }
    }

    final long electedMs;
    /** StateSummary of the leader when it started leading: (currentEpoch, lastProcessedZxid). */
    final PeerStanding summary;

    LeadStage step = LeadStage.EPOCH;
    int stepSeq;
    long stepDeadlineMs;
    long epoch = -1;
    long counter;
    TreeMap<Integer, Long> connecting = new TreeMap<>();
    TreeSet<Integer> electing = new TreeSet<>();
    TreeSet<Integer> newLeaderAcks = new TreeSet<>();
    TreeMap<Integer, Handler> handlers = new TreeMap<>();
    long nextSyncSeq;
    /** Index of this term in the history's term list. */
    int termIndex;
    /**
     * Leader.allowedToCommit: false once a committed reconfig named another server the designated leader; this one
     * commits nothing more and steps down at its next tick.
     */
    boolean allowedToCommit = true;

    LeaderState(long electedMs, PeerStanding summary) {
        this.electedMs = electedMs;
        this.summary = summary;
    }

    LeaderState copy() {
        LeaderState c = new LeaderState(electedMs, summary);
        c.step = step;
        c.stepSeq = stepSeq;
        c.stepDeadlineMs = stepDeadlineMs;
        c.epoch = epoch;
        c.counter = counter;
        c.connecting = new TreeMap<>(connecting);
        c.electing = new TreeSet<>(electing);
        c.newLeaderAcks = new TreeSet<>(newLeaderAcks);
        c.handlers = new TreeMap<>(handlers);
        c.nextSyncSeq = nextSyncSeq;
        c.termIndex = termIndex;
        c.allowedToCommit = allowedToCommit;
        return c;
    }
}
