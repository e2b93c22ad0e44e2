package dev.zksim.model.manifest;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions}); all requirements
 * are ANDed. An empty selector matches everything, as in the Kubernetes API; an absent one, in a
 * PodDisruptionBudget or a pod (anti-)affinity term, matches nothing and is represented by {@link #NOTHING}.
 */
public record LabelSelector(SortedMap<String, String> matchLabels, List<Requirement> matchExpressions) {

    /**
     * The selector that matches no pod: what Kubernetes makes of a {@code labelSelector} or PDB {@code selector}
     * that is absent (metav1.LabelSelectorAsSelector(nil) is labels.Nothing()). Written as the one requirement
     * {@code "" in ()}, which no label set satisfies and which the API would not accept from a user.
     */
    public static final LabelSelector NOTHING =
            new LabelSelector(new TreeMap<>(), List.of(new Requirement("", Operator.IN, List.of())));

    public LabelSelector {
        matchLabels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(matchLabels));
        matchExpressions = List.copyOf(matchExpressions);
    }

    public static LabelSelector ofLabels(Map<String, String> labels) {
        return new LabelSelector(new TreeMap<>(labels), List.of());
    }

    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    /** Whether this is {@link #NOTHING}, the selector of an absent {@code selector} field. */
    public boolean matchesNothing() {
        return equals(NOTHING);
    }

    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (Requirement r : matchExpressions) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        if (matchesNothing()) {
            return "<nothing>";
        }
        StringBuilder sb = new StringBuilder();
        matchLabels.forEach((k, v) ->
                sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        for (Requirement r : matchExpressions) {
            sb.append(sb.length() == 0 ? "" : ",").append(r);
        }
        return sb.toString();
    }

    /** One {@code matchExpressions} entry. */
    public record Requirement(String key, Operator operator, List<String> values) {
        public Requirement {
            values = List.copyOf(values);
        }

        public boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator) {
                case IN -> v != null && values.contains(v);
                case NOT_IN -> v == null || !values.contains(v);
                case EXISTS -> v != null;
                case DOES_NOT_EXIST -> v == null;
            };
        }

        @Override
        public String toString() {
            return switch (operator) {
                case IN -> key + " in (" + String.join(",", values) + ")";
                case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
                case EXISTS -> key;
                case DOES_NOT_EXIST -> "!" + key;
            };
        }
    }

    /** The label selector operators of the Kubernetes API. */
    public enum Operator {
        IN,
        NOT_IN,
        EXISTS,
        DOES_NOT_EXIST;

        public static Operator parse(String s) {
            return switch (s) {
                case "In" -> IN;
                case "NotIn" -> NOT_IN;
                case "Exists" -> EXISTS;
                case "DoesNotExist" -> DOES_NOT_EXIST;
                default -> throw new IllegalArgumentException("unknown operator " + s);
            };
        }
    }
}
