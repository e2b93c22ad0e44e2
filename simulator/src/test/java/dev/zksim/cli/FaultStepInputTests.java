package dev.zksim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input to the network-fault steps is refused before anything runs: exit 2 and one paragraph naming the file,
 * the line and the field. Healing with nothing to heal is not an error, and says so.
 */
class FaultStepInputTests {

    private static Path scenario(Path dir, String step) throws IOException {
        return CliRun.writeScenario(
                dir.resolve("fault.yaml"), CliRun.manifest("zookeeper.yaml"), 4, "  - apply:\n" + step + "\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            '  - isolate: zk-7'                                               | 6 | steps[1].isolate | no pod zk-7 in this scenario: its StatefulSet makes at most 3 pods (zk-0, zk-1, zk-2).
            '  - pause-process: kafka-0'                                      | 6 | steps[1].pause-process | no pod kafka-0 in this scenario
            '  - resume-process: zk-3'                                        | 6 | steps[1].resume-process | no pod zk-3 in this scenario
            '  - slow-link: {from: zk-0, to: zk-9, delay: 50ms}'              | 6 | steps[1].slow-link | no pod zk-9 in this scenario
            '  - drop-link: {from: zk-5, to: zk-1}'                           | 6 | steps[1].drop-link | no pod zk-5 in this scenario
            '  - partition: {groups: [[zk-0], [zk-1, zk-4]]}'                 | 6 | steps[1].partition | no pod zk-4 in this scenario
            '  - partition-node: {nodeOf: zk-8}'                              | 6 | steps[1].partition-node | no pod zk-8 in this scenario
            '  - partition: {groups: [[zk-0, zk-1], [zk-1, zk-2]]}'           | 6 | steps[1].partition.groups[1] | pod zk-1 is listed twice (also in group 0)
            '  - partition: {groups: [[zk-0], []]}'                           | 6 | steps[1].partition.groups[1] | a group needs at least one pod
            '  - slow-link: {from: zk-0, to: zk-1, delay: -50ms}'             | 6 | steps[1].slow-link.delay | the delay must be positive, e.g. 50ms; found '-50ms'.
            '  - slow-link: {from: zk-0, to: zk-1, delay: 0ms}'               | 6 | steps[1].slow-link.delay | the duration must be greater than zero.
            '  - slow-link: {from: zk-0, to: zk-0, delay: 5ms}'               | 6 | steps[1].slow-link.to | 'from' and 'to' are both zk-0
            '  - heal: zk-1'                                                  | 6 | steps[1].heal | this step takes no arguments
            """)
    void badFaultStepsAreExitTwoWithOneParagraph(String step, int line, String field, String problem, @TempDir Path dir)
            throws IOException {
        Path file = scenario(dir, step);
        CliRun r = CliRun.zksim("run", file.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.out()).doesNotContain(">> step");
        assertThat(r.err())
                .startsWith("zksim: " + file + ":" + line + ": " + field + ": ")
                .contains(problem)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(r.err().strip()).doesNotContain("\n");
    }

    @Test
    void healingWithNothingToHealIsFineAndSaysSo(@TempDir Path dir) throws IOException {
        Path file = scenario(dir, """
                  - wait: {until: all-ready, timeout: 5m}
                  - heal:
                  - resume-process: zk-0
                """);
        CliRun r = CliRun.zksim("run", file.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("nothing to heal: no partition, slow or dropped link is in place")
                .contains("zk-0 is not paused: nothing to resume")
                .endsWith("result    PASSED\n");
    }
}
