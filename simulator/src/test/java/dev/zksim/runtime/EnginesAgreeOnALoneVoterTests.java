package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * k8s-manifests/zookeeper-reconfig.yaml while zk-0 runs alone (issue #15): zk-0 is the one voter of its dynamic config,
 * leads it and takes writes, and both engines judge it so. The scenario ({@code scenarios/reconfig/lone-voter.yaml} in
 * test resources) scales the StatefulSet to 1 at once, waits at most 2 s for writes once zk-0 leads, writes; then
 * scales to 2, and zk-1's start script's {@code reconfig -add} (a try every 2 s) makes it a member within 3 s of its
 * serving. After every step the engines agree on the leader and on writability. The real engine used to count
 * serving servers against start-zookeeper's {@code --servers} rule (three for this StatefulSet) and judged writes
 * unavailable while zk-0 was alone; and it ran Kubernetes time at 100x while a join try's real calls were in
 * flight, so the add committed seconds of Kubernetes time late.
 */
class EnginesAgreeOnALoneVoterTests {
    private static final String SCENARIO = "../simulator/src/test/resources/scenarios/reconfig/lone-voter.yaml";

    @Test
    void zk0AloneIsWritableInBothEngines() throws IOException {
        JsonNode model = RunJson.run(SCENARIO, "model");
        JsonNode real = RunJson.run(SCENARIO, "real");
        RunJson.assertStepsAgree(model, real, null, List.of());
        for (JsonNode run : new JsonNode[] {model, real}) {
            JsonNode z = run.get("zookeeper");
            assertThat(z.get("leader").asText()).isEqualTo("zk-0");
            assertThat(RunJson.texts(z.get("ackedWrites"), "path")).containsExactly("/alone");
            assertThat(z.get("lostWrites")).isEmpty();
            // one window: from the start until zk-0 leads, closed
            assertThat(z.get("writeUnavailable")).hasSize(1);
            assertThat(z.get("writeUnavailable").get(0).has("durationMs")).isTrue();
        }
    }
}
