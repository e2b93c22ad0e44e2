package dev.zksim.model.k8s;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.StatefulSetSpec.PodManagementPolicy;
import java.util.ArrayList;
import java.util.List;

/** The state of one property-test run: a simulated cluster, its invariant checker and what the steps changed. */
final class ClusterModel {
    /** One generated configuration: ensemble size, pod management policy, seed. Nodes = replicas + 1. */
    record Config(int replicas, PodManagementPolicy policy, long seed) {
        int nodes() {
            return replicas + 1;
        }
    }

    static final long GI = EnsembleFixture.GIB;

    final Config config;
    final Sim sim;
    final ClusterInvariants invariants;
    final List<NodeDrain> drains = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    int replicas;
    int variant;

    ClusterModel(Config config) {
        this(config, true);
    }

    /** @param checked whether to judge the invariants (off only to measure the model's own speed) */
    ClusterModel(Config config, boolean checked) {
        this.config = config;
        this.replicas = config.replicas();
        this.sim = Sim.nodes(config.nodes(), config.seed());
        this.invariants = checked ? new ClusterInvariants(sim, config.policy()) : null;
        sim.k8s.apply(spec());
    }

    String nodeName(int index) {
        return "node-" + (index % config.nodes() + 1);
    }

    EnsembleSpec spec() {
        return spec(variant, replicas);
    }

    EnsembleSpec spec(int v, int r) {
        EnsembleFixture f = EnsembleFixture.tutorial()
                .replicas(r)
                .servers(config.replicas())
                .podManagementPolicy(config.policy());
        if (v == 1) {
            f.requests(300, GI);
        } else if (v == 2) {
            f.image("zk:broken");
        }
        return f.build();
    }

    String revisionName(int v) {
        return "zk-" + Revision.hash(spec(v, replicas).statefulSet().template());
    }

    int variantOfUpdateRevision() {
        String update =
                sim.k8s.statefulSet().map(StatefulSetSnapshot::updateRevision).orElse("");
        for (int v = 0; v < 3; v++) {
            if (revisionName(v).equals(update)) {
                return v;
            }
        }
        return variant;
    }

    void run(ClusterStep step) {
        log.add(step.toString());
        step.run(this);
        if (invariants != null) {
            invariants.check();
        }
    }

    /**
     * Stops all faults, as an operator would: machines back, nodes uncordoned, a good template, the broken revision's
     * pods deleted (Kubernetes' documented "forced rollback").
     */
    void heal() {
        for (int i = 0; i < config.nodes(); i++) {
            String n = nodeName(i);
            if (sim.k8s.node(n).isEmpty()) {
                sim.k8s.addNode(NodeSpec.of(n, Sim.NODE_4CPU_8GI));
            }
            sim.k8s.recoverNode(n);
            sim.k8s.uncordon(n);
        }
        if (variant == 2) {
            variant = 0;
        }
        sim.k8s.apply(spec());
        sim.runFor(1);
        for (PodSnapshot p : sim.k8s.pods()) {
            boolean broken = sim.k8s.revisions().stream()
                    .filter(r -> r.name().equals(p.revision()))
                    .anyMatch(r -> r.template().container().image().contains("broken"));
            if ((broken || p.revision().equals(revisionName(2))) && !p.terminating()) {
                sim.k8s.deletePod(p.name());
            }
        }
        invariants.check();
    }

    @Override
    public String toString() {
        return config + " steps=" + log;
    }
}
