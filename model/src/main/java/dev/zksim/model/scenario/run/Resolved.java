package dev.zksim.model.scenario.run;

import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * What a reference in a step resolved to (a node from {@code nodeOf: zk-0}, a client target from {@code via}), or
 * why it names nothing, said in words the step's verdict can quote.
 *
 * @param value the resolved value; empty exactly when {@code reason} is not
 * @param reason why nothing was found; {@code ""} when found
 */
record Resolved<T>(Optional<T> value, String reason) {
    Resolved {
        if (value.isPresent() == !reason.isEmpty()) {
            throw new IllegalArgumentException("a reference is either found or has a reason: " + value + ", " + reason);
        }
    }

    static <T> Resolved<T> found(T value) {
        return new Resolved<>(Optional.of(value), "");
    }

    static <T> Resolved<T> unresolved(String reason) {
        return new Resolved<>(Optional.empty(), reason);
    }

    boolean isFound() {
        return value.isPresent();
    }

    /** The value; only when {@link #isFound()}. */
    T get() {
        return value.orElseThrow(() -> new NoSuchElementException("unresolved: " + reason));
    }
}
