package dev.zksim.model.lint;

import dev.zksim.model.manifest.LoadedManifest;
import dev.zksim.model.manifest.ManifestLoader;
import java.nio.file.Path;
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
        all.addAll(ManifestProblemRules.all());
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

    /**
     * The standard rules plus those that fire on the tutorial manifest by design, because they point at a trade-off
     * rather than a mistake ({@code readiness-probe-ruok}, {@code fixed-server-list}); {@code zksim explore} lints with
     * these, since its findings show what the trade-off costs.
     */
    public static Linter thorough() {
        List<LintRule> all = new ArrayList<>(standard().rules());
        all.addAll(ProbeRules.thorough());
        all.addAll(EnsembleSizeRules.thorough());
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

    /**
     * Loads every file with {@link ManifestLoader#load} and lints it. All files are loaded before any is linted, so
     * bad input fails the whole run before anything is reported.
     *
     * @throws dev.zksim.model.InvalidInputException when a file is missing, not YAML, or not a ZooKeeper manifest
     */
    public LintReport lintFiles(List<Path> files) {
        List<LoadedManifest> loaded = new ArrayList<>();
        for (Path file : files) {
            loaded.add(ManifestLoader.load(file));
        }
        List<Finding> findings = new ArrayList<>();
        for (LoadedManifest m : loaded) {
            findings.addAll(lint(LintContext.of(m)));
        }
        return new LintReport(findings, files.size());
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
