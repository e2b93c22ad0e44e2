package dev.zksim.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** start-zookeeper's getopts parsing and the ways a container command can run it. */
class StartZookeeperCommandTests {

    @Test
    void defaultsAreTheScripts() {
        ZkConfig d = StartZookeeperCommand.defaults();
        assertThat(d)
                .isEqualTo(new ZkConfig(
                        1,
                        "/var/lib/zookeeper/data",
                        "/var/lib/zookeeper/log",
                        "/var/log/zookeeper",
                        "/opt/zookeeper/conf",
                        2181,
                        3888,
                        2888,
                        2000,
                        10,
                        5,
                        "2G",
                        2L << 30,
                        60,
                        3,
                        0,
                        4000,
                        40000,
                        "INFO",
                        List.of()));
    }

    @Test
    void findsTheScriptInTheCommandFormsPeopleUse() {
        List<String> flags = List.of("--servers=3", "--heap=1G");
        assertThat(StartZookeeperCommand.arguments(List.of("sh", "-c", "start-zookeeper --servers=3 --heap=1G")))
                .contains(flags);
        assertThat(StartZookeeperCommand.arguments(
                        List.of("/bin/bash", "-ec", "exec /usr/bin/start-zookeeper \\\n --servers=3 --heap=1G")))
                .contains(flags);
        assertThat(StartZookeeperCommand.arguments(List.of(
                        "sh",
                        "-c",
                        "ulimit -n 4096 && ZOO_X=1 start-zookeeper '--servers=3' \"--heap=1G\"; echo done")))
                .contains(flags);
        assertThat(StartZookeeperCommand.arguments(List.of("start-zookeeper", "--servers=3", "--heap=1G")))
                .contains(flags);
        assertThat(StartZookeeperCommand.arguments(List.of("/opt/bin/start-zookeeper")))
                .contains(List.of());
        assertThat(StartZookeeperCommand.arguments(List.of("sh", "-c", "echo start-zookeeper")))
                .isEmpty();
        assertThat(StartZookeeperCommand.arguments(List.of("zkServer.sh", "start-foreground")))
                .isEmpty();
        assertThat(StartZookeeperCommand.arguments(List.of("sh", "script.sh"))).isEmpty();
        assertThat(StartZookeeperCommand.arguments(List.of())).isEmpty();
        assertThatThrownBy(() -> StartZookeeperCommand.arguments(List.of("sh", "-c", "start-zookeeper \"--servers=3")))
                .hasMessageContaining("never closed");
    }

    @Test
    void valueIsEverythingAfterTheLastEquals() {
        // ${OPTARG##*=}
        assertThat(StartZookeeperCommand.parse(List.of("--data_dir=/a=/b")).dataDir())
                .isEqualTo("/b");
    }

    @Test
    void lastFlagWinsAndEmptySessionTimeoutsFallBackToTheirDefault() {
        ZkConfig zk = StartZookeeperCommand.parse(
                List.of("--tick_time=1000", "--servers=3", "--servers=5", "--min_session_timeout=", "-v"));
        assertThat(zk.servers()).isEqualTo(5);
        assertThat(zk.minSessionTimeoutMs()).isEqualTo(2000);
        assertThat(zk.maxSessionTimeoutMs()).isEqualTo(20000);
        assertThat(zk.explicitFlags()).containsExactly("tick_time", "servers", "servers", "min_session_timeout");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--foo=1            | Unknown option --foo=1",
                "--servers          | --servers=VALUE",
                "--servers=three    | not a whole number",
                "--servers=0        | at least 1",
                "--tick_time=0      | at least 1 ms",
                "--client_port=70000| not a TCP port",
                "--heap=512MB       | not a JVM heap size",
                "--heap=1.5G        | not a JVM heap size",
                "--init_limit=-1    | not a whole number",
                "--data_dir=        | is empty",
                "-servers=3         | single-letter options",
                "-h                 | usage",
                "servers=3          | stops reading options",
            })
    void rejectsWhatTheScriptRejectsOrSilentlyLoses(String flag, String message) {
        assertThatThrownBy(() -> StartZookeeperCommand.parse(List.of("--servers=3", flag)))
                .isInstanceOf(StartZookeeperCommand.FlagException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((StartZookeeperCommand.FlagException) e).token())
                        .startsWith(flag.replaceAll("=.*", "")));
    }

    @ParameterizedTest
    @CsvSource({"512M,536870912", "2G,2147483648", "2g,2147483648", "1024k,1048576", "4096,4096", "1t,1099511627776"})
    void heapSizesUseJvmBinaryUnits(String heap, long bytes) {
        assertThat(StartZookeeperCommand.heapBytes(heap)).isEqualTo(bytes);
    }
}
