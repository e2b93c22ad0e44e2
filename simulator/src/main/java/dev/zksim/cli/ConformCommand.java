package dev.zksim.cli;

import dev.zksim.conformance.AgreementTable;
import dev.zksim.conformance.ConformanceGenerator;
import dev.zksim.conformance.ConformanceRunner;
import dev.zksim.conformance.Disagreement;
import dev.zksim.model.InvalidInputException;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ManifestLoader;
import dev.zksim.model.scenario.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zksim conform --scenarios N --seed S --out DIR [--parallel K] [--manifest F] [--actions A]
 * [--tolerance T]}: the model checked against real ZooKeeper servers (docs/conformance.md). Generates N scenarios with
 * explore's generator, runs each in both engines, compares their per-step ZooKeeper facts, prints a line per scenario
 * and the agreement table, writes every disagreeing scenario to DIR (and the table to DIR/agreement.txt). Exit 0 when
 * leader, writability, data and lost writes agreed in at least 99 % of their comparisons, 1 when not, 2 bad input.
 */
@Command(
        name = "conform",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Checks the model against real ZooKeeper servers: generates random scenarios with explore's generator,"
                    + " runs each in both engines, compares leader, writability, data, lost writes, elections and"
                    + " timings step by step, prints the agreement table and writes every disagreeing scenario to"
                    + " --out as a replayable file. docs/conformance.md.",
            "Exit codes: 0 at least 99%% agreement on leader, writability, data and lost writes, 1 below, 2 bad"
                    + " input, 3 internal error."
        })
public final class ConformCommand implements Callable<Integer> {
    /** The agreement the exit code asks for on the targeted facts. */
    static final double TARGET_PERCENT = 99.0;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--scenarios",
            paramLabel = "N",
            defaultValue = "10",
            description = "Scenarios (default ${DEFAULT-VALUE}).")
    int scenarios;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "1",
            description = "The generator's seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "conformance-out",
            description = "Where disagreeing scenarios and the table go (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--parallel",
            paramLabel = "K",
            defaultValue = "1",
            description = "Scenarios run at once, 1 to 8 (each real run is an ensemble of real servers; default"
                    + " ${DEFAULT-VALUE}).")
    int parallel;

    @Option(
            names = "--manifest",
            paramLabel = "F",
            defaultValue = "k8s-manifests/zookeeper.yaml",
            description = "The manifest every scenario applies (default ${DEFAULT-VALUE}).")
    Path manifest;

    @Option(
            names = "--actions",
            paramLabel = "A",
            defaultValue = "4",
            description = "Generated actions per scenario, waits not counted, 1 to 50 (default ${DEFAULT-VALUE}).")
    int actions;

    @Option(
            names = "--tolerance",
            paramLabel = "T",
            defaultValue = "1500ms",
            description = "How far a timing may be off and still agree (default ${DEFAULT-VALUE}).")
    String tolerance;

    @Override
    public Integer call() {
        if (scenarios < 1 || scenarios > 100_000) {
            throw new InvalidInputException(
                    null, 0, "--scenarios", "'" + scenarios + "' is not a number of scenarios; give 1 to 100,000.");
        }
        if (parallel < 1 || parallel > 8) {
            throw new InvalidInputException(
                    null,
                    0,
                    "--parallel",
                    "'" + parallel + "' scenarios at once is not possible here; give 1 to 8 (each is an ensemble of"
                            + " real servers).");
        }
        if (actions < 1 || actions > 50) {
            throw new InvalidInputException(
                    null, 0, "--actions", "'" + actions + "' is not a number of actions; give 1 to 50.");
        }
        Long toleranceMs = Durations.parseMs(tolerance).orElse(null);
        if (toleranceMs == null || toleranceMs < 0) {
            throw new InvalidInputException(
                    null,
                    0,
                    "--tolerance",
                    "'" + tolerance + "' is not a duration; write a number with a unit, e.g. 1500ms or 2s.");
        }
        OutputTargets.checkDirectory(out, "--out");
        EnsembleSpec spec0 = ManifestLoader.loadStrict(manifest);
        ConformanceGenerator generator = new ConformanceGenerator(
                spec0, manifest, seed, actions, Math.max(3, spec0.statefulSet().replicas() + 1));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("conform: " + scenarios + " scenarios, seed " + seed + ", " + actions + " actions each, "
                + parallel + " at a time, tolerance " + toleranceMs + " ms; manifest " + manifest);
        stdout.flush();
        ConformanceRunner runner = new ConformanceRunner(generator, toleranceMs, out, parallel);
        ConformanceRunner.Report report = runner.run(scenarios, r -> {
            stdout.println(String.format(
                    java.util.Locale.ROOT,
                    "  %-24s %6.1f s  %s",
                    r.scenario().fileName(),
                    r.wallMs() / 1000.0,
                    r.error()
                            .map(e -> "ERROR " + e)
                            .orElse(
                                    r.outcome().disagreements().isEmpty()
                                            ? "agree"
                                            : r.outcome().disagreements().size() + " disagreement(s), written out")));
            r.outcome().disagreements().stream().map(Disagreement::describe).forEach(d -> stdout.println("      " + d));
            stdout.flush();
        });
        AgreementTable table = report.table();
        long disagreeing = report.cases().stream()
                .filter(ConformanceRunner.CaseResult::disagrees)
                .count();
        String summary = table.render()
                + String.format(
                        java.util.Locale.ROOT,
                        "%d scenarios in %.1f s (parallel %d); %d with a disagreement or error, written to %s%n",
                        report.cases().size(),
                        report.wallMs() / 1000.0,
                        parallel,
                        disagreeing,
                        out);
        stdout.println();
        stdout.print(summary);
        stdout.flush();
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("agreement.txt"), summary, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(
                    out.toString(), 0, "--out", "cannot write agreement.txt: " + e.getMessage());
        }
        return table.meets(TARGET_PERCENT) ? Main.OK : Main.CHECK_FAILED;
    }
}
