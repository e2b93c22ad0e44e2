package dev.zksim.model.zab;

/**
 * One follower's synchronisation with its leader (Zab paper §III phase 2; LearnerHandler.syncFollower).
 *
 * @param txnsSent transactions the follower received (the whole history for SNAP)
 * @param truncatedFrom how many transactions TRUNC removed from the follower's log
 */
public record SyncRecord(
        String followerPod,
        String leaderPod,
        long epoch,
        SyncKind kind,
        int txnsSent,
        int truncatedFrom,
        long startMs,
        long endMs) {}
