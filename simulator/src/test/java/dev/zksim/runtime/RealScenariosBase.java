package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped scenario passes in the real engine — real ZooKeeper 3.9.4 servers under the Kubernetes model — with the
 * same expectations as in the model engine, through the CLI exactly as a user runs it ({@code zksim run FILE --engine
 * real --report DIR}); and nothing is left listening afterwards.
 *
 * <p>The scenarios are dealt round-robin to {@value #SHARDS} test classes ({@link RealScenariosShard0Tests} ...), so surefire's
 * forks run them side by side: each run mostly waits on ZooKeeper's timers and claims its own loopback subnet.
 */
abstract class RealScenariosBase {
    static final int SHARDS = 6;

    /** The shipped scenarios with {@code index % SHARDS == shard}, in file-name order. */
    static Stream<Path> scenarios(int shard) throws IOException {
        Path dir = CliRun.root().resolve("scenarios");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all =
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(all).as("scenarios in %s", dir).hasSizeGreaterThanOrEqualTo(7);
            return java.util.stream.IntStream.range(0, all.size())
                    .filter(i -> i % SHARDS == shard)
                    .mapToObj(all::get);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shard")
    void passesInTheRealEngine(Path scenario, @TempDir Path report) {
        CliRun r = CliRun.zksim("run", scenario.toString(), "--engine", "real", "--report", report.toString());
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.out()).contains("result    PASSED").doesNotContain("threads still alive");
        assertThat(report.resolve("index.html")).isRegularFile();
        assertThat(report.resolve("logs/zk-0.log")).isRegularFile();
    }

    @AfterAll
    static void nothingListensAfterTheRuns() {
        ListeningSockets.assertNoneLeft();
    }
}
