package dev.zksim.cli;

import static dev.zksim.cli.CliRun.zksim;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real A/B benchmark, kept short for {@code mvn verify}: {@code start} on the Parallel manifest against the same
 * with publishNotReadyAddresses on zk-hs, 2 runs per side after the warm-up pair, in both engines (6 real ensembles
 * started; about a minute on 2 busy cores). Both engines must see the candidate start faster — the headless Service
 * publishes the pods' names before they are Ready, so ZooKeeper's notification back-off does not wait for the
 * readiness probe — and agree within 20% on it.
 */
class BenchRealEngineTests {

    @Test
    void bothEnginesSeePublishNotReadyAddressesSpeedUpTheStart(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("bench.json");
        CliRun r = zksim(
                "bench",
                "--baseline",
                CliRun.root().resolve("k8s-manifests/zookeeper-parallel.yaml").toString(),
                "--patch-service",
                "zk-hs",
                "publishNotReadyAddresses=true",
                "--workload",
                "start",
                "--runs",
                "2",
                "--json",
                json.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(0);
        assertThat(r.out())
                .contains("engines model, real")
                .contains("no difference detectable with 2 runs (a verdict needs at least 4 per side)")
                .doesNotContain("DISAGREE first-write-ms");
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("runs")).hasSize(12);
        for (String engine : new String[] {"model", "real"}) {
            JsonNode m = metric(j, "first-write-ms", engine);
            double a = m.get("a").get("median").asDouble();
            double b = m.get("b").get("median").asDouble();
            // ≈ 32 s against ≈ 20 s in both engines (docs/bench.md)
            assertThat(b).as(engine).isLessThan(a - 5_000);
        }
        assertThat(j.get("disagreements").toString()).doesNotContain("first-write-ms");
    }

    private static JsonNode metric(JsonNode j, String id, String engine) {
        for (JsonNode m : j.get("metrics")) {
            if (m.get("id").asText().equals(id) && m.get("engine").asText().equals(engine)) {
                return m;
            }
        }
        throw new AssertionError("no " + id + " for " + engine + " in " + j);
    }
}
