package dev.zksim.model.zab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** {@code [  31.004s] zk-3   TEXT...}: the virtual time of the first line of {@code pod} starting with {@code text}. */
    private static long at(String timeline, String pod, String text) {
        Matcher m = Pattern.compile("\\[ *([0-9.]+)s\\] " + Pattern.quote(pod) + " +" + Pattern.quote(text))
                .matcher(timeline);
        assertThat(m.find()).as(pod + " " + text + " in\n" + timeline).isTrue();
        return Math.round(Double.parseDouble(m.group(1)) * 1000);
    }

    private static long waited(String timeline, String pod) {
        Matcher m = Pattern.compile(
                        Pattern.quote(pod) + " +Waiting for ([0-9]+) ms before reconnecting with the leader")
                .matcher(timeline);
        assertThat(m.find()).as(timeline).isTrue();
        return Long.parseLong(m.group(1));
    }

    /**
     * When its leader crashes an observer waits Observer.waitForObserverElectionDelay, a random 0-199 ms
     * (zookeeper.observer.election.DelayMs), before it looks for the next leader (QuorumPeer.run's OBSERVING case);
     * the delay comes from the seed: same seed, same delay, and the seeds give different ones.
     */
    @Test
    void anObserverWaitsItsRandomElectionDelayBeforeItLooksAgain() {
        java.util.TreeSet<Long> delays = new java.util.TreeSet<>();
        for (long seed : new long[] {24, 25, 26, 27}) {
            ReconfigModelTests.ReconfigRig rig = withObserver(seed);
            rig.zk.stop(0, true);
            rig.zk.runFor(30_000);
            String timeline = rig.zk.model.history().timelineText();
            long delay = waited(timeline, "zk-3");
            assertThat(delay).isBetween(0L, 199L);
            assertThat(at(timeline, "zk-3", "LOOKING (observer election delay over)")
                            - at(timeline, "zk-3", "Waiting for"))
                    .isEqualTo(delay);
            assertThat(rig.zk.model.status("zk-3").orElseThrow().mode()).isEqualTo(ServerMode.OBSERVING);
            ReconfigModelTests.ReconfigRig again = withObserver(seed);
            again.zk.stop(0, true);
            again.zk.runFor(30_000);
            assertThat(again.zk.model.history().timelineText()).isEqualTo(timeline);
            delays.add(delay);
        }
        assertThat(delays).as("four seeds, one delay each").hasSizeGreaterThan(1);
    }

    /**
     * A hand-off (the leader removed, INFORMANDACTIVATE naming the designated leader) ends observeLeader too: the
     * observer waits its delay, then observes the designated leader without an election, as ZooKeeper 3.9.4 logged
     * it in the real engine ("Waiting for 66 ms before reconnecting with the leader", then "Observing new leader").
     */
    @Test
    void anObserverWaitsItsDelayAfterAHandOffTooAndThenObservesTheDesignatedLeader() {
        ReconfigModelTests.ReconfigRig rig = withObserver(23);
        WriteResult r = rig.reconfig(1, List.of(), List.of("1"));
        assertThat(r).isInstanceOf(WriteResult.Committed.class);
        rig.zk.runFor(5_000);
        String timeline = rig.zk.model.history().timelineText();
        assertThat(waited(timeline, "zk-3")).isBetween(0L, 199L);
        assertThat(rig.zk.leaderPod()).isEqualTo("zk-1");
        assertThat(rig.zk.model.status("zk-3").orElseThrow().mode()).isEqualTo(ServerMode.OBSERVING);
        assertThat(rig.zk.model.status("zk-3").orElseThrow().serving()).isTrue();
        // no election of its own: zk-3 never looks (the removed zk-0 does, to rejoin as a non-voter)
        assertThat(timeline.substring(timeline.indexOf("zk-3   Waiting for"))).doesNotContain("zk-3   LOOKING");
        assertThat(timeline).contains("zk-3   changes proposed in reconfig: FOLLOWING zk-1 without an election");
    }
}
