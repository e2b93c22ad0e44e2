package dev.zksim.model.zab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Observers in the Zab model (issue #15 stretch, docs/reconfig.md "Observers"): an {@code :observer} member learns
 * committed transactions from the leader and serves reads, but never votes and never counts in a quorum.
 */
class ObserverModelTests {

    private static String observerLine(ReconfigModelTests.ReconfigRig rig, int ordinal, String role) {
        ConfigMember m = rig.member(ordinal);
        return "server." + m.sid() + "=" + m.quorumAddress() + ":" + role + ";2181";
    }

    /** Three voters and zk-3 added as an observer. */
    private static ReconfigModelTests.ReconfigRig withObserver(long seed) {
        return withObserver(new ReconfigModelTests.ReconfigRig(4, seed));
    }

    private static ReconfigModelTests.ReconfigRig withObserver(ReconfigModelTests.ReconfigRig fresh) {
        ReconfigModelTests.ReconfigRig rig = ReconfigModelTests.threeVoters(fresh, 1);
        WriteResult r = rig.reconfig(0, List.of(observerLine(rig, 3, "observer")), List.of());
        assertThat(r).isInstanceOf(WriteResult.Committed.class);
        return rig;
    }

    @Test
    void anObserverLearnsServesReadsAndPrintsItsRole() {
        ReconfigModelTests.ReconfigRig rig = withObserver(21);
        DynamicConfig c = rig.config(0);
        assertThat(c.voters()).containsExactly(1, 2, 3);
        assertThat(c.members()).containsKey(4);
        assertThat(rig.zk.model.status("zk-3").orElseThrow().mode()).isEqualTo(ServerMode.OBSERVING);
        assertThat(rig.zk.model.srvr("zk-3")).contains("Mode: observer");
        assertThat(rig.zk.model.read("zk-3", "/zookeeper/config", false).describe())
                .contains("server.4=zk-3.zk-hs.default.svc.cluster.local:2888:3888:observer;0.0.0.0:2181");
        assertThat(rig.zk.model.write("zk-3", new WriteRequest.Create("/o", "seen")))
                .isInstanceOf(WriteResult.Committed.class);
        assertThat(rig.zk.model.read("zk-3", "/o", true).describe()).contains("seen");
    }

    @Test
    void anObserverNeverCountsInAQuorumNorLogsAnUncommittedProposal() {
        // without session transactions the write itself is proposed (a createSession would fail first)
        ReconfigModelTests.ReconfigRig rig = withObserver(new ReconfigModelTests.ReconfigRig(4, 22, false));
        rig.zk.stop(1, true);
        rig.zk.stop(2, true);
        // the leader and the observer: not a quorum of {1,2,3}
        WriteResult w = rig.zk.model.write("zk-0", new WriteRequest.Create("/lonely", "x"));
        assertThat(w).isInstanceOf(WriteResult.NoReply.class);
        assertThat(rig.zk.model.volumeOf("zk-0").orElseThrow().history())
                .anyMatch(t -> t.path().equals("/lonely"));
        assertThat(rig.zk.model.volumeOf("zk-3").orElseThrow().history())
                .noneMatch(t -> t.path().equals("/lonely"));
    }

    @Test
    void anObserverIsNoVoterOfTheNewConfigsSyncedQuorum() {
        ReconfigModelTests.ReconfigRig rig = withObserver(25);
        // new voters {1, 9}: zk-0 is synced, server 9 is not running, the synced observer does not count
        WriteResult r = rig.zk.model.write(
                "zk-0",
                new WriteRequest.ConfigChange(List.of("server.9=zk-8.zk-hs:2888:3888;2181"), List.of("2", "3")));
        assertThat(r).isInstanceOf(WriteResult.Rejected.class);
        assertThat(((WriteResult.Rejected) r).code()).isEqualTo(KeeperCode.NEW_CONFIG_NO_QUORUM);
    }

    @Test
    void anObserverIsNotASyncedVoterOfAConfigThatMakesItAParticipant() {
        ReconfigModelTests.ReconfigRig rig = withObserver(26);
        rig.zk.stop(2, true);
        rig.zk.runFor(1_000);
        // {1,2,3,4} needs 3 synced voters: zk-0 and zk-1 are, zk-3 syncs as an observer (not a forwarding follower)
        WriteResult r = rig.zk.model.write(
                "zk-0", new WriteRequest.ConfigChange(List.of(observerLine(rig, 3, "participant")), List.of()));
        assertThat(r).isInstanceOf(WriteResult.Rejected.class);
        assertThat(((WriteResult.Rejected) r).code()).isEqualTo(KeeperCode.NEW_CONFIG_NO_QUORUM);
    }

    @Test
    void anObserversAckDoesNotCountForTheConfigThatMakesItAParticipant() {
        ReconfigModelTests.ReconfigRig rig = withObserver(27);
        // zk-2 hangs: still counted synced (until syncLimit), but only zk-0, zk-1 and the observer answer
        rig.zk.model.hang("zk-2");
        WriteResult r = rig.zk.model.write(
                "zk-0", new WriteRequest.ConfigChange(List.of(observerLine(rig, 3, "participant")), List.of()));
        // zk-0 and zk-1 are 2 of {1,2,3,4}: the reconfig stays pending
        assertThat(r).as(rig.zk.model.history().timelineText()).isInstanceOf(WriteResult.NoReply.class);
        assertThat(rig.zk.model.lastSeenConfig("zk-0").orElseThrow().voters()).containsExactly(1, 2, 3, 4);
        assertThat(rig.config(0).voters()).containsExactly(1, 2, 3);
        rig.zk.model.resume("zk-2");
        assertThat(rig.config(0).voters()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void anObserverBecomesAVotingParticipantWithoutAnElection() {
        ReconfigModelTests.ReconfigRig rig = withObserver(23);
        int elections = rig.zk.model.elections().size();
        WriteResult r = rig.reconfig(1, List.of(observerLine(rig, 3, "participant")), List.of());
        assertThat(r).isInstanceOf(WriteResult.Committed.class);
        rig.zk.runFor(2_000);
        String timeline = rig.zk.model.history().timelineText();
        assertThat(timeline).contains("zk-3   Becoming a participant");
        assertThat(rig.config(3).voters()).containsExactly(1, 2, 3, 4);
        assertThat(rig.zk.model.status("zk-3").orElseThrow().mode())
                .as(timeline)
                .isEqualTo(ServerMode.FOLLOWING);
        assertThat(rig.zk.model.status("zk-3").orElseThrow().serving()).isTrue();
        assertThat(rig.zk.model.elections()).hasSize(elections);
        // it counts now: with zk-1 and zk-2 gone, zk-0 and zk-3 are still not 3 of 4, but with zk-2 back they are
        rig.zk.stop(1, true);
        assertThat(rig.zk.model.write("zk-0", new WriteRequest.Create("/four", "x")))
                .isInstanceOf(WriteResult.Committed.class);
    }

    @Test
    void anObserverFollowsTheNextLeaderAfterACrash() {
        ReconfigModelTests.ReconfigRig rig = withObserver(24);
        rig.zk.stop(0, true);
        rig.zk.runFor(30_000);
        String leader = rig.zk.leaderPod();
        assertThat(leader).isIn("zk-1", "zk-2");
        assertThat(rig.zk.model.status("zk-3").orElseThrow().mode()).isEqualTo(ServerMode.OBSERVING);
        assertThat(rig.zk.model.status("zk-3").orElseThrow().serving()).isTrue();
        assertThat(rig.zk.model.write("zk-3", new WriteRequest.Create("/after", "x")))
                .isInstanceOf(WriteResult.Committed.class);
    }
}
