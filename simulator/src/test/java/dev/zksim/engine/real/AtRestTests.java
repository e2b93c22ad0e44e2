package dev.zksim.engine.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.runtime.QuorumPeerStatus;
import dev.zksim.runtime.QuorumPeerStatus.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the Pacer may run Kubernetes time fast: {@link RealBackend#atRest}. */
class AtRestTests {
    private static QuorumPeerStatus st(String pod, Mode mode, boolean serving) {
        return new QuorumPeerStatus(pod, mode, serving, serving ? 1 : -1, -1);
    }

    @Test
    void aServerStartingUpIsBusyEvenAlone() {
        // OrderedReady: zk-0's container has started, its server is still loading; its readiness probe must not
        // see a boot stretched by the fast time scale
        assertThat(RealBackend.atRest(List.of(st("zk-0", Mode.STARTING, false)), 3))
                .isFalse();
        assertThat(RealBackend.atRest(
                        List.of(
                                st("zk-0", Mode.FOLLOWING, true),
                                st("zk-1", Mode.FOLLOWING, true),
                                st("zk-2", Mode.STARTING, false)),
                        3))
                .isFalse();
    }

    @Test
    void fewerThanAQuorumRunningOrAllServingIsAtRest() {
        assertThat(RealBackend.atRest(List.of(st("zk-0", Mode.LOOKING, false)), 3))
                .isTrue();
        assertThat(RealBackend.atRest(
                        List.of(
                                st("zk-0", Mode.FOLLOWING, true),
                                st("zk-1", Mode.LEADING, true),
                                st("zk-2", Mode.NOT_RUNNING, false)),
                        3))
                .isTrue();
        assertThat(RealBackend.atRest(List.of(st("zk-0", Mode.LOOKING, false), st("zk-1", Mode.LEADING, true)), 3))
                .isFalse();
    }

    @Test
    void aLeaderLeftWithoutAQuorumIsBusyUntilItStepsDown() {
        // its followers stopped: it serves until its next tick's quorum check, then it looks (conform-12-39)
        assertThat(RealBackend.atRest(
                        List.of(
                                st("zk-0", Mode.NOT_RUNNING, false),
                                st("zk-1", Mode.NOT_RUNNING, false),
                                st("zk-2", Mode.LEADING, true)),
                        3))
                .isFalse();
        assertThat(RealBackend.atRest(
                        List.of(
                                st("zk-0", Mode.NOT_RUNNING, false),
                                st("zk-1", Mode.NOT_RUNNING, false),
                                st("zk-2", Mode.LOOKING, false)),
                        3))
                .isTrue();
    }
}
