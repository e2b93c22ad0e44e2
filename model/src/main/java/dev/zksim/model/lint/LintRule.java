package dev.zksim.model.lint;

import java.util.List;

/**
 * One static check of a manifest. Implementations are stateless and deterministic: the same context gives the
 * same findings in the same order.
 */
public interface LintRule {

    /** Stable id, lower-case words joined by dashes; documented in docs/lint.md under the same name. */
    String id();

    /** The severity of the rule's main finding; milder cases of the same rule may be reported lower. */
    Severity severity();

    /** One sentence: why the rule exists (what breaks at run time). */
    String reason();

    /** The Kubernetes or ZooKeeper documentation the rule rests on (a URL). */
    String reference();

    /** Checks the manifest in {@code ctx}; returns the findings (empty when the manifest passes). */
    List<Finding> check(LintContext ctx);
}
