package dev.zksim.model.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.k8s.NodeDrain.DrainStatus;
import org.junit.jupiter.api.Test;

class DrainTests {

    /** The tutorial's "Surviving Maintenance" section on four nodes. */
    @Test
    void tutorialDrainSequenceOnFourNodes() {
        Sim sim = Sim.nodes(4, 7);
        sim.k8s.apply(EnsembleFixture.tutorial().build());
        sim.await("3 ready", () -> sim.allReady(3), 5 * Sim.MIN);
        String node0 = sim.k8s.nodeOf("zk-0").orElseThrow();
        String node1 = sim.k8s.nodeOf("zk-1").orElseThrow();
        String node2 = sim.k8s.nodeOf("zk-2").orElseThrow();
        assertThat(sim.k8s.pdb().orElseThrow().disruptionsAllowed()).isEqualTo(1);

        // Drain the node of zk-0: evicted, rescheduled on the fourth node.
        NodeDrain d0 = sim.k8s.drain(node0, 10 * Sim.MIN);
        sim.await("drain 0", d0::done, 10 * Sim.MIN);
        assertThat(d0.status()).isEqualTo(DrainStatus.SUCCEEDED);
        assertThat(d0.output())
                .containsExactly(
                        "node/" + node0 + " cordoned",
                        "evicting pod default/zk-0",
                        "pod/zk-0 evicted",
                        "node/" + node0 + " drained");
        sim.await("zk-0 back", () -> sim.allReady(3), 5 * Sim.MIN);
        String node3 = sim.k8s.nodeOf("zk-0").orElseThrow();
        assertThat(node3).isNotIn(node0, node1, node2);

        // Drain the node of zk-1: evicted, but it cannot be scheduled anywhere.
        NodeDrain d1 = sim.k8s.drain(node1, 10 * Sim.MIN);
        sim.await("drain 1", d1::done, 10 * Sim.MIN);
        assertThat(d1.status()).isEqualTo(DrainStatus.SUCCEEDED);
        sim.runFor(Sim.MIN);
        PodSnapshot zk1 = sim.pod("zk-1");
        assertThat(zk1.status()).isEqualTo("Pending");
        assertThat(zk1.node()).isEmpty();
        assertThat(zk1.pendingReason())
                .contains("0/4 nodes are available: 2 node(s) didn't match pod anti-affinity rules,"
                        + " 2 node(s) were unschedulable.");
        assertThat(sim.k8s.events("zk-1"))
                .anyMatch(e -> e.reason().equals("FailedScheduling")
                        && e.type().equals("Warning")
                        && e.source().equals("default-scheduler"));

        // Drain the node of zk-2: the PDB refuses (zk-1 is not ready), the node stays cordoned.
        NodeDrain d2 = sim.k8s.drain(node2, 2 * Sim.MIN);
        sim.await("drain 2 gives up", d2::done, 3 * Sim.MIN);
        assertThat(d2.status()).isEqualTo(DrainStatus.REFUSED_BY_PDB);
        assertThat(d2.refusedByPdb()).isTrue();
        assertThat(d2.lastError()).contains(EvictionResult.PDB_VIOLATION);
        assertThat(d2.output())
                .contains("error when evicting pods/\"zk-2\" -n \"default\" (will retry after 5s): "
                        + "Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(d2.output().stream()
                        .filter(l -> l.startsWith("error when evicting pods/\"zk-2\" -n \"default\" ("))
                        .count())
                .isEqualTo(2 * 60 / 5); // attempts at 0s, 5s, ... 115s
        assertThat(sim.k8s.node(node2).orElseThrow().status()).isEqualTo("Ready,SchedulingDisabled");
        assertThat(sim.pod("zk-2").runningAndReady()).isTrue();

        // Uncordon the first node: zk-1 is scheduled there.
        assertThat(sim.k8s.uncordon(node0).output()).containsExactly("node/" + node0 + " uncordoned");
        sim.await("zk-1 back", () -> sim.allReady(3), 5 * Sim.MIN);
        assertThat(sim.k8s.nodeOf("zk-1")).contains(node0);

        // Now the drain of zk-2's node succeeds; zk-2 waits until the second node is uncordoned.
        NodeDrain d3 = sim.k8s.drain(node2, 10 * Sim.MIN);
        sim.await("drain 2 again", d3::done, 10 * Sim.MIN);
        assertThat(d3.status()).isEqualTo(DrainStatus.SUCCEEDED);
        assertThat(d3.output().get(0)).isEqualTo("node/" + node2 + " already cordoned");
        sim.runFor(Sim.MIN);
        assertThat(sim.pod("zk-2").status()).isEqualTo("Pending");
        sim.k8s.uncordon(node1);
        sim.await("zk-2 back", () -> sim.allReady(3), 5 * Sim.MIN);
        assertThat(sim.k8s.nodeOf("zk-2")).contains(node1);
        // Every pod kept its volume.
        assertThat(sim.k8s.pvcs()).hasSize(3);
        assertThat(sim.runtime.violations).isEmpty();
    }
}
