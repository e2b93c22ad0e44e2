package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * k8s-manifests/zookeeper-reconfig.yaml with the network-fault layer (issue #15): {@code
 * scenarios/reconfig/isolate-leader-of-five.yaml} (test resources) scales to 5 through the start scripts' {@code
 * reconfig -add}, isolates the leader zk-0, expects the other four voters to elect one of them and take writes, heals,
 * and expects zk-0 to follow and read what was written. It passes in both engines, which agree after every step on
 * the leader and on writability.
 *
 * <p>The real engine needs each server's own addresses to be the pod's published IP (what every config it receives
 * resolves its name to) while it binds the hidden address behind the layer's forwarder (PodQuorumPeerConfig.parse,
 * PodOwnAddresses.forCaller). With its own addresses on the hidden IP, zk-0 never led: at Leader.lead's activation of
 * its re-versioned config, Leader.getDesignatedLeader found its own entry's address unequal to its quorum address and
 * looked for another designated leader among no one (NoSuchElementException, 1,873 elections in 8 minutes); with its
 * binds on the published IP, a server that leads after a config change cannot bind its quorum port ("Address already
 * in use": the forwarder holds it).
 */
class ReconfigFaultsTests {
    private static final String SCENARIO =
            "../simulator/src/test/resources/scenarios/reconfig/isolate-leader-of-five.yaml";

    @Test
    void theSurvivorsOfAnIsolatedLeaderElectAndStayWritableInBothEngines() throws IOException {
        JsonNode model = RunJson.run(SCENARIO, "model");
        JsonNode real = RunJson.run(SCENARIO, "real");
        RunJson.assertStepsAgree(model, real, null, List.of());
        for (JsonNode run : new JsonNode[] {model, real}) {
            JsonNode z = run.get("zookeeper");
            assertThat(RunJson.texts(z.get("ackedWrites"), "path")).containsExactly("/five", "/four");
            assertThat(z.get("lostWrites")).isEmpty();
        }
    }

    @AfterAll
    static void nothingListensAfterTheRun() {
        ListeningSockets.assertNoneLeft();
    }
}
