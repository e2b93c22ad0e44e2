package dev.zksim.model.scenario.run;

import dev.zksim.model.k8s.KubectlDuration;
import dev.zksim.model.k8s.NodeSpec;
import dev.zksim.model.manifest.Resources;
import dev.zksim.model.scenario.Durations;
import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.Step;
import dev.zksim.model.scenario.engine.ClusterEvent;
import dev.zksim.model.scenario.engine.PodView;
import dev.zksim.model.scenario.engine.ServerLog;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The human report, streamed as the run goes: the pod timeline as {@code kubectl get pods -o wide -w} prints it
 * (NAME READY STATUS RESTARTS AGE NODE) with the engine time in front, interleaved with the steps, the events
 * ({@code kubectl get events -w}) and one PASS/FAIL/SKIP line per expectation; a summary at the end. Output depends
 * only on what the engine reports, so a deterministic engine gives byte-identical reports.
 */
public final class TextReport implements RunObserver {
    private static final String INDENT = "             ";
    private final PrintWriter out;
    /** A step's start line, held back until something else prints: a verdict alone needs no start line. */
    private String pendingStart;
    /** The last kubectl line printed, and how often it has repeated since (kubectl drain retries every 5 s). */
    private KubectlLine lastKubectl;

    private int repeats;
    private long lastRepeatMs;

    public TextReport(PrintWriter out) {
        this.out = out;
    }

    /** Prints a timeline line, after the held-back start line and the note on repeated kubectl lines. */
    private void line(String text) {
        flushStart();
        out.println(text);
    }

    private void flushStart() {
        flushRepeats();
        if (pendingStart != null) {
            out.println(pendingStart);
            pendingStart = null;
        }
    }

    private void flushRepeats() {
        if (repeats > 0) {
            out.println(time(lastRepeatMs) + "    $ (the line above " + repeats + " more time"
                    + (repeats == 1 ? "" : "s") + ", the last now)");
        }
        repeats = 0;
        lastKubectl = null;
    }

    /** {@code [  12.500s]}: engine time, always with milliseconds, right-aligned. */
    public static String time(long ms) {
        return String.format(Locale.ROOT, "[%6d.%03ds]", ms / 1000, ms % 1000);
    }

    @Override
    public void runStarted(Scenario s, String engine, long seed) {
        out.println("scenario  " + s.name() + " (" + s.file() + ")");
        if (!s.description().isEmpty()) {
            s.description().lines().forEach(l -> out.println("          " + l));
        }
        out.println("manifest  " + s.manifest()
                + s.namespace().map(n -> " in namespace " + n).orElse(""));
        out.println("cluster   " + cluster(s.cluster().nodes()));
        out.println("engine    " + engine + ", seed " + seed);
        out.println();
        out.println(INDENT + row("NAME", "READY", "STATUS", "RESTARTS", "AGE", "NODE"));
    }

    private static String cluster(List<NodeSpec> nodes) {
        NodeSpec first = nodes.get(0);
        boolean uniform = nodes.stream()
                .allMatch(n -> n.allocatable().equals(first.allocatable())
                        && n.reserved().equals(first.reserved()));
        String names = nodes.size() == 1
                ? first.name()
                : nodes.size() <= 4
                        ? String.join(", ", nodes.stream().map(NodeSpec::name).toList())
                        : first.name() + " .. " + nodes.get(nodes.size() - 1).name();
        return nodes.size() + (nodes.size() == 1 ? " node" : " nodes") + " (" + names + ")"
                + (nodes.size() == 1 ? ": " + resources(first) : uniform ? ", each " + resources(first) : "");
    }

    private static String resources(NodeSpec n) {
        return quantity(n.allocatable().cpuMillis(), n.allocatable().memoryBytes()) + " allocatable"
                + (n.reserved().equals(Resources.NONE)
                        ? ""
                        : " (" + quantity(n.reserved().cpuMillis(), n.reserved().memoryBytes())
                                + " already requested)");
    }

    private static String quantity(long cpuMillis, long memoryBytes) {
        return (cpuMillis % 1000 == 0 ? cpuMillis / 1000 + " CPU" : cpuMillis + "m CPU") + ", " + memory(memoryBytes);
    }

    private static String memory(long mem) {
        return mem % (1L << 30) == 0 ? (mem >> 30) + "Gi" : mem % (1L << 20) == 0 ? (mem >> 20) + "Mi" : mem + " bytes";
    }

    private static String row(String name, String ready, String status, String restarts, String age, String node) {
        int nameWidth = Math.max(8, name.length() + 2);
        return String.format(
                Locale.ROOT, "%-" + nameWidth + "s%-8s%-20s%-11s%-9s%s", name, ready, status, restarts, age, node);
    }

    @Override
    public void stepStarted(int number, Step step, long nowMs) {
        if (step instanceof Step.ClusterExpectation) {
            return; // the verdict line says it all
        }
        flushRepeats();
        pendingStart = time(nowMs) + " >> step " + number + ", line " + step.line() + ": " + step.describe();
    }

    @Override
    public void podRow(TimelineRow r) {
        PodView p = r.pod();
        line(time(r.timeMs()) + "    "
                + row(
                        p.name(),
                        p.readyColumn(),
                        p.status(),
                        Integer.toString(p.restarts()),
                        KubectlDuration.human(r.ageMs()),
                        p.node().orElse("<none>"))
                + (r.deleted() ? "  (deleted)" : ""));
    }

    @Override
    public void event(ClusterEvent e) {
        line(time(e.timeMs()) + "    event " + String.format(Locale.ROOT, "%-8s%-17s ", e.type(), e.reason())
                + e.object() + ": " + e.message());
    }

    @Override
    public void serverLog(ServerLog l) {
        line(time(l.timeMs()) + "    zk    " + l.pod() + ": " + l.line());
    }

    @Override
    public void kubectl(KubectlLine l) {
        if (lastKubectl != null
                && lastKubectl.command().equals(l.command())
                && lastKubectl.line().equals(l.line())) {
            repeats++;
            lastRepeatMs = l.timeMs();
            return;
        }
        line(time(l.timeMs()) + "    $ " + l.line());
        lastKubectl = l;
    }

    @Override
    public void stepFinished(StepResult r) {
        if (r.verdict() == Verdict.DONE) {
            flushStart(); // an action's start line stays, output or not

            r.output().forEach(l -> line(time(r.endMs()) + "    | " + l));
            return;
        }
        pendingStart = null; // the verdict line names the step
        String head = " step " + r.number() + ", line " + r.step().line() + ": "
                + r.step().describe();
        switch (r.verdict()) {
            case HELD -> {
                line(time(r.endMs()) + " PASS" + head + suffix(r));
                printOutput(r);
            }
            case SKIPPED ->
                line(time(r.endMs()) + " SKIP" + head + " (" + r.actual().orElse("") + ")");
            case FAILED -> {
                line(time(r.endMs()) + " FAIL" + head + suffix(r));
                if (r.expected().isPresent()) {
                    line(INDENT + "expected: " + r.expected().get());
                    line(INDENT + "actual:   " + r.actual().orElse(""));
                } else {
                    line(INDENT + "error:    " + r.actual().orElse(""));
                }
                printOutput(r);
            }
            default -> throw new IllegalStateException("unexpected verdict " + r.verdict());
        }
    }

    private static String suffix(StepResult r) {
        return r.step() instanceof Step.WaitUntil && !r.output().isEmpty()
                ? " (" + r.output().get(0) + ")"
                : "";
    }

    private void printOutput(StepResult r) {
        if (!(r.step() instanceof Step.WaitUntil)) {
            r.output().forEach(l -> line(time(r.endMs()) + "    | " + l));
        }
    }

    @Override
    public void runFinished(RunResult result) {
        flushRepeats();
        out.println();
        long actions = result.count(Verdict.DONE);
        long skipped = result.count(Verdict.SKIPPED);
        out.println("summary   " + result.steps().size() + " steps in " + Durations.format(result.endMs()) + " of "
                // The real engine's clock is Kubernetes time (scaled while ZooKeeper rests), not the wall clock.
                + ("real".equals(result.engine()) ? "real-engine (Kubernetes)" : result.engine()) + " time: "
                + result.count(Verdict.HELD) + " held, "
                + result.count(Verdict.FAILED) + " failed, " + skipped + " skipped, " + actions + " done");
        if (skipped > 0) {
            out.println("          skipped steps were not checked: "
                    + result.steps().stream()
                            .filter(s -> s.verdict() == Verdict.SKIPPED)
                            .map(s -> s.actual().orElse(""))
                            .distinct()
                            .reduce((a, b) -> a + "; " + b)
                            .orElse(""));
        }
        result.zooKeeper().ifPresent(z -> out.println(z.line()));
        if (result.passed()) {
            out.println("result    PASSED");
        } else {
            out.println("result    FAILED");
            for (StepResult f : result.failures()) {
                out.println("          step " + f.number() + " ("
                        + result.scenario().file() + ":" + f.step().line() + ") "
                        + f.step().describe());
                f.expected().ifPresent(e -> out.println("            expected: " + e));
                out.println("            " + (f.expected().isPresent() ? "actual:   " : "error:    ")
                        + f.actual().orElse(""));
            }
        }
        out.flush();
    }
}
