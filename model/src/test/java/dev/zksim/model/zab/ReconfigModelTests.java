package dev.zksim.model.zab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dynamic reconfiguration in the Zab model (issue #15, docs/reconfig.md): servers started from a dynamic config as
 * the reconfig manifest's start script starts them, grown and shrunk with {@code reconfig -add/-remove}.
 */
class ReconfigModelTests {

    /** An ensemble of up to {@code pods} pods, none started; {@link ReconfigRig#join} starts them one by one. */
    static final class ReconfigRig {
        final Ensemble zk;

        ReconfigRig(int pods, long seed) {
            this.zk = Ensemble.fastDns(pods, seed);
        }

        /** With {@code sessions} false, client operations bring no createSession/closeSession transactions. */
        ReconfigRig(int pods, long seed, boolean sessions) {
            this.zk = new Ensemble(
                    pods,
                    1_000,
                    1_000,
                    ZabOptions.defaults(seed)
                            .withTiming(TimingProfile.FIRST_ESTIMATES)
                            .withSessionTxns(
                                    sessions ? ZabOptions.SessionTxns.ONE_SHOT_CLIENT : ZabOptions.SessionTxns.NONE),
                    java.util.EnumSet.noneOf(BrokenRule.class));
        }

        /** The line the manifest's start script writes for this pod. */
        ConfigMember member(int ordinal) {
            return new ConfigMember(
                    ordinal + 1,
                    Ensemble.pod(ordinal) + ".zk-hs.default.svc.cluster.local:" + zk.config.serverPort() + ":"
                            + zk.config.electionPort(),
                    false,
                    "0.0.0.0:" + zk.config.clientPort());
        }

        /** zk-0 alone, standaloneEnabled=false (the start script with no ensemble answering), until it serves. */
        void bootstrap() {
            zk.dynamicStarts.put(0, new DynamicStart(DynamicConfig.of(List.of(member(0)), 0), true, false));
            zk.start(0);
            zk.awaitAllServing(60_000);
        }

        /**
         * Starts the pod as the start script does when the ensemble answers (its committed members plus this server,
         * a file without a version) and waits until it serves.
         */
        void start(int ordinal) {
            List<ConfigMember> members = new ArrayList<>();
            String leader = zk.leaderPod();
            members.addAll(
                    zk.model.committedConfig(leader).orElseThrow().members().values());
            members.add(member(ordinal));
            zk.dynamicStarts.put(ordinal, new DynamicStart(DynamicConfig.of(members, 0), true, false));
            zk.start(ordinal);
            zk.awaitAllServing(60_000);
        }

        /** Starts the pod and makes it a voter with {@code reconfig -add} from its own client. */
        WriteResult join(int ordinal) {
            start(ordinal);
            return reconfig(ordinal, List.of(Ensemble.pod(ordinal)), List.of());
        }

        WriteResult reconfig(int via, List<String> add, List<String> remove) {
            WriteResult r = zk.model.write(Ensemble.pod(via), new WriteRequest.ConfigChange(add, remove));
            zk.runFor(1_000);
            return r;
        }

        DynamicConfig config(int ordinal) {
            return zk.model.committedConfig(Ensemble.pod(ordinal)).orElseThrow();
        }
    }

    @Test
    void zk0AloneLeadsWithItsConfigVersionedByTheNewLeaderZxid() {
        ReconfigRig rig = new ReconfigRig(5, 1);
        rig.bootstrap();
        assertThat(rig.zk.leaderPod()).isEqualTo("zk-0");
        ReadResult config = rig.zk.model.read("zk-0", "/zookeeper/config", false);
        // ZOOKEEPER-1783: a version-0 config takes the NEWLEADER zxid once a leader is established
        assertThat(config.describe())
                .contains("server.1=zk-0.zk-hs.default.svc.cluster.local:2888:3888:participant;0.0.0.0:2181\n"
                        + "version=100000000");
    }

    @Test
    void growsFromOneToThreeToFiveByAddsAndShrinksToThreeByRemoves() {
        ReconfigRig rig = new ReconfigRig(5, 2);
        rig.bootstrap();
        for (int i = 1; i < 5; i++) {
            WriteResult r = rig.join(i);
            assertThat(r)
                    .as("join zk-%d%n%s", i, rig.zk.model.history().timelineText())
                    .isInstanceOf(WriteResult.Committed.class);
            DynamicConfig c = rig.config(0);
            assertThat(c.voters()).hasSize(i + 1);
            assertThat(c.version()).isEqualTo(((WriteResult.Committed) r).zxid());
            for (int j = 0; j <= i; j++) {
                assertThat(rig.config(j)).as("zk-%d's config", j).isEqualTo(c);
            }
        }
        assertThat(rig.zk.model.write("zk-4", new WriteRequest.Create("/grown", "5")))
                .isInstanceOf(WriteResult.Committed.class);
        WriteResult r = rig.reconfig(0, List.of(), List.of("5", "zk-3"));
        assertThat(r).isInstanceOf(WriteResult.Committed.class);
        DynamicConfig three = rig.config(0);
        assertThat(three.voters()).containsExactly(1, 2, 3);
        // the removed servers keep running as non-voting followers and still serve reads
        assertThat(rig.zk.model.status("zk-4").orElseThrow().mode()).isEqualTo(ServerMode.FOLLOWING);
        assertThat(rig.config(4)).isEqualTo(three);
        assertThat(rig.zk.model.read("zk-4", "/grown", true).describe()).contains("5");
        assertThat(rig.zk.model.read("zk-1", "/zookeeper/config", false).describe())
                .contains(three.text());
    }

    /** Three voters zk-0..zk-2 led by zk-0, plus {@code extra} more pods running as non-voting followers. */
    static ReconfigRig threeVoters(int pods, int extra, long seed) {
        return threeVoters(new ReconfigRig(pods, seed), extra);
    }

    static ReconfigRig threeVoters(ReconfigRig rig, int extra) {
        rig.bootstrap();
        rig.join(1);
        rig.join(2);
        for (int i = 3; i < 3 + extra; i++) {
            rig.start(i);
        }
        assertThat(rig.config(0).voters()).containsExactly(1, 2, 3);
        return rig;
    }

    private static KeeperCode code(WriteResult r) {
        assertThat(r).isInstanceOf(WriteResult.Rejected.class);
        return ((WriteResult.Rejected) r).code();
    }

    @Test
    void aServerNotInTheConfigFollowsAsANonVoterAndServesReads() {
        ReconfigRig rig = threeVoters(4, 1, 3);
        assertThat(rig.zk.model.status("zk-3").orElseThrow().mode()).isEqualTo(ServerMode.FOLLOWING);
        assertThat(rig.config(3).isVoter(4)).isFalse();
        assertThat(rig.zk.model.write("zk-3", new WriteRequest.Create("/a", "1")))
                .isInstanceOf(WriteResult.Committed.class);
        assertThat(rig.zk.model.read("zk-3", "/a", false).describe()).contains("1");
        // its ACKs do not count: with two of the three voters gone, the leader has no quorum
        rig.zk.stop(1, true);
        rig.zk.stop(2, true);
        assertThat(rig.zk.model.write("zk-3", new WriteRequest.Create("/b", "1")))
                .isInstanceOf(WriteResult.NoReply.class);
    }

    @Test
    void reconfigErrorsComeInZooKeepersOrder() {
        ReconfigRig rig = threeVoters(5, 0, 4);
        long version = rig.config(0).version();
        // -v wrong and a malformed server string: BadVersion is checked first
        assertThat(code(rig.zk.model.write(
                        "zk-1", new WriteRequest.ConfigChange(List.of("server.9=nohost:1"), List.of(), version + 1))))
                .isEqualTo(KeeperCode.BAD_VERSION);
        assertThat(code(rig.reconfig(1, List.of("server.9=nohost:1"), List.of())))
                .isEqualTo(KeeperCode.BAD_ARGUMENTS);
        // all three ports are needed
        assertThat(code(rig.reconfig(1, List.of("server.9=zk-9.x:2888:3888"), List.of())))
                .isEqualTo(KeeperCode.BAD_ARGUMENTS);
        // standaloneEnabled=false: one voter may remain, none may not
        assertThat(code(rig.reconfig(1, List.of(), List.of("1", "2", "3")))).isEqualTo(KeeperCode.BAD_ARGUMENTS);
        // too few voters is checked before the synced quorum: removing all but an absent server
        assertThat(code(rig.reconfig(1, List.of("server.9=zk-9.x:2888:3888;2181"), List.of("1", "2", "3"))))
                .isEqualTo(KeeperCode.NEW_CONFIG_NO_QUORUM);
        // two servers that are not running: the synced voters (3 of 5) are still a quorum of the new config
        rig.zk.stop(2, true);
        rig.zk.runFor(1_000);
        assertThat(code(rig.reconfig(1, List.of("zk-3", "zk-4"), List.of())))
                .isEqualTo(KeeperCode.NEW_CONFIG_NO_QUORUM);
        // the errors were committed as error transactions; the config did not change
        assertThat(rig.config(0).version()).isEqualTo(version);
        assertThat(rig.zk.model.read("zk-0", "/zookeeper/config", false).describe())
                .contains("version=" + Long.toHexString(version));
    }

    @Test
    void reconfigIsDisabledOrUnimplementedAsConfigured() {
        ReconfigRig disabled = new ReconfigRig(3, 5);
        disabled.zk.dynamicStarts.put(
                0, new DynamicStart(DynamicConfig.of(List.of(disabled.member(0)), 0), false, false));
        disabled.zk.start(0);
        disabled.zk.awaitAllServing(60_000);
        WriteResult r = disabled.reconfig(0, List.of("not a server"), List.of());
        assertThat(code(r)).isEqualTo(KeeperCode.RECONFIG_DISABLED);
        assertThat(((WriteResult.Rejected) r).message()).isEqualTo("KeeperErrorCode = Reconfig is disabled");
        // processReconfig does nothing with reconfigEnabled=false: the version-0 config is not bumped (ZOOKEEPER-1783)
        assertThat(disabled.zk.model.read("zk-0", "/zookeeper/config", false).describe())
                .contains("participant;0.0.0.0:2181\nversion=0 (");

        ReconfigRig standalone = new ReconfigRig(3, 6);
        standalone.zk.dynamicStarts.put(
                0, new DynamicStart(DynamicConfig.of(List.of(standalone.member(0)), 0), true, true));
        standalone.zk.start(0);
        standalone.zk.awaitAllServing(60_000);
        assertThat(standalone.zk.model.status("zk-0").orElseThrow().mode()).isEqualTo(ServerMode.STANDALONE);
        r = standalone.reconfig(0, List.of("zk-1"), List.of());
        assertThat(code(r)).isEqualTo(KeeperCode.UNIMPLEMENTED);
        assertThat(((WriteResult.Rejected) r).message()).isEqualTo("KeeperErrorCode = Unimplemented");
    }

    /**
     * zk-3 and zk-4 follow without a vote; zk-2, zk-3 and zk-4 hang, so the leader still counts them synced (until
     * syncLimit) but only zk-0 and zk-1 ACK. {@code -add zk-3,zk-4} passes isQuorumSynced, but its proposal gets a
     * quorum of the old config only: it stays pending, and so does every write after it.
     */
    static ReconfigRig pendingAdd(long seed) {
        ReconfigRig rig = threeVoters(5, 2, seed);
        for (int i = 2; i < 5; i++) {
            rig.zk.model.hang(Ensemble.pod(i));
        }
        WriteResult r = rig.zk.model.write("zk-0", new WriteRequest.ConfigChange(List.of("zk-3", "zk-4"), List.of()));
        assertThat(r).isInstanceOf(WriteResult.NoReply.class);
        assertThat(rig.zk.model.lastSeenConfig("zk-0").orElseThrow().voters()).containsExactly(1, 2, 3, 4, 5);
        assertThat(rig.config(0).voters()).containsExactly(1, 2, 3);
        return rig;
    }

    @Test
    void aWriteDuringAPendingReconfigNeedsAQuorumOfBothConfigs() {
        ReconfigRig rig = pendingAdd(7);
        // zk-0 and zk-1 are a quorum of {1,2,3} but not of {1,2,3,4,5}: the write does not commit
        WriteResult w = rig.zk.model.write("zk-1", new WriteRequest.Create("/during", "x"));
        assertThat(w).as(rig.zk.model.history().timelineText()).isInstanceOf(WriteResult.NoReply.class);
        assertThat(rig.zk.model.writesAvailable()).isFalse();
        // another reconfig is refused as ReconfigInProgress, an error transaction that needs both quorums too
        assertThat(rig.zk.model.write("zk-0", new WriteRequest.ConfigChange(List.of(), List.of("5"))))
                .isInstanceOf(WriteResult.NoReply.class);
        assertThat(rig.zk.model.history().timelineText())
                .contains("reconfig refused: config 100000008 is proposed, not committed");
        // the ACKs of zk-3 and zk-4 arrive: both quorums hold, the reconfig commits, writes commit again
        for (int i = 2; i < 5; i++) {
            rig.zk.model.resume(Ensemble.pod(i));
        }
        rig.zk.runFor(3_000);
        assertThat(rig.config(0).voters()).containsExactly(1, 2, 3, 4, 5);
        assertThat(rig.config(4)).isEqualTo(rig.config(0));
        assertThat(rig.zk.model.write("zk-4", new WriteRequest.Create("/after", "y")))
                .isInstanceOf(WriteResult.Committed.class);
    }

    @Test
    void aLeaderCrashDuringAPendingReconfigLosesNoAcknowledgedWrite() {
        ReconfigRig rig = threeVoters(5, 2, 12);
        ZabChecker checker = new ZabChecker();
        List<String> acked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            WriteResult w = rig.zk.model.write(Ensemble.pod(i), new WriteRequest.Create("/w" + i, "v" + i));
            assertThat(w).isInstanceOf(WriteResult.Committed.class);
            assertThat(checker.check(rig.zk.model)).isEmpty();
            acked.add("/w" + i);
        }
        for (int i = 2; i < 5; i++) {
            rig.zk.model.hang(Ensemble.pod(i));
        }
        assertThat(rig.zk.model.write("zk-1", new WriteRequest.ConfigChange(List.of("zk-3", "zk-4"), List.of())))
                .isInstanceOf(WriteResult.NoReply.class);
        assertThat(checker.check(rig.zk.model)).isEmpty();
        // the leader crashes with the reconfig pending; the hung servers come back
        rig.zk.stop(0, true);
        for (int i = 2; i < 5; i++) {
            rig.zk.model.resume(Ensemble.pod(i));
        }
        rig.zk.runFor(60_000);
        String timeline = rig.zk.model.history().timelineText();
        assertThat(checker.check(rig.zk.model)).as(timeline).isEmpty();
        // zk-1 logged the reconfig and wins the election; established with a quorum of both configs, it completes it
        assertThat(rig.zk.leaderPod()).as(timeline).isEqualTo("zk-1");
        assertThat(rig.config(1).voters()).containsExactly(1, 2, 3, 4, 5);
        assertThat(rig.zk.model.writesAvailable()).isTrue();
        for (String path : acked) {
            for (int i = 1; i < 5; i++) {
                assertThat(rig.zk.model.read(Ensemble.pod(i), path, true).describe())
                        .as("%s on zk-%d", path, i)
                        .contains(path);
            }
        }
        assertThat(rig.zk.model.history().lostWrites()).isEmpty();
    }

    @Test
    void aNewLeaderWithAPendingReconfigNeedsNewleaderAcksFromBothConfigs() {
        ReconfigRig rig = pendingAdd(13);
        rig.zk.stop(0, true);
        rig.zk.model.resume("zk-2");
        rig.zk.runFor(30_000);
        // zk-1 and zk-2 are a quorum of {1,2,3}, not of {1,2,3,4,5}: NEWLEADER times out, no leader serves
        String timeline = rig.zk.model.history().timelineText();
        assertThat(timeline).contains("Timeout while waiting for NEWLEADER to be acked by quorum");
        assertThat(rig.zk.model.writesAvailable()).as(timeline).isFalse();
        assertThat(rig.config(1).voters()).containsExactly(1, 2, 3);
        rig.zk.model.resume("zk-3");
        rig.zk.model.resume("zk-4");
        rig.zk.runFor(60_000);
        assertThat(rig.zk.model.writesAvailable()).isTrue();
        assertThat(rig.config(1).voters()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aReconfigWithOnlyTheNewConfigsQuorumStaysPendingToo() {
        // zk-1 and zk-2 hang: zk-0, zk-3, zk-4 are a quorum of {1,2,3,4,5} but not of {1,2,3}
        ReconfigRig rig = threeVoters(new ReconfigRig(5, 8, false), 2);
        rig.zk.model.hang("zk-1");
        rig.zk.model.hang("zk-2");
        WriteResult r = rig.zk.model.write("zk-0", new WriteRequest.ConfigChange(List.of("zk-3", "zk-4"), List.of()));
        assertThat(r).isInstanceOf(WriteResult.NoReply.class);
        long pending = rig.zk.model.lastSeenConfig("zk-0").orElseThrow().version();
        assertThat(rig.zk.model.write("zk-3", new WriteRequest.Create("/during", "x")))
                .isInstanceOf(WriteResult.NoReply.class);
        // zk-1 resumes and catches up: both quorums ACK the reconfig, which commits, and then the next write
        rig.zk.model.resume("zk-1");
        assertThat(rig.config(0).version()).isEqualTo(pending);
        WriteResult w = rig.zk.model.write("zk-0", new WriteRequest.Create("/both", "x"));
        assertThat(w).as(rig.zk.model.history().timelineText()).isInstanceOf(WriteResult.Committed.class);
        assertThat(((WriteResult.Committed) w).zxid()).isGreaterThan(pending);
    }

    @Test
    void removingTheLeaderHandsOffWithoutAnElectionAndWritesContinue() {
        ReconfigRig rig = threeVoters(3, 0, 9);
        int electionsBefore = rig.zk.model.elections().size();
        WriteResult r = rig.reconfig(1, List.of(), List.of("1"));
        assertThat(r).isInstanceOf(WriteResult.Committed.class);
        // the designated leader is the lowest new-config voter that acked: zk-1 (server 2)
        rig.zk.runFor(10_000);
        String timeline = rig.zk.model.history().timelineText();
        assertThat(rig.zk.leaderPod()).as(timeline).isEqualTo("zk-1");
        assertThat(rig.zk.model.status("zk-2").orElseThrow().leaderSid()).hasValue(2);
        // zk-1 and zk-2 never looked for a leader; only the old leader, stepping down, ran an election (and joined)
        List<ElectionRecord> elections = rig.zk
                .model
                .elections()
                .subList(electionsBefore, rig.zk.model.elections().size());
        assertThat(elections).extracting(ElectionRecord::pod).containsOnly("zk-0");
        assertThat(rig.zk.model.status("zk-0").orElseThrow().mode()).isEqualTo(ServerMode.FOLLOWING);
        assertThat(rig.config(0).voters()).containsExactly(2, 3);
        assertThat(rig.zk.model.write("zk-0", new WriteRequest.Create("/next", "1")))
                .isInstanceOf(WriteResult.Committed.class);
        assertThat(rig.zk.model.read("zk-2", "/next", true).describe()).contains("1");
    }

    /**
     * Five voters, the leader zk-0 removes itself: the new config {2,3,4,5} commits on the ACK that completes a quorum
     * of both configs, and only the ACKs in by then are candidates (Leader.getDesignatedLeader), so the designated
     * leader is the lowest id among the first three new-config voters to ACK: zk-1, or zk-2 when zk-1's ACK came
     * last, never zk-3 or zk-4. Which it is follows the seed, as real servers' ACK order follows a race.
     */
    @Test
    void theDesignatedLeaderIsTheLowestIdAmongTheAcksThatMadeTheQuorum() {
        java.util.TreeMap<String, List<Long>> leaders = new java.util.TreeMap<>();
        for (long seed = 20; seed < 32; seed++) {
            ReconfigRig rig = threeVoters(5, 2, seed);
            assertThat(rig.reconfig(3, List.of("zk-3", "zk-4"), List.of())).isInstanceOf(WriteResult.Committed.class);
            assertThat(rig.reconfig(1, List.of(), List.of("1"))).isInstanceOf(WriteResult.Committed.class);
            rig.zk.runFor(10_000);
            assertThat(rig.config(1).voters()).containsExactly(2, 3, 4, 5);
            leaders.computeIfAbsent(rig.zk.leaderPod(), k -> new ArrayList<>()).add(seed);
        }
        assertThat(leaders).as("seeds by designated leader").containsOnlyKeys("zk-1", "zk-2");
    }

    /**
     * {@code reconfig -members} (PrepRequestProcessor's non-incremental branch): the new config is exactly the given
     * servers, whatever the last one held, and {@code -add}/{@code -remove} given with it are ignored; the new config's
     * checks are the incremental one's.
     */
    @Test
    void aNonIncrementalReconfigMakesExactlyTheGivenMembersTheConfig() {
        ReconfigRig rig = threeVoters(5, 2, 13);
        assertThat(rig.reconfig(3, List.of("zk-3", "zk-4"), List.of())).isInstanceOf(WriteResult.Committed.class);
        assertThat(rig.config(0).voters()).containsExactly(1, 2, 3, 4, 5);
        // zk-3 and zk-4 leave in one request; the -add of zk-4 beside -members is not applied
        WriteResult r = rig.zk.model.write(
                "zk-1", new WriteRequest.ConfigChange(List.of("zk-4"), List.of(), List.of("zk-0", "zk-1", "zk-2"), -1));
        rig.zk.runFor(1_000);
        assertThat(r).isInstanceOf(WriteResult.Committed.class);
        assertThat(rig.config(0).voters()).containsExactly(1, 2, 3);
        assertThat(rig.config(4).voters()).containsExactly(1, 2, 3);
        assertThat(rig.zk.model.status("zk-4").orElseThrow().mode()).isEqualTo(ServerMode.FOLLOWING);
        assertThat(rig.zk.leaderPod()).isEqualTo("zk-0");
        // and back, with a server string for zk-4
        String zk4 = "server.5=" + rig.member(4).quorumAddress() + ":participant;0.0.0.0:2181";
        assertThat(rig.zk.model.write(
                        "zk-2", WriteRequest.ConfigChange.newMembers(List.of("zk-0", "zk-1", "zk-2", "zk-3", zk4))))
                .isInstanceOf(WriteResult.Committed.class);
        rig.zk.runFor(1_000);
        assertThat(rig.config(1).voters()).containsExactly(1, 2, 3, 4, 5);
        assertThat(rig.zk.model.write("zk-4", new WriteRequest.Create("/after", "1")))
                .isInstanceOf(WriteResult.Committed.class);
    }

    @Test
    void aNonIncrementalReconfigIsCheckedLikeAnIncrementalOne() {
        ReconfigRig rig = threeVoters(5, 2, 14);
        long version = rig.config(0).version();
        assertThat(code(rig.zk.model.write("zk-1", WriteRequest.ConfigChange.newMembers(List.of("server.9=nohost:1")))))
                .isEqualTo(KeeperCode.BAD_ARGUMENTS);
        // zk-3 and zk-4 follow but are not running any more: {zk-0, zk-3, zk-4} has no synced quorum
        rig.zk.stop(3, true);
        rig.zk.stop(4, true);
        rig.zk.runFor(1_000);
        assertThat(code(rig.zk.model.write(
                        "zk-1", WriteRequest.ConfigChange.newMembers(List.of("zk-0", "zk-3", "zk-4")))))
                .isEqualTo(KeeperCode.NEW_CONFIG_NO_QUORUM);
        assertThat(rig.config(0).version()).isEqualTo(version);
        assertThat(rig.config(0).voters()).containsExactly(1, 2, 3);
    }

    @Test
    void aDesignatedLeaderWithoutAQuorumTimesOutAndEveryoneElects() {
        ReconfigRig rig = threeVoters(3, 0, 10);
        assertThat(rig.zk.model.write("zk-1", new WriteRequest.ConfigChange(List.of(), List.of("1"))))
                .isInstanceOf(WriteResult.Committed.class);
        // the designated leader zk-1 is cut off before anyone connects: initLimit later everyone goes LOOKING
        rig.zk.model.partition(new java.util.TreeSet<>(List.of("zk-1")));
        rig.zk.runFor(25_000);
        String timeline = rig.zk.model.history().timelineText();
        assertThat(timeline).contains("zk-1   stops leading: Timeout while waiting for epoch from quorum");
        rig.zk.model.heal();
        rig.zk.runFor(30_000);
        assertThat(rig.zk.model.leader()).isPresent();
        assertThat(rig.zk.model.writesAvailable()).isTrue();
    }

    @Test
    void sameSeedSameHistory() {
        String a = growAndShrink(11);
        String b = growAndShrink(11);
        assertThat(a).isEqualTo(b);
        assertThat(a).contains("reconfig committed");
    }

    private static String growAndShrink(long seed) {
        ReconfigRig rig = threeVoters(5, 2, seed);
        rig.reconfig(3, List.of("zk-3", "zk-4"), List.of());
        rig.reconfig(0, List.of(), List.of("1"));
        rig.zk.runFor(10_000);
        rig.zk.model.write("zk-4", new WriteRequest.Create("/d", "1"));
        return rig.zk.model.history().timelineText();
    }
}
