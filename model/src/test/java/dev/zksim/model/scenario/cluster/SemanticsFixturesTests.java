package dev.zksim.model.scenario.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.scenario.Step;
import dev.zksim.model.scenario.parse.ScenarioParser;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixtures that pin the scenario semantics of docs/scenarios.md (when an action returns, what
 * {@code expect-rollout-order} records) pass in the model engine; simulator's {@code EngineAgreementTests} runs the
 * ones that concern ZooKeeper in the real engine too.
 */
class SemanticsFixturesTests {
    static final Path FIXTURES = Path.of("src", "test", "resources", "scenarios", "semantics");

    @Test
    void deletePodWaitsUnlessTold() {
        var steps = ScenarioParser.parse(FIXTURES.resolve("delete-pod-waits.yaml")).steps().stream()
                .filter(s -> s instanceof Step.DeletePod)
                .map(s -> (Step.DeletePod) s)
                .toList();
        assertThat(steps).extracting(Step.DeletePod::waitForDeletion).containsExactly(true, false);
        assertThat(steps.get(1).describe()).isEqualTo("delete-pod zk-1 --wait=false");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"delete-pod-waits.yaml", "rollout-order-restarts-at-every-patch.yaml"})
    void passesInTheModelEngine(String file) {
        ShippedScenariosTests.Run run =
                ShippedScenariosTests.run(ScenarioParser.parse(FIXTURES.resolve(file)), OptionalLong.empty());
        assertThat(run.result().failures()).as(run.text()).isEmpty();
    }
}
