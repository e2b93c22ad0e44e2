package dev.zksim.cli;

import dev.zksim.calibration.TimingProfileFile;
import dev.zksim.engine.real.RealEngine;
import dev.zksim.engine.real.RealEngineSettings;
import dev.zksim.model.InvalidInputException;
import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.cluster.ModelEngine;
import dev.zksim.model.scenario.cluster.ZabBackend;
import dev.zksim.model.scenario.engine.Engine;
import dev.zksim.model.scenario.engine.EngineFactory;
import dev.zksim.model.scenario.engine.EngineSetup;
import dev.zksim.model.scenario.parse.ScenarioParser;
import dev.zksim.model.scenario.run.JsonReport;
import dev.zksim.model.scenario.run.RunObserver;
import dev.zksim.model.scenario.run.RunResult;
import dev.zksim.model.scenario.run.ScenarioRunner;
import dev.zksim.model.scenario.run.TextReport;
import dev.zksim.model.zab.TimingProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zksim run SCENARIO [--engine model|real] [--seed N] [--json FILE|-] [--report DIR] [--time-scale X] [--keep]
 * [--timing-profile FILE]}:
 * runs a scenario (docs/scenarios.md) and prints the pod timeline, the events and a verdict per expectation; the real
 * engine (docs/real-engine.md) ends with a one-line summary of what it measured. Exit 0 when every expectation held,
 * 1 when one failed (the report names the step, its line, expected and actual), 2 for a bad scenario or manifest, 3
 * for an internal error.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a scenario: prints the pod timeline like 'kubectl get pods -w', the events, and a"
                    + " PASS/FAIL/SKIP line per expectation.",
            "Exit codes: 0 every expectation held, 1 an expectation failed, 2 bad scenario or manifest,"
                    + " 3 internal error."
        })
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file (YAML).")
    Path scenario;

    @Option(
            names = "--engine",
            paramLabel = "ENGINE",
            defaultValue = "model",
            description =
                    "model (virtual time, deterministic) or real (real ZooKeeper servers). Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(
            names = "--time-scale",
            paramLabel = "X",
            description = "Real engine: while ZooKeeper is at rest, Kubernetes time runs X times faster than the wall"
                    + " clock (container creation, probes, grace periods, drain retries, the scenario's waits); while"
                    + " a server elects or syncs it runs in real time. ZooKeeper's own timing is never scaled."
                    + " Default: 100.")
    Double timeScale;

    @Option(
            names = "--keep",
            description = "Real engine: keep the simulation's directory (volumes, zoo.cfg files, logs) and print where"
                    + " it is.")
    boolean keep;

    @Option(
            names = "--probe-writes",
            description = "Real engine: after each disruptive step, write through the client Service until ZooKeeper"
                    + " acknowledges, and report 'disruption → first write'. Off by default: a probe write is a"
                    + " ZooKeeper transaction, and a leader that has lost its quorum and not yet noticed logs it, which"
                    + " can make it win the next election where the model, which sends no such write, predicts"
                    + " another leader.")
    boolean probeWrites;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "The run's seed (default: the scenario's 'seed', else " + Scenario.DEFAULT_SEED + ").")
    Long seed;

    @Option(
            names = "--json",
            paramLabel = "FILE|-",
            description = "Also write the result as JSON to FILE; '-' writes it to standard output instead of the"
                    + " text report.")
    String json;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description = "Also write a self-contained HTML report to DIR/index.html (pod lanes, leader, write"
                    + " availability, steps and verdicts) with each pod's log under DIR/logs/ (docs/report.md).")
    Path report;

    @Option(
            names = "--timing-profile",
            paramLabel = "FILE",
            description = "Model engine: use the timing profile in FILE (written by 'zksim calibrate', or by hand:"
                    + " 'field: milliseconds' lines; fields left out keep the default) instead of the default"
                    + " profile (docs/model.md, \"Calibration\").")
    Path timingProfile;

    /** The engines, given the real engine's settings from the options. */
    private final Function<RealEngineSettings, Map<String, EngineFactory>> engines;

    /** The engines built into this build. */
    public RunCommand() {
        this.engines = settings -> defaultEngines(settings, timing());
    }

    RunCommand(Map<String, EngineFactory> engines) {
        this.engines = settings -> engines;
    }

    /**
     * The engines by {@code --engine} name, in the order they are listed: the extension point where the real engine
     * (simulator module) and the Zab backend of the model engine plug in.
     */
    static Map<String, EngineFactory> defaultEngines(RealEngineSettings real) {
        return defaultEngines(real, TimingProfile.ZOOKEEPER_3_9_DEFAULTS);
    }

    /** As {@link #defaultEngines(RealEngineSettings)}, the model engine with the given timing profile. */
    static Map<String, EngineFactory> defaultEngines(RealEngineSettings real, TimingProfile timing) {
        Map<String, EngineFactory> m = new LinkedHashMap<>();
        m.put(ModelEngine.NAME, ModelEngine.factory(ZabBackend.factory(timing)));
        m.put(RealEngine.NAME, RealEngine.factory(real));
        return m;
    }

    /** The model's timing profile: {@code --timing-profile}, else the default. */
    TimingProfile timing() {
        return timingProfile == null ? TimingProfile.ZOOKEEPER_3_9_DEFAULTS : TimingProfileFile.read(timingProfile);
    }

    /** The real engine's settings from the options. */
    RealEngineSettings realSettings() {
        return withTimeScale(RealEngineSettings.defaults().withKeep(keep).withProbeWrites(probeWrites), timeScale);
    }

    /** {@code s} with the {@code --time-scale} option's value, if given (bad input when it is not a time scale). */
    static RealEngineSettings withTimeScale(RealEngineSettings s, Double timeScale) {
        if (timeScale != null) {
            if (!(timeScale > 0) || timeScale > RealEngineSettings.MAX_TIME_SCALE) {
                throw new InvalidInputException(
                        null,
                        0,
                        "--time-scale",
                        "'" + timeScale + "' is not a time scale;"
                                + " give a number above 0 and at most " + (int) RealEngineSettings.MAX_TIME_SCALE
                                + " (1 = real time, 20 = Kubernetes delays 20 times shorter).");
            }
            s = s.withTimeScale(timeScale);
        }
        return s;
    }

    /** Whether the scenario can silence a link (a network fault or a node's power loss): only then the fault layer. */
    static boolean needsFaultLayer(Scenario s) {
        return s.steps().stream()
                .anyMatch(st -> st instanceof dev.zksim.model.scenario.Step.Fault
                        || st instanceof dev.zksim.model.scenario.Step.FailNode);
    }

    @Override
    public Integer call() {
        RealEngineSettings real = realSettings();
        if (timingProfile != null && !ModelEngine.NAME.equals(engine)) {
            throw new InvalidInputException(
                    timingProfile.toString(),
                    0,
                    "--timing-profile",
                    "a timing profile sets the model engine's durations; the " + engine + " engine runs on its own"
                            + " timing. Leave --timing-profile out, or run with --engine model.");
        }
        Map<String, EngineFactory> available = engines.apply(real);
        EngineFactory factory = available.get(engine);
        if (factory == null) {
            throw new InvalidInputException(
                    null,
                    0,
                    "--engine",
                    "unknown engine '" + engine + "'; valid: " + String.join(", ", available.keySet()) + ".");
        }
        Scenario s = ScenarioParser.parse(scenario);
        // The network-fault layer costs a forwarding hop per connection: only runs that can silence a link get it.
        if (!needsFaultLayer(s)) {
            factory = engines.apply(real.withFaultLayer(false)).get(engine);
        }
        if (report != null) {
            // Refuse an unusable report directory before spending a run on it.
            dev.zksim.report.HtmlReport.checkTarget(report);
            OutputTargets.checkDirectory(report, "--report");
        }
        if (json != null && !"-".equals(json)) {
            OutputTargets.checkFile(Path.of(json), "--json");
        }
        long runSeed = s.seedOr(seed == null ? OptionalLong.empty() : OptionalLong.of(seed));
        boolean jsonToStdout = "-".equals(json);
        ReportRecorder observer = new ReportRecorder(
                jsonToStdout
                        ? RunObserver.NONE
                        : new TextReport(spec.commandLine().getOut()));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter summaryOut = jsonToStdout ? spec.commandLine().getErr() : out;
        RunResult result;
        Optional<RealEngine> realEngine = Optional.empty();
        try (Engine e = factory.create(new EngineSetup(s.cluster(), s.timing(), runSeed))) {
            realEngine = e instanceof RealEngine re ? Optional.of(re) : Optional.empty();
            result = ScenarioRunner.create(e, observer).run(s, runSeed);
            realEngine.ifPresent(re -> summaryOut.println(re.summary().line()));
            if (report != null) {
                // Before close: the real engine's logs live in its simulation directory, which close removes.
                Path page = RunReport.write(report, result, e, observer);
                summaryOut.println("report: " + page);
            }
        }
        realEngine.ifPresent(re -> {
            if (!re.leakedThreads().isEmpty()) {
                summaryOut.println("real: threads still alive after the run: " + re.leakedThreads());
            }
            if (keep) {
                summaryOut.println("real: kept " + re.directory() + " (volumes/, pods/, logs/)");
            }
        });
        if (jsonToStdout) {
            JsonReport.write(result, spec.commandLine().getOut());
        } else if (json != null) {
            writeJson(result, Path.of(json));
        }
        return result.passed() ? Main.OK : Main.CHECK_FAILED;
    }

    private static void writeJson(RunResult result, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            JsonReport.write(result, w);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InvalidInputException(
                    file.toString(), 0, "--json", "cannot write the JSON result: " + e.getMessage() + ".");
        }
    }
}
