package dev.zksim.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zksim.api.junit.ZooKeeperOnKubernetes;
import dev.zksim.model.explore.ExploreAction;
import dev.zksim.model.scenario.engine.PodView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API on one shared ensemble (started once, in {@code @BeforeAll}): bad use is refused with a clear exception, the
 * client Service routes to Ready pods only, counts what it routed and moves a client off a deleted pod, the report is
 * written, explore actions run, and after close nothing is left behind. The last test closes the ensemble.
 */
@ZooKeeperOnKubernetes(manifest = ApiTestManifests.FAST, servers = 3, nodes = 4)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZkOnKubernetesTests {
    private static ZkOnKubernetes zk;

    @BeforeAll
    static void start(ZkOnKubernetes ensemble) {
        zk = ensemble;
    }

    @Test
    @Order(1)
    void startsReadyAndWritableBehindOneStableLoopbackServiceAddress() {
        assertThat(zk.pods()).hasSize(3).allMatch(PodView::ready);
        assertThat(zk.leader()).isPresent();
        assertThat(zk.connectString()).matches("127\\.\\d+\\.\\d+\\.1:2181");
        assertThat(zk.serviceEndpoints().keySet()).containsExactly("zk-0", "zk-1", "zk-2");
        assertThat(zk.nodes()).hasSize(4);
        assertThat(zk.nodeOf("zk-0")).startsWith("node-");
    }

    @Test
    @Order(2)
    void badUseNamesTheProblem() {
        assertThatThrownBy(() -> zk.deletePod("zk-7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no pod 'zk-7'")
                .hasMessageContaining("[zk-0, zk-1, zk-2]");
        assertThatThrownBy(() -> zk.drain("node-9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no node 'node-9'")
                .hasMessageContaining("node-1");
        assertThatThrownBy(() -> zk.isolate("zk-3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> zk.awaitWritable(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> zk.scale(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatefulSetPatch.flag("--tick_time", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ZkOnKubernetes.bundled("nope.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zookeeper-parallel.yaml");
        assertThatThrownBy(() -> ZkOnKubernetes.bundled("zookeeper-reconfig.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the Java API does not run ZooKeeper's dynamic reconfiguration yet");
        assertThatThrownBy(() -> ZkOnKubernetes.bundled("zookeeper-observers.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zookeeper-observers.yaml is bundled for `zksim lint` and `zksim config`");
        assertThatThrownBy(zk::leaks).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @Order(3)
    void aDeletedPodLeavesTheServiceAtOnceAndItsClientsMoveToAReadyPod() throws Exception {
        SortedMap<String, Integer> routedAtFirst = zk.serviceRoutedCounts();
        try (ZooKeeper client = ApiClients.connect(zk.connectString(), 6_000)) {
            client.create("/moved", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            long session = client.getSessionId();
            String before = ApiClients.onlyConnection(zk);
            SortedMap<String, Integer> routedBefore = zk.serviceRoutedCounts();
            assertThat(routedBefore.getOrDefault(before, 0))
                    .as("connections the Service routed to %s", before)
                    .isGreaterThan(routedAtFirst.getOrDefault(before, 0));
            zk.deletePod(before);
            // the pod is gone: the Service never routes to it while it is not Ready again
            assertThat(zk.serviceEndpoints().keySet()).doesNotContain(before).isSubsetOf(readyPods());
            assertThat(ApiClients.retrying(() -> client.exists("/moved", false), 20_000))
                    .as("the ephemeral of the session that moved")
                    .isNotNull();
            assertThat(client.getSessionId()).isEqualTo(session);
            String after = ApiClients.onlyConnection(zk);
            assertThat(after).isNotEqualTo(before);
            assertThat(zk.serviceRoutedCounts().getOrDefault(after, 0))
                    .as("connections the Service routed to %s", after)
                    .isGreaterThan(routedBefore.getOrDefault(after, 0));
        }
        zk.awaitReady(Duration.ofMinutes(5));
        assertThat(zk.serviceEndpoints().keySet()).containsExactly("zk-0", "zk-1", "zk-2");
    }

    @Test
    @Order(4)
    void exploreActionsRunAgainstTheRealEnsemble() {
        assertThat(zk.perform(new ExploreAction.WriteAction())).isTrue();
        assertThat(zk.perform(new ExploreAction.CordonAction(new ExploreAction.NodeTarget.LeaderNode())))
                .isTrue();
        assertThat(zk.nodes()).anyMatch(n -> n.cordoned());
        assertThat(zk.perform(new ExploreAction.UncordonAction(new ExploreAction.NodeTarget.CordonedNode())))
                .isTrue();
        assertThat(zk.nodes()).noneMatch(n -> n.cordoned());
        // no paused pod: nothing to resume, as explore records it
        assertThat(zk.perform(new ExploreAction.ResumeProcessAction(new ExploreAction.PodTarget.PausedPod())))
                .isFalse();
    }

    @Test
    @Order(5)
    void writesTheReportOfEverythingSoFar(@TempDir Path dir) throws Exception {
        Path page = zk.report(dir);
        String html = Files.readString(page);
        assertThat(html).contains("delete-pod").contains("zk-0").contains("cordon");
        assertThat(dir.resolve("logs/zk-0.log")).exists();
    }

    @Test
    @Order(6)
    void afterCloseNothingIsLeftAndEveryCallIsRefused() {
        zk.close();
        LeakReport leaks = zk.leaks();
        assertThat(leaks.clean()).as("%s", leaks).isTrue();
        assertThatThrownBy(() -> zk.deletePod("zk-0"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(zk::connectString).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(zk::leader).isInstanceOf(IllegalStateException.class);
        zk.close(); // idempotent
    }

    private static Set<String> readyPods() {
        List<PodView> pods = zk.pods();
        return pods.stream().filter(PodView::ready).map(PodView::name).collect(Collectors.toSet());
    }
}
