package dev.zksim.model.lint;

import java.util.Objects;

/** The descriptive half of a {@link LintRule}; subclasses implement {@link #check}. */
abstract class AbstractRule implements LintRule {
    private final String id;
    private final Severity severity;
    private final String reason;
    private final String reference;

    AbstractRule(String id, Severity severity, String reason, String reference) {
        this.id = Objects.requireNonNull(id);
        this.severity = Objects.requireNonNull(severity);
        this.reason = Objects.requireNonNull(reason);
        this.reference = Objects.requireNonNull(reference);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Severity severity() {
        return severity;
    }

    @Override
    public final String reason() {
        return reason;
    }

    @Override
    public final String reference() {
        return reference;
    }

    @Override
    public String toString() {
        return id;
    }
}
