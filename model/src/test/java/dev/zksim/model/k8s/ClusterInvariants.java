package dev.zksim.model.k8s;

import dev.zksim.model.explore.BudgetOracle;
import dev.zksim.model.manifest.AntiAffinity;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.PdbSpec;
import dev.zksim.model.manifest.StatefulSetSpec.PodManagementPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Kubernetes-level invariants of issue 3, judged from outside the controllers: from views, events and the
 * runtime's calls. Event-driven checks run at the moment things happen (timeline listener, eviction observer); the
 * rest after every step. Each check is written independently of the code it judges.
 */
final class ClusterInvariants implements TimelineListener {
    private final Sim sim;
    private final PodManagementPolicy policy;
    private final List<String> violations = new ArrayList<>();
    /** Claim → the volume it has been bound to since it was (re)created; null right after a create event. */
    private final TreeMap<String, String> claimVolumes = new TreeMap<>();

    ClusterInvariants(Sim sim, PodManagementPolicy policy) {
        this.sim = sim;
        this.policy = policy;
        sim.k8s.addTimelineListener(this);
        sim.state().disruption().observer = this::evictionGranted;
    }

    List<String> violations() {
        return violations;
    }

    private void violation(String what) {
        violations.add("t=" + sim.scheduler.nowMs() + "ms: " + what);
    }

    // ---------------------------------------------------------------- at the moment things happen

    @Override
    public void onEntry(TimelineEntry entry) {
        if (!(entry instanceof KubernetesEvent e)) {
            return;
        }
        if (e.reason().equals("SuccessfulCreate") && e.message().startsWith("create Pod ")) {
            int ordinal = ordinalOf(e.message().split(" ")[2]);
            if (policy == PodManagementPolicy.ORDERED_READY) {
                for (PodSnapshot p : sim.k8s.pods()) {
                    if (p.ordinal() < ordinal && !p.runningAndReady()) {
                        violation("OrderedReady: created zk-" + ordinal + " while " + p.name() + " is " + p.status()
                                + (p.ready() ? "" : " not ready"));
                    }
                }
                // no gap: every lower ordinal exists
                Set<Integer> have = new HashSet<>();
                sim.k8s.pods().forEach(p -> have.add(p.ordinal()));
                for (int i = 0; i < ordinal; i++) {
                    if (!have.contains(i)) {
                        violation("OrderedReady: created zk-" + ordinal + " before zk-" + i);
                    }
                }
            }
        } else if (e.reason().equals("SuccessfulCreate") && e.message().startsWith("create Claim ")) {
            claimVolumes.put(e.message().split(" ")[2], null);
        } else if (e.reason().equals("SuccessfulDelete") && policy == PodManagementPolicy.ORDERED_READY) {
            int ordinal = ordinalOf(e.message().split(" ")[2]);
            int replicas =
                    sim.k8s.statefulSet().map(StatefulSetSnapshot::replicas).orElse(0);
            if (ordinal >= replicas) {
                for (PodSnapshot p : sim.k8s.pods()) {
                    if (p.ordinal() > ordinal) {
                        violation("OrderedReady scale-down: deleted zk-" + ordinal + " while " + p.name() + " exists");
                    }
                }
            }
        } else if (e.reason().equals("Scheduled")) {
            checkAntiAffinity();
        }
    }

    private static int ordinalOf(String podName) {
        return Integer.parseInt(podName.substring(podName.lastIndexOf('-') + 1));
    }

    /** Required anti-affinity: no two bound pods where one's required term selects the other in the same domain. */
    void checkAntiAffinity() {
        Optional<EnsembleSpec> spec = sim.k8s.ensemble();
        if (spec.isEmpty()) {
            return;
        }
        List<AntiAffinity.Term> terms =
                spec.get().statefulSet().template().antiAffinity().required();
        Map<String, NodeSnapshot> nodes = new TreeMap<>();
        sim.k8s.nodes().forEach(n -> nodes.put(n.name(), n));
        List<PodSnapshot> bound =
                sim.k8s.pods().stream().filter(p -> p.node().isPresent()).toList();
        for (PodSnapshot a : bound) {
            for (PodSnapshot b : bound) {
                if (a == b) {
                    continue;
                }
                for (AntiAffinity.Term t : terms) {
                    NodeSnapshot na = nodes.get(a.node().get());
                    NodeSnapshot nb = nodes.get(b.node().get());
                    if (na == null || nb == null) {
                        continue;
                    }
                    String va = na.labels().get(t.topologyKey());
                    if (va != null
                            && va.equals(nb.labels().get(t.topologyKey()))
                            && t.selector().matches(b.labels())) {
                        violation("anti-affinity: " + a.name() + " and " + b.name() + " share " + t.topologyKey() + "="
                                + va);
                    }
                }
            }
        }
    }

    /** A voluntary eviction of a Ready pod must leave at least desiredHealthy Ready pods (by BudgetOracle, not Disruption). */
    private void evictionGranted(Disruption.Granted g) {
        if (!g.podWasReady() || g.pdb().isEmpty()) {
            return;
        }
        PdbSpec pdb = g.pdb().get();
        BudgetOracle budget = BudgetOracle.of(pdb, g.podsBefore(), g.replicas());
        if (!budget.allowsEvictingAHealthyPod()) {
            violation("PDB: evicted Ready " + g.pod() + " with " + budget.healthy() + " healthy of " + budget.matching()
                    + ", desired " + budget.desired());
        }
    }

    // ---------------------------------------------------------------- after every step

    void check() {
        for (String v : sim.runtime.violations) {
            violation("runtime contract: " + v);
        }
        sim.runtime.violations.clear();
        List<PodSnapshot> pods = sim.k8s.pods();
        Set<String> names = new HashSet<>();
        Set<Integer> ordinals = new HashSet<>();
        for (PodSnapshot p : pods) {
            if (!names.add(p.name()) || !ordinals.add(p.ordinal())) {
                violation("two pods for identity " + p.name());
            }
        }
        // At most one process per identity, and it is the pod object's own, on a machine that is up.
        for (ContainerLaunch l : sim.runtime.running.values()) {
            Optional<PodSnapshot> p = sim.k8s.pod(l.podName());
            if (p.isEmpty()) {
                violation("process of " + l.podName() + " runs without a pod object");
                continue;
            }
            if (!p.get().node().equals(Optional.of(l.nodeName()))
                    || !p.get().ip().equals(Optional.of(l.podIp()))) {
                violation("process of " + l.podName() + " runs on " + l.nodeName() + "/" + l.podIp()
                        + " but the pod is bound to " + p.get().node() + "/"
                        + p.get().ip());
            }
            if (sim.k8s.node(l.nodeName()).map(NodeSnapshot::down).orElse(true)) {
                violation("process of " + l.podName() + " runs on a machine that is down: " + l.nodeName());
            }
            // Pod N mounts claim N's volume.
            Optional<PvcSnapshot> claim = sim.k8s.pvc("datadir-" + l.podName());
            if (claim.isEmpty() || !claim.get().volumeId().equals(l.volumeId())) {
                violation(l.podName() + " runs with volume " + l.volumeId() + " but its claim has "
                        + claim.map(PvcSnapshot::volumeId).orElse("none"));
            }
        }
        // A claim keeps its volume until it is deleted.
        Set<String> present = new HashSet<>();
        for (PvcSnapshot c : sim.k8s.pvcs()) {
            present.add(c.name());
            if (!c.name().equals("datadir-zk-" + c.ordinal())) {
                violation("claim " + c.name() + " has ordinal " + c.ordinal());
            }
            String known = claimVolumes.get(c.name());
            if (!claimVolumes.containsKey(c.name())) {
                violation("claim " + c.name() + " appeared without a create event");
            } else if (known == null) {
                claimVolumes.put(c.name(), c.volumeId());
            } else if (!known.equals(c.volumeId())) {
                violation("claim " + c.name() + " changed volume from " + known + " to " + c.volumeId());
            }
        }
        claimVolumes.keySet().removeIf(k -> !present.contains(k) && claimVolumes.get(k) != null);
        for (PodSnapshot p : pods) {
            if (p.pvc().isPresent()
                    && p.node().isPresent()
                    && !present.contains(p.pvc().get())) {
                violation(p.name() + " is bound but its claim " + p.pvc().get() + " is gone");
            }
        }
        checkAntiAffinity();
        checkRolloutOrder();
        if (!violations.isEmpty()) {
            throw new AssertionError(String.join("\n", violations) + "\n" + sim.describe());
        }
    }

    /** For one update revision, pods are replaced in strictly decreasing ordinal order. */
    private void checkRolloutOrder() {
        long segment = -1;
        int last = Integer.MAX_VALUE;
        for (ClusterState.RolloutDeletion d : sim.state().rolloutDeletions()) {
            if (d.rollout() != segment) {
                segment = d.rollout();
                last = Integer.MAX_VALUE;
            }
            if (d.ordinal() >= last) {
                violation("rolling update to " + d.toRevision() + " replaced zk-" + d.ordinal() + " after zk-" + last);
            }
            last = d.ordinal();
        }
    }
}
