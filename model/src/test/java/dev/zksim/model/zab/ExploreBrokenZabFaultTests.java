package dev.zksim.model.zab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.explore.ActionKind;
import dev.zksim.model.explore.ExploreFinding;
import dev.zksim.model.explore.ExploreFixture;
import dev.zksim.model.explore.ExploreInvariant;
import dev.zksim.model.explore.ExploreReport;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A broken Zab rule found through network faults alone: a leader that commits without a quorum, cut off by a partition
 * while clients write, loses acknowledged writes once a new leader is elected on the other side.
 */
class ExploreBrokenZabFaultTests {
    static final Set<ActionKind> PARTITIONS =
            EnumSet.of(ActionKind.PARTITION, ActionKind.ISOLATE, ActionKind.HEAL, ActionKind.WRITE);

    @Test
    void commitWithoutQuorumIsFoundThroughAPartition() {
        Path tutorial = Path.of("..", "k8s-manifests", "zookeeper.yaml");
        ExploreFixture fx = ExploreFixture.of(tutorial, 4, PARTITIONS, 0, 100)
                .withHooks(ExploreBrokenZabTests.breaking(BrokenRule.COMMIT_WITHOUT_QUORUM));
        ExploreReport r = fx.explore();
        ExploreFinding f = r.findings().stream()
                .filter(x -> x.violation().invariant() == ExploreInvariant.ACKNOWLEDGED_WRITES_KEPT)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no acknowledged-writes-kept finding in " + r.findings()));
        assertThat(f.storyActions()).isLessThanOrEqualTo(8);
        assertThat(f.trace())
                .filteredOn(e -> e.executed())
                .anyMatch(e ->
                        e.action().kind() == ActionKind.PARTITION || e.action().kind() == ActionKind.ISOLATE);
        // the same search with the correct rules breaks no safety invariant
        assertThat(ExploreFixture.of(tutorial, 4, PARTITIONS, 0, 100).explore().safetyFinding())
                .isFalse();
    }
}
