package dev.zksim.model.zab;

/**
 * Deliberately wrong rules, switchable only from this package's tests, to show that each invariant check fails when
 * the rule it guards is broken.
 */
enum BrokenRule {
    /** FastLeaderElection breaks (epoch, zxid) ties toward the lower server id. */
    LEADER_BY_LOWEST_SID,
    /** The leader commits and acknowledges a write without a quorum of ACKs. */
    COMMIT_WITHOUT_QUORUM,
    /**
     * A new leader reuses the highest accepted epoch instead of proposing a larger one, and followers take an epoch
     * equal to the one they accepted as new (ZooKeeper's second line of defence, the -1 in ACKEPOCH, is off too).
     */
    EPOCH_REUSED,
    /** Synchronisation appends the leader's transactions but never truncates a follower's divergent suffix. */
    SKIP_TRUNCATE
}
