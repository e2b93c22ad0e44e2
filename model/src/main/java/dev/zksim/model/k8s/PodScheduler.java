package dev.zksim.model.k8s;

import dev.zksim.model.manifest.AntiAffinity;
import dev.zksim.model.manifest.Resources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * kube-scheduler for the ensemble's pods, reduced to the plugins that matter here, in the default profile's order
 * (kubernetes.io/docs/reference/scheduling/config/#scheduling-plugins): NodeUnschedulable, TaintToleration,
 * NodeResourcesFit, InterPodAffinity. A node is rejected with the first failing plugin's reasons; a pod that fits
 * nowhere stays Pending with kube-scheduler's FitError message, e.g. {@code 0/4 nodes are available: 1 node(s) were
 * unschedulable, 3 node(s) didn't match pod anti-affinity rules.} (reasons counted per node, sorted as strings).
 * Modern kube-scheduler appends a {@code preemption: ...} sentence, which the model leaves out.
 *
 * <p>Among feasible nodes the score is InterPodAffinity (preferred terms, normalized to 0..100, weight 2) +
 * NodeResourcesFit LeastAllocated + NodeResourcesBalancedAllocation (weight 1 each); ties are broken by the seeded
 * random source, as kube-scheduler breaks them at random. Unschedulable pods are retried after every cluster change.
 */
final class PodScheduler {
    static final String SOURCE = "default-scheduler";
    static final String UNSCHEDULABLE = "node(s) were unschedulable";
    static final String UNREACHABLE_TAINT = "node(s) had untolerated taint {node.kubernetes.io/unreachable: }";
    static final String ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
    static final String EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";

    private final ClusterState state;
    /** Test-only switch: a deliberately broken scheduler that ignores required anti-affinity. */
    boolean ignoreRequiredAntiAffinity;

    PodScheduler(ClusterState state) {
        this.state = state;
    }

    void scheduleAll() {
        List<PodObj> pending = new ArrayList<>();
        for (PodObj p : state.podsByOrdinal().values()) {
            if (p.node == null && !p.terminating) {
                pending.add(p);
            }
        }
        pending.sort(Comparator.comparingLong(p -> p.seq));
        for (PodObj p : pending) {
            scheduleOne(p);
        }
    }

    private void scheduleOne(PodObj p) {
        List<NodeObj> all = new ArrayList<>(state.nodeMap().values());
        if (all.isEmpty()) {
            failed(p, "no nodes available to schedule pods");
            return;
        }
        TreeMap<String, Integer> reasons = new TreeMap<>();
        List<NodeObj> feasible = new ArrayList<>();
        for (NodeObj n : all) {
            List<String> r = filter(p, n);
            if (r.isEmpty()) {
                feasible.add(n);
            } else {
                for (String reason : r) {
                    reasons.merge(reason, 1, Integer::sum);
                }
            }
        }
        if (feasible.isEmpty()) {
            List<String> parts = new ArrayList<>();
            reasons.forEach((reason, count) -> parts.add(count + " " + reason));
            parts.sort(null);
            failed(p, "0/" + all.size() + " nodes are available: " + String.join(", ", parts) + ".");
            return;
        }
        bind(p, pick(p, feasible));
    }

    private void failed(PodObj p, String message) {
        if (!message.equals(p.pendingReason)) {
            p.pendingReason = message;
            state.event(KubernetesEvent.WARNING, "FailedScheduling", "Pod", p.name, SOURCE, message);
        }
    }

    private void bind(PodObj p, NodeObj n) {
        p.node = n.name();
        p.ip = state.allocateIp(n);
        p.pendingReason = null;
        state.event(
                KubernetesEvent.NORMAL,
                "Scheduled",
                "Pod",
                p.name,
                SOURCE,
                "Successfully assigned " + state.namespace() + "/" + p.name + " to " + n.name());
        state.row(p);
        state.kubelet().podBound(p);
        state.requestReconcile();
    }

    /** The reasons {@code n} cannot take {@code p}; empty when it can. */
    List<String> filter(PodObj p, NodeObj n) {
        if (n.unschedulable) {
            return List.of(UNSCHEDULABLE);
        }
        if (!n.ready) {
            // Pods tolerate unreachable/not-ready only with NoExecute (300s), never NoSchedule.
            return List.of(UNREACHABLE_TAINT);
        }
        Resources want = p.revision.template.resources();
        Resources used = state.requestedOn(n);
        Resources alloc = n.spec.allocatable();
        List<String> fit = new ArrayList<>();
        if (want.cpuMillis() > 0 && want.cpuMillis() > alloc.cpuMillis() - used.cpuMillis()) {
            fit.add("Insufficient cpu");
        }
        if (want.memoryBytes() > 0 && want.memoryBytes() > alloc.memoryBytes() - used.memoryBytes()) {
            fit.add("Insufficient memory");
        }
        if (!fit.isEmpty()) {
            return fit;
        }
        if (ignoreRequiredAntiAffinity) {
            return List.of();
        }
        for (AntiAffinity.Term term : p.revision.template.antiAffinity().required()) {
            if (anyMatchInDomain(p, n, term)) {
                return List.of(ANTI_AFFINITY);
            }
        }
        for (PodObj q : boundOthers(p)) {
            for (AntiAffinity.Term term : q.revision.template.antiAffinity().required()) {
                if (term.selector().matches(p.labels)
                        && sameDomain(n, state.nodeMap().get(q.node), term.topologyKey())) {
                    return List.of(EXISTING_ANTI_AFFINITY);
                }
            }
        }
        return List.of();
    }

    /** Whether a pod other than {@code p} matching the term's selector sits in {@code n}'s topology domain. */
    private boolean anyMatchInDomain(PodObj p, NodeObj n, AntiAffinity.Term term) {
        for (PodObj q : boundOthers(p)) {
            if (term.selector().matches(q.labels)
                    && sameDomain(n, state.nodeMap().get(q.node), term.topologyKey())) {
                return true;
            }
        }
        return false;
    }

    private List<PodObj> boundOthers(PodObj p) {
        List<PodObj> l = new ArrayList<>();
        for (PodObj q : state.podsByOrdinal().values()) {
            if (q != p && q.node != null && state.nodeMap().containsKey(q.node)) {
                l.add(q);
            }
        }
        return l;
    }

    /** Same topology domain: both nodes carry the key with equal values (a node without the key is in no domain). */
    static boolean sameDomain(NodeObj a, NodeObj b, String topologyKey) {
        if (a == null || b == null) {
            return false;
        }
        String va = a.spec.labels().get(topologyKey);
        return va != null && va.equals(b.spec.labels().get(topologyKey));
    }

    private NodeObj pick(PodObj p, List<NodeObj> feasible) {
        long[] affinity = new long[feasible.size()];
        for (int i = 0; i < feasible.size(); i++) {
            affinity[i] = preferredRaw(p, feasible.get(i));
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long a : affinity) {
            min = Math.min(min, a);
            max = Math.max(max, a);
        }
        long best = Long.MIN_VALUE;
        List<NodeObj> top = new ArrayList<>();
        for (int i = 0; i < feasible.size(); i++) {
            NodeObj n = feasible.get(i);
            long ipa = max > min ? 100 * (affinity[i] - min) / (max - min) : 0;
            long score = 2 * ipa + resourceScore(p, n);
            if (score > best) {
                best = score;
                top.clear();
            }
            if (score == best) {
                top.add(n);
            }
        }
        return top.size() == 1 ? top.get(0) : top.get(state.schedulerRandom().nextInt(top.size()));
    }

    /** Preferred anti-affinity, both directions: minus the weight for each matching pod in the node's domain. */
    private long preferredRaw(PodObj p, NodeObj n) {
        long raw = 0;
        for (PodObj q : boundOthers(p)) {
            NodeObj qn = state.nodeMap().get(q.node);
            for (AntiAffinity.WeightedTerm w :
                    p.revision.template.antiAffinity().preferred()) {
                if (w.term().selector().matches(q.labels)
                        && sameDomain(n, qn, w.term().topologyKey())) {
                    raw -= w.weight();
                }
            }
            for (AntiAffinity.WeightedTerm w :
                    q.revision.template.antiAffinity().preferred()) {
                if (w.term().selector().matches(p.labels)
                        && sameDomain(n, qn, w.term().topologyKey())) {
                    raw -= w.weight();
                }
            }
        }
        return raw;
    }

    /** LeastAllocated (mean free share of cpu and memory) + BalancedAllocation (1 - half the share difference). */
    private long resourceScore(PodObj p, NodeObj n) {
        Resources after = state.requestedOn(n).plus(p.revision.template.resources());
        Resources alloc = n.spec.allocatable();
        double cpu = share(after.cpuMillis(), alloc.cpuMillis());
        double mem = share(after.memoryBytes(), alloc.memoryBytes());
        long least = Math.round(((1 - cpu) * 100 + (1 - mem) * 100) / 2);
        long balanced = Math.round((1 - Math.abs(cpu - mem) / 2) * 100);
        return least + balanced;
    }

    private static double share(long used, long capacity) {
        return capacity <= 0 ? 1 : Math.min(1, (double) used / capacity);
    }
}
