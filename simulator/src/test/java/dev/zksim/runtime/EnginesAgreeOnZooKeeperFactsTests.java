package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two engines report the same ZooKeeper facts in the same JSON shape for scenarios/leader-as-target.yaml: the
 * role-aimed actions pick the same pods, the same servers win the same number of elections, the final leader is the
 * same, the scenario's acknowledged writes are the same, and each disruption's write outage has the same length within
 * {@value #OUTAGE_TOLERANCE_MS} ms (the real servers' election and synchronisation on a loaded machine against the
 * model's ZooKeeper 3.9 timings).
 */
class EnginesAgreeOnZooKeeperFactsTests {
    static final long OUTAGE_TOLERANCE_MS = 2_000;

    @Test
    void leaderAsTargetGivesTheSameFactsInBothEngines() throws IOException {
        JsonNode model = RunJson.run("leader-as-target.yaml", "model");
        JsonNode real = RunJson.run("leader-as-target.yaml", "real");
        for (JsonNode r : List.of(model, real)) {
            assertThat(r.get("result").asText()).as(r.get("engine").asText()).isEqualTo("passed");
        }
        JsonNode zm = model.get("zookeeper");
        JsonNode zr = real.get("zookeeper");
        assertThat(fieldNames(zr)).isEqualTo(fieldNames(zm));
        assertThat(zr.get("leader").asText()).isEqualTo(zm.get("leader").asText());
        assertThat(leaders(zr)).isEqualTo(leaders(zm));
        assertThat(RunJson.texts(zr.get("ackedWrites"), "path"))
                .isEqualTo(RunJson.texts(zm.get("ackedWrites"), "path"));
        assertThat(RunJson.texts(zr.get("ackedWrites"), "op")).isEqualTo(RunJson.texts(zm.get("ackedWrites"), "op"));
        // The pods the roles chose, as each step printed them.
        assertThat(outputs(real, "delete-pod")).isEqualTo(outputs(model, "delete-pod"));
        assertThat(outputs(real, "kill-process")).isEqualTo(outputs(model, "kill-process"));
        assertThat(outputs(real, "drain")).isEqualTo(outputs(model, "drain"));
        RunJson.assertOutagesAgree(model, real, "leader-deleted", OUTAGE_TOLERANCE_MS);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> leaders(JsonNode zk) {
        return RunJson.texts(zk.get("elections"), "leader");
    }

    /**
     * The output lines of every step of {@code kind} that name the pod a role chose ({@code pod zk-1 (the leader)},
     * {@code node node-2 (node of zk-2, the leader)}); lines that report how long the action took ({@code gone after
     * 1.137s}) differ between the engines by their real timing and are compared elsewhere within a tolerance.
     */
    private static List<String> outputs(JsonNode run, String kind) {
        List<String> out = new ArrayList<>();
        run.get("steps").forEach(s -> {
            if (s.get("kind").asText().equals(kind) && s.has("output")) {
                s.get("output").forEach(o -> {
                    if (o.asText().startsWith("pod ") || o.asText().startsWith("node ")) {
                        out.add(o.asText());
                    }
                });
            }
        });
        return out;
    }
}
