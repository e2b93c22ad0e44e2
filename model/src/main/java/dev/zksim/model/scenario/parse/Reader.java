package dev.zksim.model.scenario.parse;

import dev.zksim.model.InvalidInputException;
import dev.zksim.model.scenario.Durations;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Typed access to {@link YNode}s with errors that name the file, line and field, and say what was expected. One per
 * file being parsed.
 */
final class Reader {
    private final String file;

    Reader(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    InvalidInputException error(int line, String field, String problem) {
        return new InvalidInputException(file, line, field, problem);
    }

    /** Opens a mapping whose keys must be among {@code valid}; an unknown key is an error listing the valid ones. */
    Fields fields(YNode node, String field, String what, List<String> valid) {
        if (!(node instanceof YNode.Mapping m)) {
            throw error(
                    node.line(),
                    field,
                    what + " must be a mapping with the fields " + listing(valid) + "; found " + node.describe() + ".");
        }
        for (YNode.MappingEntry e : m.entries()) {
            if (!valid.contains(e.key())) {
                throw error(
                        e.keyLine(),
                        join(field, e.key()),
                        "unknown field '" + e.key() + "' in " + what + suggestion(e.key(), valid) + ". Valid fields: "
                                + listing(valid) + ".");
            }
        }
        return new Fields(this, m, field, what);
    }

    /** A non-null scalar as text (numbers and booleans as written). */
    String text(YNode node, String field, String what) {
        if (node instanceof YNode.Scalar s && !s.isNull()) {
            return s.text();
        }
        throw error(node.line(), field, what + " must be a single value; found " + node.describe() + ".");
    }

    /** A non-empty name (a pod, node, label). */
    String name(YNode node, String field, String what) {
        String t = text(node, field, what).trim();
        if (t.isEmpty()) {
            throw error(node.line(), field, what + " must not be empty.");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isISOControl(c)) {
                // Kubernetes names are DNS labels and paths; a control character is never part of one, and printed
                // raw it would corrupt the report (a NUL, an escape sequence).
                throw error(
                        node.line(),
                        field,
                        what + " contains the control character U+"
                                + String.format(java.util.Locale.ROOT, "%04X", (int) c) + " at position " + (i + 1)
                                + "; names are printable text (e.g. zk-0).");
            }
        }
        return t;
    }

    boolean bool(YNode node, String field) {
        if (node instanceof YNode.Scalar s && s.kind() == YNode.ScalarKind.BOOL) {
            return Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT));
        }
        throw error(node.line(), field, "expected true or false; found " + node.describe() + ".");
    }

    int integer(YNode node, String field, int min, int max) {
        if (node instanceof YNode.Scalar s && s.kind() == YNode.ScalarKind.INT) {
            try {
                long v = Long.parseLong(s.text());
                if (v >= min && v <= max) {
                    return (int) v;
                }
            } catch (NumberFormatException e) {
                // out of range for a long: reported below
            }
            throw error(
                    node.line(),
                    field,
                    "expected a whole number from " + min + " to " + max + "; found " + s.text() + ".");
        }
        throw error(
                node.line(),
                field,
                "expected a whole number from " + min + " to " + max + "; found " + node.describe() + ".");
    }

    long longValue(YNode node, String field) {
        if (node instanceof YNode.Scalar s && s.kind() == YNode.ScalarKind.INT) {
            try {
                return Long.parseLong(s.text());
            } catch (NumberFormatException e) {
                throw error(node.line(), field, "the number " + s.text() + " does not fit in 64 bits.");
            }
        }
        throw error(node.line(), field, "expected a whole number; found " + node.describe() + ".");
    }

    /** A duration with a unit: 500ms, 30s, 5m, 1h, 1m30s. */
    long durationMs(YNode node, String field) {
        if (node instanceof YNode.Scalar s
                && (s.kind() == YNode.ScalarKind.INT || s.kind() == YNode.ScalarKind.FLOAT)) {
            throw error(
                    node.line(),
                    field,
                    "the duration " + s.text() + " has no unit; write it as " + s.text() + "s, " + s.text() + "ms or "
                            + s.text() + "m (units: ms, s, m, h).");
        }
        String t = text(node, field, "a duration");
        return Durations.parseMs(t)
                .orElseThrow(() -> error(
                        node.line(),
                        field,
                        "'" + t + "' is not a duration; "
                                + "write a number with a unit, e.g. 500ms, 30s, 5m, 1h or 1m30s (at most 7 days)."));
    }

    /** A positive duration. */
    long positiveDurationMs(YNode node, String field) {
        long ms = durationMs(node, field);
        if (ms <= 0) {
            throw error(node.line(), field, "the duration must be greater than zero.");
        }
        return ms;
    }

    /** A CPU quantity (0.5, 500m, 2) in millicores. */
    long cpuMillis(YNode node, String field) {
        String t = text(node, field, "a CPU quantity");
        BigDecimal cores = quantity(node, field, t, "a CPU quantity such as 0.5, 500m or 2");
        BigDecimal millis = cores.multiply(BigDecimal.valueOf(1000));
        if (millis.signum() < 0 || millis.stripTrailingZeros().scale() > 0) {
            throw error(
                    node.line(),
                    field,
                    "the CPU quantity '" + t + "' is not a whole number of millicores "
                            + "(Kubernetes CPU precision is 1m).");
        }
        return millis.longValueExact();
    }

    /** A memory quantity (1Gi, 512Mi, 6000M, 1073741824) in bytes. */
    long memoryBytes(YNode node, String field) {
        String t = text(node, field, "a memory quantity");
        BigDecimal bytes = quantity(node, field, t, "a memory quantity such as 1Gi, 512Mi or 6000M");
        if (bytes.signum() < 0) {
            throw error(node.line(), field, "the memory quantity '" + t + "' is negative.");
        }
        return bytes.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }

    private BigDecimal quantity(YNode node, String field, String text, String example) {
        try {
            return Quantity.getAmountInBytes(new Quantity(text));
        } catch (RuntimeException e) {
            throw error(
                    node.line(),
                    field,
                    "'" + text + "' is not " + example
                            + " (Kubernetes quantity suffixes: m, k, M, G, T, Ki, Mi, Gi, Ti).");
        }
    }

    /** A list of names. */
    List<String> names(YNode node, String field, String what) {
        if (!(node instanceof YNode.Sequence seq)) {
            throw error(
                    node.line(),
                    field,
                    what + " must be a list, e.g. [zk-2, zk-1, zk-0]; found " + node.describe() + ".");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            out.add(name(seq.items().get(i), field + "[" + i + "]", what + " entry"));
        }
        return out;
    }

    static String join(String field, String key) {
        return field == null || field.isEmpty() ? key : field + "." + key;
    }

    static String listing(List<String> valid) {
        return String.join(", ", valid);
    }

    /** " (did you mean 'drain'?)" when {@code got} is close to one valid word, else "". */
    static String suggestion(String got, List<String> valid) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String v : valid) {
            int d = distance(got.toLowerCase(java.util.Locale.ROOT), v.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = v;
            }
        }
        return best != null && bestDistance <= Math.max(1, got.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    /** Edit distance counting an adjacent transposition as one edit (optimal string alignment). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The fields of one mapping, already checked against the valid keys. */
    static final class Fields {
        private final Reader r;
        private final YNode.Mapping map;
        private final String field;
        private final String what;

        Fields(Reader r, YNode.Mapping map, String field, String what) {
            this.r = r;
            this.map = map;
            this.field = field;
            this.what = what;
        }

        int line() {
            return map.line();
        }

        String field() {
            return field;
        }

        String path(String key) {
            return join(field, key);
        }

        boolean has(String key) {
            return map.entry(key)
                    .filter(e -> !(e.value() instanceof YNode.Scalar s && s.isNull()))
                    .isPresent();
        }

        Optional<YNode> get(String key) {
            return map.entry(key)
                    .map(YNode.MappingEntry::value)
                    .filter(v -> !(v instanceof YNode.Scalar s && s.isNull()));
        }

        YNode require(String key) {
            return get(key).orElseThrow(() -> r.error(
                    map.entry(key).map(YNode.MappingEntry::keyLine).orElse(map.line()),
                    path(key),
                    what + " needs the field '" + key + "'."));
        }

        String name(String key) {
            return r.name(require(key), path(key), "'" + key + "'");
        }

        Optional<String> optName(String key) {
            return get(key).map(n -> r.name(n, path(key), "'" + key + "'"));
        }

        Optional<String> optText(String key) {
            return get(key).map(n -> r.text(n, path(key), "'" + key + "'"));
        }

        Optional<Boolean> optBool(String key) {
            return get(key).map(n -> r.bool(n, path(key)));
        }

        boolean bool(String key, boolean dflt) {
            return optBool(key).orElse(dflt);
        }

        OptionalInt optInt(String key, int min, int max) {
            Optional<YNode> n = get(key);
            return n.isPresent() ? OptionalInt.of(r.integer(n.get(), path(key), min, max)) : OptionalInt.empty();
        }

        Optional<Long> optDurationMs(String key) {
            return get(key).map(n -> r.positiveDurationMs(n, path(key)));
        }

        /** Fails unless exactly one, or at most one, of {@code keys} is present. */
        void oneOf(boolean required, String... keys) {
            List<String> present = new ArrayList<>();
            for (String k : keys) {
                if (has(k)) {
                    present.add(k);
                }
            }
            if (present.size() > 1) {
                throw r.error(
                        map.entry(present.get(1)).get().keyLine(),
                        path(present.get(1)),
                        what + " takes only one of " + String.join(", ", keys) + "; found both '" + present.get(0)
                                + "' and '" + present.get(1) + "'.");
            }
            if (required && present.isEmpty()) {
                throw r.error(map.line(), field, what + " needs one of the fields " + String.join(", ", keys) + ".");
            }
        }
    }
}
