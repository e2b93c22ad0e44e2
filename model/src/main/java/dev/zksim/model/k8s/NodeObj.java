package dev.zksim.model.k8s;

import dev.zksim.model.time.Scheduler;
import java.util.ArrayList;
import java.util.List;

/** The mutable state of one node: its API object (cordon, Ready condition, taints) and the machine's ground truth. */
final class NodeObj {
    static final String TAINT_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
    static final String TAINT_UNREACHABLE = "node.kubernetes.io/unreachable";

    final NodeSpec spec;
    /** 1-based; the pod CIDR is 10.244.index.0/24. */
    final int index;

    boolean unschedulable;
    /** The machine is off. */
    boolean down;
    /** The Ready condition as the control plane sees it. */
    boolean ready = true;

    int nextHost = 2;
    Scheduler.Timer notReadyTimer;

    NodeObj(NodeSpec spec, int index) {
        this.spec = spec;
        this.index = index;
    }

    String name() {
        return spec.name();
    }

    String podCidr() {
        return "10.244." + index + ".0/24";
    }

    /** Taints as {@code key:Effect}, in a fixed order. */
    List<String> taints() {
        List<String> t = new ArrayList<>();
        if (!ready) {
            // The node lifecycle controller taints a node whose kubelet stopped posting status
            // (kubernetes.io/docs/reference/labels-annotations-taints/#node-kubernetes-io-unreachable).
            t.add(TAINT_UNREACHABLE + ":NoSchedule");
            t.add(TAINT_UNREACHABLE + ":NoExecute");
        }
        if (unschedulable) {
            t.add(TAINT_UNSCHEDULABLE + ":NoSchedule");
        }
        return t;
    }

    String status() {
        return (ready ? "Ready" : "NotReady") + (unschedulable ? ",SchedulingDisabled" : "");
    }
}
