package dev.zksim.cli;

import dev.zksim.bench.BenchCandidate;
import dev.zksim.bench.BenchHtml;
import dev.zksim.bench.BenchJson;
import dev.zksim.bench.BenchResult;
import dev.zksim.bench.BenchRunner;
import dev.zksim.bench.BenchSide;
import dev.zksim.bench.BenchStats;
import dev.zksim.bench.BenchTable;
import dev.zksim.bench.BenchUnmeasurable;
import dev.zksim.bench.BenchWorkload;
import dev.zksim.engine.real.RealEngine;
import dev.zksim.engine.real.RealEngineSettings;
import dev.zksim.model.InvalidInputException;
import dev.zksim.model.k8s.ClusterSpec;
import dev.zksim.model.lint.Finding;
import dev.zksim.model.lint.LintContext;
import dev.zksim.model.lint.Linter;
import dev.zksim.model.lint.Severity;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.LoadedManifest;
import dev.zksim.model.manifest.ManifestLoader;
import dev.zksim.model.manifest.Resources;
import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.Timing;
import dev.zksim.model.scenario.cluster.ModelEngine;
import dev.zksim.model.scenario.engine.EngineFactory;
import dev.zksim.model.scenario.parse.ScenarioParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zksim bench}: A/B latency benchmarking of a configuration change (docs/bench.md). Exit 0 when the benchmark
 * ran (whatever the verdicts), 1 when a manifest has a lint error (without {@code --no-lint}) or a workload's end
 * event could not be measured, 2 for bad input.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "A/B benchmark of a configuration change: runs a workload on the baseline (A) and the candidate (B),"
                    + " interleaved A B A B ... after one warm-up pair, on real ZooKeeper servers and in the model,"
                    + " and prints per metric the medians, the difference with a 95%% bootstrap interval, a verdict,"
                    + " and where the model's prediction and the measurement differ by more than 20%%.",
            "The candidate is --candidate FILE, or the baseline (or the candidate file) with changes: --set"
                    + " FLAG=VALUE (start-zookeeper flags), --replicas, --cpu, --memory, --image,"
                    + " --pod-management-policy, --patch-service NAME publishNotReadyAddresses=true|false.",
            "Workloads: start, failover, leader-kill, rolling-update, drain, node-failure, write-latency, recovery;"
                    + " or --scenario FILE. Start and end events: docs/bench.md.",
            "Exit codes: 0 the benchmark ran, 1 a lint error or an unmeasurable workload, 2 bad input."
        })
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--baseline", required = true, paramLabel = "FILE", description = "The baseline manifest (A).")
    Path baseline;

    @Option(
            names = "--candidate",
            paramLabel = "FILE",
            description = "The candidate manifest (B); default: the baseline, changed by the options below.")
    Path candidate;

    @Option(
            names = "--set",
            paramLabel = "FLAG=VALUE",
            description = "Set a start-zookeeper flag in the candidate's command (repeatable): --set tick_time=1000.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--replicas", paramLabel = "N", description = "The candidate's replicas (with --set servers=N).")
    Integer replicas;

    @Option(names = "--cpu", paramLabel = "QUANTITY", description = "The candidate's CPU request: 0.3, 300m.")
    String cpu;

    @Option(names = "--memory", paramLabel = "QUANTITY", description = "The candidate's memory request: 2Gi.")
    String memory;

    @Option(names = "--image", paramLabel = "IMAGE", description = "The candidate's image.")
    String image;

    @Option(
            names = "--pod-management-policy",
            paramLabel = "POLICY",
            description = "The candidate's pod management policy: OrderedReady or Parallel.")
    String policy;

    @Option(
            names = "--patch-service",
            arity = "2",
            hideParamSyntax = true,
            paramLabel = "NAME FIELD=VALUE",
            description = "Patch a Service of the candidate (repeatable): --patch-service zk-hs"
                    + " publishNotReadyAddresses=true.")
    List<String> patchService = new ArrayList<>();

    @Option(
            names = "--workload",
            paramLabel = "NAME",
            description = "start, failover, leader-kill, rolling-update, drain, node-failure, write-latency,"
                    + " recovery. Default: start (unless --scenario).")
    String workload;

    @Option(
            names = "--scenario",
            paramLabel = "FILE",
            description = "Benchmark a scenario by its per-step facts; its manifest is replaced by A's and B's.")
    Path scenario;

    @Option(
            names = "--runs",
            paramLabel = "N",
            defaultValue = "5",
            description = "Counted runs per side (after one warm-up pair). A faster/slower verdict needs at least "
                    + BenchStats.MIN_RUNS_FOR_VERDICT + ". Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(
            names = "--engine",
            paramLabel = "ENGINE",
            defaultValue = "both",
            description = "model (virtual time, instant), real (real servers) or both. Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(
            names = "--writes",
            paramLabel = "N",
            defaultValue = "100",
            description = "write-latency: sequential writes per run. Default: ${DEFAULT-VALUE}.")
    int writes;

    @Option(
            names = "--znodes",
            paramLabel = "N",
            defaultValue = "1000",
            description = "recovery: znodes written before the restart. Default: ${DEFAULT-VALUE}.")
    int znodes;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the first pair (pair i: seed + i). Default 1.")
    Long seed;

    @Option(names = "--time-scale", paramLabel = "X", description = "Real engine: as for zksim run. Default: 100.")
    Double timeScale;

    @Option(names = "--no-lint", description = "Go on when a manifest has a lint error.")
    boolean noLint;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON to FILE.")
    Path json;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description = "Also write DIR/index.html: the verdict table and a chart of the runs per metric.")
    Path report;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (runs < 1) {
            throw new InvalidInputException(
                    null,
                    0,
                    "--runs",
                    "'" + runs + "' runs cannot measure anything; give at least 1 (a faster/slower verdict needs "
                            + BenchStats.MIN_RUNS_FOR_VERDICT + " per side).");
        }
        if (writes < 1 || znodes < 0) {
            throw new InvalidInputException(
                    null, 0, writes < 1 ? "--writes" : "--znodes", "give a positive number of writes or znodes.");
        }
        List<String> engineNames =
                switch (engine) {
                    case "both" -> List.of(ModelEngine.NAME, RealEngine.NAME);
                    case "model" -> List.of(ModelEngine.NAME);
                    case "real" -> List.of(RealEngine.NAME);
                    default ->
                        throw new InvalidInputException(
                                null, 0, "--engine", "unknown engine '" + engine + "'; valid: model, real, both.");
                };
        if (workload != null && scenario != null) {
            throw new InvalidInputException(null, 0, "--workload", "give --workload or --scenario, not both.");
        }
        Scenario parsed = scenario == null ? null : ScenarioParser.parse(scenario);
        BenchWorkload w = parsed != null
                ? new BenchWorkload.FromScenario(parsed)
                : BenchWorkload.named(workload == null ? "start" : workload, writes, znodes)
                        .orElseThrow(() -> new InvalidInputException(
                                null,
                                0,
                                "--workload",
                                "unknown workload '" + workload + "'; valid: "
                                        + String.join(", ", BenchWorkload.NAMES)
                                        + " (or --scenario FILE)."));
        if (json != null) {
            OutputTargets.checkFile(json, "--json");
        }
        if (report != null) {
            OutputTargets.checkDirectory(report, "--report");
        }
        LoadedManifest a = ManifestLoader.load(baseline);
        LoadedManifest bFile = candidate == null ? a : ManifestLoader.load(candidate);
        BenchCandidate changes = BenchCandidate.parse(set, replicas, cpu, memory, image, policy, patchService);
        EnsembleSpec b = changes.apply(bFile.spec());
        String aName = a.spec().statefulSet().name();
        String bName = b.statefulSet().name();
        if (!aName.equals(bName)) {
            throw new InvalidInputException(
                    String.valueOf(candidate),
                    0,
                    "metadata.name",
                    "the candidate's StatefulSet is '" + bName + "', the baseline's '" + aName
                            + "': a benchmark compares one StatefulSet in two configurations, so the names"
                            + " (and with them the pod names the workloads use) must be the same.");
        }
        if (!lintClean(a, "A", LintContext.of(a), err)
                | !lintClean(bFile, "B", candidateLint(bFile, b, changes), err)) {
            if (!noLint) {
                err.println("zksim: lint errors above; fix them or pass --no-lint to benchmark anyway.");
                return Main.CHECK_FAILED;
            }
        }
        if (a.spec().statefulSet().equals(b.statefulSet())
                && a.spec().services().equals(b.services())
                && a.spec().pdb().equals(b.pdb())) {
            err.println("zksim: warning: the candidate is identical to the baseline; expect no difference.");
        }
        String bLabel = candidate == null
                ? baseline + (changes.isEmpty() ? "" : " with " + changes.describe())
                : candidate + (changes.isEmpty() ? "" : " with " + changes.describe());
        BenchSide sideA = new BenchSide("A", baseline.toString(), a.spec());
        BenchSide sideB = new BenchSide("B", bLabel, b);

        RealEngineSettings real = RealEngineSettings.defaults()
                .withProbeWrites(false)
                .withFaultLayer(w.needsFaultLayer() || (parsed != null && RunCommand.needsFaultLayer(parsed)));
        real = RunCommand.withTimeScale(real, timeScale);
        Map<String, EngineFactory> all = RunCommand.defaultEngines(real);
        Map<String, EngineFactory> engines = new LinkedHashMap<>();
        engineNames.forEach(n -> engines.put(n, all.get(n)));
        ClusterSpec cluster = parsed != null ? parsed.cluster() : defaultCluster(a.spec(), b);
        Timing timing = parsed != null ? parsed.timing() : Timing.DEFAULTS;
        long runSeed = seed != null ? seed : parsed != null ? parsed.seedOr(java.util.OptionalLong.empty()) : 1;

        boolean terminal = System.console() != null;
        BenchRunner runner = new BenchRunner(engines, cluster, timing, System::currentTimeMillis);
        BenchResult result;
        try {
            result = runner.run(
                    w, sideA, sideB, runs, runSeed, terminal ? progressLine(out) : BenchRunner.BenchProgress.NONE);
        } catch (BenchUnmeasurable e) {
            if (terminal) {
                out.println();
            }
            err.println("zksim: cannot measure " + w.name() + ": " + e.getMessage());
            return Main.CHECK_FAILED;
        }
        if (terminal) {
            out.print("\r" + " ".repeat(79) + "\r");
        }
        BenchTable.print(result, out);
        if (json != null) {
            try (Writer wr = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
                BenchJson.write(result, wr);
            }
            out.println("json: " + json);
        }
        if (report != null) {
            out.println("report: " + BenchHtml.write(result, report));
        }
        return Main.OK;
    }

    /**
     * The candidate as lint sees it: the file's own findings when it is used unchanged, else the changed spec's (its
     * source lines still point into the file it came from).
     */
    private static LintContext candidateLint(LoadedManifest file, EnsembleSpec b, BenchCandidate changes) {
        return changes.isEmpty() ? LintContext.of(file) : new LintContext(b, file.problems());
    }

    /** Prints the side's lint errors; true when there are none. */
    private static boolean lintClean(LoadedManifest m, String side, LintContext ctx, PrintWriter err) {
        List<Finding> errors = Linter.standard().lint(ctx).stream()
                .filter(f -> f.severity() == Severity.ERROR)
                .toList();
        for (Finding f : errors) {
            err.println(side + ": " + f.file() + ":" + f.line() + ": error [" + f.ruleId() + "] " + f.message());
        }
        return errors.isEmpty();
    }

    /**
     * One node per pod of the larger side plus a spare (so a drained or failed node's pod has somewhere to go, and
     * required anti-affinity is satisfied), each 2 CPUs and 4 GiB like the shipped scenarios' nodes.
     */
    static ClusterSpec defaultCluster(EnsembleSpec a, EnsembleSpec b) {
        int pods = Math.max(a.statefulSet().replicas(), b.statefulSet().replicas());
        return ClusterSpec.uniform(pods + 1, "node", new Resources(2000, 4L << 30));
    }

    /** "run 3 of 12, 1m 20s elapsed, about 3m 40s left", rewritten in place. */
    private static BenchRunner.BenchProgress progressLine(PrintWriter out) {
        return (done, total, elapsedMs, last) -> {
            long leftMs = done == 0 ? 0 : elapsedMs * (total - done) / done;
            out.print("\rrun " + done + " of " + total + " (" + last.side() + ", " + last.engine() + "), "
                    + duration(elapsedMs) + " elapsed, about " + duration(leftMs) + " left   ");
            out.flush();
        };
    }

    private static String duration(long ms) {
        long s = ms / 1000;
        return s >= 60 ? (s / 60) + "m " + (s % 60) + "s" : s + "s";
    }
}
