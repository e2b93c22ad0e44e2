package dev.zksim.model.scenario.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.WriteOp;
import dev.zksim.model.scenario.engine.ClientTarget;
import dev.zksim.model.scenario.engine.EngineRejection;
import dev.zksim.model.scenario.engine.EngineSetup;
import dev.zksim.model.scenario.engine.NodeView;
import dev.zksim.model.scenario.parse.ScenarioParser;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ClusterEngine#view()} is cached until {@code KubernetesCluster.changes()} moves (and probes that pass on a
 * Ready container leave it alone): after every simulation event and every command of random action chains, the
 * cached view must equal one built from scratch.
 */
class ViewCacheTests {
    @Test
    void theCachedViewEqualsAFreshOneAfterEveryEventAndCommand() {
        Scenario tutorial = ScenarioParser.parse(ShippedScenariosTests.SCENARIOS.resolve("k8s-tutorial.yaml"));
        EnsembleSpec spec =
                ShippedScenariosTests.MANIFESTS.load(tutorial.manifest().path());
        List<String> stale = new ArrayList<>();
        long checks = 0;
        for (long seed = 0; seed < 40; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            try (ModelEngine e = ModelEngine.create(
                    new EngineSetup(tutorial.cluster(), tutorial.timing(), seed), ZabBackend.FACTORY)) {
                e.apply(spec);
                List<String> nodes =
                        e.view().nodes().stream().map(NodeView::name).toList();
                for (int i = 0; i < 30; i++) {
                    String pod = spec.podName(r.nextInt(spec.statefulSet().replicas()));
                    String node = nodes.get(r.nextInt(nodes.size()));
                    try {
                        switch (r.nextInt(12)) {
                            case 0, 1, 2, 3 -> {
                                long wait = List.of(1_000L, 20_000L, 60_000L, 300_000L)
                                        .get(r.nextInt(4));
                                // a condition that never holds is checked after every event until the deadline
                                long s = seed;
                                e.awaitCondition(
                                        () -> {
                                            if (!e.view().equals(e.freshView())) {
                                                stale.add("seed " + s + " at " + e.nowMs() + " ms");
                                            }
                                            return false;
                                        },
                                        wait);
                            }
                            case 4 -> e.deletePod(pod, false, OptionalLong.empty());
                            case 5 -> e.drain(node, 120_000);
                            case 6 -> e.uncordon(node);
                            case 7 -> e.failNode(node);
                            case 8 -> e.recoverNode(node);
                            case 9 -> e.killProcess(pod);
                            case 10 -> e.failLiveness(pod);
                            default ->
                                e.zooKeeper()
                                        .orElseThrow()
                                        .write(new ClientTarget.Service("zk-cs"), WriteOp.SET, "/k", "v", 10_000);
                        }
                    } catch (EngineRejection refused) {
                        // the cluster said no (e.g. the node has already failed), as kubectl would
                    }
                    checks++;
                    if (!e.view().equals(e.freshView())) {
                        stale.add("seed " + seed + " after action " + i);
                    }
                }
            }
        }
        assertThat(checks).isEqualTo(40 * 30);
        assertThat(stale).as("stale cached views").isEmpty();
    }
}
