package dev.zksim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.zksim.model.explore.ActionKind;
import dev.zksim.model.explore.ExploreCoverage;
import dev.zksim.model.explore.ExploreFinding;
import dev.zksim.model.explore.ExploreInvariant;
import dev.zksim.model.explore.ExploreOptions;
import dev.zksim.model.explore.ExploreReport;
import dev.zksim.model.explore.TraceEntry;
import dev.zksim.model.lint.Finding;
import dev.zksim.model.lint.LintReport;
import dev.zksim.model.scenario.Durations;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code zksim explore} prints: the lint findings, the search's settings, each finding with its kubectl-like
 * story and file, the coverage summary, and the same as JSON. Everything here is deterministic (no wall time).
 */
final class ExploreOutput {
    /** Bumped when a JSON field changes meaning or disappears. */
    static final int FORMAT_VERSION = 1;

    private final Path manifest;
    private final ExploreOptions options;
    private final LintReport lint;

    /** @param lint null with {@code --no-lint} */
    ExploreOutput(Path manifest, ExploreOptions options, LintReport lint) {
        this.manifest = manifest;
        this.options = options;
        this.lint = lint;
    }

    void header(PrintWriter out) {
        if (lint != null) {
            out.println("lint " + manifest + ":");
            LintCommand.printText(lint, out);
            out.println();
        }
        out.println("explore " + manifest + ": " + options.runs() + " runs of " + options.maxActions()
                + " actions, seed " + options.seed() + ", "
                + options.cluster().nodes().size() + " nodes, write-outage"
                + " budget " + Durations.format(options.maxWriteOutageMs()));
        out.println("actions: "
                + String.join(
                        ", ",
                        options.actions().stream()
                                .sorted()
                                .map(ActionKind::cliName)
                                .toList()));
        out.println();
    }

    void findings(PrintWriter out, ExploreReport r, List<Path> files) {
        for (int i = 0; i < r.findings().size(); i++) {
            ExploreFinding f = r.findings().get(i);
            ExploreInvariant inv = f.violation().invariant();
            out.println("FINDING " + inv.id() + (inv.safety() ? " (safety)" : "") + ": run " + f.run() + " of seed "
                    + options.seed() + ", " + r.failingRuns().get(inv) + " of " + r.runs() + " runs broke it");
            out.println("  " + f.violation().detail());
            out.println("  shrunk from " + f.generated() + " actions to " + f.storyActions() + ":");
            out.println("    kubectl apply -f " + manifest + "   # wait until Ready and writable");
            for (TraceEntry e : f.trace()) {
                out.println("    " + e.story());
            }
            out.println("  written: " + files.get(i) + "   (zksim run " + files.get(i) + " fails on it)");
            out.println();
        }
    }

    void coverage(PrintWriter out, ExploreReport r) {
        ExploreCoverage c = r.coverage();
        out.println("coverage (" + c.runs() + " runs):");
        out.printf("  %-18s %9s %14s%n", "action", "executed", "nothing to do");
        Map<ActionKind, Long> skipped = c.skipped();
        for (Map.Entry<ActionKind, Long> e : c.executed().entrySet()) {
            out.printf("  %-18s %9d %14d%n", e.getKey().cliName(), e.getValue(), skipped.getOrDefault(e.getKey(), 0L));
        }
        out.println("  states reached (runs):");
        for (Map.Entry<ExploreCoverage.State, Long> e : c.runsReaching().entrySet()) {
            out.printf("  %-74s %6d%n", e.getKey().text(), e.getValue());
        }
        out.println();
        long safety = r.failingRuns().entrySet().stream()
                .filter(e -> e.getKey().safety())
                .mapToLong(Map.Entry::getValue)
                .sum();
        long all =
                r.failingRuns().values().stream().mapToLong(Integer::longValue).sum();
        out.println(
                r.findings().isEmpty()
                        ? "no finding in " + r.runs() + " runs"
                        : r.findings().size() + " finding" + (r.findings().size() == 1 ? "" : "s") + " (" + all
                                + " failing runs, " + safety + " breaking safety) in " + r.runs() + " runs");
    }

    String json(ExploreReport r, List<Path> files) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("manifest", manifest.toString());
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("runs", options.runs());
        opts.put("maxActions", options.maxActions());
        opts.put("seed", options.seed());
        opts.put("nodes", options.cluster().nodes().size());
        opts.put(
                "actions",
                options.actions().stream().sorted().map(ActionKind::cliName).toList());
        opts.put("maxWriteOutageMs", options.maxWriteOutageMs());
        opts.put("livenessBoundMs", r.livenessBoundMs());
        opts.put("allowDataLoss", options.allowDataLoss());
        root.put("options", opts);
        if (lint != null) {
            List<Map<String, Object>> l = new ArrayList<>();
            for (Finding f : lint.findings()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rule", f.ruleId());
                m.put("severity", f.severity().name());
                m.put("line", f.line());
                m.put("message", f.message());
                l.add(m);
            }
            root.put("lint", l);
        }
        root.put("runs", r.runs());
        root.put("actions", r.actions());
        List<Map<String, Object>> fs = new ArrayList<>();
        for (int i = 0; i < r.findings().size(); i++) {
            ExploreFinding f = r.findings().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("invariant", f.violation().invariant().id());
            m.put("safety", f.violation().invariant().safety());
            m.put("run", f.run());
            m.put("runSeed", f.runSeed());
            m.put("atMs", f.violation().atMs());
            m.put("detail", f.violation().detail());
            m.put("generatedActions", f.generated());
            m.put("storyActions", f.storyActions());
            m.put("file", files.get(i).toString());
            m.put("story", f.trace().stream().map(TraceEntry::story).toList());
            fs.add(m);
        }
        root.put("findings", fs);
        Map<String, Object> failing = new LinkedHashMap<>();
        r.failingRuns().forEach((k, v) -> failing.put(k.id(), v));
        root.put("failingRuns", failing);
        Map<String, Object> cov = new LinkedHashMap<>();
        Map<String, Object> executed = new LinkedHashMap<>();
        r.coverage().executed().forEach((k, v) -> executed.put(k.cliName(), v));
        Map<String, Object> nothing = new LinkedHashMap<>();
        r.coverage().skipped().forEach((k, v) -> nothing.put(k.cliName(), v));
        Map<String, Object> states = new LinkedHashMap<>();
        r.coverage()
                .runsReaching()
                .forEach((k, v) ->
                        states.put(k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), v));
        cov.put("executed", executed);
        cov.put("nothingToDo", nothing);
        cov.put("runsReaching", states);
        root.put("coverage", cov);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
