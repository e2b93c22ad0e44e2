package dev.zksim.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.explore.ActionKind;
import dev.zksim.model.explore.ExploreAction;
import dev.zksim.model.explore.ExploreArbitraries;
import dev.zksim.model.k8s.ClusterSpec;
import dev.zksim.model.manifest.Resources;
import dev.zksim.model.scenario.engine.NodeView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * jqwik interop: the action sequences of {@code zksim explore} ({@link ExploreArbitraries}) run against a real
 * ensemble through {@link ZkOnKubernetes#perform}; after each sequence the ensemble recovers (uncordoned, all pods
 * Ready, writable) and no acknowledged write is lost. Few tries on one shared ensemble: each try costs real seconds;
 * long searches belong to {@code zksim explore} on the model.
 */
class ExploreOnRealEnsembleProperties {
    private static ZkOnKubernetes zk;
    private static int tries;

    @BeforeContainer
    static void start() {
        zk = ZkOnKubernetes.fromManifest(Path.of(ApiTestManifests.FAST))
                .nodes(4)
                .start();
    }

    @AfterContainer
    static void close() {
        zk.close();
        assertThat(zk.leaks().clean()).as("%s", zk.leaks()).isTrue();
    }

    @Property(tries = 2, seed = "14", shrinking = ShrinkingMode.OFF)
    void theEnsembleRecoversAndKeepsAcknowledgedWrites(@ForAll("sequences") List<ExploreAction> actions)
            throws Exception {
        String marker = "/marker-" + (++tries);
        try (ZooKeeper client = ApiClients.connect(zk.connectString(), 6_000)) {
            client.create(marker, new byte[] {1}, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        for (ExploreAction a : actions) {
            zk.perform(a);
        }
        for (NodeView n : zk.nodes()) {
            if (n.cordoned()) {
                zk.uncordon(n.name());
            }
        }
        zk.awaitReady(Duration.ofMinutes(10));
        zk.awaitWritable(Duration.ofMinutes(5));
        try (ZooKeeper client = ApiClients.connect(zk.connectString(), 6_000)) {
            assertThat(ApiClients.retrying(() -> client.exists(marker, false), 20_000))
                    .as("%s after %s", marker, actions)
                    .isNotNull();
        }
    }

    @Provide
    Arbitrary<List<ExploreAction>> sequences() {
        return ExploreArbitraries.actions(
                        zk.spec(),
                        ClusterSpec.uniform(4, "node", Resources.NONE),
                        EnumSet.of(
                                ActionKind.DELETE_POD,
                                ActionKind.KILL_PROCESS,
                                ActionKind.CORDON,
                                ActionKind.UNCORDON,
                                ActionKind.WRITE),
                        3)
                // explore waits up to 3 minutes between actions; a few seconds show the same races here
                .map(l -> l.stream()
                        .map(a -> a instanceof ExploreAction.WaitAction w
                                ? new ExploreAction.WaitAction(Math.min(w.durationMs(), 5_000))
                                : a)
                        .toList());
    }
}
