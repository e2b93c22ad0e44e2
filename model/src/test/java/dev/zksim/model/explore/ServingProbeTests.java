package dev.zksim.model.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.k8s.ClusterSpec;
import dev.zksim.model.k8s.PodSnapshot;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ManifestLoader;
import dev.zksim.model.zab.PeerStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model's probe semantics: a {@code srvr} Mode readiness probe turns a pod Ready only while its server serves; the
 * tutorial's {@code ruok} probe turns it Ready while the server is still LOOKING. (A Ready pod whose server stops
 * serving stays Ready until failureThreshold probes failed: that is the kubelet's, and not judged here.)
 */
class ServingProbeTests {
    private static final ClusterSpec FOUR =
            ExploreClusters.parse(Path.of("test"), ExploreClusters.uniformYaml(4, "2", "4Gi"));

    /** Every moment (checked at every event) at which a pod turned Ready while its server did not serve. */
    private static List<String> readyButNotServing(String manifest) {
        EnsembleSpec spec = ManifestLoader.loadStrict(Path.of("..", "k8s-manifests", manifest));
        ExploreWorld w = ExploreWorld.create(spec, FOUR, 1, WorldHooks.STANDARD);
        List<String> seen = new ArrayList<>();
        java.util.Set<String> ready = new java.util.TreeSet<>();
        assertThat(w.applyAndSettle(Explorer.SETTLE_BOUND_MS)).isTrue();
        check(w, ready, seen);
        // restart every server once, one after another, as a rolling update would
        for (String pod : List.of("zk-2", "zk-1", "zk-0")) {
            w.perform(new ExploreAction.KillProcessAction(
                    new ExploreAction.PodTarget.OrdinalPod(Integer.parseInt(pod.substring(3)))));
            w.runUntil(
                    () -> {
                        check(w, ready, seen);
                        return false;
                    },
                    w.nowMs() + 120_000);
        }
        return seen;
    }

    private static void check(ExploreWorld w, java.util.Set<String> ready, List<String> seen) {
        for (PodSnapshot p : w.kubernetes().pods()) {
            boolean serving = w.zab().status(p.name()).map(PeerStatus::serving).orElse(false);
            boolean turnedReady = p.ready() && ready.add(p.uid() + "/" + p.restarts());
            if (!p.ready()) {
                ready.remove(p.uid() + "/" + p.restarts());
            }
            if (turnedReady && !serving && seen.size() < 5) {
                seen.add(w.nowMs() + " ms: " + p.name() + " Ready, server "
                        + w.zab().status(p.name()).map(s -> s.mode().toString()).orElse("down"));
            }
        }
    }

    @Test
    void servingProbeIsReadyOnlyWhileTheServerServes() {
        assertThat(readyButNotServing("zookeeper-serving-probe.yaml")).isEmpty();
    }

    @Test
    void ruokProbeIsReadyWhileTheServerIsStillLooking() {
        assertThat(readyButNotServing("zookeeper.yaml")).isNotEmpty();
    }

    /** zk-0's pod after the nodes of zk-1 and zk-2 failed and a minute passed: its server is alone, LOOKING. */
    private static PodSnapshot aloneAfterAMinute(String manifest) {
        EnsembleSpec spec = ManifestLoader.loadStrict(Path.of("..", "k8s-manifests", manifest));
        ExploreWorld w = ExploreWorld.create(spec, FOUR, 1, WorldHooks.STANDARD);
        assertThat(w.applyAndSettle(Explorer.SETTLE_BOUND_MS)).isTrue();
        w.perform(new ExploreAction.FailNodeAction(new ExploreAction.NodeTarget.OrdinalNode(1)));
        w.perform(new ExploreAction.FailNodeAction(new ExploreAction.NodeTarget.OrdinalNode(2)));
        w.runUntil(() -> false, w.nowMs() + 60_000);
        assertThat(w.zab().status("zk-0").map(s -> s.mode().toString())).contains("LOOKING");
        return w.kubernetes().pod("zk-0").orElseThrow();
    }

    @Test
    void servingProbeTakesALoneLookingServerOutOfService() {
        assertThat(aloneAfterAMinute("zookeeper-serving-probe.yaml").ready()).isFalse();
        assertThat(aloneAfterAMinute("zookeeper.yaml").ready()).isTrue();
    }
}
