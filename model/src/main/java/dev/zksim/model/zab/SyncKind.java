package dev.zksim.model.zab;

/**
 * How a leader brings a follower to its history (LearnerHandler.syncFollower): DIFF sends the transactions the
 * follower misses, TRUNC first cuts the follower's log back to the last transaction both share (its uncommitted
 * suffix from an older epoch), SNAP replaces the follower's state with a snapshot of the leader's.
 */
public enum SyncKind {
    DIFF,
    TRUNC,
    SNAP
}
