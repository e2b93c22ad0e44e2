package dev.zksim.model.scenario.run;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zksim.model.k8s.KubectlDuration;
import dev.zksim.model.scenario.engine.ClusterEvent;
import dev.zksim.model.scenario.engine.PodView;
import dev.zksim.model.scenario.engine.ServerLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

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
        ArrayNode steps = root.putArray("steps");
        for (StepResult s : r.steps()) {
            ObjectNode o = steps.addObject();
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
        }
        ArrayNode timeline = root.putArray("timeline");
        for (TimelineRow row : r.timeline()) {
            PodView p = row.pod();
            ObjectNode o = timeline.addObject();
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
        }
        ArrayNode events = root.putArray("events");
        for (ClusterEvent e : r.events()) {
            ObjectNode o = events.addObject();
            o.put("timeMs", e.timeMs());
            o.put("type", e.type());
            o.put("reason", e.reason());
            o.put("object", e.object());
            o.put("source", e.source());
            o.put("message", e.message());
        }
        ArrayNode kubectl = root.putArray("kubectl");
        for (KubectlLine l : r.kubectl()) {
            ObjectNode o = kubectl.addObject();
            o.put("timeMs", l.timeMs());
            o.put("command", l.command());
            o.put("line", l.line());
        }
        ArrayNode serverLog = root.putArray("serverLog");
        for (ServerLog l : r.serverLog()) {
            ObjectNode o = serverLog.addObject();
            o.put("timeMs", l.timeMs());
            o.put("pod", l.pod());
            o.put("line", l.line());
        }
        r.zooKeeper().ifPresent(z -> zooKeeper(root.putObject("zookeeper"), z));
        return root;
    }

    /** The run's ZooKeeper facts, the same shape in every engine (engine time, milliseconds). */
    private static void zooKeeper(ObjectNode o, ZooKeeperSummary z) {
        z.leader().ifPresent(l -> o.put("leader", l));
        o.put("writesUnavailableMs", z.writesUnavailableMs());
        ArrayNode elections = o.putArray("elections");
        for (var e : z.elections()) {
            ObjectNode x = elections.addObject();
            x.put("timeMs", e.endMs());
            x.put("leader", e.leader());
            x.put("durationMs", e.durationMs());
        }
        ArrayNode outages = o.putArray("writeUnavailable");
        for (var w : z.writeOutages()) {
            ObjectNode x = outages.addObject();
            x.put("fromMs", w.fromMs());
            if (w.toMs().isPresent()) {
                x.put("toMs", w.toMs().getAsLong());
                x.put("durationMs", w.toMs().getAsLong() - w.fromMs());
            }
        }
        ArrayNode acked = o.putArray("ackedWrites");
        for (AckedWriteFact a : z.ackedWrites()) {
            ObjectNode x = acked.addObject();
            x.put("timeMs", a.timeMs());
            x.put("step", a.step());
            x.put("op", a.op());
            x.put("path", a.path());
            x.put("zxid", "0x" + Long.toHexString(a.zxid()));
            x.put("servedBy", a.servedBy());
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
