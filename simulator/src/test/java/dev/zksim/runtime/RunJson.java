package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zksim.cli.CliRun;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A shipped scenario run through {@code zksim run --json -} in one engine, and the readings the agreement tests take. */
final class RunJson {
    private RunJson() {}

    /** Runs {@code scenarios/<file>} in {@code engine}; fails, naming the failed steps, unless it passes. */
    static JsonNode run(String file, String engine) throws IOException {
        CliRun r = CliRun.zksim("run", CliRun.scenario(file).toString(), "--engine", engine, "--json", "-");
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

    /**
     * An {@code expect-value} step's reading, {@code '1' (mZxid 0x100000018)}, without the zxid, which the engines count
     * differently (the model counts every one-shot client's session transactions).
     */
    static String valueRead(JsonNode step) {
        return step.path("actual").asText().replaceFirst(" \\(mZxid 0x[0-9a-f]+\\)$", "");
    }

    /** {@code field} of every element of {@code array}, as text. */
    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.get(field).asText()));
        return out;
    }

    /** Durations of the closed outage windows that began at or after the labelled step began. */
    static List<Long> outagesAfter(JsonNode run, String label) {
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

    /** Each outage after the labelled step lasts as long in {@code real} as in {@code model}, within the tolerance. */
    static void assertOutagesAgree(JsonNode model, JsonNode real, String label, long toleranceMs) {
        List<Long> om = outagesAfter(model, label);
        List<Long> or = outagesAfter(real, label);
        assertThat(or)
                .as("outages after the step labelled %s (model %s)", label, om)
                .hasSameSizeAs(om);
        for (int i = 0; i < om.size(); i++) {
            assertThat(or.get(i))
                    .as("outage %d (model %s, real %s)", i, om, or)
                    .isBetween(Math.max(0, om.get(i) - toleranceMs), om.get(i) + toleranceMs);
        }
    }
}
