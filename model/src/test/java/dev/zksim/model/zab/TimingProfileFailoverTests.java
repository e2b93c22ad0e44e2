package dev.zksim.model.zab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.zab.WriteRequest.Create;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * The timing profile decides the model's failover, field by field: the leader's quorum-port bind (refused first
 * connection, retried {@code leaderConnectRetryMs} later) and the calibrated defaults' sum.
 */
class TimingProfileFailoverTests {

    /** The leader's pod stops (3 servers, writes served); returns the write outage until a new leader serves. */
    private static long failover(TimingProfile timing) {
        Ensemble zk = new Ensemble(
                3, 1_000, 1_000, ZabOptions.defaults(1).withTiming(timing), EnumSet.noneOf(BrokenRule.class));
        zk.startOrderedReady();
        zk.awaitAllServing(60_000);
        assertThat(zk.model.write("zk-0", new Create("/hello", "world")).acknowledged())
                .isTrue();
        // the leader's pod (which one leads depends on the start's timing)
        zk.stop(Integer.parseInt(zk.leaderPod().substring("zk-".length())), false);
        return zk.awaitLeader(10_000);
    }

    private static TimingProfile withLeaderBind(TimingProfile t, long leaderBindMs) {
        return new TimingProfile(
                t.processStartMs(),
                t.recoveryMsPerThousandTxns(),
                t.messageDelayMs(),
                t.finalizeWaitMs(),
                t.minNotificationIntervalMs(),
                t.maxNotificationIntervalMs(),
                t.followerSetupMs(),
                leaderBindMs,
                t.leaderConnectTries(),
                t.leaderConnectRetryMs(),
                t.syncHandshakeMs(),
                t.syncMsPerThousandTxns(),
                t.snapTransferMs(),
                t.quorumWriteMs(),
                t.followerCommitLagMs());
    }

    /** Break: drop the leaderBindMs check in Recovery.attemptConnect and both bound leaders give 209 ms. */
    @Test
    void aFollowerThatConnectsBeforeTheLeaderBindsIsRefusedAndRetries100MsLater() {
        TimingProfile first = TimingProfile.FIRST_ESTIMATES;
        assertThat(failover(first)).isEqualTo(200 + 1 + 2 + 6);
        // bound 1 ms after the follower's attempt at the earliest: refused, retried once 100 ms later
        assertThat(failover(withLeaderBind(first, 3))).isEqualTo(200 + 1 + 2 + 100 + 6);
        assertThat(failover(withLeaderBind(first, 150))).isEqualTo(200 + 1 + 2 + 100 + 100 + 6);
    }

    @Test
    void theCalibratedDefaultsFailOverInElectionPlusRefusedFirstAttemptPlusSync() {
        TimingProfile d = TimingProfile.ZOOKEEPER_3_9_DEFAULTS;
        // as measured: the follower's first attempt comes before the leader has bound its port
        assertThat(d.followerSetupMs()).isLessThan(d.messageDelayMs() + d.leaderBindMs());
        assertThat(failover(d))
                .isEqualTo(d.finalizeWaitMs()
                        + d.messageDelayMs()
                        + d.followerSetupMs()
                        + d.leaderConnectRetryMs()
                        + d.syncHandshakeMs());
    }
}
