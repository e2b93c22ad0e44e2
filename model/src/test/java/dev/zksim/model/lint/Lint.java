package dev.zksim.model.lint;

import dev.zksim.model.fixture.EnsembleFixture;
import java.util.List;

/** Test helper: runs the standard linter over a fixture. */
final class Lint {
    private Lint() {}

    static List<Finding> all(EnsembleFixture f) {
        return Linter.standard().lint(f.context());
    }

    static List<Finding> of(EnsembleFixture f, String ruleId) {
        return all(f).stream().filter(x -> x.ruleId().equals(ruleId)).toList();
    }
}
