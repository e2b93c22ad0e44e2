package dev.zksim.model.scenario.run;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zksim.model.k8s.KubectlDuration;
import dev.zksim.model.scenario.engine.PodView;
import dev.zksim.model.scenario.engine.ZooKeeperHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * The machine-readable result of a run ({@code zksim run --json}): scenario, seed, engine, the verdict per step with
 * its engine times, the pod timeline and the events. Keys are written in a fixed order and lines end with
 * {@code \n} on every platform, so equal runs give equal bytes. Schema in docs/scenarios.md.
 */
public final class JsonReport {
    /** Bumped when a field changes meaning or disappears. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonReport() {}

    /** The result as a JSON tree. */
    public static ObjectNode toJson(RunResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("scenario", r.scenario().name());
        root.put("file", r.scenario().file().toString());
        root.put("manifest", r.scenario().manifest().asWritten());
        root.put("engine", r.engine());
        root.put("seed", r.seed());
        root.put("result", r.passed() ? "passed" : "failed");
        ObjectNode summary = root.putObject("summary");
        summary.put("steps", r.steps().size());
        for (Verdict v : Verdict.values()) {
            summary.put(v.name().toLowerCase(Locale.ROOT), r.count(v));
        }
        summary.put("endMs", r.endMs());
        objects(root, "steps", r.steps(), (o, s) -> {
            o.put("number", s.number());
            o.put("line", s.step().line());
            s.step().label().ifPresent(l -> o.put("label", l));
            o.put("kind", s.step().keyword());
            o.put("step", s.step().describe());
            o.put("startMs", s.startMs());
            o.put("endMs", s.endMs());
            o.put("verdict", s.verdict().name().toLowerCase(Locale.ROOT));
            s.expected().ifPresent(e -> o.put("expected", e));
            s.actual().ifPresent(a -> o.put("actual", a));
            if (!s.output().isEmpty()) {
                ArrayNode out = o.putArray("output");
                s.output().forEach(out::add);
            }
            s.leaderAfter().ifPresent(l -> o.put("leaderAfter", l));
            s.writableAfter().ifPresent(w -> o.put("writableAfter", w));
            if (!s.facts().isEmpty()) {
                ObjectNode facts = o.putObject("facts");
                s.facts().forEach(facts::put);
            }
            s.zooKeeper().ifPresent(z -> stepZooKeeper(o.putObject("zookeeper"), z));
        });
        objects(root, "timeline", r.timeline(), (o, row) -> {
            PodView p = row.pod();
            o.put("timeMs", row.timeMs());
            o.put("pod", p.name());
            o.put("ready", p.readyColumn());
            o.put("status", p.status());
            o.put("phase", p.phase());
            o.put("restarts", p.restarts());
            o.put("age", KubectlDuration.human(row.ageMs()));
            p.node().ifPresent(n -> o.put("node", n));
            if (!p.revision().isEmpty()) {
                o.put("revision", p.revision());
            }
            if (row.deleted()) {
                o.put("deleted", true);
            }
        });
        objects(root, "events", r.events(), (o, e) -> {
            o.put("timeMs", e.timeMs());
            o.put("type", e.type());
            o.put("reason", e.reason());
            o.put("object", e.object());
            o.put("source", e.source());
            o.put("message", e.message());
        });
        objects(root, "kubectl", r.kubectl(), (o, l) -> {
            o.put("timeMs", l.timeMs());
            o.put("command", l.command());
            o.put("line", l.line());
        });
        objects(root, "serverLog", r.serverLog(), (o, l) -> {
            o.put("timeMs", l.timeMs());
            o.put("pod", l.pod());
            o.put("line", l.line());
        });
        r.zooKeeper().ifPresent(z -> zooKeeper(root.putObject("zookeeper"), z));
        return root;
    }

    /** The run's ZooKeeper facts, the same shape in every engine (engine time, milliseconds). */
    private static void zooKeeper(ObjectNode o, ZooKeeperSummary z) {
        z.leader().ifPresent(l -> o.put("leader", l));
        o.put("writable", z.writable());
        o.put("writesUnavailableMs", z.writesUnavailableMs());
        facts(o, z.elections(), z.writeOutages(), z.ackedWrites());
        objects(o, "lostWrites", z.lostWrites(), (x, l) -> {
            x.put("path", l.path());
            x.put("zxid", "0x" + Long.toHexString(l.zxid()));
            x.put("detail", l.detail());
        });
    }

    /** One step's ZooKeeper facts: the same arrays as the run's, limited to the step. */
    private static void stepZooKeeper(ObjectNode o, StepZooKeeperFacts z) {
        o.put("writesUnavailableMs", z.writesUnavailableMs());
        facts(o, z.elections(), z.writeOutages(), z.ackedWrites());
    }

    private static void facts(
            ObjectNode o,
            List<ZooKeeperHistory.WonElection> elections,
            List<ZooKeeperHistory.WriteOutage> outages,
            List<AckedWriteFact> acked) {
        objects(o, "elections", elections, (x, e) -> {
            x.put("timeMs", e.endMs());
            x.put("leader", e.leader());
            x.put("durationMs", e.durationMs());
        });
        objects(o, "writeUnavailable", outages, (x, w) -> {
            x.put("fromMs", w.fromMs());
            if (w.toMs().isPresent()) {
                x.put("toMs", w.toMs().getAsLong());
                x.put("durationMs", w.toMs().getAsLong() - w.fromMs());
            }
        });
        objects(o, "ackedWrites", acked, (x, a) -> {
            x.put("timeMs", a.timeMs());
            x.put("step", a.step());
            x.put("op", a.op());
            x.put("path", a.path());
            x.put("zxid", "0x" + Long.toHexString(a.zxid()));
            x.put("servedBy", a.servedBy());
        });
    }

    /** An array {@code name} in {@code parent}, one object per item, in the list's order, filled by {@code fields}. */
    private static <T> void objects(
            ObjectNode parent, String name, List<? extends T> items, BiConsumer<ObjectNode, T> fields) {
        ArrayNode array = parent.putArray(name);
        for (T item : items) {
            fields.accept(array.addObject(), item);
        }
    }

    /** Writes the result, pretty-printed, ending with a newline. */
    public static void write(RunResult r, Writer out) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            out.write(MAPPER.writer(pp).writeValueAsString(toJson(r)));
            out.write("\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
