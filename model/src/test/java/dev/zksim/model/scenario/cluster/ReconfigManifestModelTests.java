package dev.zksim.model.scenario.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.parse.ScenarioParser;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The model engine runs k8s-manifests/zookeeper-reconfig.yaml: the Zab model acts out its start script (members from
 * the ensemble, the volume, or ordinal 0 alone, else exit 1; the reconfig -add loop) and its preStop hook (reconfig
 * -remove until the config no longer lists the server) (issue #15).
 */
class ReconfigManifestModelTests {

    private static ShippedScenariosTests.Run run(String steps) {
        Path file = ShippedScenariosTests.SCENARIOS.resolve("reconfig-test.yaml");
        Scenario s = ScenarioParser.parse(file, """
                name: reconfig-test
                manifest: ../k8s-manifests/zookeeper-reconfig.yaml
                seed: 1
                cluster:
                  nodes: {count: 5, cpu: 2, memory: 4Gi}
                steps:
                  - apply:
                  - wait: {until: all-ready, timeout: 5m}
                  - wait: 5s
                  - expect-members: [zk-0, zk-1, zk-2]
                """ + steps);
        return ShippedScenariosTests.run(s, OptionalLong.empty());
    }

    /**
     * zookeeper-observers.yaml (issue #15): zk-3 and zk-4 (--participants=3) start as observers, join as non-voting
     * followers of the ensemble's config, add themselves as observers and observe; expect-members judges the
     * observers too, so a wrong list fails with what the config holds.
     */
    @Test
    void theObserversManifestsLaterPodsJoinAsObservers() {
        Path file = ShippedScenariosTests.SCENARIOS.resolve("observers-test.yaml");
        Scenario s = ScenarioParser.parse(file, """
                name: observers-test
                manifest: ../k8s-manifests/zookeeper-observers.yaml
                seed: 1
                cluster:
                  nodes: {count: 5, cpu: 2, memory: 4Gi}
                steps:
                  - apply:
                  - wait: {until: all-ready, timeout: 5m}
                  - wait: {until: {server: zk-3, mode: observer}, timeout: 1m}
                  - expect-members: {members: [zk-0, zk-1, zk-2], observers: [zk-3, zk-4]}
                  - expect-members: {members: [zk-0, zk-1, zk-2], observers: [zk-3], pod: zk-4}
                  - expect-members: {members: [zk-0, zk-1, zk-2, zk-3], observers: [zk-4]}
                  - expect-members: [zk-0, zk-1, zk-2]
                """);
        ShippedScenariosTests.Run r = ShippedScenariosTests.run(s, OptionalLong.empty());
        assertThat(r.text())
                .contains(
                        "zk-3: zk-reconfig-start: reconfig -add server.4=zk-3.zk-hs.default.svc.cluster.local:2888:3888"
                                + ":observer;0.0.0.0:2181")
                .contains("PASS step 4, line 10: expect-members [zk-0, zk-1, zk-2] observers [zk-3, zk-4]")
                .contains("PASS step 7, line 13: expect-members [zk-0, zk-1, zk-2]");
        assertThat(r.result().failures()).hasSize(2);
        assertThat(r.text())
                .contains("actual:   members [zk-0, zk-1, zk-2] observers [zk-3, zk-4] in /zookeeper/config on zk-4");
    }

    /**
     * Each pod starts from the members the ensemble reports plus itself and adds itself once it serves. Caught: the
     * model starting the servers the normal way (static zoo.cfg: zk-1 and zk-2 never become members).
     */
    @Test
    void podsJoinOneByOneThroughTheirStartScript() {
        ShippedScenariosTests.Run r = run("");
        assertThat(r.result().failures()).as(r.text()).isEmpty();
        assertThat(r.text())
                .contains("zk-0: zk-reconfig-start: members from none: ordinal 0 starts alone: [1]")
                .contains("zk-1: zk-reconfig-start: members from the committed config (through the client Service):"
                        + " [1, 2]")
                .contains("zk-2: zk-reconfig-start: the committed config lists server.3");
    }

    /**
     * Scaling down runs each pod's preStop hook first: its server is removed before SIGTERM. Caught: a preStop that
     * finishes at once (zk-4 stays a member and the expectation fails).
     */
    @Test
    void scaleDownRemovesEachServerBeforeItsPodStops() {
        ShippedScenariosTests.Run r = run("""
                  - scale: 5
                  - wait: {until: all-ready, timeout: 5m}
                  - wait: 5s
                  - expect-members: [zk-0, zk-1, zk-2, zk-3, zk-4]
                  - scale: 3
                  - wait: {until: {pod: zk-3, exists: false}, timeout: 5m}
                  - expect-members: [zk-0, zk-1, zk-2]
                  - write: {path: /after, value: "1"}
                """);
        assertThat(r.result().failures()).as(r.text()).isEmpty();
        String t = r.text();
        assertThat(t.indexOf("zk-4: preStop: reconfig -remove 5: Committed"))
                .isPositive()
                .isLessThan(t.indexOf("zk-4: process stopped (SIGTERM)"));
        assertThat(t.indexOf("zk-3: preStop: reconfig -remove 4: Committed"))
                .isPositive()
                .isLessThan(t.indexOf("zk-3: process stopped (SIGTERM)"));
    }

    /**
     * {@code expect-reconfig-fails} with {@code members} (non-incremental): zk-3 and zk-4 were removed and their pods
     * are gone, so a configuration of zk-0, zk-3 and zk-4 has no synced quorum (NewConfigNoQuorum), and nothing
     * changes. Caught: the runner sending a members step as an incremental reconfig with nothing to add or remove
     * (an empty change, which commits).
     */
    @Test
    void aMembersReconfigWithoutASyncedQuorumIsRefused() {
        ShippedScenariosTests.Run r = run("""
                  - scale: 5
                  - wait: {until: all-ready, timeout: 5m}
                  - wait: 5s
                  - scale: 3
                  - wait: {until: {pod: zk-3, exists: false}, timeout: 5m}
                  - expect-reconfig-fails: {members: [zk-0, zk-3, zk-4], error: no-quorum}
                  - expect-members: [zk-0, zk-1, zk-2]
                """);
        assertThat(r.result().failures()).as(r.text()).isEmpty();
        assertThat(r.text()).contains("client reconfig -members zk-0,zk-3,zk-4");
    }

    /**
     * A pod with no ensemble answering and no member list on its volume exits 1 and crash-loops (the script's
     * {@code exit 1}): here zk-0 comes back from its volume alone among three voters, so nothing serves, and zk-1's
     * PVC was deleted. Caught: falling back to "start alone" for every ordinal (zk-1 would run).
     */
    @Test
    void aPodWithNothingToStartFromCrashLoops() {
        ShippedScenariosTests.Run r = run("""
                  - delete-statefulset:
                  - wait: {until: no-pods, timeout: 5m}
                  - delete-pvc: datadir-zk-1
                  - apply:
                  - wait: {until: {pod: zk-1, status: CrashLoopBackOff}, timeout: 5m}
                  - expect-pod: {pod: zk-2, exists: false}
                """);
        assertThat(r.result().failures()).as(r.text()).isEmpty();
        assertThat(r.text())
                .contains("zk-0: zk-reconfig-start: members from the dynamic config file on the volume")
                .contains("zk-1: zk-reconfig-start: no ensemble answers on the client Service and no member list on"
                        + " the volume: exit 1");
    }

    /** Same seed, same bytes: the scripts' loops run on the virtual scheduler. */
    @Test
    void deterministic() {
        String steps = """
                  - delete-pod: {leader: true}
                  - wait: {until: all-ready, timeout: 5m}
                  - wait: 5s
                  - expect-members: [zk-0, zk-1, zk-2]
                """;
        ShippedScenariosTests.Run a = run(steps);
        ShippedScenariosTests.Run b = run(steps);
        assertThat(a.result().failures()).as(a.text()).isEmpty();
        assertThat(a.json()).isEqualTo(b.json());
        assertThat(a.text()).isEqualTo(b.text());
    }
}
