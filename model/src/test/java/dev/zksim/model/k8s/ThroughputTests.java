package dev.zksim.model.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.manifest.StatefulSetSpec.PodManagementPolicy;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Measures (prints, never asserts on time) how fast the model runs on one thread: scenario steps per second and
 * control-plane actions per second, over random 30-step scenarios like the property tests' (waits up to 10 min of
 * virtual time included).
 */
class ThroughputTests {

    @Test
    void printStepsPerSecond() {
        measure(200); // warm-up
        long[] r = measure(600);
        double seconds = r[0] / 1e9;
        System.out.printf("k8s model throughput (1 thread): %d scenarios, %d steps, %d control-plane actions, "
                        + "%.0f virtual s in %.2f s wall: %.0f steps/s, %.0f actions/s, %.0f scenarios/s%n",
                r[1], r[2], r[3], r[4] / 1000.0, seconds, r[2] / seconds, r[3] / seconds, r[1] / seconds);
        assertThat(r[2]).isPositive();
    }

    /** @return wall ns, scenarios, steps, actions, virtual ms */
    private static long[] measure(int scenarios) {
        SplittableRandom rnd = new SplittableRandom(1);
        long steps = 0;
        long actions = 0;
        long virtualMs = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < scenarios; i++) {
            ClusterModel m = new ClusterModel(new ClusterModel.Config(i % 2 == 0 ? 3 : 5,
                    i % 4 < 2 ? PodManagementPolicy.ORDERED_READY : PodManagementPolicy.PARALLEL, i), false);
            for (int s = 0; s < 30; s++) {
                m.run(randomStep(rnd, m.config.nodes()));
                steps++;
            }
            actions += m.sim.k8s.actions();
            virtualMs += m.sim.scheduler.nowMs();
        }
        return new long[] {System.nanoTime() - t0, scenarios, steps, actions, virtualMs};
    }

    private static Step randomStep(SplittableRandom r, int nodes) {
        int o = r.nextInt(nodes);
        int n = r.nextInt(nodes);
        return switch (r.nextInt(12)) {
            case 0, 1, 2, 3 -> new Step.Wait(List.of(1_000L, 20_000L, 60_000L, 300_000L).get(r.nextInt(4)));
            case 4 -> new Step.DeletePod(o, r.nextBoolean());
            case 5 -> new Step.DrainNode(n, 120_000L);
            case 6 -> new Step.Uncordon(n);
            case 7 -> new Step.FailNode(n);
            case 8 -> new Step.RecoverNode(n);
            case 9 -> new Step.SetTemplate(r.nextInt(3));
            case 10 -> new Step.KillProcess(o);
            default -> new Step.Evict(o);
        };
    }
}
