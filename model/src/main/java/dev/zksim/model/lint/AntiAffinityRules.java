package dev.zksim.model.lint;

import dev.zksim.model.manifest.AntiAffinity;
import dev.zksim.model.manifest.AntiAffinity.Term;
import java.util.ArrayList;
import java.util.List;

/**
 * Pod anti-affinity: whether the ZooKeeper pods are kept on different nodes, so that one node failure or drain
 * takes at most one server. Kubernetes may co-locate pods of a StatefulSet by default
 * (https://kubernetes.io/docs/tutorials/stateful-application/zookeeper/#tolerating-node-failure).
 */
final class AntiAffinityRules {
    static final String HOSTNAME = "kubernetes.io/hostname";
    private static final String REQUIRED =
            FindingPaths.ANTI_AFFINITY + ".requiredDuringSchedulingIgnoredDuringExecution";
    private static final String PREFERRED =
            FindingPaths.ANTI_AFFINITY + ".preferredDuringSchedulingIgnoredDuringExecution";

    private AntiAffinityRules() {}

    static List<LintRule> all() {
        return List.of(new AntiAffinityMissing(), new SelectsNothing(), new PreferredOnly(), new TopologyKey());
    }

    private static AntiAffinity antiAffinity(LintContext ctx) {
        return ctx.spec().statefulSet().template().antiAffinity();
    }

    private static boolean selectsPods(LintContext ctx, Term term) {
        return term.selector().matches(SelectorRules.podLabels(ctx.spec()));
    }

    /** A required or preferred term of the pod template, with the manifest path of its podAffinityTerm. */
    private record PathedTerm(Term term, boolean required, String path) {
        String kind() {
            return required ? "required" : "preferred";
        }
    }

    /** The required terms, then the preferred ones, each in manifest order. */
    private static List<PathedTerm> terms(LintContext ctx) {
        AntiAffinity aa = antiAffinity(ctx);
        List<PathedTerm> out = new ArrayList<>();
        for (int i = 0; i < aa.required().size(); i++) {
            out.add(new PathedTerm(aa.required().get(i), true, REQUIRED + "[" + i + "]"));
        }
        for (int i = 0; i < aa.preferred().size(); i++) {
            out.add(new PathedTerm(aa.preferred().get(i).term(), false, PREFERRED + "[" + i + "].podAffinityTerm"));
        }
        return out;
    }

    private static String snippet(LintContext ctx) {
        return "podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {"
                + SelectorRules.labels(SelectorRules.podLabels(ctx.spec()))
                        .replace("=", ": ")
                        .replace(",", ", ")
                + "}}, topologyKey: " + HOSTNAME + "}]";
    }

    /**
     * {@code anti-affinity-missing}: without any podAntiAffinity the scheduler may place several servers on one
     * node, and losing that node loses quorum.
     * See https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity
     */
    static final class AntiAffinityMissing extends AbstractRule {
        AntiAffinityMissing() {
            super(
                    "anti-affinity-missing",
                    Severity.WARNING,
                    "Without pod anti-affinity the scheduler may put a majority of the servers on one node; when"
                            + " that node fails or is drained the ensemble loses quorum.",
                    "https://kubernetes.io/docs/tutorials/stateful-application/zookeeper/#tolerating-node-failure");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            AntiAffinity aa = antiAffinity(ctx);
            int replicas = ctx.spec().statefulSet().replicas();
            if (replicas <= 1 || !aa.required().isEmpty() || !aa.preferred().isEmpty()) {
                return List.of();
            }
            int quorum = replicas / 2 + 1;
            return List.of(ctx.atStatefulSet(
                    this,
                    severity(),
                    FindingPaths.POD_SPEC,
                    "The pod template has no podAntiAffinity: the scheduler may place " + quorum + " or more of the "
                            + replicas + " servers on the same node, and when that node fails or is drained the"
                            + " ensemble loses quorum (" + quorum + " of " + replicas + " needed) and stops serving"
                            + " writes until the pods are rescheduled.",
                    "Add " + snippet(ctx) + " under spec.template.spec.affinity."));
        }
    }

    /**
     * {@code anti-affinity-selects-nothing}: an anti-affinity term repels pods matching its label selector; when
     * that selector matches none of the StatefulSet's own pods, the term never applies and pods co-locate freely.
     * Reported as ERROR for required terms and WARNING for preferred ones.
     * See https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity
     */
    static final class SelectsNothing extends AbstractRule {
        SelectsNothing() {
            super(
                    "anti-affinity-selects-nothing",
                    Severity.ERROR,
                    "An anti-affinity term whose label selector matches none of the StatefulSet's pods never applies:"
                            + " servers can co-locate and one node failure takes quorum.",
                    "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/"
                            + "#inter-pod-affinity-and-anti-affinity");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            String labels = SelectorRules.labels(SelectorRules.podLabels(ctx.spec()));
            List<Finding> out = new ArrayList<>();
            for (PathedTerm t : terms(ctx)) {
                if (selectsPods(ctx, t.term())) {
                    continue;
                }
                String cost = t.required()
                        ? ": the rule never matches a ZooKeeper pod, so the scheduler may put several servers on one"
                                + " node, and that node's failure or drain takes quorum."
                        : ": its weight never applies to a ZooKeeper pod, so spreading is left to chance and one node"
                                + " can end up with a majority of the servers.";
                out.add(ctx.atStatefulSet(
                        this,
                        t.required() ? Severity.ERROR : Severity.WARNING,
                        t.path() + ".labelSelector",
                        "The " + t.kind() + " anti-affinity term selects "
                                + t.term().selector() + ", but the pods are labelled " + labels + cost,
                        "Make the labelSelector match the pod template's labels (" + labels + ")."));
            }
            return out;
        }
    }

    /**
     * {@code anti-affinity-preferred-only}: preferred anti-affinity is a scoring weight, not a constraint; with
     * fewer schedulable nodes than replicas (a small cluster, or nodes cordoned during maintenance) the scheduler
     * co-locates servers. Fine for a single-node development cluster, risky in production.
     * See https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity
     */
    static final class PreferredOnly extends AbstractRule {
        PreferredOnly() {
            super(
                    "anti-affinity-preferred-only",
                    Severity.INFO,
                    "Preferred anti-affinity is only a weight: when nodes are scarce the scheduler co-locates servers,"
                            + " and one node then holds a majority.",
                    "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/"
                            + "#inter-pod-affinity-and-anti-affinity");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            AntiAffinity aa = antiAffinity(ctx);
            boolean required = aa.required().stream().anyMatch(t -> selectsPods(ctx, t));
            boolean preferred = aa.preferred().stream().anyMatch(w -> selectsPods(ctx, w.term()));
            if (required || !preferred || ctx.spec().statefulSet().replicas() <= 1) {
                return List.of();
            }
            return List.of(ctx.atStatefulSet(
                    this,
                    severity(),
                    PREFERRED,
                    "Anti-affinity is only preferred: when fewer nodes are schedulable than the "
                            + ctx.spec().statefulSet().replicas() + " replicas (a small cluster, or nodes cordoned"
                            + " for maintenance) the scheduler co-locates servers, and that node's failure then takes"
                            + " quorum. Intended for single-node development clusters.",
                    "For production use requiredDuringSchedulingIgnoredDuringExecution with topologyKey " + HOSTNAME
                            + " and keep at least one spare node."));
        }
    }

    /**
     * {@code anti-affinity-topology-key}: a topologyKey other than {@code kubernetes.io/hostname} spreads pods
     * over other domains (zones, racks). A required term then needs as many distinct domains as replicas, or pods
     * stay Pending; a preferred term on a larger domain does not keep two servers off one node.
     * See https://kubernetes.io/docs/reference/labels-annotations-taints/#kubernetesiohostname
     */
    static final class TopologyKey extends AbstractRule {
        TopologyKey() {
            super(
                    "anti-affinity-topology-key",
                    Severity.INFO,
                    "A topologyKey other than kubernetes.io/hostname spreads servers over larger domains: a required"
                            + " term then needs at least as many domains as replicas, or pods stay Pending.",
                    "https://kubernetes.io/docs/reference/labels-annotations-taints/#kubernetesiohostname");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            int replicas = ctx.spec().statefulSet().replicas();
            List<Finding> out = new ArrayList<>();
            for (PathedTerm t : terms(ctx)) {
                String key = t.term().topologyKey();
                if (!selectsPods(ctx, t.term()) || HOSTNAME.equals(key)) {
                    continue;
                }
                String message = t.required()
                        ? "Required anti-affinity on topologyKey " + key + " allows one server per " + key
                                + " domain: the cluster needs at least " + replicas + " distinct values of that node"
                                + " label among schedulable nodes, otherwise the remaining pods stay Pending (and a"
                                + " drain of one domain leaves its pod Pending)."
                        : "Preferred anti-affinity on topologyKey " + key + " spreads servers over " + key
                                + " domains, not nodes: with fewer domains than " + replicas
                                + " servers, two may share a domain and even a node.";
                String fix = t.required()
                        ? "Keep it if you mean to spread over " + key + " domains and have " + replicas
                                + " of them; otherwise use topologyKey " + HOSTNAME + "."
                        : "Add a second term with topologyKey " + HOSTNAME + " to keep servers on different nodes.";
                out.add(ctx.atStatefulSet(this, severity(), t.path() + ".topologyKey", message, fix));
            }
            return out;
        }
    }
}
