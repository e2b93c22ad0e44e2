package dev.zksim.model.zab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.zab.WriteRequest.Create;
import dev.zksim.model.zab.WriteRequest.SetData;
import dev.zksim.model.zab.ZabOptions.SessionTxns;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Worked examples, each reasoned out against ZooKeeper 3.9's FastLeaderElection, Leader and Learner. */
class ZabModelTests {

    /** Three servers with fast DNS, started in order until all serve: zk-1 leads (the first quorum's highest sid). */
    private static Ensemble threeServing() {
        Ensemble zk = Ensemble.fastDns(3, 1);
        zk.startServing();
        return zk;
    }

    /** {@link #threeServing}, then {@code /hello = world} created through zk-0 and acknowledged. */
    private static Ensemble threeServingHelloWorld() {
        Ensemble zk = threeServing();
        assertThat(zk.model.write("zk-0", new Create("/hello", "world")).acknowledged())
                .isTrue();
        return zk;
    }

    /** {@link #threeServing} with clients that open no session: a write is one transaction, its proposal. */
    private static Ensemble threeServingWithoutSessionTxns() {
        Ensemble zk = Ensemble.fastDns(
                3, Ensemble.firstEstimates(1).withSessionTxns(SessionTxns.NONE), EnumSet.noneOf(BrokenRule.class));
        zk.startServing();
        return zk;
    }

    @Test
    void firstQuorumElectsItsHighestSidAndTheThirdServerJoinsIt() {
        // zk-0 starts alone and stays LOOKING. zk-1 starts, can resolve zk-0 (Ready) and, being the higher sid,
        // opens the election connection itself. Both have empty logs and epoch 0, so the vote with the higher sid
        // (2) wins; after finalizeWait zk-1 leads. zk-2 then finds a leader and a follower agreeing (out-of-election
        // votes) and follows zk-1 instead of running its own election.
        Ensemble zk = threeServing();
        zk.runFor(5_000);
        assertThat(zk.leaderPod()).isEqualTo("zk-1");
        LeaderTerm term = zk.model.leader().orElseThrow();
        assertThat(term.epoch()).isEqualTo(1);
        ElectionRecord zk1 = zk.model.history().elections().stream()
                .filter(e -> e.pod().equals("zk-1"))
                .findFirst()
                .orElseThrow();
        assertThat(zk1.outcome()).isEqualTo(ServerMode.LEADING);
        assertThat(zk1.durationMs()).isBetween(200L, 220L); // finalizeWait plus a few message delays
        ElectionRecord zk2 = zk.model.history().elections().stream()
                .filter(e -> e.pod().equals("zk-2"))
                .findFirst()
                .orElseThrow();
        assertThat(zk2.viaEstablishedLeader()).isTrue();
        assertThat(zk2.leaderSid()).isEqualTo(2);
        assertThat(zk.model.statuses().values()).allSatisfy(s -> {
            assertThat(s.serving()).isTrue();
            assertThat(s.currentEpoch()).isEqualTo(1);
        });
        assertThat(zk.model.srvr("zk-1")).contains("Mode: leader").contains("Zxid: 0x100000000");
        assertThat(zk.model.srvr("zk-0")).contains("Mode: follower");
    }

    @Test
    void orderedReadyWithDnsGatedByReadinessWaitsOutInitLimit() {
        // With the tutorial's probes (first readiness check 10 s after start) a pod's name resolves only then. zk-1
        // wins its first election at once, but zk-0 cannot resolve zk-1 for its follower connection, gives up after
        // 5 tries and cannot rejoin (a lone LEADING vote is no quorum), so zk-1 waits out initLimit × tickTime
        // (20 s) before it looks again. zk-2 starting in between makes things worse before they get better. The
        // first leader that serves writes is still zk-1, but only after two 20 s time-outs.
        Ensemble zk = Ensemble.tutorial(3, 1);
        zk.startOrderedReady();
        zk.awaitLeader(300_000);
        assertThat(zk.leaderPod()).isEqualTo("zk-1");
        long firstWrites = zk.model.history().availability().get(0).fromMs();
        assertThat(firstWrites).isBetween(40_000L, 45_000L);
        assertThat(zk.model.history().timelineText())
                .contains("zk-0   stops following zk-1: cannot connect to leader: UnknownHostException")
                .contains("zk-1   stops leading: Timeout while waiting for epoch from quorum");
    }

    @Test
    void writeOnOneServerIsReadOnAnotherWithSessionZxids() {
        Ensemble zk = threeServing();
        zk.runFor(2_000);
        WriteResult w = zk.model.write("zk-0", new Create("/hello", "world"));
        // zkCli.sh: createSession 0x100000001, create 0x100000002, closeSession 0x100000003.
        assertThat(w).isEqualTo(new WriteResult.Committed(0x100000002L, "zk-0", 3 * 3 + 2));
        ReadResult r = zk.model.read("zk-1", "/hello", false);
        assertThat(r).isInstanceOf(ReadResult.ZnodeFound.class);
        assertThat(((ReadResult.ZnodeFound) r).node()).isEqualTo(new Znode("world", 0x100000002L, 0x100000002L));
        assertThat(zk.model.write("zk-2", new Create("/hello", "again")))
                .isInstanceOf(WriteResult.Rejected.class)
                .extracting(x -> ((WriteResult.Rejected) x).code())
                .isEqualTo(KeeperCode.NODE_EXISTS);
        for (int i = 0; i < 3; i++) {
            assertThat(zk.model.read(Ensemble.pod(i), "/hello", true).describe())
                    .startsWith("/hello = world");
        }
        assertThat(zk.model.srvr("zk-1")).contains("Node count: 5");
    }

    /**
     * ZooKeeper 3.9.4 (checked with the real engine): {@code /zookeeper/config} holds zoo.cfg's server lines with their
     * role and {@code version=0}; a reconfig on servers without {@code reconfigEnabled} reaches the leader, which
     * refuses it as its first check and commits the refusal as an error transaction, with a zxid like NodeExists.
     */
    @Test
    void theConfigNodeListsZooCfgsServersAndAReconfigIsRefusedAsDisabled() {
        Ensemble zk = threeServing();
        zk.runFor(2_000);
        ReadResult config = zk.model.read("zk-1", "/zookeeper/config", true);
        assertThat(config).isInstanceOf(ReadResult.ZnodeFound.class);
        assertThat(((ReadResult.ZnodeFound) config).node().value())
                .isEqualTo("server.1=zk-0.zk-hs.default.svc.cluster.local:2888:3888:participant\n"
                        + "server.2=zk-1.zk-hs.default.svc.cluster.local:2888:3888:participant\n"
                        + "server.3=zk-2.zk-hs.default.svc.cluster.local:2888:3888:participant\n"
                        + "version=0");
        WriteResult r = zk.model.write("zk-0", new WriteRequest.ConfigChange(List.of("zk-3"), List.of()));
        assertThat(r).isInstanceOf(WriteResult.Rejected.class);
        WriteResult.Rejected refused = (WriteResult.Rejected) r;
        assertThat(refused.code()).isEqualTo(KeeperCode.RECONFIG_DISABLED);
        assertThat(refused.message()).isEqualTo("KeeperErrorCode = Reconfig is disabled");
        // the read's session took 0x100000001 and 0x100000002, the reconfig's own session opens with 0x100000003
        assertThat(refused.zxid())
                .as("the refusal is a committed error transaction")
                .isEqualTo(0x100000004L);
        assertThat(((ReadResult.ZnodeFound) zk.model.read("zk-0", "/zookeeper/config", true))
                        .node()
                        .value())
                .as("nothing changed")
                .isEqualTo(((ReadResult.ZnodeFound) config).node().value());
    }

    @Test
    void readsWithoutSessionsMayLagOnFollowersUnlessSynced() {
        Ensemble zk = threeServingWithoutSessionTxns();
        zk.runFor(1_000);
        WriteResult w = zk.model.write("zk-1", new Create("/a", "1"));
        assertThat(w).isEqualTo(new WriteResult.Committed(0x100000001L, "zk-1", 3));
        assertThat(zk.model.read("zk-0", "/a", false)).isInstanceOf(ReadResult.NoNode.class);
        assertThat(zk.model.read("zk-0", "/a", true)).isInstanceOf(ReadResult.ZnodeFound.class);
        zk.runFor(1);
        assertThat(zk.model.read("zk-2", "/a", false)).isInstanceOf(ReadResult.ZnodeFound.class);
    }

    @Test
    void restartingTheLeadersPodMovesLeadershipToTheHighestRemainingVote() {
        Ensemble zk = threeServingHelloWorld();
        // zk-0 and zk-2 have the same epoch and zxid: the higher sid wins.
        zk.stop(1, false);
        long outage = zk.awaitLeader(10_000);
        assertThat(zk.leaderPod()).isEqualTo("zk-2");
        // Sockets close: no time-out, one election (finalizeWait + a message), follower setup and a sync handshake.
        assertThat(outage).isEqualTo(200 + 1 + 2 + 6);
        assertThat(zk.model.leader().orElseThrow().epoch()).isEqualTo(2);
        zk.start(1);
        zk.runFor(5_000);
        assertThat(zk.leaderPod()).isEqualTo("zk-2");
        assertThat(zk.mode("zk-1")).isEqualTo(ServerMode.FOLLOWING);
        assertThat(zk.model.read("zk-1", "/hello", false).describe()).startsWith("/hello = world");
    }

    @Test
    void aServerWithNewerDataBeatsHigherSids() {
        Ensemble zk = threeServing();
        zk.stop(2, true);
        assertThat(zk.model.write("zk-0", new Create("/x", "1")).acknowledged()).isTrue(); // on zk-0 and zk-1
        zk.stop(1, true);
        zk.runFor(1_000);
        zk.start(2); // zk-2 lacks /x: (epoch 1, 0x100000000) < zk-0's (epoch 1, 0x100000003)
        zk.awaitLeader(30_000);
        assertThat(zk.leaderPod()).isEqualTo("zk-0");
        assertThat(zk.model.read("zk-2", "/x", true).describe()).startsWith("/x = 1");
        assertThat(zk.model.history().syncs())
                .last()
                .extracting(SyncRecord::followerPod, SyncRecord::kind)
                .containsExactly("zk-2", SyncKind.DIFF);
    }

    @Test
    void aWipedServerCannotWinOverServersWithCommittedData() {
        Ensemble zk = threeServingHelloWorld();
        zk.stopAll();
        zk.wipe(2);
        zk.runFor(1_000);
        zk.startParallel();
        zk.awaitLeader(60_000);
        assertThat(zk.leaderPod()).isEqualTo("zk-1"); // zk-2 has the highest sid but an empty log
        assertThat(zk.model.history().lostWrites()).isEmpty();
        assertThat(zk.model.history().volumeReplacements()).singleElement().satisfies(v -> assertThat(v.safe())
                .isTrue());
        zk.runFor(5_000);
        assertThat(zk.model.read("zk-2", "/hello", false).describe()).startsWith("/hello = world");
    }

    @Test
    void twoOfThreeDownMakesWritesFailAndKeepsTheValue() {
        Ensemble zk = threeServingHelloWorld();
        assertThat(zk.model
                        .write("zk-0", new SetData("/hello", "world_should_work"))
                        .acknowledged())
                .isTrue();
        zk.stop(2, true);
        zk.stop(1, true);
        WriteResult failed = zk.model.write("zk-0", new SetData("/hello", "world_should_not_work"));
        assertThat(failed).isInstanceOf(WriteResult.NoReply.class);
        assertThat(((WriteResult.NoReply) failed).reason()).startsWith("ConnectionLoss");
        assertThat(zk.model.read("zk-0", "/hello", false)).isInstanceOf(ReadResult.NoAnswer.class);
        assertThat(zk.model.writesAvailable()).isFalse();
        zk.start(1);
        zk.start(2);
        zk.awaitAllServing(60_000);
        assertThat(zk.model.read("zk-0", "/hello", false).describe()).startsWith("/hello = world_should_work ");
    }

    @Test
    void aFailedWriteThroughAnUnawareLeaderMayStillTakeEffectLater() {
        // Without session transactions, the proposal itself is logged by the leader before it finds no quorum: the
        // client gets ConnectionLoss, yet the next leader (the same server, it has the highest zxid) commits it.
        Ensemble zk = threeServingWithoutSessionTxns();
        assertThat(zk.model.write("zk-1", new Create("/v", "1")).acknowledged()).isTrue();
        zk.stop(0, true);
        zk.stop(2, true);
        assertThat(zk.model.write("zk-1", new SetData("/v", "2"))).isInstanceOf(WriteResult.NoReply.class);
        // Let zk-1 notice (next tick) that it lost its quorum. Were the others back while it still leads, they would
        // elect zk-2 among themselves and zk-1's uncommitted proposal would be truncated when it rejoins.
        zk.runFor(3_000);
        assertThat(zk.mode("zk-1")).isEqualTo(ServerMode.LOOKING);
        zk.start(0);
        zk.start(2);
        zk.awaitAllServing(60_000);
        assertThat(zk.leaderPod()).isEqualTo("zk-1");
        assertThat(zk.model.read("zk-0", "/v", true).describe()).startsWith("/v = 2");
    }

    @Test
    void majorityPvcLossLosesAcknowledgedWritesAndReportsIt() {
        Ensemble zk = threeServingHelloWorld();
        zk.stopAll();
        zk.wipe(0);
        zk.wipe(1);
        zk.runFor(1_000);
        zk.startServing();
        zk.runFor(5_000);
        ZabHistory h = zk.model.history();
        assertThat(h.volumeReplacements()).extracting(VolumeReplaced::safe).containsExactly(true, false);
        assertThat(h.lostWrites())
                .singleElement()
                .extracting(LostTxn::message)
                .asString()
                .startsWith("acknowledged write /hello@0x100000002 lost");
        assertThat(zk.model.read("zk-2", "/hello", true)).isInstanceOf(ReadResult.NoNode.class);
        // zk-2 kept /hello but accepted epoch 1 already, so it joins the new epoch-1 leader and is truncated.
        assertThat(h.syncs())
                .filteredOn(s -> s.followerPod().equals("zk-2"))
                .last()
                .extracting(SyncRecord::kind)
                .isEqualTo(SyncKind.TRUNC);
    }

    @Test
    void writesAreUnavailableFromTheMomentTheLeaderLosesItsQuorumNotFromItsNextTick() {
        // zk-1 leads zk-0 and zk-2. With zk-2 gone, stopping zk-0 leaves zk-1 alone: it still believes in itself
        // until Leader.lead's next quorum check (once per tick), but no write can gather a quorum of ACKs from that
        // instant, and the real engine's server watch says so too (docs/real-engine.md). The availability windows,
        // from which every engine-level outage is computed, must close at the stop, not at the step-down.
        Ensemble zk = threeServing();
        zk.runFor(1_000);
        assertThat(zk.leaderPod()).isEqualTo("zk-1");
        zk.stop(2, false);
        assertThat(zk.model.writesAvailable()).isTrue();
        long stoppedAt = zk.model.nowMs();
        zk.stop(0, false);
        assertThat(zk.model.writesAvailable()).isFalse();
        assertThat(zk.mode("zk-1")).isEqualTo(ServerMode.LEADING);
        List<AvailabilityWindow> windows = zk.model.history().availability();
        assertThat(windows.get(windows.size() - 1).toMs()).hasValue(stoppedAt);
        zk.runFor(3_000);
        assertThat(zk.mode("zk-1")).isEqualTo(ServerMode.LOOKING);
        zk.start(0);
        zk.awaitLeader(60_000);
        assertThat(zk.model.history().availability())
                .allSatisfy(w -> assertThat(w.covers(stoppedAt + 1)).isFalse());
        assertThat(zk.model.writesAvailable()).isTrue();
        windows = zk.model.history().availability();
        assertThat(windows.get(windows.size() - 1).toMs()).isEmpty();
    }

    @Test
    void aFollowerReconnectsToItsLeaderAtTheAddressItResolvedBeforeWhenTheNameNoLongerResolves() {
        // zk-0 follows zk-1. Its link to zk-1 is dropped (it leaves and looks), zk-1's pod stops being Ready (its name
        // is no longer published), and the link heals. zk-0 learns of zk-1 again (it calls the higher id itself) and
        // connects as a follower: Learner.findLeader re-resolves zk-1, the lookup fails, and ZooKeeper keeps the
        // address it had (MultipleAddresses.recreateSocketAddress), which is still zk-1's. Without that memory the
        // attempt would fail with UnknownHostException until zk-1 is Ready again.
        Ensemble zk = Ensemble.tutorial(3, 1);
        zk.startOrderedReady();
        zk.awaitAllServing(300_000);
        zk.runFor(1_000);
        assertThat(zk.leaderPod()).isEqualTo("zk-1");
        zk.model.dropLink("zk-1", "zk-0");
        assertThat(zk.mode("zk-0")).isEqualTo(ServerMode.LOOKING);
        zk.notReady(1);
        zk.model.heal();
        zk.runFor(3_000);
        assertThat(zk.isReady(1)).isFalse();
        assertThat(zk.mode("zk-0")).isEqualTo(ServerMode.FOLLOWING);
        assertThat(zk.leaderPod()).isEqualTo("zk-1");
    }

    @Test
    void aRestartedLowerIdIsNotCalledBackUntilItsNameIsPublishedAgain() {
        // zk-0's container restarts in its pod, not Ready for 10 s. zk-0 calls zk-1 and zk-2; they drop the calls
        // (higher ids) and call back the address zk-0 advertised, resolved afresh (QuorumCnxManager.handleConnection →
        // connectOne(sid, electionAddr)), which fails until zk-0 is published: no remembered address helps here. The
        // real engine shows the same (simulator agreement scenario restart-lower-id.yaml).
        Ensemble zk = Ensemble.tutorial(3, 1);
        zk.startOrderedReady();
        zk.awaitAllServing(300_000);
        zk.runFor(1_000);
        zk.restartContainer(0);
        zk.runFor(5_000);
        assertThat(zk.isReady(0)).isFalse();
        assertThat(zk.mode("zk-0")).isEqualTo(ServerMode.LOOKING);
        zk.runFor(20_000);
        assertThat(zk.isReady(0)).isTrue();
        assertThat(zk.mode("zk-0")).isEqualTo(ServerMode.FOLLOWING);
    }

    @Test
    void aHungLeaderIsDetectedAfterSyncLimitTicks() {
        Ensemble zk = threeServing();
        zk.runFor(1_000);
        zk.model.hang("zk-1");
        long outage = zk.awaitLeader(60_000);
        assertThat(zk.leaderPod()).isEqualTo("zk-2");
        long syncLimitMs = 5 * 2000;
        assertThat(outage).isBetween(syncLimitMs, syncLimitMs + 500);
        zk.model.resume("zk-1");
        zk.runFor(10_000);
        assertThat(zk.mode("zk-1")).isEqualTo(ServerMode.FOLLOWING);
        assertThat(zk.leaderPod()).isEqualTo("zk-2");
    }

    @Test
    void aPartitionedLeaderStepsDownAndTheMajorityElectsANewOne() {
        Ensemble zk = threeServing();
        zk.runFor(1_000);
        zk.model.partition(new TreeSet<>(List.of("zk-1")));
        // The old leader still believes in itself until syncLimit, but no quorum acks a write.
        assertThat(zk.model.write("zk-1", new Create("/p", "x"))).isInstanceOf(WriteResult.NoReply.class);
        zk.runFor(12_000);
        assertThat(zk.leaderPod()).isEqualTo("zk-2");
        assertThat(zk.mode("zk-1")).isEqualTo(ServerMode.LOOKING);
        zk.model.heal();
        zk.runFor(70_000);
        assertThat(zk.mode("zk-1")).isEqualTo(ServerMode.FOLLOWING);
    }

    @Test
    void aFollowerWhoseLinkToTheLeaderIsDroppedLeavesAtOnceAndStaysLooking() {
        Ensemble zk = threeServing();
        zk.runFor(1_000);
        assertThat(zk.leaderPod()).isEqualTo("zk-1");
        // One direction is enough: the connection carries both (Network.dropped).
        zk.model.dropLink("zk-1", "zk-0");
        assertThat(zk.mode("zk-0")).isEqualTo(ServerMode.LOOKING);
        // zk-2 tells zk-0 it follows zk-1, but FastLeaderElection.checkLeader wants the leader's own LEADING vote,
        // which cannot cross the dropped link: zk-0 keeps looking, zk-1 keeps its quorum with zk-2.
        zk.runFor(60_000);
        assertThat(zk.mode("zk-0")).isEqualTo(ServerMode.LOOKING);
        assertThat(zk.leaderPod()).isEqualTo("zk-1");
        assertThat(zk.model.write("zk-2", new Create("/d", "x"))).isInstanceOf(WriteResult.Committed.class);
        assertThat(zk.model.anythingToHeal()).isTrue();
        zk.model.heal();
        assertThat(zk.model.anythingToHeal()).isFalse();
        zk.runFor(70_000);
        assertThat(zk.mode("zk-0")).isEqualTo(ServerMode.FOLLOWING);
        assertThat(zk.model.read("zk-0", "/d", true)).isInstanceOf(ReadResult.ZnodeFound.class);
    }

    @Test
    void aLeaderWhoseLinksAreDroppedStepsDownAtItsNextTickNotAfterSyncLimit() {
        Ensemble zk = threeServing();
        zk.runFor(1_000);
        zk.model.dropLink("zk-1", "zk-0");
        zk.model.dropLink("zk-1", "zk-2");
        // Reset, not silence: the followers leave at once and elect zk-2; zk-1 finds no synced follower at its next
        // quorum check (Leader.lead, once per tick) instead of waiting out syncLimit × tickTime (10 s).
        long outage = zk.awaitLeader(60_000);
        assertThat(zk.leaderPod()).isEqualTo("zk-2");
        assertThat(outage).isLessThan(2_000 + 1_000);
        zk.runFor(2_500);
        assertThat(zk.mode("zk-1")).isEqualTo(ServerMode.LOOKING);
        zk.model.heal();
        zk.runFor(70_000);
        assertThat(zk.mode("zk-1")).isEqualTo(ServerMode.FOLLOWING);
        assertThat(zk.leaderPod()).isEqualTo("zk-2");
    }

    @Test
    void votesSentDuringAPartitionArriveWhenItHeals() {
        // Found by ZabProperties: zk-0 hangs, zk-1 is cut off, the leader zk-2 steps down. zk-1 and zk-2 each vote
        // for themselves into the partition. Had those votes been lost, zk-0's notifications (same round, never
        // better) would keep restarting their 60 s notification time-outs and nobody would ever decide. TCP keeps
        // them: they arrive when the partition heals, and the election ends one finalizeWait later.
        Ensemble zk = Ensemble.fastDns(3, 1);
        zk.startParallel();
        zk.awaitAllServing(60_000);
        zk.model.hang("zk-0");
        zk.model.partition(new TreeSet<>(List.of("zk-1")));
        zk.runFor(120_000);
        assertThat(zk.model.writesAvailable()).isFalse();
        zk.model.heal();
        zk.model.resume("zk-0");
        assertThat(zk.awaitLeader(60_000)).isLessThan(300);
        assertThat(zk.leaderPod()).isEqualTo("zk-2");
    }

    @Test
    void predictionRunsOnACopyAndLeavesTheModelAlone() {
        Ensemble zk = threeServing();
        zk.model.write("zk-0", new Create("/hello", "world"));
        String before = zk.model.history().timelineText();
        long now = zk.scheduler.nowMs();
        Prediction p = zk.model.predictAfter(new ModelEvent.Kill("zk-1"));
        assertThat(p.leaderPod()).contains("zk-2");
        assertThat(p.writesAvailableFromMs().orElseThrow() - now).isBetween(200L, 400L);
        assertThat(p.writeOutageMs()).isEqualTo(p.writesAvailableFromMs().orElseThrow() - now);
        assertThat(p.data().get("zk-0")).containsEntry("/hello", "world");
        assertThat(p.servers().get("zk-1").mode()).isEqualTo(ServerMode.DOWN);
        assertThat(zk.model.history().timelineText()).isEqualTo(before);
        assertThat(zk.leaderPod()).isEqualTo("zk-1");
        // The real model then does what was predicted.
        zk.stop(1, true);
        zk.awaitLeader(10_000);
        assertThat(zk.leaderPod()).isEqualTo("zk-2");
        assertThat(zk.scheduler.nowMs()).isEqualTo(p.writesAvailableFromMs().orElseThrow());
    }

    @Test
    void aServerWhoseIdIsNotInTheServerListExits() {
        Ensemble zk = Ensemble.fastDns(3, 1);
        List<String> exits = new java.util.ArrayList<>();
        zk.model.setExitListener((pod, code) -> exits.add(pod + ":" + code));
        zk.model.start(new dev.zksim.model.k8s.ContainerLaunch(
                "zk-3",
                3,
                "zk-3",
                "zk-3.zk-hs",
                "n",
                "10.0.3.9",
                "pvc-3",
                zk.launch(0).template(),
                null,
                0));
        zk.runFor(2_000);
        assertThat(exits).containsExactly("zk-3:1");
        assertThat(zk.model.ruok("zk-3")).isFalse();
    }

    @Test
    void zkCsClientsLandOnServingReadyPodsInASeededOrder() {
        Ensemble zk = Ensemble.fastDns(3, 5);
        zk.startServing();
        java.util.TreeSet<String> servedBy = new java.util.TreeSet<>();
        for (int i = 0; i < 20; i++) {
            servedBy.add(((WriteResult.Committed) zk.model.writeViaService(new Create("/n" + i, "x"))).servedBy());
        }
        assertThat(servedBy).containsExactly("zk-0", "zk-1", "zk-2");
        zk.model.hang("zk-0"); // still Ready (no probe yet), but it does not serve: clients move on
        for (int i = 0; i < 10; i++) {
            WriteResult w = zk.model.writeViaService(new SetData("/n" + i, "y"));
            assertThat(w).isInstanceOf(WriteResult.Committed.class);
            assertThat(((WriteResult.Committed) w).servedBy()).isNotEqualTo("zk-0");
        }
    }

    @Test
    void sameScriptSameTimelineByteForByte() {
        assertThat(script(7)).isEqualTo(script(7));
    }

    private static String script(long seed) {
        Ensemble zk = Ensemble.tutorial(3, seed);
        zk.startOrderedReady();
        zk.awaitLeader(300_000);
        zk.model.writeViaService(new Create("/a", "1"));
        zk.stop(1, true);
        zk.runFor(3_000);
        zk.start(1);
        zk.runFor(30_000);
        zk.model.writeViaService(new SetData("/a", "2"));
        return zk.model.history().timelineText();
    }
}
