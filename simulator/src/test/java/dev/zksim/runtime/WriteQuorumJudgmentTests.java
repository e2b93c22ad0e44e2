package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.runtime.QuorumPeerStatus.PeerMode;
import dev.zksim.runtime.QuorumPeerStatus.VotingConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Whether the real engine judges a leader's writes available from the servers' statuses
 * ({@link QuorumPeerStatus#hasQuorumAmong}, used by RealBackend's writability and rest judgments and by
 * {@link RealContainerRuntime#awaitLeader}): a majority of the voters of the leader's own config must serve,
 * observers and non-voting followers never count, and while a reconfig is pending the proposed config needs its
 * majority too.
 */
class WriteQuorumJudgmentTests {

    /** zk-N, server id N+1, as the start scripts number them, with {@code config}. */
    private static QuorumPeerStatus st(String pod, PeerMode mode, boolean serving, VotingConfig config) {
        return new QuorumPeerStatus(
                pod,
                mode,
                serving,
                serving ? 1 : -1,
                -1,
                Long.parseLong(pod.substring(pod.lastIndexOf('-') + 1)) + 1,
                Optional.of(config));
    }

    @Test
    void aOneVoterConfigTakesWritesAlone() {
        // the reconfig manifest's zk-0 before zk-1 joins: standaloneEnabled=false keeps it a QuorumPeer that leads
        // its one-voter config (a majority of 1 is itself); the StatefulSet's 3 replicas do not matter
        VotingConfig alone = new VotingConfig(0x100000000L, List.of(1L), List.of());
        QuorumPeerStatus zk0 = st("zk-0", PeerMode.LEADING, true, alone);
        assertThat(zk0.hasQuorumAmong(List.of(zk0))).isTrue();
        // a joiner that follows as a non-voting follower changes nothing either way
        QuorumPeerStatus zk1 = st("zk-1", PeerMode.FOLLOWING, true, alone);
        assertThat(zk0.hasQuorumAmong(List.of(zk0, zk1))).isTrue();
    }

    @Test
    void observersServeButNeverMakeTheMajority() {
        // 3 participants and 2 observers: with zk-1 and zk-2 gone, 3 of 5 servers serve, 1 of 3 voters
        VotingConfig config = new VotingConfig(0x100000000L, List.of(1L, 2L, 3L), List.of());
        QuorumPeerStatus leader = st("zk-0", PeerMode.LEADING, true, config);
        List<QuorumPeerStatus> serving = List.of(
                leader, st("zk-3", PeerMode.OBSERVING, true, config), st("zk-4", PeerMode.OBSERVING, true, config));
        assertThat(leader.hasQuorumAmong(serving)).isFalse();
        List<QuorumPeerStatus> withAVoter = List.of(
                leader, st("zk-2", PeerMode.FOLLOWING, true, config), st("zk-3", PeerMode.OBSERVING, true, config));
        assertThat(leader.hasQuorumAmong(withAVoter)).isTrue();
    }

    @Test
    void fiveVotersAfterAScaleNeedThree() {
        VotingConfig five = new VotingConfig(0x100000005L, List.of(1L, 2L, 3L, 4L, 5L), List.of());
        QuorumPeerStatus leader = st("zk-0", PeerMode.LEADING, true, five);
        QuorumPeerStatus zk1 = st("zk-1", PeerMode.FOLLOWING, true, five);
        QuorumPeerStatus zk2 = st("zk-2", PeerMode.FOLLOWING, true, five);
        assertThat(leader.hasQuorumAmong(List.of(leader, zk1))).isFalse();
        assertThat(leader.hasQuorumAmong(List.of(leader, zk1, zk2))).isTrue();
        // a server that is not serving (syncing, looking) acknowledges nothing
        QuorumPeerStatus zk2Syncing = st("zk-2", PeerMode.FOLLOWING, false, five);
        assertThat(leader.hasQuorumAmong(List.of(leader, zk1, zk2Syncing))).isFalse();
    }

    @Test
    void aPendingReconfigNeedsAMajorityOfBothConfigs() {
        // zk-0..2 vote, -add of zk-3 and zk-4 proposed: {1,2} is a majority of the old config, not of the new one
        VotingConfig pending = new VotingConfig(0x100000000L, List.of(1L, 2L, 3L), List.of(1L, 2L, 3L, 4L, 5L));
        QuorumPeerStatus leader = st("zk-0", PeerMode.LEADING, true, pending);
        QuorumPeerStatus zk1 = st("zk-1", PeerMode.FOLLOWING, true, pending);
        assertThat(leader.hasQuorumAmong(List.of(leader, zk1))).isFalse();
        QuorumPeerStatus zk3 = st("zk-3", PeerMode.FOLLOWING, true, pending);
        assertThat(leader.hasQuorumAmong(List.of(leader, zk1, zk3))).isTrue();
    }

    @Test
    void aStaticEnsembleJudgesByItsServersAsBefore() {
        // the tutorial's --servers=3: every server votes; two of three serving is a quorum, one is not
        VotingConfig three = new VotingConfig(0, List.of(1L, 2L, 3L), List.of());
        QuorumPeerStatus leader = st("zk-1", PeerMode.LEADING, true, three);
        assertThat(leader.hasQuorumAmong(List.of(leader))).isFalse();
        assertThat(leader.hasQuorumAmong(List.of(leader, st("zk-2", PeerMode.FOLLOWING, true, three))))
                .isTrue();
        // ZooKeeperServerMain (--servers=1) has no quorum
        QuorumPeerStatus standalone = new QuorumPeerStatus("zk-0", PeerMode.STANDALONE, true, 1, -1);
        assertThat(standalone.hasQuorumAmong(List.of(standalone))).isTrue();
    }

    @Test
    void aRemovedLeaderThatStillSaysItLeadsIsPassedOverForTheOneItsFormerFollowersFollow() {
        // scale 5 -> 3 with zk-4 leading: its reconfig -remove 5 commits, zk-0 is the designated leader and zk-1..3
        // follow it at once, while zk-4 says "leading" until its next tick; writes reach zk-0
        VotingConfig four = new VotingConfig(0x20000000aL, List.of(1L, 2L, 3L, 4L), List.of());
        QuorumPeerStatus oldLeader = new QuorumPeerStatus("zk-4", PeerMode.LEADING, true, 9, 5, 5, Optional.of(four));
        QuorumPeerStatus newLeader = new QuorumPeerStatus("zk-0", PeerMode.LEADING, true, 9, 1, 1, Optional.of(four));
        List<QuorumPeerStatus> followers = List.of(
                new QuorumPeerStatus("zk-1", PeerMode.FOLLOWING, true, 9, 1, 2, Optional.of(four)),
                new QuorumPeerStatus("zk-2", PeerMode.FOLLOWING, true, 9, 1, 3, Optional.of(four)));
        List<QuorumPeerStatus> all = new java.util.ArrayList<>(followers);
        all.add(oldLeader);
        all.add(newLeader);
        assertThat(QuorumPeerStatus.leaderWritesReach(all)).contains(newLeader);
        // before the followers switch (their votes still name zk-4) neither leader has its followers' quorum
        List<QuorumPeerStatus> before = List.of(
                oldLeader,
                newLeader,
                new QuorumPeerStatus("zk-1", PeerMode.FOLLOWING, true, 9, 5, 2, Optional.of(four)),
                new QuorumPeerStatus("zk-2", PeerMode.FOLLOWING, true, 9, 5, 3, Optional.of(four)));
        assertThat(QuorumPeerStatus.leaderWritesReach(before)).isEmpty();
        // one leader: it, as before
        assertThat(QuorumPeerStatus.leaderWritesReach(List.of(newLeader))).contains(newLeader);
    }
}
