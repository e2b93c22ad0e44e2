package dev.zksim.model.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RolloutTests {
    private static final long GI = EnsembleFixture.GIB;

    private static Sim ready(EnsembleFixture f, int nodes) {
        Sim sim = Sim.nodes(nodes, 3);
        sim.k8s.apply(f.build());
        int n = f.build().statefulSet().replicas();
        sim.await("all ready", () -> sim.allReady(n), 10 * Sim.MIN);
        return sim;
    }

    private static List<Integer> rolloutOrder(Sim sim) {
        return sim.state().rolloutDeletions().stream()
                .map(ClusterState.RolloutDeletion::ordinal)
                .toList();
    }

    @Test
    void patchingCpuRollsFromTheHighestOrdinalDownAndUndoRestoresTheTemplate() {
        Sim sim = ready(EnsembleFixture.tutorial(), 4);
        String rev1 = sim.pod("zk-0").revision();
        CommandResult patch =
                sim.k8s.apply(EnsembleFixture.tutorial().requests(300, GI).build());
        assertThat(patch.output()).contains("statefulset.apps/zk configured", "service/zk-hs unchanged");
        sim.await(
                "rollout",
                () -> sim.k8s.statefulSet().orElseThrow().rolloutComplete()
                        && sim.k8s
                                .statefulSet()
                                .orElseThrow()
                                .currentRevision()
                                .equals(sim.k8s.statefulSet().orElseThrow().updateRevision()),
                10 * Sim.MIN);
        assertThat(rolloutOrder(sim)).containsExactly(2, 1, 0);
        String rev2 = sim.pod("zk-0").revision();
        assertThat(rev2).isNotEqualTo(rev1).startsWith("zk-");
        assertThat(sim.k8s.revisions()).extracting(RevisionSnapshot::number).containsExactly(1, 2);
        assertThat(sim.k8s.pods()).allMatch(p -> p.revisionNumber() == 2);

        CommandResult undo = sim.k8s.rolloutUndo(OptionalInt.empty());
        assertThat(undo.output()).containsExactly("statefulset.apps/zk rolled back");
        sim.await(
                "undo",
                () -> sim.k8s.statefulSet().orElseThrow().rolloutComplete()
                        && sim.pod("zk-0").revision().equals(rev1),
                10 * Sim.MIN);
        // Revision 1's template came back as revision 3 (kubectl rollout history shows 2, 3).
        assertThat(sim.k8s.revisions()).extracting(RevisionSnapshot::number).containsExactly(2, 3);
        assertThat(sim.k8s.revisions().get(1).name()).isEqualTo(rev1);
        assertThat(rolloutOrder(sim)).containsExactly(2, 1, 0, 2, 1, 0);
        assertThat(sim.k8s
                        .ensemble()
                        .orElseThrow()
                        .statefulSet()
                        .template()
                        .resources()
                        .cpuMillis())
                .isEqualTo(500);
    }

    @Test
    void eachReplacementWaitsForThePreviousToBeReady() {
        Sim sim = ready(EnsembleFixture.tutorial(), 4);
        sim.k8s.apply(EnsembleFixture.tutorial().requests(300, GI).build());
        sim.await("rollout", () -> rolloutOrder(sim).size() == 3 && sim.allReady(3), 10 * Sim.MIN);
        List<ClusterState.RolloutDeletion> d = sim.state().rolloutDeletions();
        // zk-2 must be recreated (ContainerCreating 19 s) and Ready (probe after 10 s) before zk-1 goes.
        assertThat(d.get(1).timeMs() - d.get(0).timeMs()).isGreaterThanOrEqualTo(29_000);
        assertThat(d.get(2).timeMs() - d.get(1).timeMs()).isGreaterThanOrEqualTo(29_000);
    }

    @Test
    void aBrokenTemplateStallsAndARevertAloneDoesNotUnstickOrderedReady() {
        Sim sim = ready(EnsembleFixture.tutorial(), 4);
        sim.k8s.apply(EnsembleFixture.tutorial().image("zk:broken").build());
        sim.runFor(10 * Sim.MIN);
        assertThat(rolloutOrder(sim)).containsExactly(2);
        assertThat(sim.pod("zk-2").status()).isIn("Running", "CrashLoopBackOff"); // liveness fails too
        assertThat(sim.pod("zk-2").ready()).isFalse();
        assertThat(sim.pod("zk-1").revisionNumber()).isEqualTo(1);

        sim.k8s.apply(EnsembleFixture.tutorial().build()); // revert
        sim.runFor(10 * Sim.MIN);
        assertThat(sim.pod("zk-2").ready()).isFalse(); // still the broken pod
        assertThat(rolloutOrder(sim)).containsExactly(2);

        // "Forced rollback": delete the broken pod; it comes back from the reverted template.
        sim.k8s.deletePod("zk-2");
        sim.await("unstuck", () -> sim.allReady(3), 10 * Sim.MIN);
        assertThat(sim.k8s.pods())
                .allMatch(p -> !p.revision().equals(sim.k8s.revisions().get(0).name()));
    }

    @Test
    void withParallelManagementTheRevertAloneRecovers() {
        Sim sim = ready(EnsembleFixture.tutorial().parallel(), 4);
        sim.k8s.apply(EnsembleFixture.tutorial().parallel().image("zk:broken").build());
        sim.runFor(5 * Sim.MIN);
        assertThat(sim.pod("zk-2").ready()).isFalse();
        sim.k8s.apply(EnsembleFixture.tutorial().parallel().build());
        sim.await("recovered", () -> sim.allReady(3), 10 * Sim.MIN);
    }

    @Test
    void partitionKeepsLowerOrdinalsOnTheOldRevision() {
        Sim sim = ready(EnsembleFixture.tutorial().partition(2), 4);
        sim.k8s.apply(EnsembleFixture.tutorial().partition(2).requests(300, GI).build());
        sim.runFor(10 * Sim.MIN);
        assertThat(rolloutOrder(sim)).containsExactly(2);
        assertThat(sim.pod("zk-2").revisionNumber()).isEqualTo(2);
        assertThat(sim.pod("zk-1").revisionNumber()).isEqualTo(1);
        // A deleted pod below the partition comes back at the current (old) revision.
        sim.k8s.deletePod("zk-0");
        sim.await("zk-0 back", () -> sim.allReady(3), 5 * Sim.MIN);
        assertThat(sim.pod("zk-0").revisionNumber()).isEqualTo(1);
        // Lowering the partition continues the rollout.
        sim.k8s.apply(EnsembleFixture.tutorial().partition(0).requests(300, GI).build());
        sim.await(
                "done",
                () -> sim.k8s.pods().stream().allMatch(p -> p.revisionNumber() == 2) && sim.allReady(3),
                10 * Sim.MIN);
        assertThat(rolloutOrder(sim)).containsExactly(2, 1, 0);
    }

    @Test
    void onDeleteUpdatesOnlyDeletedPods() {
        Sim sim = ready(EnsembleFixture.tutorial().onDelete(), 4);
        sim.k8s.apply(EnsembleFixture.tutorial().onDelete().requests(300, GI).build());
        sim.runFor(5 * Sim.MIN);
        assertThat(sim.k8s.pods()).allMatch(p -> p.revisionNumber() == 1);
        sim.k8s.deletePod("zk-1");
        sim.await("zk-1 back", () -> sim.allReady(3), 5 * Sim.MIN);
        assertThat(sim.pod("zk-1").revisionNumber()).isEqualTo(2);
        assertThat(sim.pod("zk-0").revisionNumber()).isEqualTo(1);
    }

    @Test
    void maxUnavailableTwoReplacesTwoAtATime() {
        Sim sim = ready(EnsembleFixture.tutorial().replicas(5).maxUnavailable(2), 6);
        sim.k8s.apply(EnsembleFixture.tutorial()
                .replicas(5)
                .maxUnavailable(2)
                .requests(300, GI)
                .build());
        sim.await("rollout", () -> rolloutOrder(sim).size() == 5 && sim.allReady(5), 20 * Sim.MIN);
        List<ClusterState.RolloutDeletion> d = sim.state().rolloutDeletions();
        assertThat(rolloutOrder(sim)).containsExactly(4, 3, 2, 1, 0);
        assertThat(d.get(0).timeMs()).isEqualTo(d.get(1).timeMs());
    }

    @Test
    void minReadySecondsDelaysTheNextStep() {
        Sim sim = ready(EnsembleFixture.tutorial().minReadySeconds(60), 4);
        sim.k8s.apply(
                EnsembleFixture.tutorial().minReadySeconds(60).requests(300, GI).build());
        sim.await("rollout", () -> rolloutOrder(sim).size() == 3 && sim.allReady(3), 20 * Sim.MIN);
        List<ClusterState.RolloutDeletion> d = sim.state().rolloutDeletions();
        assertThat(d.get(1).timeMs() - d.get(0).timeMs()).isGreaterThanOrEqualTo(29_000 + 60_000);
    }

    @Test
    void immutableFieldsCannotBeChangedByApply() {
        Sim sim = ready(EnsembleFixture.tutorial(), 4);
        CommandResult r = sim.k8s.apply(EnsembleFixture.tutorial().parallel().build());
        assertThat(r.ok()).isFalse();
        assertThat(r.output())
                .anyMatch(l -> l.contains("Forbidden: updates to statefulset spec for fields other than"));
        assertThat(sim.k8s.statefulSet().orElseThrow().podManagementPolicy())
                .isEqualTo(dev.zksim.model.manifest.StatefulSetSpec.PodManagementPolicy.ORDERED_READY);
    }
}
