package dev.zksim.model.zab;

import java.util.Collection;
import java.util.SortedSet;

/**
 * Decides which sets of servers form a quorum (ZooKeeper's flexible QuorumVerifier). Elections, epoch agreement,
 * synchronisation and commits all ask this one interface, so weighted or hierarchical quorums (QuorumHierarchical) and
 * observers (weight 0, never voting) can be added without touching the protocol code.
 */
public interface QuorumVerifier {

    /** Server ids that vote (followers and leader candidates), ascending. */
    SortedSet<Integer> votingMembers();

    /** Weight of a server's vote; 0 for a non-voter, which FastLeaderElection never proposes as leader. */
    long weight(int sid);

    /** Whether {@code sids} (non-voters and duplicates ignored) contain a quorum. */
    boolean containsQuorum(Collection<Integer> sids);

    /** Whether {@code sid} is a voting member (QuorumPeer.isParticipant / FastLeaderElection.validVoter). */
    default boolean isVoter(int sid) {
        return votingMembers().contains(sid);
    }
}
