package dev.zksim.model.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LifecycleTests {

    private static Sim ready(EnsembleFixture f, int nodes) {
        Sim sim = Sim.nodes(nodes, 5);
        sim.k8s.apply(f.build());
        int n = f.build().statefulSet().replicas();
        sim.await("all ready", () -> sim.allReady(n), 10 * Sim.MIN);
        return sim;
    }

    private static Map<String, String> volumes(Sim sim) {
        return sim.k8s.pvcs().stream().collect(Collectors.toMap(PvcSnapshot::name, PvcSnapshot::volumeId));
    }

    private static List<String> rows(Sim sim, String pod, long fromMs) {
        return sim.k8s.timeline().stream()
                .filter(e -> e instanceof PodRow r && r.name().equals(pod) && r.timeMs() >= fromMs)
                .map(e -> (PodRow) e)
                .map(r -> r.readyContainers() + "/1 " + r.status() + " " + r.restarts())
                .toList();
    }

    @Test
    void deletingTheStatefulSetKeepsClaimsAndReapplyRebindsThem() {
        Sim sim = ready(EnsembleFixture.tutorial(), 4);
        Map<String, String> before = volumes(sim);
        assertThat(sim.k8s.deleteStatefulSet().output()).containsExactly("statefulset.apps \"zk\" deleted");
        // All pods terminate at once (garbage collector), not in order.
        assertThat(sim.k8s.pods()).allMatch(PodSnapshot::terminating);
        sim.await("pods gone", () -> sim.k8s.pods().isEmpty(), Sim.MIN);
        assertThat(volumes(sim)).isEqualTo(before);
        CommandResult again = sim.k8s.apply(EnsembleFixture.tutorial().build());
        assertThat(again.output()).contains("service/zk-hs unchanged", "statefulset.apps/zk created");
        sim.await("ready again", () -> sim.allReady(3), 10 * Sim.MIN);
        assertThat(volumes(sim)).isEqualTo(before);
        for (PodSnapshot p : sim.k8s.pods()) {
            assertThat(p.volumeId()).contains(before.get("datadir-" + p.name()));
        }
        assertThat(sim.runtime.calls)
                .filteredOn(c -> c.startsWith("start zk-1 "))
                .extracting(c -> c.split(" ")[3])
                .containsOnly(before.get("datadir-zk-1"));
    }

    @Test
    void retentionPolicyDeleteRemovesClaimsWithTheStatefulSet() {
        Sim sim = ready(EnsembleFixture.tutorial().deletePvcsWithStatefulSet(), 4);
        Map<String, String> before = volumes(sim);
        sim.k8s.deleteStatefulSet();
        assertThat(sim.k8s.pvcs()).allMatch(c -> c.status().equals("Terminating"));
        sim.await("gone", () -> sim.k8s.pods().isEmpty() && sim.k8s.pvcs().isEmpty(), Sim.MIN);
        sim.k8s.apply(EnsembleFixture.tutorial().deletePvcsWithStatefulSet().build());
        sim.await("ready again", () -> sim.allReady(3), 10 * Sim.MIN);
        assertThat(volumes(sim).values()).doesNotContainAnyElementsOf(before.values());
    }

    @Test
    void deletingAClaimInUseWaitsForThePodThenTheNextPodGetsAFreshVolume() {
        Sim sim = ready(EnsembleFixture.tutorial(), 4);
        String old = sim.k8s.pvc("datadir-zk-1").orElseThrow().volumeId();
        sim.k8s.deletePvc("datadir-zk-1");
        assertThat(sim.k8s.pvc("datadir-zk-1").orElseThrow().status()).isEqualTo("Terminating");
        sim.runFor(Sim.MIN);
        assertThat(sim.pod("zk-1").runningAndReady()).isTrue();
        sim.k8s.deletePod("zk-1");
        sim.await("zk-1 back", () -> sim.allReady(3), 5 * Sim.MIN);
        PvcSnapshot fresh = sim.k8s.pvc("datadir-zk-1").orElseThrow();
        assertThat(fresh.volumeId()).isNotEqualTo(old);
        assertThat(fresh.status()).isEqualTo("Bound");
        assertThat(sim.pod("zk-1").volumeId()).contains(fresh.volumeId());
    }

    @Test
    void killedProcessShowsErrorThenRestartsLikeTheTutorial() {
        Sim sim = ready(EnsembleFixture.tutorial(), 4);
        long t = sim.scheduler.nowMs();
        sim.k8s.killProcess("zk-0");
        sim.runFor(1); // the kubelet notices the exit in its next sync
        sim.await("ready again", () -> sim.pod("zk-0").runningAndReady(), 2 * Sim.MIN);
        assertThat(rows(sim, "zk-0", t)).containsExactly("0/1 Error 0", "0/1 Running 1", "1/1 Running 1");
    }

    @Test
    void repeatedCrashesBackOffTenTwentyFortySeconds() {
        Sim sim = ready(EnsembleFixture.tutorial(), 4);
        long[] starts = new long[4];
        for (int i = 0; i < 4; i++) {
            int restarts = i + 1;
            sim.runtime.crash("zk-0", 1);
            sim.await(
                    "restart " + restarts,
                    () -> sim.pod("zk-0").restarts() == restarts
                            && sim.pod("zk-0").status().equals("Running"),
                    5 * Sim.MIN);
            starts[i] = sim.scheduler.nowMs();
        }
        assertThat(sim.k8s.events("zk-0")).anyMatch(e -> e.reason().equals("BackOff"));
        // crash → restart delays: 0, 10 s, 20 s, 40 s
        assertThat(rows(sim, "zk-0", 0)).contains("0/1 CrashLoopBackOff 1");
        assertThat(sim.runtime.calls)
                .filteredOn(c -> c.startsWith("start zk-0"))
                .hasSize(5);
        List<Long> startTimes = sim.k8s.timeline().stream()
                .filter(e -> e instanceof KubernetesEvent ev
                        && ev.reason().equals("Started")
                        && ev.objectName().equals("zk-0"))
                .map(TimelineEntry::timeMs)
                .toList();
        List<Long> crashTimes = sim.k8s.timeline().stream()
                .filter(e -> e instanceof PodRow r
                        && r.name().equals("zk-0")
                        && r.status().equals("Error"))
                .map(TimelineEntry::timeMs)
                .toList();
        assertThat(crashTimes).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(startTimes.get(i + 1) - crashTimes.get(i)).isEqualTo(new long[] {0, 10_000, 20_000, 40_000}[i]);
        }
    }

    @Test
    void brokenProbeScriptRestartsTheContainerOnce() {
        Sim sim = ready(EnsembleFixture.tutorial(), 4);
        long t = sim.scheduler.nowMs();
        sim.k8s.failLiveness("zk-0");
        sim.await(
                "restarted",
                () -> sim.pod("zk-0").restarts() == 1 && sim.pod("zk-0").runningAndReady(),
                3 * Sim.MIN);
        assertThat(rows(sim, "zk-0", t)).containsExactly("0/1 Running 0", "0/1 Running 1", "1/1 Running 1");
        assertThat(sim.k8s.events("zk-0"))
                .anyMatch(e -> e.reason().equals("Killing")
                        && e.message()
                                .equals("Container kubernetes-zookeeper failed liveness probe, will be restarted"));
        sim.runFor(10 * Sim.MIN);
        assertThat(sim.pod("zk-0").restarts()).isEqualTo(1);
    }

    @Test
    void graceAndForceDelete() {
        Sim sim = ready(EnsembleFixture.tutorial(), 4);
        String uid = sim.pod("zk-1").uid();
        String ip = sim.pod("zk-1").ip().orElseThrow();
        CommandResult r = sim.k8s.deletePod("zk-1", DeleteOptions.FORCE);
        assertThat(r.output()).contains("pod \"zk-1\" force deleted");
        sim.runFor(1);
        PodSnapshot again = sim.pod("zk-1");
        assertThat(again.uid()).isNotEqualTo(uid);
        assertThat(again.status()).isIn("Pending", "ContainerCreating");
        sim.await("ready", () -> sim.allReady(3), 5 * Sim.MIN);
        assertThat(sim.pod("zk-1").ip().orElseThrow()).isNotEqualTo(ip);
        assertThat(sim.k8s.deletePod("zk-9").output())
                .containsExactly("Error from server (NotFound): pods \"zk-9\" not found");
    }

    @Test
    void execIntoAMissingPodOrAContainerOnAFailedNodeIsRefusedAsKubectlDoes() {
        Sim sim = ready(EnsembleFixture.tutorial(), 4);
        assertThat(sim.k8s.killProcess("zk-9").output())
                .containsExactly("Error from server (NotFound): pods \"zk-9\" not found");
        assertThat(sim.k8s.failLiveness("zk-9").ok()).isFalse();
        sim.k8s.failNode(sim.k8s.nodeOf("zk-1").orElseThrow());
        CommandResult kill = sim.k8s.killProcess("zk-1");
        assertThat(kill.ok()).isFalse();
        assertThat(kill.output())
                .singleElement()
                .asString()
                .startsWith("error: unable to upgrade connection: container not found");
        assertThat(sim.k8s.failLiveness("zk-1").output()).isEqualTo(kill.output());
        assertThat(sim.k8s.killProcess("zk-0").ok()).isTrue();
    }

    @Test
    void nodeFailureLeavesThePodTerminatingUntilForceDeleted() {
        Sim sim = ready(EnsembleFixture.tutorial(), 4);
        String node = sim.k8s.nodeOf("zk-1").orElseThrow();
        long t0 = sim.scheduler.nowMs();
        sim.k8s.failNode(node);
        assertThat(sim.runtime.running).doesNotContainKey("zk-1");
        sim.runFor(39_000);
        assertThat(sim.pod("zk-1").ready()).isTrue(); // the control plane does not know yet
        assertThat(sim.k8s.dnsRecords()).containsKey("zk-1");
        sim.runFor(1_000);
        assertThat(sim.k8s.node(node).orElseThrow().status()).isEqualTo("NotReady");
        assertThat(sim.pod("zk-1").ready()).isFalse();
        assertThat(sim.pod("zk-1").readyColumn()).isEqualTo("1/1"); // kubelet's last report
        assertThat(sim.k8s.dnsRecords()).doesNotContainKey("zk-1");
        sim.runFor(300_000);
        assertThat(sim.pod("zk-1").status()).isEqualTo("Terminating");
        sim.runFor(30 * Sim.MIN);
        assertThat(sim.pod("zk-1").status()).isEqualTo("Terminating"); // no replacement: at most one pod per identity
        assertThat(sim.k8s.pods()).hasSize(3);
        assertThat(sim.k8s.events("zk-1")).anyMatch(e -> e.reason().equals("TaintManagerEviction"));
        assertThat(sim.scheduler.nowMs() - t0).isGreaterThan(340_000);

        sim.k8s.deletePod("zk-1", DeleteOptions.FORCE);
        sim.runFor(Sim.MIN);
        // Three nodes left for three pods with required anti-affinity; the failed node is tainted.
        sim.await("replacement ready", () -> sim.allReady(3), 5 * Sim.MIN);
        assertThat(sim.k8s.nodeOf("zk-1")).isNotEqualTo(java.util.Optional.of(node));
    }

    @Test
    void aRecoveredNodeFinishesDeletionsAndRestartsItsPods() {
        Sim sim = ready(EnsembleFixture.tutorial(), 3);
        String node = sim.k8s.nodeOf("zk-2").orElseThrow();
        sim.k8s.failNode(node);
        sim.runFor(2 * Sim.MIN); // NotReady but within the toleration
        assertThat(sim.pod("zk-2").status()).isEqualTo("Running");
        sim.k8s.recoverNode(node);
        sim.await("back", () -> sim.allReady(3), 3 * Sim.MIN);
        assertThat(sim.pod("zk-2").restarts()).isEqualTo(1);
        assertThat(sim.k8s.nodeOf("zk-2")).contains(node);

        sim.k8s.failNode(node);
        sim.runFor(10 * Sim.MIN); // past the toleration: Terminating
        assertThat(sim.pod("zk-2").status()).isEqualTo("Terminating");
        String uid = sim.pod("zk-2").uid();
        sim.k8s.recoverNode(node);
        sim.await("recreated", () -> sim.allReady(3), 5 * Sim.MIN);
        assertThat(sim.pod("zk-2").uid()).isNotEqualTo(uid);
    }

    @Test
    void deletingTheNodeObjectLetsTheStatefulSetReplaceThePod() {
        Sim sim = ready(EnsembleFixture.tutorial(), 4);
        String node = sim.k8s.nodeOf("zk-0").orElseThrow();
        sim.k8s.failNode(node);
        sim.runFor(10 * Sim.MIN);
        assertThat(sim.pod("zk-0").status()).isEqualTo("Terminating");
        sim.k8s.deleteNode(node);
        sim.await("replaced", () -> sim.allReady(3), 5 * Sim.MIN);
        assertThat(sim.k8s.nodes()).hasSize(3);
    }

    @Test
    void scaleUpAndDownInOrder() {
        Sim sim = ready(EnsembleFixture.tutorial(), 5);
        sim.k8s.scale(5);
        sim.await("5", () -> sim.allReady(5), 10 * Sim.MIN);
        sim.k8s.scale(3);
        sim.await("3", () -> sim.k8s.pods().size() == 3, 10 * Sim.MIN);
        List<String> deletes = sim.k8s.events().stream()
                .filter(e -> e.reason().equals("SuccessfulDelete"))
                .map(KubernetesEvent::message)
                .toList();
        assertThat(deletes)
                .containsExactly(
                        "delete Pod zk-4 in StatefulSet zk successful", "delete Pod zk-3 in StatefulSet zk successful");
        assertThat(sim.k8s.pvcs()).hasSize(5); // claims survive scale-down by default
        assertThat(sim.k8s.ensemble().orElseThrow().statefulSet().replicas()).isEqualTo(3);
    }

    @Test
    void parallelStartsAllPodsAtOnce() {
        Sim sim = Sim.nodes(3, 2);
        sim.k8s.apply(EnsembleFixture.tutorial().parallel().build());
        sim.runFor(1);
        assertThat(sim.k8s.pods()).hasSize(3).allMatch(p -> p.status().equals("ContainerCreating"));
        sim.await("ready", () -> sim.allReady(3), 2 * Sim.MIN);
    }

    @Test
    void dnsPublishesOnlyReadyPodsUnlessNotReadyAddressesArePublished() {
        Sim sim = Sim.nodes(3, 2);
        sim.k8s.apply(EnsembleFixture.tutorial().parallel().build());
        sim.runFor(20_000); // running, not ready
        assertThat(sim.k8s.dnsRecords()).isEmpty();
        Sim sim2 = Sim.nodes(3, 2);
        sim2.k8s.apply(
                EnsembleFixture.tutorial().parallel().publishNotReadyAddresses().build());
        sim2.runFor(20_000);
        assertThat(sim2.k8s.dnsRecords()).containsOnlyKeys("zk-0", "zk-1", "zk-2");
        assertThat(sim2.runtime.dnsUpdates).isNotEmpty();
    }
}
