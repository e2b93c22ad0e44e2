package dev.zksim.model.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ManifestLoader;
import dev.zksim.model.zab.DynamicConfig;
import dev.zksim.model.zab.ZabLogLine;
import dev.zksim.model.zab.ZabModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Explore's world on k8s-manifests/zookeeper-reconfig.yaml (issue #15). A copy of the model ({@link ZabModel#fork},
 * what predictions run on) taken while the manifest's scripts are under way goes on with them: the start script's
 * {@code reconfig -add} loop and the preStop hook's {@code reconfig -remove} loop are timers of the model that the
 * copy re-arms. And an ensemble scaled below the manifest's replicas does not count as healthy.
 */
class ReconfigExploreWorldTests {
    static final Path RECONFIG = Path.of("..", "k8s-manifests", "zookeeper-reconfig.yaml");

    private static ExploreWorld settled() {
        EnsembleSpec spec = ManifestLoader.loadStrict(RECONFIG);
        ExploreWorld w = ExploreWorld.create(
                spec,
                ExploreClusters.parse(Path.of("test"), ExploreClusters.uniformYaml(6, "2", "4Gi")),
                7,
                WorldHooks.STANDARD);
        assertThat(w.applyAndSettle(Explorer.SETTLE_BOUND_MS)).isTrue();
        return w;
    }

    private static boolean lists(ZabModel zab, String pod, int sid) {
        return zab.committedConfig(pod).map(DynamicConfig::voters).orElseThrow().contains(sid);
    }

    /**
     * Forked the moment zk-3's server starts as a non-voting follower, the copy runs its start script's loop and
     * commits {@code reconfig -add} of server 4 on its own. Caught: ZabCore.copyOnto leaving the scripts' wakeups out
     * (the copy's ensemble stays at three members).
     */
    @Test
    void aCopyTakenWhileAPodJoinsAddsItThroughItsStartScript() {
        ExploreWorld w = settled();
        w.perform(new ExploreAction.ScaleAction(4));
        assertThat(w.runUntil(() -> w.zab().committedConfig("zk-3").isPresent(), w.nowMs() + 120_000))
                .isTrue();
        assertThat(lists(w.zab(), "zk-0", 4)).as("not a member yet when forked").isFalse();

        ZabModel.Fork fork = w.zab().fork();
        fork.scheduler().runUntil(w.nowMs() + 30_000);

        assertThat(lists(fork.model(), "zk-0", 4))
                .as("%s", fork.model().history().timeline())
                .isTrue();
        assertThat(lists(w.zab(), "zk-0", 4)).as("the original stood still").isFalse();
    }

    /**
     * Forked while zk-3's preStop hook runs (its first {@code reconfig -remove} done, the next try 2 s away), the copy
     * runs the hook's next try, which sees the server gone from the config and returns; returning tells the original's
     * kubelet nothing (the original's server still runs). Caught: the copy without the hook's wakeups (no "preStop:
     * ends" line in the copy).
     */
    @Test
    void aCopyTakenDuringAPreStopHookRunsTheHookToItsEnd() {
        ExploreWorld w = settled();
        w.perform(new ExploreAction.ScaleAction(4));
        assertThat(w.runUntil(() -> w.allReady(false) && lists(w.zab(), "zk-0", 4), w.nowMs() + 180_000))
                .isTrue();
        int from = w.zab().history().timeline().size();
        w.perform(new ExploreAction.ScaleAction(3));
        assertThat(w.runUntil(() -> hookStarted(w.zab().timelineFrom(from)), w.nowMs() + 60_000))
                .isTrue();
        int forkedAt = w.zab().history().timeline().size();

        ZabModel.Fork fork = w.zab().fork();
        fork.scheduler().runUntil(w.nowMs() + 15_000);

        assertThat(fork.model().timelineFrom(forkedAt))
                .extracting(ZabLogLine::text)
                .contains("preStop: ends (config does not list server.4)");
        assertThat(lists(fork.model(), "zk-0", 4)).isFalse();
        assertThat(w.zab().isRunning("zk-3"))
                .as("the copy's hook did not stop the original's container")
                .isTrue();
    }

    /**
     * An ensemble scaled below the manifest's replicas is not healthy for the availability budget: two voters lose
     * their quorum to one fault, which a 2f+1 ensemble of the manifest's size would survive, so an outage then is
     * excused when it follows the scale-down. Caught: healthy() without the replica check (a scaled-down ensemble
     * counted healthy, and explore reported a drain of one of its two servers as a finding).
     */
    @Test
    void anEnsembleScaledBelowTheManifestIsNotHealthy() {
        ExploreWorld w = settled();
        assertThat(w.healthy()).isTrue();
        w.perform(new ExploreAction.ScaleAction(2));
        assertThat(w.runUntil(
                        () -> w.kubernetes().pod("zk-2").isEmpty() && w.allReady(true) && w.writable(),
                        w.nowMs() + 300_000))
                .isTrue();
        assertThat(w.healthy()).isFalse();
        w.perform(new ExploreAction.ScaleAction(3));
        assertThat(w.runUntil(w::healthy, w.nowMs() + 300_000)).isTrue();
    }

    private static boolean hookStarted(List<ZabLogLine> lines) {
        return lines.stream().anyMatch(l -> l.pod().equals("zk-3") && l.text().startsWith("preStop: reconfig -remove"));
    }
}
