package dev.zksim.model.zab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.explore.ActionKind;
import dev.zksim.model.explore.ExploreFinding;
import dev.zksim.model.explore.ExploreFixture;
import dev.zksim.model.explore.ExploreInvariant;
import dev.zksim.model.explore.ExploreReport;
import dev.zksim.model.explore.WorldHooks;
import dev.zksim.model.time.VirtualScheduler;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Explore over the tutorial manifest with a deliberately broken Zab rule finds the violation and shrinks it: proof that
 * the invariants explore reuses from {@link ZabChecker} can fail through explore's runs.
 */
class ExploreBrokenZabTests {

    /** Explore's worlds with the Zab model breaking {@code rule}, on the timings the broken-rule searches were tuned on. */
    static WorldHooks breaking(BrokenRule rule) {
        return new WorldHooks() {
            @Override
            public ZabModel zab(VirtualScheduler scheduler, long seed) {
                return new ZabModel(
                        scheduler,
                        ZabOptions.defaults(seed).withTiming(TimingProfile.FIRST_ESTIMATES),
                        EnumSet.of(rule));
            }
        };
    }

    @ParameterizedTest(name = "{0} breaks {1}")
    @CsvSource({
        "COMMIT_WITHOUT_QUORUM, ACKNOWLEDGED_WRITES_KEPT",
        "LEADER_BY_LOWEST_SID,  ONE_LEADER_PER_EPOCH",
    })
    void brokenRuleIsFoundAndShrunk(BrokenRule rule, ExploreInvariant expected) {
        ExploreFixture fx = ExploreFixture.of(
                        Path.of("..", "k8s-manifests", "zookeeper.yaml"), 4, ActionKind.defaults(), 0, 100)
                .withHooks(breaking(rule));
        ExploreReport r = fx.explore();
        ExploreFinding f = r.findings().stream()
                .filter(x -> x.violation().invariant() == expected)
                .findFirst()
                .orElseThrow(() -> new AssertionError(rule + ": no " + expected + " finding in " + r.findings()));
        assertThat(f.storyActions()).isLessThanOrEqualTo(8);
        assertThat(fx.explorer().execute(f.actions(), f.runSeed()).violation())
                .get()
                .extracting(v -> v.invariant())
                .isEqualTo(expected);
        // the same search with the correct rules breaks no safety invariant
        assertThat(ExploreFixture.of(Path.of("..", "k8s-manifests", "zookeeper.yaml"), 4, ActionKind.defaults(), 0, 100)
                        .explore()
                        .safetyFinding())
                .isFalse();
    }
}
