package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.scenario.engine.ClientTarget;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two simulations of the same manifest (same pod names, namespace, ports) in one JVM at the same time: each gets its
 * own subnet, cluster domain, directories and log files, and neither sees the other's data.
 */
class ParallelSimulationsTests {

    @Test
    void twoEnsemblesOfTheSameManifestRunSideBySide() throws Exception {
        try (RealEnsemble a = new RealEnsemble(3);
                RealEnsemble b = new RealEnsemble(3)) {
            CompletableFuture<String> leaderA = CompletableFuture.supplyAsync(a::startAll);
            CompletableFuture<String> leaderB = CompletableFuture.supplyAsync(b::startAll);
            leaderA.get(60, TimeUnit.SECONDS);
            leaderB.get(60, TimeUnit.SECONDS);

            assertThat(a.runtime.cidr()).isNotEqualTo(b.runtime.cidr());
            assertThat(a.runtime.dns().clusterDomain())
                    .isNotEqualTo(b.runtime.dns().clusterDomain());
            assertThat(a.runtime.root()).isNotEqualTo(b.runtime.root());

            CompletableFuture<ClientResult> wa = CompletableFuture.supplyAsync(
                    () -> a.runtime.clients().write(ClientTarget.service("zk-cs"), "/hello", "from-a", 10_000));
            CompletableFuture<ClientResult> wb = CompletableFuture.supplyAsync(
                    () -> b.runtime.clients().write(ClientTarget.service("zk-cs"), "/hello", "from-b", 10_000));
            assertThat(wa.get(20, TimeUnit.SECONDS).acknowledged()).isTrue();
            assertThat(wb.get(20, TimeUnit.SECONDS).acknowledged()).isTrue();
            for (String pod : List.of("zk-0", "zk-1", "zk-2")) {
                assertThat(a.runtime
                                .clients()
                                .read(ClientTarget.pod(pod), "/hello", true, 10_000)
                                .valueRead())
                        .contains("from-a");
                assertThat(b.runtime
                                .clients()
                                .read(ClientTarget.pod(pod), "/hello", true, 10_000)
                                .valueRead())
                        .contains("from-b");
            }

            String prefixA = a.runtime.cidr().substring(0, a.runtime.cidr().lastIndexOf('.') + 1);
            String prefixB = b.runtime.cidr().substring(0, b.runtime.cidr().lastIndexOf('.') + 1);
            String logA = Files.readString(a.runtime.logFile("zk-0"));
            String logB = Files.readString(b.runtime.logFile("zk-0"));
            assertThat(logA)
                    .contains(prefixA)
                    .doesNotContain(prefixB)
                    .doesNotContain("svc." + b.runtime.dns().clusterDomain());
            assertThat(logB)
                    .contains(prefixB)
                    .doesNotContain(prefixA)
                    .doesNotContain("svc." + a.runtime.dns().clusterDomain());
            assertThat(logA.lines().filter(l -> l.matches("^\\d{4}-.*")))
                    .allSatisfy(l -> assertThat(l).contains("[myid:1]"));
        }
    }
}
