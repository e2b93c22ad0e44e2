package dev.zksim.cli;

import dev.zksim.model.InvalidInputException;
import dev.zksim.model.explore.ActionKind;
import dev.zksim.model.explore.ExploreChecker;
import dev.zksim.model.explore.ExploreClusters;
import dev.zksim.model.explore.ExploreFinding;
import dev.zksim.model.explore.ExploreOptions;
import dev.zksim.model.explore.ExploreReport;
import dev.zksim.model.explore.Explorer;
import dev.zksim.model.explore.FindingScenarioWriter;
import dev.zksim.model.explore.WorldHooks;
import dev.zksim.model.k8s.ClusterSpec;
import dev.zksim.model.lint.LintReport;
import dev.zksim.model.lint.Linter;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ManifestLoader;
import dev.zksim.model.scenario.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zksim explore MANIFEST [options]}: property-based testing of a manifest in the model engine (docs/explore.md).
 * Lints the manifest, runs random operator and world actions from a settled ensemble, checks the invariants after
 * every step, shrinks the first failing run per invariant and writes it as {@code explore-failure-SEED-RUN.yaml}, then
 * prints the coverage. Standard output and the JSON are deterministic (same manifest, options, seed: same bytes); the
 * progress line (on a terminal) and the timing line go to standard error. Exit 0 no finding, 1 a finding, 2 bad input.
 */
@Command(
        name = "explore",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Property-based testing of a manifest in the model engine: random but valid sequences of"
                    + " operator actions and failures, invariants checked after every step, failing runs shrunk to a"
                    + " scenario file that 'zksim run' reproduces. docs/explore.md.",
            "Exit codes: 0 no finding, 1 a finding, 2 bad input, 3 internal error."
        },
        footerHeading = "%nInvariants (checked after every step):%n",
        footer = {
            "  acknowledged-writes-kept  no acknowledged write is lost, and a write is acknowledged only by a"
                    + " quorum that has it",
            "  one-leader-per-epoch      at most one leader is established per epoch, epochs increase, and the"
                    + " highest vote wins",
            "  history-prefix            every serving follower's committed history is a prefix of its leader's",
            "  pdb-respected             an eviction of a healthy pod is granted only when the"
                    + " PodDisruptionBudget allows a disruption",
            "  one-pod-per-ordinal       at most one container runs per StatefulSet ordinal (StatefulSet's"
                    + " at-most-one guarantee)",
            "  liveness                  once faults are healed and nodes uncordoned, the ensemble is writable"
                    + " and the rollout complete within a bound derived from the manifest's timings",
            "  write-outage-budget       with only Kubernetes-permitted disruptions, or one fault on a healthy"
                    + " ensemble, writes never stop longer than --max-write-outage (after a silent fault: plus"
                    + " syncLimit x tickTime to notice it)",
            "",
            "Actions: drain, cordon, uncordon, delete-pod, force-delete-pod, kill-process, fail-node,"
                    + " recover-node, rolling-update, rollout-undo, write, partition, isolate, partition-node,"
                    + " pause-process, resume-process, slow-link, heal (default: all of these), scale (default for a"
                    + " manifest whose pods run zk-reconfig-start), delete-pvc (with --allow-data-loss), wait"
                    + " (always)."
        })
public final class ExploreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "MANIFEST",
            description = "The manifest (multi-document YAML).")
    Path manifest;

    @Option(
            names = "--timing-profile",
            paramLabel = "FILE",
            description = "The model's timing profile (written by 'zksim calibrate'; default: the built-in one)."
                    + " Replay a finding with 'zksim run --timing-profile FILE' to see the same run.")
    Path timingProfile;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "1000", description = "Runs (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--max-actions",
            paramLabel = "N",
            defaultValue = "30",
            description = "Actions per run, waits not counted (default ${DEFAULT-VALUE}).")
    int maxActions;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "The search's seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--nodes", paramLabel = "N", description = "Nodes of the cluster (default: replicas + 1).")
    Integer nodes;

    @Option(
            names = "--node-cpu",
            paramLabel = "CPU",
            defaultValue = "2",
            description = "Allocatable CPU per node (default ${DEFAULT-VALUE}).")
    String nodeCpu;

    @Option(
            names = "--node-memory",
            paramLabel = "MEM",
            defaultValue = "4Gi",
            description = "Allocatable memory per node (default ${DEFAULT-VALUE}).")
    String nodeMemory;

    @Option(
            names = "--cluster",
            paramLabel = "FILE",
            description =
                    "The cluster instead of --nodes: a YAML file with one key, 'cluster:', in the scenario format.")
    Path clusterFile;

    @Option(
            names = "--actions",
            paramLabel = "A,B",
            split = ",",
            description = "The actions to generate (default: all but scale and delete-pvc, scale included for a"
                    + " manifest that scales by dynamic reconfiguration; list below).")
    List<String> actions;

    @Option(
            names = "--max-write-outage",
            paramLabel = "DURATION",
            description = "The availability budget (default: syncLimit x tickTime of the manifest).")
    String maxWriteOutage;

    @Option(
            names = "--allow-data-loss",
            description = "Also generate PVC deletions (data loss is then reported, not a finding).")
    boolean allowDataLoss;

    @Option(
            names = "--time-budget",
            paramLabel = "DURATION",
            description = "Stop after this much wall-clock time (the output then depends on the machine's speed).")
    String timeBudget;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = ".",
            description = "Where to write explore-failure-SEED-RUN.yaml files (default: the current directory).")
    Path out;

    @Option(
            names = "--json",
            paramLabel = "FILE|-",
            description = "Also write the result as JSON to FILE; '-' writes only JSON to standard output.")
    String json;

    @Option(names = "--no-lint", description = "Do not lint the manifest first.")
    boolean noLint;

    @Option(
            names = "--replay",
            paramLabel = "FILE",
            description = "Run a finding's scenario file instead (same as 'zksim run FILE').")
    Path replay;

    @Override
    public Integer call() {
        if (replay != null) {
            RunCommand run = new RunCommand();
            run.spec = spec;
            run.scenario = replay;
            run.engine = "model";
            run.timingProfile = timingProfile;
            return run.call();
        }
        if (manifest == null) {
            throw new InvalidInputException(null, 0, "MANIFEST", "give the manifest to explore (or --replay FILE).");
        }
        if (runs < 1 || runs > 10_000_000) {
            throw new InvalidInputException(
                    null, 0, "--runs", "'" + runs + "' is not a number of runs; give 1 to" + " 10,000,000.");
        }
        if (maxActions < 1 || maxActions > 10_000) {
            throw new InvalidInputException(
                    null,
                    0,
                    "--max-actions",
                    "'" + maxActions + "' is not a number of" + " actions; give 1 to 10,000.");
        }
        Optional<EnumSet<ActionKind>> askedKinds = askedKinds();
        long deadlineNanos = timeBudget == null
                ? Long.MAX_VALUE
                : System.nanoTime() + duration("--time-budget", timeBudget) * 1_000_000;
        EnsembleSpec spec0 = ManifestLoader.loadStrict(manifest);
        EnumSet<ActionKind> kinds = askedKinds.orElseGet(() -> EnumSet.copyOf(ActionKind.defaultsFor(spec0)));
        long budgetMs = maxWriteOutage == null
                ? ExploreChecker.defaultBudgetMs(spec0)
                : duration("--max-write-outage", maxWriteOutage);
        String clusterYaml = clusterYaml(spec0);
        ClusterSpec cluster =
                ExploreClusters.parse(clusterFile != null ? clusterFile : Path.of("--nodes"), clusterYaml);
        if (allowDataLoss && actions == null) {
            kinds.add(ActionKind.DELETE_PVC);
        }
        ExploreOptions options = new ExploreOptions(
                runs,
                maxActions,
                seed,
                cluster,
                clusterYaml,
                kinds,
                budgetMs,
                allowDataLoss,
                timingProfile == null
                        ? WorldHooks.STANDARD
                        : WorldHooks.timing(dev.zksim.calibration.TimingProfileFile.read(timingProfile)));
        boolean jsonOnly = "-".equals(json);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter text = jsonOnly ? new PrintWriter(Writer.nullWriter()) : stdout;
        LintReport lint = noLint ? null : Linter.thorough().lintFiles(List.of(manifest));
        ExploreOutput output = new ExploreOutput(manifest, options, lint);
        output.header(text);
        text.flush();

        Explorer explorer = new Explorer(spec0, options);
        boolean terminal = System.console() != null && !jsonOnly;
        long started = System.nanoTime();
        ExploreReport report = explorer.explore((done, total, findings) -> {
            if (terminal && (done % 50 == 0 || done == total)) {
                err.print("\rexplore: " + done + "/" + total + " runs, " + findings + " failing");
                err.flush();
            }
            return System.nanoTime() > deadlineNanos;
        });
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        if (terminal) {
            err.println();
        }
        List<Path> files = new ArrayList<>();
        for (ExploreFinding f : report.findings()) {
            files.add(writeFinding(f, explorer, options));
        }
        output.findings(text, report, files);
        output.coverage(text, report);
        text.flush();
        err.printf(
                "explore: %d runs in %.1f s (%.0f runs/s, %.0f actions/s)%n",
                report.runs(),
                wallMs / 1000.0,
                report.runs() * 1000.0 / Math.max(1, wallMs),
                report.actions() * 1000.0 / Math.max(1, wallMs));
        err.flush();
        if (json != null) {
            String j = output.json(report, files);
            if (jsonOnly) {
                stdout.println(j);
                stdout.flush();
            } else {
                try {
                    Files.writeString(Path.of(json), j + "\n", StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new InvalidInputException(
                            json, 0, "--json", "cannot write the JSON result: " + e.getMessage() + ".");
                }
            }
        }
        return report.findings().isEmpty() ? Main.OK : Main.CHECK_FAILED;
    }

    /** The kinds {@code --actions} lists, checked; empty without the option (the defaults depend on the manifest). */
    private Optional<EnumSet<ActionKind>> askedKinds() {
        if (actions == null) {
            return Optional.empty();
        }
        EnumSet<ActionKind> k = EnumSet.noneOf(ActionKind.class);
        for (String a : actions) {
            ActionKind kind = ActionKind.byName(a)
                    .orElseThrow(() -> new InvalidInputException(
                            null,
                            0,
                            "--actions",
                            "unknown action '" + a.trim() + "'; valid: " + String.join(", ", ActionKind.names())
                                    + "."));
            if (kind == ActionKind.DELETE_PVC && !allowDataLoss) {
                throw new InvalidInputException(
                        null, 0, "--actions", "delete-pvc loses data; add --allow-data-loss" + " to explore it.");
            }
            k.add(kind);
        }
        if (k.stream().allMatch(x -> x == ActionKind.WAIT)) {
            throw new InvalidInputException(null, 0, "--actions", "give at least one action besides wait.");
        }
        return Optional.of(k);
    }

    private static long duration(String option, String text) {
        Long ms = Durations.parseMs(text).orElse(null);
        if (ms == null || ms <= 0) {
            throw new InvalidInputException(
                    null,
                    0,
                    option,
                    "'" + text + "' is not a duration; write a positive"
                            + " number with a unit, e.g. 500ms, 5s, 1m or 1m30s (at most 7 days).");
        }
        return ms;
    }

    /** The {@code cluster:} block of the finding files: from --cluster FILE, or --nodes and the node size. */
    private String clusterYaml(EnsembleSpec spec0) {
        if (clusterFile != null) {
            try {
                return Files.readString(clusterFile, StandardCharsets.UTF_8).stripTrailing();
            } catch (NoSuchFileException e) {
                throw new InvalidInputException(clusterFile.toString(), 0, "--cluster", "no such file.");
            } catch (IOException e) {
                throw new InvalidInputException(
                        clusterFile.toString(), 0, "--cluster", "cannot read the file: " + e.getMessage() + ".");
            }
        }
        int n = nodes != null ? nodes : spec0.statefulSet().replicas() + 1;
        if (n < 1 || n > 250) {
            throw new InvalidInputException(null, 0, "--nodes", "'" + n + "' is not a node count; give 1 to 250.");
        }
        return ExploreClusters.uniformYaml(n, nodeCpu, nodeMemory);
    }

    private Path writeFinding(ExploreFinding f, Explorer explorer, ExploreOptions options) {
        Path dir = out.toAbsolutePath().normalize();
        Path file = dir.resolve(f.fileName(seed));
        String manifestRef =
                dir.relativize(manifest.toAbsolutePath().normalize()).toString().replace('\\', '/');
        String text = new FindingScenarioWriter(
                        f,
                        seed,
                        manifestRef,
                        options.clusterYaml(),
                        options.maxWriteOutageMs(),
                        explorer.livenessBoundMs(),
                        commandLine())
                .render();
        try {
            Files.createDirectories(dir);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(
                    file.toString(), 0, "--out", "cannot write the finding: " + e.getMessage() + ".");
        }
        return out.resolve(f.fileName(seed)).normalize();
    }

    /** The command as the user would type it, for the finding files' comment (options that change the search). */
    private String commandLine() {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("--runs", String.valueOf(runs));
        opts.put("--seed", String.valueOf(seed));
        if (maxActions != ExploreOptions.DEFAULT_MAX_ACTIONS) {
            opts.put("--max-actions", String.valueOf(maxActions));
        }
        if (nodes != null) {
            opts.put("--nodes", String.valueOf(nodes));
        }
        if (clusterFile != null) {
            opts.put("--cluster", clusterFile.toString());
        }
        if (actions != null) {
            opts.put("--actions", String.join(",", actions));
        }
        if (maxWriteOutage != null) {
            opts.put("--max-write-outage", maxWriteOutage);
        }
        StringBuilder sb = new StringBuilder("zksim explore " + manifest);
        opts.forEach((k, v) -> sb.append(' ').append(k).append(' ').append(v));
        if (allowDataLoss) {
            sb.append(" --allow-data-loss");
        }
        return sb.toString();
    }
}
