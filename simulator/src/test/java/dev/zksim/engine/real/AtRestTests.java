package dev.zksim.engine.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.runtime.QuorumPeerStatus;
import dev.zksim.runtime.QuorumPeerStatus.PeerMode;
import dev.zksim.runtime.QuorumPeerStatus.VotingConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the Pacer may run Kubernetes time fast: {@link RealBackend#atRest}. */
class AtRestTests {
    /** The tutorial's static config: servers 1, 2, 3 vote. */
    private static final VotingConfig THREE = new VotingConfig(0, List.of(1L, 2L, 3L), List.of());

    /** zk-N (myid N+1) with {@code config}; starting and stopped servers carry none, as PodProcessMain reports. */
    private static QuorumPeerStatus st(String pod, PeerMode mode, boolean serving, VotingConfig config) {
        boolean hasPeer = mode != PeerMode.STARTING && mode != PeerMode.NOT_RUNNING;
        return new QuorumPeerStatus(
                pod,
                mode,
                serving,
                serving ? 1 : -1,
                -1,
                hasPeer ? Long.parseLong(pod.substring(pod.lastIndexOf('-') + 1)) + 1 : -1,
                hasPeer ? Optional.of(config) : Optional.empty());
    }

    private static QuorumPeerStatus st(String pod, PeerMode mode, boolean serving) {
        return st(pod, mode, serving, THREE);
    }

    @Test
    void aServerStartingUpIsBusyEvenAlone() {
        // OrderedReady: zk-0's container has started, its server is still loading; its readiness probe must not
        // see a boot stretched by the fast time scale
        assertThat(RealBackend.atRest(List.of(st("zk-0", PeerMode.STARTING, false))))
                .isFalse();
        assertThat(RealBackend.atRest(List.of(
                        st("zk-0", PeerMode.FOLLOWING, true),
                        st("zk-1", PeerMode.FOLLOWING, true),
                        st("zk-2", PeerMode.STARTING, false))))
                .isFalse();
    }

    @Test
    void fewerThanAQuorumRunningOrAllServingIsAtRest() {
        assertThat(RealBackend.atRest(List.of(st("zk-0", PeerMode.LOOKING, false))))
                .isTrue();
        assertThat(RealBackend.atRest(List.of(
                        st("zk-0", PeerMode.FOLLOWING, true),
                        st("zk-1", PeerMode.LEADING, true),
                        st("zk-2", PeerMode.NOT_RUNNING, false))))
                .isTrue();
        assertThat(RealBackend.atRest(List.of(st("zk-0", PeerMode.LOOKING, false), st("zk-1", PeerMode.LEADING, true))))
                .isFalse();
    }

    @Test
    void aLeaderLeftWithoutAQuorumIsBusyUntilItStepsDown() {
        // its followers stopped: it serves until its next tick's quorum check, then it looks (conform-12-39)
        assertThat(RealBackend.atRest(List.of(
                        st("zk-0", PeerMode.NOT_RUNNING, false),
                        st("zk-1", PeerMode.NOT_RUNNING, false),
                        st("zk-2", PeerMode.LEADING, true))))
                .isFalse();
        assertThat(RealBackend.atRest(List.of(
                        st("zk-0", PeerMode.NOT_RUNNING, false),
                        st("zk-1", PeerMode.NOT_RUNNING, false),
                        st("zk-2", PeerMode.LOOKING, false))))
                .isTrue();
    }

    @Test
    void aLeaderWithTwoObserversIsBusyWhenItsOnlyVotingFollowerStops() {
        // 3 participants + 2 observers; zk-1 and zk-2 (the other voters) stopped: the observers serve on, but the
        // leader has no quorum and steps down at its next tick, so this is not rest (counting the observers it was)
        VotingConfig withObservers = new VotingConfig(0x100000000L, List.of(1L, 2L, 3L), List.of());
        assertThat(RealBackend.atRest(List.of(
                        st("zk-0", PeerMode.LEADING, true, withObservers),
                        st("zk-1", PeerMode.NOT_RUNNING, false),
                        st("zk-2", PeerMode.NOT_RUNNING, false),
                        st("zk-3", PeerMode.OBSERVING, true, withObservers),
                        st("zk-4", PeerMode.OBSERVING, true, withObservers))))
                .isFalse();
    }

    @Test
    void aLoneVoterThatLooksIsBusyWhereOneOfThreeServersWasAtRest() {
        // the reconfig manifest: zk-0 restarted alone in its one-voter config elects itself and leads, which is not
        // rest; one server of the tutorial's three cannot do anything until Kubernetes starts another (counted
        // against 3 servers, the one voter was at rest too)
        VotingConfig alone = new VotingConfig(0x100000000L, List.of(1L), List.of());
        assertThat(RealBackend.atRest(List.of(st("zk-0", PeerMode.LOOKING, false, alone))))
                .isFalse();
        assertThat(RealBackend.atRest(List.of(st("zk-0", PeerMode.LEADING, true, alone))))
                .isTrue();
        // zk-1 started from its script's file (zk-0 and itself) while zk-0 is gone: one of two voters cannot elect,
        // nothing changes until Kubernetes brings zk-0 back
        VotingConfig joinersFile = new VotingConfig(0, List.of(1L, 2L), List.of());
        assertThat(RealBackend.atRest(List.of(
                        st("zk-0", PeerMode.NOT_RUNNING, false), st("zk-1", PeerMode.LOOKING, false, joinersFile))))
                .isTrue();
    }
}
