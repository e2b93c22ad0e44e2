package dev.zksim.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's files (manifests, scenarios) from wherever a benchmark runs: the system property
 * {@code zksim.root} if set, else the first directory at or above the working directory that holds
 * {@code k8s-manifests/} (JMH forks inherit the working directory of {@code benchmarks/run.sh}, the smoke test runs
 * in {@code benchmarks/}).
 */
final class RepoFiles {
    private RepoFiles() {}

    /** {@code relative} under the project root; fails naming where it looked. */
    static Path file(String relative) {
        String configured = System.getProperty("zksim.root");
        if (configured != null) {
            return requireFile(Path.of(configured).resolve(relative));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("k8s-manifests"))) {
                return requireFile(dir.resolve(relative));
            }
        }
        throw new IllegalStateException("no k8s-manifests/ at or above "
                + Path.of("").toAbsolutePath() + "; run from the zksim checkout or pass -Dzksim.root=DIR");
    }

    private static Path requireFile(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("benchmark input missing: " + p);
        }
        return p;
    }
}
