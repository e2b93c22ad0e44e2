package dev.zksim.engine.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.k8s.ClusterSpec;
import dev.zksim.model.manifest.Resources;
import dev.zksim.model.scenario.Timing;
import dev.zksim.model.scenario.engine.EngineSetup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A {@code wait} in the real engine ends at its deadline in Kubernetes time, however fast time runs meanwhile. */
class RealEngineWaitTests {

    @Test
    void aWaitEndsAtItsDeadlineWhenTimeSpeedsUpDuringIt() throws Exception {
        try (RealEngine engine = RealEngine.create(
                new EngineSetup(ClusterSpec.uniform(1, "node", Resources.NONE), Timing.DEFAULTS, 1),
                RealEngineSettings.defaults())) {
            long start = engine.nowMs();
            // 100 ms into the wait (real time: nothing runs, nothing is at rest yet), the Pacer sees ZooKeeper at rest
            // and speeds Kubernetes time up 100x, in the middle of whatever the waiting thread is doing
            CompletableFuture<Void> speedUp = CompletableFuture.runAsync(() -> {
                long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (engine.nowMs() < start + 100 && System.nanoTime() < limit) {
                    Thread.onSpinWait();
                }
                engine.pacer().observe(true);
            });
            engine.advance(1_000);
            long ended = engine.nowMs();
            speedUp.get(10, TimeUnit.SECONDS);
            assertThat(ended - start)
                    .as("Kubernetes milliseconds the 1 s wait took")
                    .isEqualTo(1_000);
        }
    }
}
