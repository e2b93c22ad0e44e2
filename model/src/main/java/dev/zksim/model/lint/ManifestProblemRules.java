package dev.zksim.model.lint;

import dev.zksim.model.manifest.ManifestProblem;
import java.util.List;

/**
 * The loader's {@link ManifestProblem}s as findings: what {@code kubectl apply} would reject (unknown fields,
 * duplicate keys, removed API versions) and what zksim skipped.
 */
final class ManifestProblemRules {
    private ManifestProblemRules() {}

    static List<LintRule> all() {
        return List.of(
                new ProblemRule(
                        ManifestProblem.ProblemKind.UNKNOWN_FIELD,
                        "unknown-field",
                        Severity.ERROR,
                        "kubectl's strict field validation rejects unknown fields, and without it they are dropped"
                                + " silently (a misspelled resources: means no requests at all).",
                        "https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation",
                        "Correct the field's spelling or remove it (`kubectl explain` lists a type's fields)."),
                new ProblemRule(
                        ManifestProblem.ProblemKind.DUPLICATE_KEY,
                        "duplicate-key",
                        Severity.ERROR,
                        "kubectl's strict field validation rejects duplicate keys; without it the last one silently"
                                + " wins.",
                        "https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation",
                        "Keep one of the two keys."),
                new ProblemRule(
                        ManifestProblem.ProblemKind.REMOVED_API_VERSION,
                        "removed-api-version",
                        Severity.ERROR,
                        "The API server no longer serves this apiVersion, so kubectl apply fails for the object.",
                        "https://kubernetes.io/docs/reference/using-api/deprecation-guide/",
                        "Use apps/v1 for StatefulSets and policy/v1 for PodDisruptionBudgets."),
                new ProblemRule(
                        ManifestProblem.ProblemKind.IGNORED_OBJECT,
                        "ignored-object",
                        Severity.INFO,
                        "zksim skipped an object of a kind it does not simulate; its answers do not account for it.",
                        "https://kubernetes.io/docs/tutorials/stateful-application/zookeeper/"
                                + "#creating-a-zookeeper-ensemble",
                        "Nothing to fix in the cluster; leave the object out of the file given to zksim if the note"
                                + " is noise."));
    }

    /**
     * One kind of loader problem as a rule; the loader found the problem, the rule only reports it. The citations are
     * in each rule's {@link #reference()}: field validation
     * (https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation) and the deprecation guide
     * (https://kubernetes.io/docs/reference/using-api/deprecation-guide/).
     */
    static final class ProblemRule extends AbstractRule {
        private final ManifestProblem.ProblemKind kind;
        private final String fix;

        ProblemRule(
                ManifestProblem.ProblemKind kind,
                String id,
                Severity severity,
                String reason,
                String reference,
                String fix) {
            super(id, severity, reason, reference);
            this.kind = kind;
            this.fix = fix;
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            return ctx.problems().stream()
                    .filter(p -> p.kind() == kind)
                    .map(p -> new Finding(
                            id(),
                            severity(),
                            ctx.file(),
                            p.line() > 0
                                    ? p.line()
                                    : ctx.spec()
                                            .sourceMap()
                                            .line(p.documentIndex(), p.path().pointer())
                                            .orElse(0),
                            p.path().toString(),
                            p.message(),
                            fix))
                    .toList();
        }
    }
}
