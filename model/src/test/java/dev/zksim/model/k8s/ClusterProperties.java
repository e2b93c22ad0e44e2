package dev.zksim.model.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.manifest.StatefulSetSpec.PodManagementPolicy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Random step sequences (jqwik action chains: weighted, shrinking, seed printed on failure) against 3- and 5-replica
 * ensembles under both pod management policies, with the invariants of {@link ClusterInvariants} after every step, and
 * liveness at the end: once faults stop and capacity exists, every replica is Running and Ready within a bound.
 */
class ClusterProperties {
    /** After healing: the worst case is a crash-looping pod's 5 min back-off plus a rollout of 5 pods. */
    static final long LIVENESS_BOUND_MS = 40 * Sim.MIN;

    @Property(tries = 300)
    @StatisticsReport(onFailureOnly = true)
    void invariantsHoldAfterEveryStepAndTheEnsembleRecovers(@ForAll("chains") ActionChain<ClusterModel> chain) {
        ClusterModel end =
                chain.withInvariant("k8s invariants", m -> m.invariants.check()).run();
        end.heal();
        end.sim.await(
                "all " + end.replicas + " replicas Ready after healing (" + end + ")",
                () -> end.sim.allReady(end.replicas),
                LIVENESS_BOUND_MS);
        end.invariants.check();
        assertThat(end.sim.k8s.statefulSet()).isPresent();
        collectCoverage(end);
    }

    /** The generator must reach the interesting states, or the invariants above prove little. */
    private static void collectCoverage(ClusterModel end) {
        java.util.List<KubernetesEvent> events = end.sim.k8s.events();
        cover("drain refused by the PDB", end.drains.stream().anyMatch(NodeDrain::refusedByPdb), 3);
        cover("rolling update", !end.sim.state().rolloutDeletions().isEmpty(), 10);
        cover("node NotReady", events.stream().anyMatch(e -> e.reason().equals("NodeNotReady")), 10);
        cover("taint eviction", events.stream().anyMatch(e -> e.reason().equals("TaintManagerEviction")), 3);
        cover(
                "Pending on anti-affinity",
                events.stream()
                        .anyMatch(e -> e.reason().equals("FailedScheduling")
                                && e.message().contains("anti-affinity")),
                10);
        cover("CrashLoopBackOff", events.stream().anyMatch(e -> e.reason().equals("BackOff")), 5);
    }

    private static void cover(String label, boolean reached, double minPercent) {
        Statistics.label(label).collect(reached);
        Statistics.label(label).coverage(c -> c.check(true).percentage(p -> p >= minPercent));
    }

    @Provide
    Arbitrary<ActionChain<ClusterModel>> chains() {
        Arbitrary<ClusterModel.Config> configs = Combinators.combine(
                        Arbitraries.of(3, 5), Arbitraries.of(PodManagementPolicy.class), Arbitraries.longs())
                .as(ClusterModel.Config::new);
        return configs.flatMap(cfg -> ActionChain.<ClusterModel>startWith(() -> new ClusterModel(cfg))
                .withAction(12, step(s -> waits()))
                .withAction(3, step(s -> Combinators.combine(ordinal(s), Arbitraries.of(false, false, true))
                        .as(ClusterStep.DeletePod::new)))
                .withAction(1, step(s -> ordinal(s).map(ClusterStep.DeletePvc::new)))
                .withAction(2, step(s -> node(s).map(ClusterStep.Cordon::new)))
                .withAction(3, step(s -> node(s).map(ClusterStep.Uncordon::new)))
                .withAction(3, step(s -> Combinators.combine(node(s), Arbitraries.of(30_000L, 120_000L, 600_000L))
                        .as(ClusterStep.DrainNode::new)))
                .withAction(2, step(s -> ordinal(s).map(ClusterStep.Evict::new)))
                .withAction(2, step(s -> node(s).map(ClusterStep.FailNode::new)))
                .withAction(3, step(s -> node(s).map(ClusterStep.RecoverNode::new)))
                .withAction(1, step(s -> node(s).map(ClusterStep.DeleteNode::new)))
                .withAction(2, step(s -> Arbitraries.integers()
                        .between(1, s.config.nodes())
                        .map(ClusterStep.Scale::new)))
                .withAction(3, step(s -> Arbitraries.integers().between(0, 2).map(ClusterStep.SetTemplate::new)))
                .withAction(1, step(s -> Arbitraries.just(new ClusterStep.Undo())))
                .withAction(2, step(s -> ordinal(s).map(ClusterStep.KillProcess::new)))
                .withAction(1, step(s -> ordinal(s).map(ClusterStep.FailLiveness::new)))
                .withAction(1, step(s -> Arbitraries.just(new ClusterStep.DeleteStatefulSet())))
                .withAction(2, step(s -> Arbitraries.just(new ClusterStep.Reapply())))
                .withMaxTransformations(30));
    }

    static Arbitrary<ClusterStep> waits() {
        return Arbitraries.of(1_000L, 5_000L, 20_000L, 60_000L, 300_000L, 600_000L)
                .map(ClusterStep.Wait::new);
    }

    private static Arbitrary<Integer> ordinal(ClusterModel s) {
        return Arbitraries.integers().between(0, s.config.nodes());
    }

    private static Arbitrary<Integer> node(ClusterModel s) {
        return Arbitraries.integers().between(0, s.config.nodes() - 1);
    }

    /** A step as a jqwik action: generated from the current state, executed, then checked. */
    private static Action.Dependent<ClusterModel> step(
            java.util.function.Function<ClusterModel, Arbitrary<? extends ClusterStep>> gen) {
        return state -> gen.apply(state).map(st -> Transformer.mutate(st.toString(), m -> m.run(st)));
    }
}
