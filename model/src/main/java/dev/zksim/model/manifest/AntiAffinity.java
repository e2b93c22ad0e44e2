package dev.zksim.model.manifest;

import java.util.List;

/**
 * The pod template's {@code podAntiAffinity}: required terms are hard scheduling constraints,
 * preferred terms add weight to nodes that avoid matching pods
 * (kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity).
 */
public record AntiAffinity(List<Term> required, List<WeightedTerm> preferred) {
    public static final AntiAffinity NONE = new AntiAffinity(List.of(), List.of());

    public AntiAffinity {
        required = List.copyOf(required);
        preferred = List.copyOf(preferred);
    }

    /** A pod affinity term: pods matching {@code selector} in the same {@code topologyKey} domain. */
    public record Term(LabelSelector selector, String topologyKey) {}

    /** A preferred term with its weight (1..100). */
    public record WeightedTerm(int weight, Term term) {}
}
