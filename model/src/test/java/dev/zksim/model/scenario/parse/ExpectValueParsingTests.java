package dev.zksim.model.scenario.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zksim.model.InvalidInputException;
import dev.zksim.model.scenario.Step;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code expect-value} takes exactly one of {@code value} and {@code exists: false}, and says which is missing. */
class ExpectValueParsingTests {

    private static String scenario(String arguments) {
        return """
                name: expect-value
                manifest: m.yaml
                cluster:
                  nodes:
                    - {name: a, cpu: 4, memory: 8Gi}
                steps:
                  - expect-value: {pod: zk-1, path: /hello%s}
                """.formatted(arguments);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            neither                   | ''                          | needs 'value' (the data the znode holds) or 'exists: false'
            exists true, no value     | ', exists: true'            | needs 'value' (the data the znode holds) or 'exists: false'
            both                      | ', value: x, exists: false' | not both
            """)
    void isRefusedNamingTheMissingOrConflictingField(String name, String arguments, String problem) {
        InvalidInputException e = catchThrowableOfType(
                InvalidInputException.class, () -> ScenarioParser.parse(Path.of("inline.yaml"), scenario(arguments)));

        assertThat(e).as(name).isNotNull();
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.field()).isEqualTo("steps[0].expect-value");
        assertThat(e.problem()).contains(problem);
    }

    @Test
    void takesAValueOrAbsence() {
        Step.ExpectValue withValue =
                (Step.ExpectValue) ScenarioParser.parse(Path.of("inline.yaml"), scenario(", value: world"))
                        .steps()
                        .get(0);
        Step.ExpectValue absent =
                (Step.ExpectValue) ScenarioParser.parse(Path.of("inline.yaml"), scenario(", exists: false"))
                        .steps()
                        .get(0);

        assertThat(withValue.value()).contains("world");
        assertThat(absent.value()).isEqualTo(Optional.empty());
    }
}
