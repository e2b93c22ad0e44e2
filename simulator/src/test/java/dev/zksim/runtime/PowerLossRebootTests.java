package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A node that loses power and boots again, three times in a row, as ElectionBenchmark's {@code node-failed} disruption
 * does: the kubelet restarts the pod's container on the same node, hence on the same pod IP, and the fault layer (on by
 * default) must listen on that address again while the old incarnation's silenced connections are reset.
 */
class PowerLossRebootTests {

    @Test
    void theLeadersNodeLosesPowerAndBootsAgainThreeTimesOnTheSamePodIp() {
        try (RealEnsemble e = new RealEnsemble(3)) {
            String leader = e.startAll();
            for (int boot = 1; boot <= 3; boot++) {
                int ordinal = Integer.parseInt(leader.substring(leader.lastIndexOf('-') + 1));
                e.powerOff(leader);
                e.start(ordinal, ordinal, boot);
                e.awaitAllReadyAndPublish();
                e.awaitAllServing();
                leader = e.awaitLeader();
                assertThat(e.runtime.status(e.spec.podName(ordinal)).serving())
                        .as("boot %d: the rebooted pod serves again", boot)
                        .isTrue();
            }
        }
    }
}
