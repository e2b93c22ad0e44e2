package dev.zksim.cli;

import dev.zksim.model.InvalidInputException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zksim demo}: the Kubernetes ZooKeeper tutorial ({@code scenarios/k8s-tutorial.yaml}, on the bundled
 * {@code k8s-manifests/zookeeper.yaml}) run in the real engine — three real ZooKeeper 3.9.4 servers under the
 * Kubernetes model — with an HTML report. It is {@code zksim run scenarios/k8s-tutorial.yaml --engine real --report
 * zksim-report}, with the scenario found next to the CLI jar of a checkout when the working directory is elsewhere.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the Kubernetes ZooKeeper tutorial (scenarios/k8s-tutorial.yaml) with real ZooKeeper"
                    + " servers and writes an HTML report.",
            "Same as: zksim run scenarios/k8s-tutorial.yaml --engine real --report zksim-report"
        })
public final class DemoCommand implements Callable<Integer> {
    static final String SCENARIO = "scenarios/k8s-tutorial.yaml";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            defaultValue = "zksim-report",
            description = "Where to write the report. Default: ${DEFAULT-VALUE}.")
    Path report;

    @Option(
            names = "--engine",
            paramLabel = "ENGINE",
            defaultValue = "real",
            description = "real (default) or model (virtual time, instant).")
    String engine;

    @Override
    public Integer call() {
        Path scenario = locateScenario();
        List<String> args =
                new ArrayList<>(List.of("run", scenario.toString(), "--engine", engine, "--report", report.toString()));
        // A fresh command line with the CLI's own error handling (exit codes, one-paragraph messages).
        return Main.run(spec.commandLine().getOut(), spec.commandLine().getErr(), args.toArray(String[]::new));
    }

    /** The tutorial scenario: under the working directory, else in the checkout the CLI jar was built in. */
    static Path locateScenario() {
        Path here = Path.of(SCENARIO);
        if (Files.isRegularFile(here)) {
            return here;
        }
        try {
            Path jar = Path.of(DemoCommand.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            // <checkout>/simulator/target/zksim.jar (or .../target/classes when run from the build)
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                Path candidate = p.resolve(SCENARIO);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through to the message below
        }
        throw new InvalidInputException(
                null,
                0,
                null,
                "cannot find " + SCENARIO + ": run 'zksim demo' from the zksim"
                        + " checkout (the directory with scenarios/ and k8s-manifests/), or run a scenario of your own"
                        + " with 'zksim run FILE --engine real --report DIR'.");
    }
}
