package dev.zksim.model.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupTests {

    @Test
    void orderedReadyStartsZk0ThenZk1ThenZk2LikeTheTutorial() {
        Sim sim = Sim.nodes(4, 1);
        CommandResult r = sim.k8s.apply(EnsembleFixture.tutorial().build());
        assertThat(r.output()).containsExactlyElementsOf(EnsembleFixture.TUTORIAL_APPLIED);
        sim.await("3 ready", () -> sim.allReady(3), 5 * Sim.MIN);

        List<String> rows = sim.k8s.timeline().stream()
                .filter(e -> e instanceof PodRow)
                .map(TimelineEntry::render)
                .map(s -> s.replaceAll("\\s+", " ").trim())
                .toList();
        assertThat(rows)
                .containsExactly(
                        "zk-0 0/1 Pending 0 0s",
                        "zk-0 0/1 Pending 0 0s",
                        "zk-0 0/1 ContainerCreating 0 0s",
                        "zk-0 0/1 Running 0 19s",
                        "zk-0 1/1 Running 0 29s",
                        "zk-1 0/1 Pending 0 0s",
                        "zk-1 0/1 Pending 0 0s",
                        "zk-1 0/1 ContainerCreating 0 0s",
                        "zk-1 0/1 Running 0 19s",
                        "zk-1 1/1 Running 0 29s",
                        "zk-2 0/1 Pending 0 0s",
                        "zk-2 0/1 Pending 0 0s",
                        "zk-2 0/1 ContainerCreating 0 0s",
                        "zk-2 0/1 Running 0 19s",
                        "zk-2 1/1 Running 0 29s");
        assertThat(sim.k8s.pvcs())
                .extracting(PvcSnapshot::name)
                .containsExactly("datadir-zk-0", "datadir-zk-1", "datadir-zk-2");
        assertThat(sim.k8s.pods()).extracting(p -> p.node().orElseThrow()).doesNotHaveDuplicates();
        PodSnapshot zk1 = sim.pod("zk-1");
        assertThat(zk1.fqdn()).isEqualTo("zk-1.zk-hs.default.svc.cluster.local");
        assertThat(zk1.labels())
                .containsEntry("statefulset.kubernetes.io/pod-name", "zk-1")
                .containsEntry("apps.kubernetes.io/pod-index", "1")
                .containsEntry("app", "zk");
        assertThat(sim.k8s.dnsRecords()).containsOnlyKeys("zk-0", "zk-1", "zk-2");
        assertThat(sim.runtime.violations).isEmpty();
    }
}
