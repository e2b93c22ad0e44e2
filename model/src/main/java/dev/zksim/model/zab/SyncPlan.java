package dev.zksim.model.zab;

import java.util.ArrayList;
import java.util.List;

/**
 * What a leader sends a follower to synchronise it (LearnerHandler.syncFollower), decided on the two histories:
 * nothing or the missing suffix (DIFF), a truncation of the follower's divergent suffix first (TRUNC), or a snapshot
 * when the leader no longer has the transactions as a log (they are only in its snapshot) or the follower's divergence
 * lies inside its own snapshot (SNAP).
 *
 * @param common how many leading transactions both histories share
 * @param txnsSent transactions the follower receives
 * @param truncated transactions the follower drops
 */
record SyncPlan(SyncKind kind, int common, int txnsSent, int truncated) {

    static SyncPlan plan(VolumeState leader, VolumeState follower) {
        List<Txn> lh = leader.history();
        List<Txn> fh = follower.history();
        int common = 0;
        int max = Math.min(lh.size(), fh.size());
        while (common < max && lh.get(common).equals(fh.get(common))) {
            common++;
        }
        long commonZxid = common == 0 ? 0 : lh.get(common - 1).zxid();
        int missing = lh.size() - common;
        int extra = fh.size() - common;
        if (missing > 0 && commonZxid < leader.snapshotZxid()) {
            return new SyncPlan(SyncKind.SNAP, common, lh.size(), fh.size());
        }
        if (extra > 0) {
            if (commonZxid < follower.snapshotZxid()) {
                return new SyncPlan(SyncKind.SNAP, common, lh.size(), fh.size());
            }
            return new SyncPlan(SyncKind.TRUNC, common, missing, extra);
        }
        return new SyncPlan(SyncKind.DIFF, common, missing, 0);
    }

    /**
     * The follower's volume after applying this plan against the leader's current history; with
     * {@code skipTruncate} (a broken rule for tests) the divergent suffix stays and the leader's newer transactions
     * are appended after it.
     */
    VolumeState apply(VolumeState leader, VolumeState follower, boolean skipTruncate) {
        List<Txn> lh = leader.history();
        if (kind == SyncKind.SNAP) {
            long snapZxid = lh.isEmpty() ? 0 : lh.get(lh.size() - 1).zxid();
            if (snapZxid == 0) {
                return follower.cleared();
            }
            return follower.withSnapshot(new Snapshot(snapZxid, lh), List.of());
        }
        long snapZxid = follower.snapshotZxid();
        List<Txn> log = new ArrayList<>();
        if (skipTruncate && kind == SyncKind.TRUNC) {
            log.addAll(follower.log());
            long last = follower.lastZxid();
            for (Txn t : lh) {
                if (t.zxid() > last) {
                    log.add(t);
                }
            }
            return follower.withLog(log);
        }
        for (Txn t : lh) {
            if (t.zxid() > snapZxid) {
                log.add(t);
            }
        }
        return follower.withLog(log);
    }
}
