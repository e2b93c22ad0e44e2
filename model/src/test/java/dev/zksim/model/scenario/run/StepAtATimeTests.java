package dev.zksim.model.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.Step;
import dev.zksim.model.scenario.cluster.ModelEngine;
import dev.zksim.model.scenario.cluster.ZabBackend;
import dev.zksim.model.scenario.engine.Engine;
import dev.zksim.model.scenario.engine.EngineSetup;
import dev.zksim.model.scenario.parse.ScenarioParser;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link ScenarioRunner#open}: the step-at-a-time entry point the Java API (simulator, {@code dev.zksim.api}) runs its
 * operations through. Stepping through a scenario's steps one by one is the same run as {@link ScenarioRunner#run},
 * to the byte, and a finished session refuses more steps.
 */
class StepAtATimeTests {
    private static final long SEED = 3;

    @Test
    void steppingOneAtATimeIsTheSameRunAsRun() {
        Scenario s = ScenarioParser.parse(Path.of("../scenarios/leader-failover.yaml"));
        String whole;
        try (Engine e = engine(s)) {
            whole = json(ScenarioRunner.create(e, RunObserver.NONE).run(s, SEED));
        }
        String stepped;
        try (Engine e = engine(s)) {
            ScenarioRunner.Session session =
                    ScenarioRunner.create(e, RunObserver.NONE).open(s, SEED);
            for (Step step : s.steps()) {
                session.step(step);
            }
            assertThat(json(session.result()))
                    .as("the run so far, before finish")
                    .isEqualTo(whole);
            stepped = json(session.finish());
            assertThatThrownBy(() -> session.step(s.steps().get(0)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("finished");
        }
        assertThat(stepped).isEqualTo(whole);
    }

    @Test
    void stepsNotInTheScenarioAreNumberedInTheOrderTheyRun() {
        Scenario s = ScenarioParser.parse(Path.of("../scenarios/leader-failover.yaml"));
        Scenario empty = new Scenario(
                s.file(),
                s.name(),
                s.description(),
                s.manifest(),
                s.namespace(),
                s.cluster(),
                s.seed(),
                s.timing(),
                java.util.List.of());
        try (Engine e = engine(s)) {
            ScenarioRunner.Session session =
                    ScenarioRunner.create(e, RunObserver.NONE).open(empty, SEED);
            StepResult apply = session.step(s.steps().get(0));
            StepResult wait = session.step(new Step.WaitFor(Step.Origin.line(0), 60_000));
            assertThat(apply.number()).isEqualTo(1);
            assertThat(wait.number()).isEqualTo(2);
            RunResult r = session.finish();
            assertThat(r.scenario().steps()).containsExactly(apply.step(), wait.step());
            assertThat(r.endMs()).isGreaterThanOrEqualTo(60_000);
        }
    }

    private static Engine engine(Scenario s) {
        return ModelEngine.factory(ZabBackend.FACTORY).create(new EngineSetup(s.cluster(), s.timing(), SEED));
    }

    private static String json(RunResult r) {
        StringWriter w = new StringWriter();
        JsonReport.write(r, w);
        return w.toString();
    }
}
