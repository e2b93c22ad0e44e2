package dev.zksim.model.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kubelet's preStop hook (issue #15): run before SIGTERM on every graceful termination and only then, within the
 * grace period, with the 2 s minimum for SIGTERM (kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/
 * #pod-termination; pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer).
 */
class PreStopTests {
    private static final List<String> HOOK = List.of("bash", "-c", "leave");

    /** Three Ready pods with a preStop hook; the containers need {@code stopMs} after SIGTERM. */
    private static Sim ready(int graceSeconds, long stopMs) {
        ClusterTimings d = ClusterTimings.DEFAULTS;
        ClusterTimings t = new ClusterTimings(
                d.containerCreateMs(),
                stopMs,
                d.nodeMonitorGracePeriodMs(),
                d.notReadyTolerationMs(),
                d.drainRetryMs(),
                d.crashLoopInitialBackOffMs(),
                d.crashLoopMaxBackOffMs(),
                d.crashLoopResetMs());
        ClusterSpec nodes = ClusterSpec.uniform(5, "node", Sim.NODE_4CPU_8GI);
        Sim sim = new Sim(new ClusterSpec(nodes.nodes(), nodes.clusterDomain(), t), 5);
        sim.k8s.apply(EnsembleFixture.tutorial()
                .preStop(HOOK)
                .graceSeconds(graceSeconds)
                .build());
        sim.await("all ready", () -> sim.allReady(3), 10 * Sim.MIN);
        return sim;
    }

    /** Whether the pod object with {@code uid} still exists. */
    private static boolean exists(Sim sim, String pod, String uid) {
        return sim.k8s.pod(pod).map(p -> p.uid().equals(uid)).orElse(false);
    }

    private static List<String> callsOf(Sim sim, String pod) {
        return sim.runtime.calls.stream()
                .filter(c -> c.matches("(preStop|stop|kill) " + pod + "( .*)?"))
                .toList();
    }

    @Test
    void deletionRunsTheHookAndSendsSigtermOnlyWhenItReturned() {
        Sim sim = ready(60, 1_000);
        String uid = sim.pod("zk-1").uid();
        sim.runtime.holdPreStop = true;
        sim.k8s.deletePod("zk-1");
        sim.runFor(30_000);
        assertThat(callsOf(sim, "zk-1")).containsExactly("preStop zk-1 bash -c leave");
        assertThat(sim.pod("zk-1").status()).isEqualTo("Terminating");
        sim.runtime.finishPreStop("zk-1");
        assertThat(callsOf(sim, "zk-1")).containsExactly("preStop zk-1 bash -c leave", "stop zk-1");
        sim.runFor(999);
        assertThat(exists(sim, "zk-1", uid)).isTrue();
        sim.runFor(1);
        assertThat(exists(sim, "zk-1", uid))
                .as("gone containerStopMs after SIGTERM")
                .isFalse();
        assertThat(sim.runtime.violations).isEmpty();
    }

    @Test
    void aHookStillRunningWhenTheGracePeriodEndsGetsTwoSecondsThenTheContainerIsGone() {
        Sim sim = ready(10, 5_000);
        String uid = sim.pod("zk-1").uid();
        sim.runtime.holdPreStop = true;
        sim.k8s.deletePod("zk-1");
        sim.runFor(1);
        long t0 = sim.scheduler.nowMs() - 1;
        sim.scheduler.runUntil(t0 + 9_999);
        assertThat(callsOf(sim, "zk-1")).containsExactly("preStop zk-1 bash -c leave");
        sim.scheduler.runUntil(t0 + 10_000);
        assertThat(callsOf(sim, "zk-1")).containsExactly("preStop zk-1 bash -c leave", "stop zk-1");
        sim.scheduler.runUntil(t0 + 11_999);
        assertThat(exists(sim, "zk-1", uid)).isTrue();
        sim.scheduler.runUntil(t0 + 12_000);
        assertThat(exists(sim, "zk-1", uid))
                .as("the one-off 2 s extension, not the 5 s stop")
                .isFalse();
        // the hook's late return changes nothing
        sim.runtime.finishPreStop("zk-1");
        assertThat(sim.runtime.calls).filteredOn(c -> c.equals("stop zk-1")).hasSize(1);
        assertThat(sim.runtime.violations).isEmpty();
    }

    @Test
    void theHookTimeInWholeSecondsComesOffTheGracePeriodWithTwoSecondsLeftAtLeast() {
        // grace 10 s, SIGTERM takes 5 s: a hook of 5.5 s leaves 10 - 5 = 5 s (the kubelet counts whole seconds)
        assertThat(goneAfter(5_500)).isEqualTo(5_500 + 5_000);
        // a hook of 9.5 s leaves 10 - 9 = 1 s, raised to the 2 s minimum: past the grace period
        assertThat(goneAfter(9_500)).isEqualTo(9_500 + 2_000);
        // a hook of 2.2 s leaves 8 s, more than the container needs
        assertThat(goneAfter(2_200)).isEqualTo(2_200 + 5_000);
    }

    /** Milliseconds from deletion until the pod object is gone, for a hook that returns after {@code hookMs}. */
    private static long goneAfter(long hookMs) {
        Sim sim = ready(10, 5_000);
        String uid = sim.pod("zk-2").uid();
        sim.runtime.holdPreStop = true;
        sim.k8s.deletePod("zk-2");
        sim.runFor(1);
        long t0 = sim.scheduler.nowMs() - 1;
        sim.scheduler.runUntil(t0 + hookMs);
        sim.runtime.finishPreStop("zk-2");
        sim.await("gone", () -> !exists(sim, "zk-2", uid), Sim.MIN);
        return sim.scheduler.nowMs() - t0;
    }

    @Test
    void scaleDownEvictionAndLivenessKillsRunTheHookFirst() {
        Sim sim = ready(60, 1_000);
        sim.k8s.scale(5);
        sim.await("5", () -> sim.allReady(5), 10 * Sim.MIN);
        sim.k8s.scale(3);
        sim.await("3", () -> sim.k8s.pods().size() == 3, 10 * Sim.MIN);
        assertThat(sim.runtime.calls)
                .filteredOn(c -> c.matches("(preStop|stop) zk-[34].*"))
                .containsExactly("preStop zk-4 bash -c leave", "stop zk-4", "preStop zk-3 bash -c leave", "stop zk-3");

        assertThat(sim.k8s.evict("zk-0").evicted()).isTrue();
        sim.await("evicted", () -> callsOf(sim, "zk-0").contains("stop zk-0"), Sim.MIN);
        assertThat(callsOf(sim, "zk-0")).containsExactly("preStop zk-0 bash -c leave", "stop zk-0");
        sim.await("back", () -> sim.allReady(3), 5 * Sim.MIN);

        sim.k8s.failLiveness("zk-2");
        sim.await("restarted", () -> sim.pod("zk-2").restarts() == 1, 3 * Sim.MIN);
        assertThat(callsOf(sim, "zk-2")).containsExactly("preStop zk-2 bash -c leave", "stop zk-2");
        assertThat(sim.runtime.violations).isEmpty();
    }

    @Test
    void crashesKillsNodeFailuresForceDeletesAndAZeroGracePeriodRunNoHook() {
        Sim sim = ready(60, 1_000);
        sim.k8s.killProcess("zk-0");
        sim.runtime.crash("zk-1", 1);
        sim.k8s.deletePod("zk-2", DeleteOptions.FORCE);
        sim.await("back", () -> sim.allReady(3), 5 * Sim.MIN);
        sim.k8s.deletePod("zk-1", DeleteOptions.gracePeriod(0));
        sim.await("back", () -> sim.allReady(3), 5 * Sim.MIN);
        String node = sim.pod("zk-0").node().orElseThrow();
        sim.k8s.failNode(node);
        sim.runFor(10 * Sim.MIN);
        assertThat(sim.runtime.calls).noneMatch(c -> c.startsWith("preStop"));
        assertThat(sim.runtime.violations).isEmpty();
    }

    @Test
    void withoutAHookNothingIsAskedOfTheRuntime() {
        Sim sim = Sim.nodes(4, 5);
        sim.k8s.apply(EnsembleFixture.tutorial().build());
        sim.await("all ready", () -> sim.allReady(3), 10 * Sim.MIN);
        sim.k8s.deletePod("zk-1");
        sim.await("stopped", () -> sim.runtime.calls.contains("stop zk-1"), Sim.MIN);
        assertThat(sim.runtime.calls).noneMatch(c -> c.startsWith("preStop"));
    }
}
