package dev.zksim.model.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.manifest.ContainerSpec;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ManifestLoader;
import dev.zksim.model.manifest.PodTemplate;
import dev.zksim.model.manifest.Resources;
import dev.zksim.model.manifest.StatefulSetSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The shipped manifests (k8s-manifests/), loaded by the manifest loader, through the tutorial's story. */
class ManifestTests {
    private static final Path DIR = Path.of("..", "k8s-manifests");

    static EnsembleSpec load(String file) {
        return ManifestLoader.loadStrict(DIR.resolve(file));
    }

    /** {@code kubectl patch sts zk --type=json -p '[{"op":"replace","path":".../requests/cpu","value":"0.3"}]'}. */
    static EnsembleSpec withCpu(EnsembleSpec e, long cpuMillis) {
        StatefulSetSpec s = e.statefulSet();
        PodTemplate t = s.template();
        ContainerSpec c = t.container();
        Resources r = new Resources(cpuMillis, c.requests().memoryBytes());
        ContainerSpec c2 = c.withRequests(r);
        PodTemplate t2 = new PodTemplate(
                t.labels(), c2, r, t.antiAffinity(), t.terminationGracePeriodSeconds(), t.runAsUser(), t.fsGroup());
        return e.withStatefulSet(s.withTemplate(t2));
    }

    @Test
    void theTutorialStoryWithTheShippedManifest() {
        EnsembleSpec zk = load("zookeeper.yaml");
        Sim sim = Sim.nodes(4, 42);
        assertThat(sim.k8s.apply(zk).output()).containsExactlyElementsOf(EnsembleFixture.TUTORIAL_APPLIED);
        sim.await("3 ready", () -> sim.allReady(3), 5 * Sim.MIN);
        assertThat(sim.k8s.pvcs())
                .extracting(PvcSnapshot::name)
                .containsExactly("datadir-zk-0", "datadir-zk-1", "datadir-zk-2");
        List<String> volumes =
                sim.k8s.pvcs().stream().map(PvcSnapshot::volumeId).toList();

        // delete the StatefulSet, re-apply: the same claims are mounted again
        sim.k8s.deleteStatefulSet();
        sim.await("gone", () -> sim.k8s.pods().isEmpty(), 2 * Sim.MIN);
        sim.k8s.apply(zk);
        sim.await("3 ready again", () -> sim.allReady(3), 5 * Sim.MIN);
        assertThat(sim.k8s.pvcs().stream().map(PvcSnapshot::volumeId).toList()).isEqualTo(volumes);

        // patch cpu: rolling update zk-2, zk-1, zk-0; two revisions; undo
        sim.k8s.apply(withCpu(zk, 300));
        sim.await("rolled", () -> sim.state().rolloutDeletions().size() == 3 && sim.allReady(3), 10 * Sim.MIN);
        assertThat(sim.state().rolloutDeletions())
                .extracting(ClusterState.RolloutDeletion::ordinal)
                .containsExactly(2, 1, 0);
        assertThat(sim.k8s.revisions()).extracting(RevisionSnapshot::number).containsExactly(1, 2);
        sim.k8s.rolloutUndo(OptionalInt.empty());
        sim.await("undone", () -> sim.state().rolloutDeletions().size() == 6 && sim.allReady(3), 10 * Sim.MIN);

        // drain sequence
        String n0 = sim.k8s.nodeOf("zk-0").orElseThrow();
        String n1 = sim.k8s.nodeOf("zk-1").orElseThrow();
        String n2 = sim.k8s.nodeOf("zk-2").orElseThrow();
        NodeDrain d0 = sim.k8s.drain(n0, 5 * Sim.MIN);
        sim.await("d0", d0::done, 5 * Sim.MIN);
        sim.await("zk-0 ready", () -> sim.allReady(3), 5 * Sim.MIN);
        NodeDrain d1 = sim.k8s.drain(n1, 5 * Sim.MIN);
        sim.await("d1", d1::done, 5 * Sim.MIN);
        sim.runFor(Sim.MIN);
        assertThat(sim.pod("zk-1").pendingReason().orElseThrow()).contains("didn't match pod anti-affinity rules");
        NodeDrain d2 = sim.k8s.drain(n2, 2 * Sim.MIN);
        sim.await("d2", d2::done, 3 * Sim.MIN);
        assertThat(d2.status()).isEqualTo(NodeDrain.DrainStatus.REFUSED_BY_PDB);
        sim.k8s.uncordon(n0);
        sim.await("zk-1 ready", () -> sim.allReady(3), 5 * Sim.MIN);
        NodeDrain d3 = sim.k8s.drain(n2, 5 * Sim.MIN);
        sim.await("d3", d3::done, 5 * Sim.MIN);
        assertThat(d3.status()).isEqualTo(NodeDrain.DrainStatus.SUCCEEDED);
        assertThat(sim.runtime.violations).isEmpty();
    }

    @Test
    void theLocalManifestFitsOneNode() {
        NodeSpec minikube = NodeSpec.of("minikube", new Resources(2000, 4 * EnsembleFixture.GIB));
        Sim sim = new Sim(ClusterSpec.of(List.of(minikube)), 1);
        sim.k8s.apply(load("zookeeper-local.yaml"));
        sim.await("3 ready", () -> sim.allReady(3), 5 * Sim.MIN);
    }

    @Test
    void everyShippedManifestComesUpOnEnoughNodes() {
        for (String f : List.of("zookeeper.yaml", "zookeeper-5.yaml", "zookeeper-parallel.yaml")) {
            EnsembleSpec e = load(f);
            int n = e.statefulSet().replicas();
            Sim sim = Sim.nodes(n, 1);
            sim.k8s.apply(e);
            sim.await(f, () -> sim.allReady(n), 10 * Sim.MIN);
        }
    }
}
