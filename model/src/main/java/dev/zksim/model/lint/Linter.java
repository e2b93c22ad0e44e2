package dev.zksim.model.lint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a fixed list of {@link LintRule}s over a manifest and returns their findings in {@link Finding#ORDER}.
 * Immutable and stateless; the same input always gives the same output.
 */
public final class Linter {
    private final List<LintRule> rules;

    /** A linter with exactly {@code rules}, run in that order; ids must be unique. */
    public Linter(List<LintRule> rules) {
        this.rules = List.copyOf(rules);
        Set<String> ids = new LinkedHashSet<>();
        for (LintRule r : this.rules) {
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException("duplicate rule id " + r.id());
            }
        }
    }

    /** Every rule zksim knows, in their documented order (the order of docs/lint.md). */
    public static Linter standard() {
        List<LintRule> all = new ArrayList<>();
        all.addAll(SelectorRules.all());
        all.addAll(AntiAffinityRules.all());
        all.addAll(EnsembleSizeRules.all());
        all.addAll(DisruptionBudgetRules.all());
        all.addAll(ServiceRules.all());
        all.addAll(ResourceRules.all());
        all.addAll(ProbeRules.all());
        all.addAll(StorageRules.all());
        all.addAll(TimingRules.all());
        all.addAll(RolloutRules.all());
        return new Linter(all);
    }

    /** The rules, in the order they run. */
    public List<LintRule> rules() {
        return rules;
    }

    /** The rule with {@code id}, if this linter has it. */
    public Optional<LintRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** All findings for one manifest, sorted by file, line and rule. */
    public List<Finding> lint(LintContext ctx) {
        List<Finding> out = new ArrayList<>();
        for (LintRule rule : rules) {
            out.addAll(rule.check(ctx));
        }
        out.sort(Finding.ORDER);
        return List.copyOf(out);
    }
}
