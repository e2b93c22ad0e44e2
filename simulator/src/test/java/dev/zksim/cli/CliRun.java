package dev.zksim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@code zksim} command line run through {@link Main#run} as a user runs it, with what it printed: the one way the
 * simulator's tests drive the CLI. Also finds the repository's {@code scenarios/} and {@code k8s-manifests/}, wherever
 * the test runs from (surefire runs in the module directory, an IDE may not).
 */
public record CliRun(int code, String out, String err) {

    /** Runs {@code zksim ARGS...}. */
    public static CliRun zksim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs {@code zksim ARGS...}. */
    public static CliRun zksim(List<String> args) {
        return zksim(args.toArray(String[]::new));
    }

    /** The exit code with both streams, for an assertion's description. */
    public String describe() {
        return "exit code " + code + "; stdout:\n" + out + "\nstderr:\n" + err;
    }

    /**
     * Writes a scenario to {@code file} (its name is the file's, without {@code .yaml}): {@code manifest}, {@code nodes}
     * nodes of 2 CPUs and 4Gi, then {@code steps}, YAML list items as they stand under {@code steps:} (indented by
     * two). The first step is on line 5.
     */
    public static Path writeScenario(Path file, Object manifest, int nodes, String steps) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        return Files.writeString(
                file,
                "name: " + name + "\nmanifest: " + manifest + "\ncluster: {nodes: {count: " + nodes
                        + ", cpu: 2, memory: 4Gi}}\nsteps:\n" + steps);
    }

    /** The repository's root: the nearest directory at or above the working directory with both. */
    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("scenarios")) && Files.isDirectory(p.resolve("k8s-manifests"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no scenarios/ and k8s-manifests/ above " + Path.of("").toAbsolutePath());
    }

    /** {@code scenarios/NAME} of the repository. */
    public static Path scenario(String name) {
        return root().resolve("scenarios").resolve(name);
    }

    /** {@code k8s-manifests/NAME} of the repository. */
    public static Path manifest(String name) {
        return root().resolve("k8s-manifests").resolve(name);
    }
}
