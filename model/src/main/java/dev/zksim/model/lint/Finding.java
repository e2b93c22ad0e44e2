package dev.zksim.model.lint;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found by a {@link LintRule}.
 *
 * @param ruleId the rule's stable id, e.g. {@code anti-affinity-selects-nothing}
 * @param severity how bad it is (a rule may report below its default severity for milder cases)
 * @param file the manifest file as the user named it
 * @param line 1-based line in {@code file}, or 0 when unknown
 * @param path the YAML path of the offending node, e.g.
 *     {@code spec.template.spec.affinity.podAntiAffinity}, or a flag of the container command written as
 *     {@code spec.template.spec.containers[0].command --sync_limit}
 * @param message what goes wrong at run time, in plain sentences
 * @param fix how to fix it
 */
public record Finding(
        String ruleId, Severity severity, String file, int line, String path, String message, String fix) {

    /** The order {@code zksim lint} reports in: file, line, rule id, then path and message for a total order. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::file)
            .thenComparingInt(Finding::line)
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::path)
            .thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(ruleId);
        Objects.requireNonNull(severity);
        Objects.requireNonNull(file);
        Objects.requireNonNull(path);
        Objects.requireNonNull(message);
        Objects.requireNonNull(fix);
        if (line < 0) {
            throw new IllegalArgumentException("negative line " + line);
        }
    }
}
