package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zksim.cli.CliRun;
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
        JsonNode model = run("model");
        JsonNode real = run("real");
        for (JsonNode r : List.of(model, real)) {
            assertThat(r.get("result").asText()).as(r.get("engine").asText()).isEqualTo("passed");
        }
        JsonNode zm = model.get("zookeeper");
        JsonNode zr = real.get("zookeeper");
        assertThat(fieldNames(zr)).isEqualTo(fieldNames(zm));
        assertThat(zr.get("leader").asText()).isEqualTo(zm.get("leader").asText());
        assertThat(leaders(zr)).isEqualTo(leaders(zm));
        assertThat(texts(zr.get("ackedWrites"), "path")).isEqualTo(texts(zm.get("ackedWrites"), "path"));
        assertThat(texts(zr.get("ackedWrites"), "op")).isEqualTo(texts(zm.get("ackedWrites"), "op"));
        // The pods the roles chose, as each step printed them.
        assertThat(outputs(real, "delete-pod")).isEqualTo(outputs(model, "delete-pod"));
        assertThat(outputs(real, "kill-process")).isEqualTo(outputs(model, "kill-process"));
        assertThat(outputs(real, "drain")).isEqualTo(outputs(model, "drain"));
        List<Long> om = outagesAfter(model, "leader-deleted");
        List<Long> or = outagesAfter(real, "leader-deleted");
        assertThat(or)
                .as("outages after the leader's pod was deleted (model %s)", om)
                .hasSameSizeAs(om);
        for (int i = 0; i < om.size(); i++) {
            assertThat(or.get(i))
                    .as("outage %d (model %s, real %s)", i, om, or)
                    .isBetween(Math.max(0, om.get(i) - OUTAGE_TOLERANCE_MS), om.get(i) + OUTAGE_TOLERANCE_MS);
        }
    }

    private static JsonNode run(String engine) throws IOException {
        CliRun r = CliRun.zksim(
                "run", CliRun.scenario("leader-as-target.yaml").toString(), "--engine", engine, "--json", "-");
        JsonNode json = new ObjectMapper().readTree(r.out());
        List<String> failed = new ArrayList<>();
        json.get("steps").forEach(s -> {
            if (s.get("verdict").asText().equals("failed")) {
                failed.add(s.get("line").asInt() + " " + s.get("step").asText() + ": "
                        + s.path("actual").asText());
            }
        });
        assertThat(r.code())
                .as("%s: %s; failed steps %s", engine, r.err(), failed)
                .isZero();
        return json;
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> leaders(JsonNode zk) {
        return texts(zk.get("elections"), "leader");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.get(field).asText()));
        return out;
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

    /** Durations of the closed outage windows that began at or after the labelled step began. */
    private static List<Long> outagesAfter(JsonNode run, String label) {
        long from = -1;
        for (JsonNode s : run.get("steps")) {
            if (s.has("label") && s.get("label").asText().equals(label)) {
                from = s.get("startMs").asLong();
            }
        }
        assertThat(from).as("step labelled " + label).isNotNegative();
        List<Long> out = new ArrayList<>();
        for (JsonNode w : run.get("zookeeper").get("writeUnavailable")) {
            if (w.get("fromMs").asLong() >= from && w.has("durationMs")) {
                out.add(w.get("durationMs").asLong());
            }
        }
        return out;
    }
}
