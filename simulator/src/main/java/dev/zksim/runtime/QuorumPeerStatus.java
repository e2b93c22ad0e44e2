package dev.zksim.runtime;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What one pod's server says about itself now, read from the in-process server (the same facts {@code srvr} prints,
 * plus the voters of its configuration, which {@code /zookeeper/config} prints).
 *
 * @param pod the pod
 * @param mode the server's role
 * @param serving whether it serves clients now (false while LOOKING, syncing, or down)
 * @param lastProcessedZxid the last transaction applied to its data tree, -1 when not serving
 * @param votedLeaderId the server id it currently votes for or follows, -1 when unknown
 * @param serverId the server's own id ({@code myid}), -1 when it has none (not running, starting, standalone)
 * @param config the voters of the server's configuration; empty when it has none (not running, starting, or a
 *     standalone server, which has no quorum)
 */
public record QuorumPeerStatus(
        String pod,
        PeerMode mode,
        boolean serving,
        long lastProcessedZxid,
        long votedLeaderId,
        long serverId,
        Optional<VotingConfig> config) {

    /** A status without a server id or configuration: not running, starting, or standalone. */
    public QuorumPeerStatus(String pod, PeerMode mode, boolean serving, long lastProcessedZxid, long votedLeaderId) {
        this(pod, mode, serving, lastProcessedZxid, votedLeaderId, -1, Optional.empty());
    }

    /** A server's role; STARTING before the server runs, NOT_RUNNING after it stopped or when there is none. */
    public enum PeerMode {
        STARTING,
        LOOKING,
        LEADING,
        FOLLOWING,
        OBSERVING,
        STANDALONE,
        NOT_RUNNING
    }

    /**
     * The voting members of a server's committed configuration ({@code QuorumPeer.getQuorumVerifier()
     * .getVotingMembers()}) and, while a reconfig is proposed and not committed, of the proposed one
     * ({@code getLastSeenQuorumVerifier()} when its version is higher): the quorum systems a leader's proposal must
     * each satisfy (Leader.propose adds both to the proposal, SyncedLearnerTracker.hasAllQuorums). Observers and
     * non-voting followers are in neither list.
     *
     * @param version the committed configuration's version (the zxid of the reconfig that made it; 0 for a static
     *     config or an unversioned dynamic file)
     * @param voters the committed configuration's voting server ids, ascending
     * @param proposedVoters the proposed configuration's voting server ids, ascending; empty when none is pending
     */
    public record VotingConfig(long version, List<Long> voters, List<Long> proposedVoters) {
        public VotingConfig {
            voters = voters.stream().sorted().toList();
            proposedVoters = proposedVoters.stream().sorted().toList();
        }

        /**
         * Whether the servers {@code ids} contain a quorum: a majority of the voters (QuorumMaj.containsQuorum: more
         * than half of the voting members; an id that is no voter counts for nothing, as SyncedLearnerTracker.addAck
         * ignores it), and of the proposed voters too while a reconfig is pending.
         */
        public boolean quorumAmong(Collection<Long> ids) {
            return majority(voters, ids) && (proposedVoters.isEmpty() || majority(proposedVoters, ids));
        }

        private static boolean majority(List<Long> members, Collection<Long> ids) {
            long present = members.stream().filter(ids::contains).count();
            return present > members.size() / 2;
        }
    }

    static QuorumPeerStatus notRunning(String pod) {
        return new QuorumPeerStatus(pod, PeerMode.NOT_RUNNING, false, -1, -1);
    }

    /** This status with {@code serving} false (a paused process serves nobody). */
    QuorumPeerStatus notServing() {
        return new QuorumPeerStatus(pod, mode, false, lastProcessedZxid, votedLeaderId, serverId, config);
    }

    /** A leader that serves: what {@code srvr} reports as "Mode: leader". */
    public boolean isServingLeader() {
        return serving && mode == PeerMode.LEADING;
    }

    /**
     * Whether a proposal of this server, as leader, would commit with the ACKs of the serving servers among
     * {@code ackers} (the caller narrows them further, e.g. to those whose links to the leader pass): ZooKeeper counts
     * an ACK only from a voting member of the leader's config (SyncedLearnerTracker.addAck) and commits on more than
     * half of them (QuorumMaj.containsQuorum), in both the committed and the proposed config while a reconfig is
     * pending (Leader.propose, SyncedLearnerTracker.hasAllQuorums). So observers and non-voting followers (a server
     * that joined before its {@code reconfig -add}, or was removed) never count, and the majority is of the leader's
     * voters, not of the StatefulSet's replicas or {@code --servers}: with a static config (start-zookeeper's
     * {@code --servers}) the voters are those servers, so the count is as before; with the reconfig manifest zk-0
     * alone is a one-voter config that takes writes. A standalone server ({@code --servers=1}, ZooKeeperServerMain)
     * has no quorum and commits by itself; a server without a config (starting, stopped) commits nothing.
     */
    public boolean hasQuorumAmong(Collection<QuorumPeerStatus> ackers) {
        if (mode == PeerMode.STANDALONE) {
            return serving;
        }
        List<Long> ids = ackers.stream()
                .filter(QuorumPeerStatus::serving)
                .map(QuorumPeerStatus::serverId)
                .toList();
        return config.map(c -> c.quorumAmong(ids)).orElse(false);
    }

    /**
     * Of the servers that say they lead and serve, the one a write reaches: the only one, or, when more than one says
     * so, the only one whose own followers (the serving servers whose vote names it, and itself) hold a quorum of its
     * voters ({@link #hasQuorumAmong}). Two leaders overlap after a reconfig removes the leader: the followers follow
     * the designated leader at once (QuorumPeer.processReconfig sets their vote to it), while the removed leader,
     * which no longer commits (Leader: "not the designated leader anymore, setting allowedToCommit=false"), says it
     * leads until its next once-per-tick quorum check (Leader.lead: "Not sufficient followers synced"). Empty when no
     * server or more than one qualifies.
     */
    public static Optional<QuorumPeerStatus> leaderWritesReach(Collection<QuorumPeerStatus> statuses) {
        List<QuorumPeerStatus> leaders =
                statuses.stream().filter(QuorumPeerStatus::leadsAndServes).toList();
        if (leaders.size() <= 1) {
            return leaders.stream().findFirst();
        }
        List<QuorumPeerStatus> followed = leaders.stream()
                .filter(l -> l.hasQuorumAmong(statuses.stream()
                        .filter(s -> s.pod().equals(l.pod()) || s.votedLeaderId() == l.serverId())
                        .toList()))
                .toList();
        return followed.size() == 1 ? Optional.of(followed.get(0)) : Optional.empty();
    }

    /**
     * Whether this server is the one writes go to: a serving leader, or a serving standalone server (a one-server
     * ensemble has no leader, and takes writes itself).
     */
    public boolean leadsAndServes() {
        return isServingLeader() || mode == PeerMode.STANDALONE && serving;
    }
}
