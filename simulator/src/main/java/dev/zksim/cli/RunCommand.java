package dev.zksim.cli;

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
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zksim run SCENARIO [--engine model] [--seed N] [--json FILE|-]}: runs a scenario (docs/scenarios.md) and
 * prints the pod timeline, the events and a verdict per expectation. Exit 0 when every expectation held, 1 when one
 * failed (the report names the step, its line, expected and actual), 2 for a bad scenario or manifest, 3 for an
 * internal error.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Runs a scenario: prints the pod timeline like 'kubectl get pods -w', the events, and a"
                + " PASS/FAIL/SKIP line per expectation.",
                "Exit codes: 0 every expectation held, 1 an expectation failed, 2 bad scenario or manifest,"
                        + " 3 internal error."})
public final class RunCommand implements Callable<Integer> {
    /** What {@code --engine real} answers until the real engine is built in. */
    static final String REAL_NOT_AVAILABLE = "the real engine is not available in this build yet; use --engine model.";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file (YAML).")
    Path scenario;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "model",
            description = "model (virtual time, deterministic) or real (real ZooKeeper servers). Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--seed", paramLabel = "N",
            description = "The run's seed (default: the scenario's 'seed', else " + Scenario.DEFAULT_SEED + ").")
    Long seed;

    @Option(names = "--json", paramLabel = "FILE|-",
            description = "Also write the result as JSON to FILE; '-' writes it to standard output instead of the"
                    + " text report.")
    String json;

    private final Map<String, EngineFactory> engines;

    /** The engines built into this build. */
    public RunCommand() {
        this(defaultEngines());
    }

    RunCommand(Map<String, EngineFactory> engines) {
        this.engines = engines;
    }

    /**
     * The engines by {@code --engine} name, in the order they are listed: the extension point where the real engine
     * (simulator module) and the Zab backend of the model engine plug in.
     */
    static Map<String, EngineFactory> defaultEngines() {
        Map<String, EngineFactory> m = new LinkedHashMap<>();
        m.put(ModelEngine.NAME, ModelEngine.factory(ZabBackend.FACTORY));
        m.put("real", unavailable("real", REAL_NOT_AVAILABLE));
        return m;
    }

    /** An engine name that is known but cannot run in this build. */
    static EngineFactory unavailable(String name, String why) {
        return new EngineFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Engine create(EngineSetup setup) {
                throw new InvalidInputException(null, 0, "--engine", why);
            }
        };
    }

    @Override
    public Integer call() {
        EngineFactory factory = engines.get(engine);
        if (factory == null) {
            throw new InvalidInputException(null, 0, "--engine", "unknown engine '" + engine + "'; valid: "
                    + String.join(", ", engines.keySet()) + ".");
        }
        Scenario s = ScenarioParser.parse(scenario);
        long runSeed = s.seedOr(seed == null ? OptionalLong.empty() : OptionalLong.of(seed));
        boolean jsonToStdout = "-".equals(json);
        RunObserver observer = jsonToStdout ? RunObserver.NONE : new TextReport(spec.commandLine().getOut());
        RunResult result;
        try (Engine e = factory.create(new EngineSetup(s.cluster(), s.timing(), runSeed))) {
            result = ScenarioRunner.create(e, observer).run(s, runSeed);
        }
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
            throw new InvalidInputException(file.toString(), 0, "--json", "cannot write the JSON result: "
                    + e.getMessage() + ".");
        }
    }
}
