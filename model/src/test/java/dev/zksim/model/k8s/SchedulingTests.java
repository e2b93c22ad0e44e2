package dev.zksim.model.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.manifest.Resources;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The minikube story (seed 001): one node, anti-affinity and memory. */
class SchedulingTests {
    private static final long MB = 1_000_000L;

    private static Sim minikube(long memoryBytes, Resources reserved) {
        NodeSpec node =
                NodeSpec.of("minikube", new Resources(4000, memoryBytes)).withReserved(reserved);
        return new Sim(ClusterSpec.of(List.of(node)), 3);
    }

    @Test
    void requiredAntiAffinityOnOneNodeLeavesZk1Pending() {
        Sim sim = minikube(6000 * MB, Resources.NONE);
        sim.k8s.apply(EnsembleFixture.tutorial().build());
        sim.runFor(10 * Sim.MIN);
        assertThat(sim.pod("zk-0").runningAndReady()).isTrue();
        PodSnapshot zk1 = sim.pod("zk-1");
        assertThat(zk1.status()).isEqualTo("Pending");
        assertThat(zk1.pendingReason())
                .contains("0/1 nodes are available: 1 node(s) didn't match pod anti-affinity rules.");
        assertThat(sim.k8s.pod("zk-2")).isEmpty(); // OrderedReady waits for zk-1
        assertThat(sim.k8s.statefulSet().orElseThrow().readyReplicas()).isEqualTo(1);
    }

    @Test
    void preferredAntiAffinityOnSixGigabytesLeavesZk2PendingForMemory() {
        // The minikube VM's kube-system pods and OS leave less than three 1Gi requests' worth.
        Sim sim = minikube(6000 * MB, new Resources(750, 3600 * MB));
        sim.k8s.apply(EnsembleFixture.tutorial().preferredAntiAffinity().build());
        sim.runFor(10 * Sim.MIN);
        assertThat(sim.pod("zk-0").runningAndReady()).isTrue();
        assertThat(sim.pod("zk-1").runningAndReady()).isTrue();
        PodSnapshot zk2 = sim.pod("zk-2");
        assertThat(zk2.status()).isEqualTo("Pending");
        assertThat(zk2.pendingReason()).contains("0/1 nodes are available: 1 Insufficient memory.");
    }

    @Test
    void preferredAntiAffinityOnSevenAndAHalfGigabytesRunsAllThree() {
        Sim sim = minikube(7500 * MB, new Resources(750, 3600 * MB));
        sim.k8s.apply(EnsembleFixture.tutorial().preferredAntiAffinity().build());
        sim.await("3/3", () -> sim.allReady(3), 10 * Sim.MIN);
        assertThat(sim.k8s.nodes().get(0).pods()).containsExactly("zk-0", "zk-1", "zk-2");
    }

    @Test
    void preferredAntiAffinitySpreadsWhenNodesAllow() {
        Sim sim = Sim.nodes(3, 11);
        sim.k8s.apply(EnsembleFixture.tutorial().preferredAntiAffinity().build());
        sim.await("3/3", () -> sim.allReady(3), 10 * Sim.MIN);
        assertThat(sim.k8s.pods()).extracting(p -> p.node().orElseThrow()).doesNotHaveDuplicates();
    }

    @Test
    void bothCpuAndMemoryShortfallsAreCountedAndSorted() {
        NodeSpec small = NodeSpec.of("small", new Resources(100, EnsembleFixture.GIB / 2));
        NodeSpec cordoned = NodeSpec.of("big", Sim.NODE_4CPU_8GI);
        Sim sim = new Sim(ClusterSpec.of(List.of(small, cordoned)), 1);
        sim.k8s.cordon("big");
        sim.k8s.apply(EnsembleFixture.tutorial().build());
        sim.runFor(Sim.MIN);
        assertThat(sim.pod("zk-0").pendingReason())
                .contains(
                        "0/2 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 node(s) were unschedulable.");
        sim.k8s.uncordon("big");
        sim.await("zk-0 ready", () -> sim.pod("zk-0").runningAndReady(), 2 * Sim.MIN);
        assertThat(sim.k8s.nodeOf("zk-0")).contains("big");
    }

    @Test
    void addingANodeSchedulesThePendingPod() {
        Sim sim = Sim.nodes(2, 5);
        sim.k8s.apply(EnsembleFixture.tutorial().build());
        sim.runFor(5 * Sim.MIN);
        assertThat(sim.pod("zk-2").status()).isEqualTo("Pending");
        sim.k8s.addNode(NodeSpec.of("node-3", Sim.NODE_4CPU_8GI));
        sim.await("3/3", () -> sim.allReady(3), 5 * Sim.MIN);
        assertThat(sim.k8s.nodeOf("zk-2")).contains("node-3");
        assertThat(sim.k8s.node("node-3").orElseThrow().podCidr()).isEqualTo("10.244.3.0/24");
        assertThat(sim.pod("zk-2").ip().orElseThrow()).startsWith("10.244.3.");
    }
}
