package dev.zksim.model.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import org.junit.jupiter.api.Test;

class TimingRulesTests {

    @Test
    void theTutorialTypoSyncLimit2000IsAnError() {
        var f = EnsembleFixture.tutorial().syncLimit(2000);
        assertThat(Lint.of(f, "sync-limit-out-of-range")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.path()).isEqualTo("spec.template.spec.containers[0].command --sync_limit");
            assertThat(x.message()).contains("syncLimit=2000 × tickTime=2000 ms = 4000 s");
        });
    }

    @Test
    void syncWindowThresholds() {
        assertThat(Lint.of(EnsembleFixture.tutorial().syncLimit(30), "sync-limit-out-of-range")) // 60 s
                .isEmpty();
        assertThat(Lint.of(EnsembleFixture.tutorial().syncLimit(31), "sync-limit-out-of-range")) // 62 s
                .singleElement()
                .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.WARNING));
        assertThat(Lint.of(EnsembleFixture.tutorial().syncLimit(300), "sync-limit-out-of-range")) // 600 s
                .singleElement()
                .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.ERROR));
        assertThat(Lint.of(EnsembleFixture.tutorial().tickTimeMs(200).initLimit(100), "sync-limit-out-of-range")) // 1 s
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.severity()).isEqualTo(Severity.WARNING);
                    assertThat(x.message()).contains("= 1 s", "needless elections");
                });
        assertThat(Lint.of(EnsembleFixture.tutorial().syncLimit(1), "sync-limit-out-of-range"))
                .isEmpty(); // 2 s
    }

    @Test
    void zeroLimitsStopZooKeeperFromStarting() {
        assertThat(Lint.of(EnsembleFixture.tutorial().syncLimit(0), "sync-limit-out-of-range"))
                .singleElement()
                .satisfies(x -> assertThat(x.message()).contains("syncLimit is not set"));
        assertThat(Lint.of(EnsembleFixture.tutorial().initLimit(0), "init-limit-out-of-range"))
                .singleElement()
                .satisfies(x -> assertThat(x.message()).contains("initLimit is not set"));
        // a standalone server ignores both
        assertThat(Lint.of(EnsembleFixture.ofSize(1).syncLimit(0), "sync-limit-out-of-range"))
                .isEmpty();
    }

    @Test
    void initWindowThresholds() {
        assertThat(Lint.of(EnsembleFixture.tutorial().initLimit(150), "init-limit-out-of-range"))
                .isEmpty(); // 300 s
        assertThat(Lint.of(EnsembleFixture.tutorial().initLimit(151), "init-limit-out-of-range"))
                .singleElement()
                .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.WARNING));
        assertThat(Lint.of(EnsembleFixture.tutorial().initLimit(2000), "init-limit-out-of-range"))
                .singleElement()
                .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.ERROR));
        assertThat(Lint.of(
                        EnsembleFixture.tutorial().tickTimeMs(100).syncLimit(20).initLimit(19),
                        "init-limit-out-of-range"))
                .singleElement()
                .satisfies(x -> assertThat(x.message()).contains("= 1.9 s"));
    }

    @Test
    void initLimitBelowSyncLimitIsAWarning() {
        assertThat(Lint.of(EnsembleFixture.tutorial().initLimit(4), "init-limit-below-sync-limit"))
                .singleElement()
                .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.WARNING));
        assertThat(Lint.of(EnsembleFixture.tutorial().initLimit(5), "init-limit-below-sync-limit"))
                .isEmpty();
    }

    @Test
    void minAboveMaxSessionTimeoutIsAnError() {
        // the kubernetes-zookeeper README documents the two defaults swapped; following it gives this
        var f = EnsembleFixture.tutorial().sessionTimeoutsMs(40000, 4000);
        assertThat(Lint.of(f, "session-timeout-bounds")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.path()).endsWith("--min_session_timeout");
            assertThat(x.message()).contains("minSessionTimeout must not be larger than maxSessionTimeout");
        });
    }

    @Test
    void boundsOutsideTwoToTwentyTicksAreInfo() {
        var f = EnsembleFixture.tutorial().sessionTimeoutsMs(1000, 600000);
        assertThat(Lint.of(f, "session-timeout-bounds")).hasSize(2).allSatisfy(x -> assertThat(x.severity())
                .isEqualTo(Severity.INFO));
        assertThat(Lint.of(EnsembleFixture.tutorial().sessionTimeoutsMs(4000, 40000), "session-timeout-bounds"))
                .isEmpty();
    }

    @Test
    void purgeDisabledIsInfo() {
        assertThat(Lint.of(EnsembleFixture.tutorial().purgeIntervalHours(0), "purge-disabled"))
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.severity()).isEqualTo(Severity.INFO);
                    assertThat(x.path()).endsWith("--purge_interval");
                });
    }
}
