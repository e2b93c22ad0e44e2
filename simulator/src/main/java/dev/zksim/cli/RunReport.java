package dev.zksim.cli;

import dev.zksim.engine.real.RealEngine;
import dev.zksim.engine.real.RealRunSummary;
import dev.zksim.model.InvalidInputException;
import dev.zksim.model.scenario.cluster.ClusterEngine;
import dev.zksim.model.scenario.cluster.ZabBackend;
import dev.zksim.model.scenario.engine.Engine;
import dev.zksim.model.scenario.run.RunResult;
import dev.zksim.model.scenario.run.StepResult;
import dev.zksim.model.zab.AvailabilityWindow;
import dev.zksim.model.zab.LeaderTerm;
import dev.zksim.model.zab.ZabHistory;
import dev.zksim.report.HtmlReport;
import dev.zksim.report.Interval;
import dev.zksim.report.ReportData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns a finished run into the HTML report of {@code zksim run --report DIR} (docs/report.md): pod lanes from the
 * timeline, who led and when writes were available (from the Zab model's history, or from the real servers
 * themselves), the steps and their verdicts, measured facts, and each pod's log under {@code DIR/logs/}.
 *
 * <p>Must be called before the engine is closed: the real engine's logs live in its simulation directory, which close
 * removes. Public for the Java API ({@code dev.zksim.api}), whose report is this one.
 */
public final class RunReport {
    private RunReport() {}

    /** Writes the report for {@code result} into {@code dir}; returns the page written. */
    public static Path write(Path dir, RunResult result, Engine engine, ReportRecorder recorder) {
        long endMs = result.endMs();
        ReportData.ReportBuilder b = ReportData.builder(result.scenario().name(), result.engine())
                .scenarioFile(result.scenario().file().toString())
                .seed(result.seed())
                .endMs(endMs)
                .lanes(recorder.lanes(endMs));
        List<Interval> leaders = List.of();
        List<Interval> writable = List.of();
        if (engine instanceof RealEngine real) {
            RealRunSummary s = real.summary();
            b.timeUnitNote("engine time: Kubernetes delays run " + s.timeScale() + "× faster than the wall clock while"
                    + " ZooKeeper is at rest, in real time while servers elect or sync; ZooKeeper's timing is real");
            leaders = ordered(s.leaders().stream()
                    .map(t -> new Interval(t.startMs(), t.endMs(), t.label()))
                    .toList());
            writable = ordered(s.writable().stream()
                    .map(t -> new Interval(t.startMs(), t.endMs(), "writable"))
                    .toList());
            b.fact("leader at the end", s.leader().orElse("none"));
            b.fact(
                    "elections (as ZooKeeper reports them)",
                    s.leaderElectionsMs().size() + median(s.leaderElectionsMs()));
            b.fact(
                    "disruption → first acknowledged write",
                    s.firstWriteMs().size() + " measured" + median(s.firstWriteMs()));
            b.fact(
                    "leader's pod disrupted → first acknowledged write",
                    s.leaderFirstWriteMs().size() + " measured" + median(s.leaderFirstWriteMs()));
            copyRealLogs(real.directory().resolve("logs"), dir.resolve(HtmlReport.LOGS), b);
        } else {
            b.timeUnitNote("virtual time (the model engine; deterministic for the seed)");
            if (engine instanceof ClusterEngine ce && ce.backend() instanceof ZabBackend zab) {
                ZabHistory h = zab.model().history();
                List<Interval> terms = new ArrayList<>();
                for (LeaderTerm t : h.terms()) {
                    long start = t.establishedMs().orElse(t.electedMs());
                    terms.add(new Interval(start, t.endedMs().orElse(endMs), t.pod() + " (epoch " + t.epoch() + ")"));
                }
                leaders = ordered(terms);
                List<Interval> windows = new ArrayList<>();
                for (AvailabilityWindow w : h.availability()) {
                    windows.add(new Interval(w.fromMs(), w.toMs().orElse(endMs), "writable"));
                }
                writable = ordered(windows);
                b.fact(
                        "leader at the end",
                        zab.model().leader().map(LeaderTerm::pod).orElse("none"));
                b.fact("elections", Integer.toString(h.elections().size()));
                b.fact("acknowledged writes", Integer.toString(h.ackedWrites().size()));
            }
            writeModelLogs(recorder.serverLogs(), dir.resolve(HtmlReport.LOGS), b);
        }
        leaders.forEach(i -> b.leader(i.startMs(), i.endMs(), i.label()));
        writable.forEach(i -> b.writable(i.startMs(), i.endMs()));
        for (StepResult s : result.steps()) {
            String text = s.step().describe();
            b.step(s.startMs(), s.number(), s.step().line(), text);
            String detail = s.expected().map(e -> "expected " + e).orElse("")
                    + s.actual()
                            .map(a -> (s.expected().isPresent() ? "; " : "") + "actual " + a)
                            .orElse("");
            b.verdict(s.number(), s.step().line(), text, s.verdict().name().toLowerCase(Locale.ROOT), detail);
        }
        return HtmlReport.write(b.build(), dir);
    }

    /** Sorted by start; an interval that overlaps the next one is cut where the next begins. */
    static List<Interval> ordered(List<Interval> in) {
        List<Interval> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparingLong(Interval::startMs).thenComparingLong(Interval::endMs));
        List<Interval> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Interval cur = sorted.get(i);
            long end = i + 1 < sorted.size()
                    ? Math.min(cur.endMs(), sorted.get(i + 1).startMs())
                    : cur.endMs();
            if (end > cur.startMs()) {
                out.add(new Interval(cur.startMs(), end, cur.label()));
            }
        }
        return out;
    }

    private static String median(List<Long> values) {
        if (values.isEmpty()) {
            return "";
        }
        List<Long> s = values.stream().sorted().toList();
        return ", median " + s.get(s.size() / 2) + " ms";
    }

    private static void copyRealLogs(Path from, Path to, ReportData.ReportBuilder b) {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".log"))
                    .sorted()
                    .toList()) {
                String name = f.getFileName().toString();
                Files.copy(f, to.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                b.log(name.substring(0, name.length() - ".log".length()), HtmlReport.LOGS + "/" + name);
            }
        } catch (IOException e) {
            throw new InvalidInputException(
                    null, 0, "--report", "cannot copy the pods' logs to " + to + ": " + e.getMessage() + ".", e);
        }
    }

    private static void writeModelLogs(Map<String, String> logs, Path to, ReportData.ReportBuilder b) {
        try {
            for (Map.Entry<String, String> e : logs.entrySet()) {
                Files.createDirectories(to);
                String name = e.getKey() + ".log";
                Files.writeString(to.resolve(name), e.getValue(), StandardCharsets.UTF_8);
                b.log(e.getKey(), HtmlReport.LOGS + "/" + name);
            }
        } catch (IOException e) {
            throw new InvalidInputException(
                    null, 0, "--report", "cannot write the pods' logs to " + to + ": " + e.getMessage() + ".", e);
        }
    }

    /** {@code [  12.500s]}: the time column of the text report. */
    static String formatMs(long ms) {
        return String.format(Locale.ROOT, "[%10.3fs]", ms / 1000.0);
    }
}
