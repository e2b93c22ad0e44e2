package dev.zksim.model.k8s;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.manifest.StatefulSetSpec.PodManagementPolicy;
import org.junit.jupiter.api.Test;

/** The invariant checks can fail: each one catches a deliberately broken rule or a hand-made bad state. */
class InvariantCheckTests {

    /** The invariants watching {@code sim} from before {@code kubectl apply} of the tutorial. */
    private static ClusterInvariants applyTutorial(Sim sim) {
        ClusterInvariants inv = new ClusterInvariants(sim, PodManagementPolicy.ORDERED_READY);
        sim.k8s.apply(EnsembleFixture.tutorial().build());
        return inv;
    }

    @Test
    void aSchedulerThatIgnoresAntiAffinityIsCaught() {
        Sim sim = Sim.nodes(2, 1);
        sim.state().podScheduler().ignoreRequiredAntiAffinity = true;
        ClusterInvariants inv = applyTutorial(sim);
        sim.runFor(5 * Sim.MIN);
        assertThatThrownBy(inv::check).hasMessageContaining("anti-affinity: zk-");
    }

    @Test
    void anEvictionApiThatIgnoresTheBudgetIsCaught() {
        Sim sim = Sim.nodes(4, 1);
        ClusterInvariants inv = applyTutorial(sim);
        sim.await("ready", () -> sim.allReady(3), 5 * Sim.MIN);
        inv.check();
        sim.state().disruption().ignoreBudget = true;
        sim.k8s.evict("zk-0");
        sim.k8s.evict("zk-1");
        assertThatThrownBy(inv::check).hasMessageContaining("PDB: evicted Ready zk-1 with 2 healthy of 3, desired 2");
    }

    @Test
    void aPodCreatedBeforeItsPredecessorIsReadyIsCaught() {
        Sim sim = Sim.nodes(4, 1);
        ClusterInvariants inv = applyTutorial(sim);
        sim.runFor(1); // zk-0 is ContainerCreating
        inv.onEntry(new KubernetesEvent(
                sim.scheduler.nowMs(),
                "Normal",
                "SuccessfulCreate",
                "StatefulSet",
                "zk",
                "statefulset-controller",
                "create Pod zk-1 in StatefulSet zk successful"));
        assertThatThrownBy(inv::check)
                .hasMessageContaining("OrderedReady: created zk-1 while zk-0 is ContainerCreating");
    }

    @Test
    void aSecondContainerForOneIdentityIsCaught() {
        Sim sim = Sim.nodes(4, 1);
        ClusterInvariants inv = applyTutorial(sim);
        sim.await("ready", () -> sim.allReady(3), 5 * Sim.MIN);
        // Hand-made bad state: the runtime is asked to start zk-1 again on another node with another volume.
        ContainerLaunch l = sim.runtime.running.get("zk-1");
        sim.runtime.start(new ContainerLaunch(
                l.podName(),
                l.ordinal(),
                l.hostname(),
                l.fqdn(),
                "node-4",
                "10.244.4.9",
                "pvc-other",
                l.template(),
                l.ensemble(),
                0));
        assertThatThrownBy(inv::check)
                .hasMessageContaining("runtime contract: start of running zk-1")
                .hasMessageContaining("zk-1 runs with volume pvc-other");
    }
}
