package dev.zksim.benchmarks;

import dev.zksim.runtime.FileTrees;
import dev.zksim.runtime.JvmHostsFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmarks jar's entry point: JMH's own command line ({@code -l}, {@code -p}, {@code -rf json}, a regexp, ...),
 * with the flags every forked JVM needs to host real ensembles. zksim's cluster DNS is a hosts file the JDK reads
 * from its first lookup on, with the address cache off (docs/real-engine.md, "Cluster DNS"); a JMH fork resolves
 * names before any benchmark code runs, so the flags of {@link JvmHostsFile#forkArguments} go on the fork's command
 * line. Forks run one after another, so they share one directory; each fork takes the file's lock while it runs.
 */
public final class BenchmarksMain {
    private BenchmarksMain() {}

    public static void main(String[] args) throws Exception {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (!all.contains("-jvmArgsAppend")) {
            Path dir = Files.createTempDirectory("zksim-bench-dns-");
            // the forks add a lock file next to the hosts file; all forks have ended when this JVM exits
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "zksim-bench-dns-cleanup"));
            List<String> flags = JvmHostsFile.forkArguments(dir);
            all.add(0, "-jvmArgsAppend");
            all.add(1, String.join(" ", flags));
        }
        org.openjdk.jmh.Main.main(all.toArray(String[]::new));
    }

    private static void deleteTree(Path dir) {
        try {
            FileTrees.deleteRecursively(dir);
        } catch (UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
