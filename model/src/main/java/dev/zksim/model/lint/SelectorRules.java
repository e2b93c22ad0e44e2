package dev.zksim.model.lint;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.LabelSelector;
import dev.zksim.model.manifest.PdbSpec;
import dev.zksim.model.manifest.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Selectors of the Services and the PodDisruptionBudget against the pod template's labels. (The StatefulSet's own
 * selector is checked by the loader: the API server rejects a mismatch, so such a file is bad input.)
 */
final class SelectorRules {
    private SelectorRules() {}

    static List<LintRule> all() {
        return List.of(new ServiceSelectsNothing(), new PdbSelectsNothing());
    }

    /** {@code app=zk,tier=coord}, or {@code (none)}. */
    static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(labels).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",")
                .append(k)
                .append('=')
                .append(v));
        return sb.toString();
    }

    static SortedMap<String, String> podLabels(EnsembleSpec spec) {
        return spec.statefulSet().template().labels();
    }

    /**
     * {@code service-selects-nothing}: a Service whose selector matches none of the pods gets no endpoints. For the
     * governing headless Service that means no per-pod DNS records, so the {@code server.N} names never resolve;
     * for the client Service, connections go nowhere. A Service without a selector gets no managed endpoints either.
     * See https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors and
     * https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id
     */
    static final class ServiceSelectsNothing extends AbstractRule {
        ServiceSelectsNothing() {
            super(
                    "service-selects-nothing",
                    Severity.ERROR,
                    "A Service that selects none of the ZooKeeper pods has no endpoints: no per-pod DNS names under"
                            + " the headless Service, no backends behind the client Service.",
                    "https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            EnsembleSpec spec = ctx.spec();
            SortedMap<String, String> labels = podLabels(spec);
            List<Finding> out = new ArrayList<>();
            for (ServiceSpec svc : spec.services()) {
                boolean governing = svc.name().equals(spec.statefulSet().serviceName());
                String consequence = governing
                        ? "the StatefulSet's pods get no DNS records under " + svc.name() + " ("
                                + spec.podFqdn(0, EnsembleSpec.DEFAULT_CLUSTER_DOMAIN)
                                + " does not resolve), so the server.N addresses in zoo.cfg never resolve"
                                + " and the servers never form a quorum."
                        : "clients connecting through " + svc.name() + " reach no ZooKeeper server (no endpoints:"
                                + " connection refused or timeouts).";
                if (svc.selector().isEmpty()) {
                    out.add(ctx.finding(
                            this,
                            svc.documentIndex(),
                            "spec.selector",
                            "Service " + svc.name() + " has no selector, so Kubernetes manages no endpoints for it: "
                                    + consequence,
                            "Add spec.selector with the pod labels (" + labels(labels) + ")."));
                } else if (!LabelSelector.ofLabels(svc.selector()).matches(labels)) {
                    out.add(ctx.finding(
                            this,
                            svc.documentIndex(),
                            "spec.selector",
                            "Service " + svc.name() + " selects " + labels(svc.selector()) + ", which none of the"
                                    + " StatefulSet's pods carry (they are labelled " + labels(labels) + "): "
                                    + consequence,
                            "Set spec.selector to labels the pod template carries, e.g. " + labels(labels) + "."));
                }
            }
            return out;
        }
    }

    /**
     * {@code pdb-selects-nothing}: a PodDisruptionBudget guards only the pods its selector matches; one that matches
     * none of the ZooKeeper pods guards nothing, so {@code kubectl drain} evicts servers without limit.
     * See https://kubernetes.io/docs/tasks/run-application/configure-pdb/#specifying-a-poddisruptionbudget
     */
    static final class PdbSelectsNothing extends AbstractRule {
        PdbSelectsNothing() {
            super(
                    "pdb-selects-nothing",
                    Severity.ERROR,
                    "A PodDisruptionBudget that selects none of the ZooKeeper pods guards nothing: a drain evicts"
                            + " servers without limit and can take quorum away.",
                    "https://kubernetes.io/docs/tasks/run-application/configure-pdb/#specifying-a-poddisruptionbudget");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            if (ctx.spec().pdb().isEmpty()) {
                return List.of();
            }
            PdbSpec pdb = ctx.spec().pdb().get();
            SortedMap<String, String> labels = podLabels(ctx.spec());
            // the controller's per-pod labels count too: a budget may pick pods by apps.kubernetes.io/pod-index
            if (pdb.selector().matches(labels)
                    || !DisruptionBudgetRules.matchingOrdinals(ctx.spec(), pdb).isEmpty()) {
                return List.of();
            }
            return List.of(ctx.finding(
                    this,
                    pdb.documentIndex(),
                    "spec.selector",
                    "PodDisruptionBudget " + pdb.name() + " selects " + pdb.selector() + ", which none of the"
                            + " StatefulSet's pods carry (they are labelled " + labels(labels) + "): it guards nothing,"
                            + " so `kubectl drain` evicts ZooKeeper pods without limit and draining two nodes in a row"
                            + " can take quorum away.",
                    "Set spec.selector.matchLabels to the pod labels (" + labels(labels) + ")."));
        }
    }
}
