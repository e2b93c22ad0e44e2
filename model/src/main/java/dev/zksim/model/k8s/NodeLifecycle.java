package dev.zksim.model.k8s;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Machines failing and returning, and the node lifecycle controller's reaction
 * (kubernetes.io/docs/concepts/architecture/nodes/#condition,
 * kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/#taint-based-evictions): a node whose kubelet
 * stops posting status is marked NotReady after the node monitor grace period, tainted unreachable (NoSchedule and
 * NoExecute) and its pods' Ready conditions are cleared; each pod tolerates the NoExecute taint for 300 s, then it is
 * deleted — and stays Terminating, because no kubelet confirms. A StatefulSet never replaces a pod whose name is
 * still taken (kubernetes.io/docs/tasks/run-application/force-delete-stateful-set-pod/).
 */
final class NodeLifecycle {
    private static final String SOURCE = "node-controller";

    private final ClusterState state;

    NodeLifecycle(ClusterState state) {
        this.state = state;
    }

    static String notFound(String node) {
        return "Error from server (NotFound): nodes \"" + node + "\" not found";
    }

    /**
     * Runs {@code cmd} on the node named {@code node}: {@code change} acts on it and returns the command's output
     * lines; no such node is kubectl's NotFound error, and nothing changes.
     */
    private CommandResult onNode(String cmd, String node, Function<NodeObj, List<String>> change) {
        Optional<NodeObj> found = state.nodeObj(node);
        if (found.isEmpty()) {
            return state.output(cmd, false, List.of(notFound(node)));
        }
        return state.output(cmd, true, change.apply(found.get()));
    }

    CommandResult fail(String node) {
        return onNode("fail-node " + node, node, n -> {
            if (n.down) {
                return List.of();
            }
            n.down = true;
            state.kubelet().machineStopped(node);
            n.notReadyTimer = state.schedule(state.timings().nodeMonitorGracePeriodMs(), "node monitor " + node, () -> {
                if (n.down && state.nodeMap().get(node) == n) {
                    markNotReady(n);
                }
            });
            return List.of();
        });
    }

    private void markNotReady(NodeObj n) {
        n.ready = false;
        state.event(
                KubernetesEvent.NORMAL,
                "NodeNotReady",
                "Node",
                n.name(),
                SOURCE,
                "Node " + n.name() + " status is now: NodeNotReady");
        for (PodObj p : state.podsOn(n.name())) {
            if (p.readyCondition) {
                p.readyCondition = false;
                p.readySinceMs = -1;
                state.row(p);
            }
            state.event(KubernetesEvent.WARNING, "NodeNotReady", "Pod", p.name, SOURCE, "Node is not ready");
            long gen = p.generation;
            p.timers.add(state.schedule(state.timings().notReadyTolerationMs(), "taint eviction " + p.name, () -> {
                if (p.generation == gen
                        && !n.ready
                        && n.name().equals(p.node)
                        && !p.terminating
                        && state.podsByOrdinal().get(p.ordinal) == p) {
                    state.event(
                            KubernetesEvent.NORMAL,
                            "TaintManagerEviction",
                            "Pod",
                            p.name,
                            "taint-eviction-controller",
                            "Marking for deletion Pod " + state.namespace() + "/" + p.name);
                    state.kubelet().deleteGracefully(p, p.revision.template.terminationGracePeriodSeconds() * 1000L);
                }
            }));
        }
        state.requestReconcile();
    }

    CommandResult recover(String node) {
        return onNode("recover-node " + node, node, n -> {
            if (!n.down) {
                return List.of();
            }
            n.down = false;
            if (n.notReadyTimer != null) {
                n.notReadyTimer.cancel();
                n.notReadyTimer = null;
            }
            if (!n.ready) {
                n.ready = true;
                state.event(
                        KubernetesEvent.NORMAL,
                        "NodeReady",
                        "Node",
                        n.name(),
                        SOURCE,
                        "Node " + n.name() + " status is now: NodeReady");
            }
            state.kubelet().machineStarted(node);
            state.requestReconcile();
            return List.of();
        });
    }

    /** {@code kubectl delete node}: the pod garbage collector deletes the pods bound to it. */
    CommandResult delete(String node) {
        return onNode("kubectl delete node " + node, node, n -> {
            for (PodObj p : state.podsOn(node)) {
                state.kubelet().forceDelete(p);
            }
            if (n.notReadyTimer != null) {
                n.notReadyTimer.cancel();
            }
            state.nodeMap().remove(node);
            state.event(
                    KubernetesEvent.NORMAL,
                    "RemovingNode",
                    "Node",
                    node,
                    SOURCE,
                    "Node " + node + " event: Removing Node " + node + " from Controller");
            state.requestReconcile();
            return List.of("node \"" + node + "\" deleted");
        });
    }

    CommandResult add(NodeSpec spec) {
        String cmd = "add-node " + spec.name();
        if (state.nodeObj(spec.name()).isPresent()) {
            return state.output(
                    cmd,
                    false,
                    List.of("Error from server (AlreadyExists): nodes \"" + spec.name() + "\" already exists"));
        }
        state.addNodeObject(spec);
        state.event(
                KubernetesEvent.NORMAL,
                "RegisteredNode",
                "Node",
                spec.name(),
                SOURCE,
                "Node " + spec.name() + " event: Registered Node " + spec.name() + " in Controller");
        state.requestReconcile();
        return state.output(cmd, true, List.of());
    }
}
