package dev.zksim.model.scenario.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/scenarios.md and the parser name the same steps: every keyword the parser registers has a row in a step table
 * of the "Steps" section, and every step such a table names is one the parser knows. A step table is a Markdown
 * table whose header's first cell is "Step"; its rows name steps in the first cell, in backticks
 * ({@code | `cordon`, `uncordon` | ...}). New steps are documented by adding a row to any such table, or a new
 * table under a new heading of the section.
 */
class StepDocsTests {
    private static final Path DOC = Path.of("..", "docs", "scenarios.md");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void everyRegisteredStepIsDocumentedAndEveryDocumentedStepIsRegistered() throws IOException {
        List<String> registered = new StepParser(new Reader("docs-test.yaml"), Path.of("docs-test.yaml")).keywords();
        Set<String> documented = documentedSteps(Files.readString(DOC));

        assertThat(registered).as("step keywords the parser registers").isNotEmpty();
        assertThat(documented)
                .as("steps documented in %s (tables headed | Step | under ## Steps)", DOC)
                .containsAll(registered);
        assertThat(registered)
                .as("steps the parser registers, for each step %s documents", DOC)
                .containsAll(documented);
    }

    @Test
    void aStepMissingFromTheDocsIsNoticed() {
        String doc = """
                ## Steps

                | Step | Forms | kubectl |
                |------|-------|---------|
                | `cordon`, `uncordon` | NODE-REF | kubectl cordon/uncordon |

                | Condition | Holds when |
                |-----------|-----------|
                | `all-ready` | not a step |

                ## Output

                | Step | Forms |
                |------|-------|
                | `not-in-the-steps-section` | ignored |
                """;

        assertThat(documentedSteps(doc)).containsExactly("cordon", "uncordon");
    }

    /** The first-cell keywords of the step tables in the "## Steps" section of {@code markdown}. */
    static Set<String> documentedSteps(String markdown) {
        Set<String> steps = new LinkedHashSet<>();
        boolean inSection = false;
        boolean inStepTable = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("## ")) {
                inSection = line.strip().equals("## Steps");
                inStepTable = false;
                continue;
            }
            if (!inSection) {
                continue;
            }
            if (!line.startsWith("|")) {
                inStepTable = false;
                continue;
            }
            String[] cells = line.split("(?<!\\\\)\\|", -1);
            String first = cells.length > 1 ? cells[1].strip() : "";
            if (first.equals("Step")) {
                inStepTable = true;
            } else if (inStepTable && !first.startsWith("-")) {
                Matcher m = CODE.matcher(first);
                while (m.find()) {
                    steps.add(m.group(1));
                }
            }
        }
        return steps;
    }
}
