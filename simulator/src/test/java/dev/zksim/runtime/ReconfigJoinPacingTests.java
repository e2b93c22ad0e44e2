package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.cli.CliRun;
import dev.zksim.model.manifest.ManifestLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The reconfig manifest's join loop tells the runtime's {@link RealContainerRuntime.PreStopListener} when each try
 * starts and ends, as a preStop hook does, so that the real engine runs Kubernetes time in real time while the try's
 * real ZooKeeper calls run (issue #15: at 100x, a scenario's 5 s pause after a pod turned Ready ended before a try
 * under load had added the server, and {@code expect-members} found it missing).
 */
class ReconfigJoinPacingTests {
    @Test
    void eachJoinTryIsReportedStartedAndEnded() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        try (RealEnsemble zk = new RealEnsemble(
                ManifestLoader.loadStrict(CliRun.manifest("zookeeper-reconfig.yaml")), RuntimeOptions.defaults())) {
            zk.runtime.setPreStopListener(new RealContainerRuntime.PreStopListener() {
                @Override
                public void joinTryStarted(String pod) {
                    started.incrementAndGet();
                }

                @Override
                public void joinTryEnded(String pod) {
                    ended.incrementAndGet();
                }

                @Override
                public void started(String pod) {}

                @Override
                public void ended(String pod) {}
            });
            // zk-0 with no ensemble answering starts alone; its loop tries at once and then every 2 s (a try that
            // finds no serving server or its own line in the config is over quickly; either counts)
            zk.start(0, 0, 0);
            assertThat(Awaits.until(() -> started.get() >= 1, RealEnsemble.STARTUP_TIMEOUT_MS, 5))
                    .as("a join try reported started")
                    .isTrue();
            assertThat(Awaits.until(() -> ended.get() == started.get(), RealEnsemble.STARTUP_TIMEOUT_MS, 5))
                    .as("every try reported ended: %d started, %d ended", started.get(), ended.get())
                    .isTrue();
        }
    }

    @AfterAll
    static void nothingListensAfterTheRun() {
        ListeningSockets.assertNoneLeft();
    }
}
