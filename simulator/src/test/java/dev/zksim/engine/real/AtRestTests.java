package dev.zksim.engine.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.runtime.QuorumPeerStatus;
import dev.zksim.runtime.QuorumPeerStatus.PeerMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the Pacer may run Kubernetes time fast: {@link RealBackend#atRest}. */
class AtRestTests {
    private static QuorumPeerStatus st(String pod, PeerMode mode, boolean serving) {
        return new QuorumPeerStatus(pod, mode, serving, serving ? 1 : -1, -1);
    }

    @Test
    void aServerStartingUpIsBusyEvenAlone() {
        // OrderedReady: zk-0's container has started, its server is still loading; its readiness probe must not
        // see a boot stretched by the fast time scale
        assertThat(RealBackend.atRest(List.of(st("zk-0", PeerMode.STARTING, false)), 3))
                .isFalse();
        assertThat(RealBackend.atRest(
                        List.of(
                                st("zk-0", PeerMode.FOLLOWING, true),
                                st("zk-1", PeerMode.FOLLOWING, true),
                                st("zk-2", PeerMode.STARTING, false)),
                        3))
                .isFalse();
    }

    @Test
    void fewerThanAQuorumRunningOrAllServingIsAtRest() {
        assertThat(RealBackend.atRest(List.of(st("zk-0", PeerMode.LOOKING, false)), 3))
                .isTrue();
        assertThat(RealBackend.atRest(
                        List.of(
                                st("zk-0", PeerMode.FOLLOWING, true),
                                st("zk-1", PeerMode.LEADING, true),
                                st("zk-2", PeerMode.NOT_RUNNING, false)),
                        3))
                .isTrue();
        assertThat(RealBackend.atRest(
                        List.of(st("zk-0", PeerMode.LOOKING, false), st("zk-1", PeerMode.LEADING, true)), 3))
                .isFalse();
    }

    @Test
    void aLeaderLeftWithoutAQuorumIsBusyUntilItStepsDown() {
        // its followers stopped: it serves until its next tick's quorum check, then it looks (conform-12-39)
        assertThat(RealBackend.atRest(
                        List.of(
                                st("zk-0", PeerMode.NOT_RUNNING, false),
                                st("zk-1", PeerMode.NOT_RUNNING, false),
                                st("zk-2", PeerMode.LEADING, true)),
                        3))
                .isFalse();
        assertThat(RealBackend.atRest(
                        List.of(
                                st("zk-0", PeerMode.NOT_RUNNING, false),
                                st("zk-1", PeerMode.NOT_RUNNING, false),
                                st("zk-2", PeerMode.LOOKING, false)),
                        3))
                .isTrue();
    }
}
