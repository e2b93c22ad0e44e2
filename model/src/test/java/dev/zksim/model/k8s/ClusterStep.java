package dev.zksim.model.k8s;

import java.util.OptionalInt;

/** One generated scenario step for the property tests: what a user or the infrastructure does to the cluster. */
sealed interface ClusterStep {

    void run(ClusterModel m);

    record Wait(long ms) implements ClusterStep {
        public void run(ClusterModel m) {
            m.sim.runFor(ms);
        }
    }

    record DeletePod(int ordinal, boolean force) implements ClusterStep {
        public void run(ClusterModel m) {
            m.sim.k8s.deletePod("zk-" + ordinal, force ? DeleteOptions.FORCE : DeleteOptions.GRACEFUL);
        }
    }

    record DeletePvc(int ordinal) implements ClusterStep {
        public void run(ClusterModel m) {
            m.sim.k8s.deletePvc("datadir-zk-" + ordinal);
        }
    }

    record Cordon(int node) implements ClusterStep {
        public void run(ClusterModel m) {
            m.sim.k8s.cordon(m.nodeName(node));
        }
    }

    record Uncordon(int node) implements ClusterStep {
        public void run(ClusterModel m) {
            m.sim.k8s.uncordon(m.nodeName(node));
        }
    }

    record DrainNode(int node, long timeoutMs) implements ClusterStep {
        public void run(ClusterModel m) {
            m.drains.add(m.sim.k8s.drain(m.nodeName(node), timeoutMs));
        }
    }

    record Evict(int ordinal) implements ClusterStep {
        public void run(ClusterModel m) {
            m.sim.k8s.evict("zk-" + ordinal);
        }
    }

    record FailNode(int node) implements ClusterStep {
        public void run(ClusterModel m) {
            m.sim.k8s.failNode(m.nodeName(node));
        }
    }

    record RecoverNode(int node) implements ClusterStep {
        public void run(ClusterModel m) {
            m.sim.k8s.recoverNode(m.nodeName(node));
        }
    }

    record DeleteNode(int node) implements ClusterStep {
        public void run(ClusterModel m) {
            m.sim.k8s.deleteNode(m.nodeName(node));
        }
    }

    record Scale(int replicas) implements ClusterStep {
        public void run(ClusterModel m) {
            m.replicas = replicas;
            m.sim.k8s.scale(replicas);
        }
    }

    /** 0: the manifest's template, 1: a cpu patch, 2: a template that never becomes Ready. */
    record SetTemplate(int variant) implements ClusterStep {
        public void run(ClusterModel m) {
            m.variant = variant;
            m.sim.k8s.apply(m.spec());
        }
    }

    record Undo() implements ClusterStep {
        public void run(ClusterModel m) {
            m.sim.k8s.rolloutUndo(OptionalInt.empty());
            m.variant = m.variantOfUpdateRevision();
        }
    }

    record KillProcess(int ordinal) implements ClusterStep {
        public void run(ClusterModel m) {
            m.sim.k8s.killProcess("zk-" + ordinal);
        }
    }

    record FailLiveness(int ordinal) implements ClusterStep {
        public void run(ClusterModel m) {
            m.sim.k8s.failLiveness("zk-" + ordinal);
        }
    }

    record DeleteStatefulSet() implements ClusterStep {
        public void run(ClusterModel m) {
            m.sim.k8s.deleteStatefulSet();
        }
    }

    record Reapply() implements ClusterStep {
        public void run(ClusterModel m) {
            m.sim.k8s.apply(m.spec());
        }
    }
}
