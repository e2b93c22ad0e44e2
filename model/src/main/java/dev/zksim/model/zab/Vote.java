package dev.zksim.model.zab;

/**
 * A vote as FastLeaderElection stores it in its vote tables (Vote). {@code version} 0 or 2 matters only for
 * {@link #agrees}: ZooKeeper stores some votes with the old message version and compares across versions by leader id
 * alone (ZOOKEEPER-1732, ZOOKEEPER-1805).
 */
record Vote(int leader, long zxid, long electionEpoch, long peerEpoch, ServerMode state, int version) {

    /** Vote.equals: LOOKING votes must match entirely; votes of servers out of election match on leader and epoch. */
    boolean agrees(Vote other) {
        if (state == ServerMode.LOOKING || other.state == ServerMode.LOOKING) {
            return leader == other.leader
                    && zxid == other.zxid
                    && electionEpoch == other.electionEpoch
                    && peerEpoch == other.peerEpoch;
        }
        if ((version > 0) ^ (other.version > 0)) {
            return leader == other.leader;
        }
        return leader == other.leader && peerEpoch == other.peerEpoch;
    }

    /**
     * This vote as the server announces it once its role is settled: the same leader, zxid and election epoch, with the
     * epoch it now runs in and its mode, in the current notification format.
     */
    Vote settled(long epoch, ServerMode mode) {
        return new Vote(leader, zxid, electionEpoch, epoch, mode, Notification.VERSION);
    }
}
