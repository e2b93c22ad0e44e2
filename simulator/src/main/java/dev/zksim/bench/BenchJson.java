package dev.zksim.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;

/** {@code zksim bench --json FILE}: the result as JSON (docs/bench.md, "JSON"); {@code formatVersion} 1. */
public final class BenchJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchJson() {}

    /** The result as a JSON tree. */
    public static ObjectNode tree(BenchResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", 1);
        root.put("workload", r.workload());
        root.put("baseline", r.baseline().label());
        root.put("candidate", r.candidate().label());
        root.put("runsPerSide", r.runsPerSide());
        root.put("seed", r.seed());
        ArrayNode engines = root.putArray("engines");
        r.engines().forEach(engines::add);
        ArrayNode metrics = root.putArray("metrics");
        for (BenchResult.MetricResult m : r.metrics()) {
            ObjectNode n = metrics.addObject();
            n.put("id", m.metric().id());
            n.put("description", m.metric().description());
            n.put("unit", m.metric().unit());
            n.put("engine", m.engine());
            side(n.putObject("a"), m.summaryA(), m.a());
            side(n.putObject("b"), m.summaryB(), m.b());
            ObjectNode d = n.putObject("difference");
            d.put("medianBMinusA", m.difference().diff());
            d.put("ciLow", m.difference().low());
            d.put("ciHigh", m.difference().high());
            n.put("verdict", m.verdict().kind().name().toLowerCase(java.util.Locale.ROOT));
            n.put("verdictText", m.verdict().text());
        }
        ArrayNode dis = root.putArray("disagreements");
        for (BenchResult.MedianDisagreement x : r.disagreements()) {
            ObjectNode n = dis.addObject();
            n.put("metric", x.metric().id());
            n.put("side", x.side());
            n.put("modelMedian", x.model());
            n.put("realMedian", x.real());
        }
        ArrayNode runs = root.putArray("runs");
        for (BenchSample s : r.samples()) {
            ObjectNode n = runs.addObject();
            n.put("side", s.side());
            n.put("engine", s.engine());
            n.put("pair", s.pair());
            n.put("warmUp", !s.counted());
            n.put("seed", s.seed());
            n.put("wallMs", s.wallMs());
            ObjectNode v = n.putObject("values");
            s.values().forEach(v::put);
        }
        return root;
    }

    private static void side(ObjectNode n, BenchStats.Summary s, double[] values) {
        n.put("runs", s.n());
        n.put("median", s.median());
        n.put("p90", s.p90());
        n.put("min", s.min());
        n.put("max", s.max());
        ArrayNode v = n.putArray("values");
        for (double x : values) {
            v.add(x);
        }
    }

    public static void write(BenchResult r, Writer out) throws IOException {
        JSON.writeValue(out, tree(r));
    }
}
