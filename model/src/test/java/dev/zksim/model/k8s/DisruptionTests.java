package dev.zksim.model.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.IntOrPercent;
import dev.zksim.model.manifest.ManifestLoader;
import dev.zksim.model.manifest.PdbSpec;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DisruptionTests {

    private static Sim ready(EnsembleFixture f, int nodes) {
        Sim sim = Sim.nodes(nodes, 9);
        sim.k8s.apply(f.build());
        int n = f.build().statefulSet().replicas();
        sim.await("all ready", () -> sim.allReady(n), 10 * Sim.MIN);
        return sim;
    }

    @Test
    void maxUnavailableOneOfThree() {
        Sim sim = ready(EnsembleFixture.tutorial(), 4);
        PdbSnapshot pdb = sim.k8s.pdb().orElseThrow();
        assertThat(pdb)
                .extracting(
                        PdbSnapshot::currentHealthy,
                        PdbSnapshot::desiredHealthy,
                        PdbSnapshot::expectedPods,
                        PdbSnapshot::disruptionsAllowed)
                .containsExactly(3, 2, 3, 1);
        EvictionResult first = sim.k8s.evict("zk-0");
        assertThat(first.evicted()).isTrue();
        assertThat(first.httpStatus()).isEqualTo(201);
        EvictionResult second = sim.k8s.evict("zk-1");
        assertThat(second.outcome()).isEqualTo(EvictionResult.EvictionOutcome.REFUSED_BY_PDB);
        assertThat(second.httpStatus()).isEqualTo(429);
        assertThat(second.message()).isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(second.cause()).contains("The disruption budget zk-pdb needs 2 healthy pods and has 2 currently");
        assertThat(sim.k8s.evict("zk-7").outcome()).isEqualTo(EvictionResult.EvictionOutcome.NOT_FOUND);
    }

    /**
     * k8s-manifests/zookeeper-observers.yaml's budget selects the participants by apps.kubernetes.io/pod-index: an
     * integer minAvailable is of those 3, so one may go and the observers' evictions are not counted; the same
     * selector with maxUnavailable takes the expected count from the StatefulSet's 5 replicas (the disruption
     * controller's getExpectedPodCount) and allows no eviction at all.
     */
    @Test
    void aBudgetOverPartOfThePodsCountsThemOnlyWithAnIntegerMinAvailable() {
        EnsembleSpec observers = ManifestLoader.loadStrict(Path.of("..", "k8s-manifests", "zookeeper-observers.yaml"));
        Sim sim = Sim.nodes(6, 9);
        sim.k8s.apply(observers);
        sim.await("all ready", () -> sim.allReady(5), 10 * Sim.MIN);
        assertThat(sim.k8s.pdb().orElseThrow())
                .extracting(
                        PdbSnapshot::currentHealthy,
                        PdbSnapshot::desiredHealthy,
                        PdbSnapshot::expectedPods,
                        PdbSnapshot::disruptionsAllowed)
                .containsExactly(3, 2, 3, 1);
        assertThat(sim.k8s.evict("zk-2").evicted()).isTrue();
        assertThat(sim.k8s.evict("zk-1").outcome()).isEqualTo(EvictionResult.EvictionOutcome.REFUSED_BY_PDB);
        assertThat(sim.k8s.evict("zk-4").evicted())
                .as("an observer, not the budget's")
                .isTrue();

        PdbSpec min = observers.pdb().orElseThrow();
        PdbSpec max = new PdbSpec(
                min.name(),
                min.selector(),
                Optional.empty(),
                Optional.of(IntOrPercent.count(1)),
                min.unhealthyPodEvictionPolicy(),
                min.documentIndex());
        Sim other = Sim.nodes(6, 9);
        other.k8s.apply(new EnsembleSpec(
                observers.source(),
                observers.namespace(),
                observers.statefulSet(),
                observers.services(),
                Optional.of(max),
                observers.sourceMap()));
        other.await("all ready", () -> other.allReady(5), 10 * Sim.MIN);
        assertThat(other.k8s.pdb().orElseThrow())
                .extracting(
                        PdbSnapshot::currentHealthy,
                        PdbSnapshot::desiredHealthy,
                        PdbSnapshot::expectedPods,
                        PdbSnapshot::disruptionsAllowed)
                .containsExactly(3, 4, 5, 0);
        assertThat(other.k8s.evict("zk-0").outcome()).isEqualTo(EvictionResult.EvictionOutcome.REFUSED_BY_PDB);
    }

    @Test
    void percentagesRoundUp() {
        // minAvailable 50% of 3 → 2 (rounded up); maxUnavailable 50% of 5 → 3 (rounded up) → desired 2
        Sim a = ready(EnsembleFixture.tutorial().pdbMinAvailable(IntOrPercent.percentOf(50)), 3);
        assertThat(a.k8s.pdb().orElseThrow().desiredHealthy()).isEqualTo(2);
        Sim b = ready(EnsembleFixture.tutorial().replicas(5).pdbMaxUnavailable(IntOrPercent.percentOf(50)), 5);
        PdbSnapshot v = b.k8s.pdb().orElseThrow();
        assertThat(v.desiredHealthy()).isEqualTo(2);
        assertThat(v.disruptionsAllowed()).isEqualTo(3);
    }

    @Test
    void integerMinAvailableCountsMatchingPods() {
        Sim sim = ready(EnsembleFixture.tutorial().pdbMinAvailable(IntOrPercent.count(2)), 4);
        PdbSnapshot v = sim.k8s.pdb().orElseThrow();
        assertThat(v.expectedPods()).isEqualTo(3);
        assertThat(v.desiredHealthy()).isEqualTo(2);
        assertThat(v.disruptionsAllowed()).isEqualTo(1);
    }

    @Test
    void unhealthyPodsAreEvictableOnlyWithAHealthyBudgetUnlessAlwaysAllow() {
        // 5 replicas, maxUnavailable 1: desired 4. Break one pod's probes: currentHealthy 4 ≥ 4 → evictable.
        Sim sim = ready(EnsembleFixture.tutorial().replicas(5), 6);
        sim.k8s.failLiveness("zk-4");
        sim.await("zk-4 unready", () -> !sim.pod("zk-4").ready(), Sim.MIN);
        assertThat(sim.k8s.evict("zk-4").evicted()).isTrue();

        // Two unready pods: currentHealthy 3 < 4: IfHealthyBudget refuses, AlwaysAllow evicts.
        Sim s2 = ready(EnsembleFixture.tutorial().replicas(5), 6);
        s2.k8s.failLiveness("zk-3");
        s2.k8s.failLiveness("zk-4");
        s2.await("unready", () -> !s2.pod("zk-3").ready() && !s2.pod("zk-4").ready(), Sim.MIN);
        assertThat(s2.k8s.evict("zk-4").outcome()).isEqualTo(EvictionResult.EvictionOutcome.REFUSED_BY_PDB);
        Sim s3 = ready(EnsembleFixture.tutorial().replicas(5).unhealthyPodEvictionPolicy("AlwaysAllow"), 6);
        s3.k8s.failLiveness("zk-3");
        s3.k8s.failLiveness("zk-4");
        s3.await("unready", () -> !s3.pod("zk-3").ready() && !s3.pod("zk-4").ready(), Sim.MIN);
        assertThat(s3.k8s.evict("zk-4").evicted()).isTrue();
    }

    @Test
    void pendingPodsAreEvictedWithoutConsultingTheBudget() {
        Sim sim = Sim.nodes(2, 1);
        sim.k8s.apply(EnsembleFixture.tutorial().build());
        sim.runFor(5 * Sim.MIN);
        assertThat(sim.pod("zk-2").status()).isEqualTo("Pending");
        assertThat(sim.k8s.pdb().orElseThrow().disruptionsAllowed()).isZero();
        assertThat(sim.k8s.evict("zk-2").evicted()).isTrue();
    }

    @Test
    void drainTimesOutWhileAnEvictedPodCannotTerminate() {
        Sim sim = ready(EnsembleFixture.tutorial(), 4);
        String node = sim.k8s.nodeOf("zk-0").orElseThrow();
        sim.k8s.failNode(node);
        sim.runFor(Sim.MIN);
        NodeDrain d = sim.k8s.drain(node, Sim.MIN);
        sim.await("drain done", d::done, 2 * Sim.MIN);
        assertThat(d.status()).isEqualTo(NodeDrain.DrainStatus.TIMED_OUT);
        assertThat(d.evictedPods()).containsExactly("zk-0");
        assertThat(d.lastError().orElseThrow()).contains("global timeout reached: 1m0s");
        NodeDrain missing = sim.k8s.drain("nope", Sim.MIN);
        assertThat(missing.status()).isEqualTo(NodeDrain.DrainStatus.FAILED);
    }
}
