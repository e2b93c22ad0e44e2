package dev.zksim.report;

import java.util.List;
import java.util.Objects;
import java.util.function.ToLongFunction;

/** Argument checks shared by the report records; a failure is a programming error of whoever fills the report. */
final class Checks {
    private Checks() {}

    static String text(String value, String name) {
        return Objects.requireNonNull(value, name);
    }

    static String nonBlank(String value, String name) {
        if (Objects.requireNonNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static void span(long startMs, long endMs, String what) {
        if (startMs < 0 || endMs < startMs) {
            throw new IllegalArgumentException(what + ": need 0 <= startMs <= endMs, got " + startMs + ".." + endMs);
        }
    }

    /** Copies {@code items} and checks they are in time order without overlap (touching ends are fine). */
    static <T> List<T> ordered(List<T> items, ToLongFunction<T> start, ToLongFunction<T> end, String what) {
        List<T> copy = List.copyOf(items);
        for (int i = 1; i < copy.size(); i++) {
            if (start.applyAsLong(copy.get(i)) < end.applyAsLong(copy.get(i - 1))) {
                throw new IllegalArgumentException(
                        what + " must be in time order without overlap: " + copy.get(i - 1) + " then " + copy.get(i));
            }
        }
        return copy;
    }
}
