package dev.zksim.model.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.manifest.StatefulSetSpec.PodManagementPolicy;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Same seed and same steps → the same timeline, byte for byte, and the same calls into the runtime. */
class DeterminismProperties {

    @Property(tries = 100)
    void sameSeedSameTimeline(
            @ForAll long seed,
            @ForAll("steps") List<ClusterStep> steps,
            @ForAll @IntRange(min = 0, max = 1) int parallel) {
        ClusterModel.Config cfg = new ClusterModel.Config(
                3, parallel == 1 ? PodManagementPolicy.PARALLEL : PodManagementPolicy.ORDERED_READY, seed);
        String first = run(cfg, steps);
        String second = run(cfg, steps);
        assertThat(second).isEqualTo(first);
    }

    private static String run(ClusterModel.Config cfg, List<ClusterStep> steps) {
        ClusterModel m = new ClusterModel(cfg);
        for (ClusterStep s : steps) {
            m.run(s);
        }
        m.sim.runFor(10 * Sim.MIN);
        StringBuilder sb = new StringBuilder(m.sim.timeline());
        m.sim.runtime.calls.forEach(c -> sb.append(c).append('\n'));
        m.sim.runtime.dnsUpdates.forEach(d -> sb.append(d).append('\n'));
        return sb.toString();
    }

    @Provide
    Arbitrary<List<ClusterStep>> steps() {
        Arbitrary<Integer> ordinal = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> node = Arbitraries.integers().between(0, 3);
        Arbitrary<ClusterStep> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, ClusterProperties.waits()),
                net.jqwik.api.Tuple.of(2, ordinal.map(o -> new ClusterStep.DeletePod(o, false))),
                net.jqwik.api.Tuple.of(2, node.map(n -> new ClusterStep.DrainNode(n, 120_000L))),
                net.jqwik.api.Tuple.of(2, node.map(ClusterStep.Uncordon::new)),
                net.jqwik.api.Tuple.of(1, node.map(ClusterStep.FailNode::new)),
                net.jqwik.api.Tuple.of(1, node.map(ClusterStep.RecoverNode::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 2).map(ClusterStep.SetTemplate::new)),
                net.jqwik.api.Tuple.of(1, ordinal.map(ClusterStep.KillProcess::new)),
                net.jqwik.api.Tuple.of(1, ordinal.map(ClusterStep.FailLiveness::new)));
        return step.list().ofMinSize(1).ofMaxSize(20);
    }
}
