package dev.zksim.model.explore;

/**
 * One thing an operator or the world does, with symbolic targets ({@link NodeTarget}, {@link PodTarget}) that are
 * resolved against the cluster when the action runs: "the leader's node" means the node of whichever pod leads then.
 * Actions are immutable values, so a list of them is a test case jqwik (or explore's own shrinker) can shrink.
 */
public sealed interface ExploreAction {

    ActionKind kind();

    /** One line for stories: {@code drain the leader's node}. */
    String describe();

    /** Lets {@code durationMs} of virtual time pass. Not counted as an action in a story's length. */
    record WaitAction(long durationMs) implements ExploreAction {
        public WaitAction {
            if (durationMs < 0) {
                throw new IllegalArgumentException("negative wait");
            }
        }

        @Override
        public ActionKind kind() {
            return ActionKind.WAIT;
        }

        @Override
        public String describe() {
            return "wait " + durationMs + " ms";
        }
    }

    record DrainAction(NodeTarget node) implements ExploreAction {
        public ActionKind kind() {
            return ActionKind.DRAIN;
        }

        public String describe() {
            return "drain " + node.describe();
        }
    }

    record CordonAction(NodeTarget node) implements ExploreAction {
        public ActionKind kind() {
            return ActionKind.CORDON;
        }

        public String describe() {
            return "cordon " + node.describe();
        }
    }

    record UncordonAction(NodeTarget node) implements ExploreAction {
        public ActionKind kind() {
            return ActionKind.UNCORDON;
        }

        public String describe() {
            return "uncordon " + node.describe();
        }
    }

    record FailNodeAction(NodeTarget node) implements ExploreAction {
        public ActionKind kind() {
            return ActionKind.FAIL_NODE;
        }

        public String describe() {
            return "fail " + node.describe();
        }
    }

    record RecoverNodeAction(NodeTarget node) implements ExploreAction {
        public ActionKind kind() {
            return ActionKind.RECOVER_NODE;
        }

        public String describe() {
            return "recover " + node.describe();
        }
    }

    record DeletePodAction(PodTarget pod, boolean force) implements ExploreAction {
        public ActionKind kind() {
            return force ? ActionKind.FORCE_DELETE_POD : ActionKind.DELETE_POD;
        }

        public String describe() {
            return "delete " + pod.describe() + (force ? " --force" : "");
        }
    }

    record KillProcessAction(PodTarget pod) implements ExploreAction {
        public ActionKind kind() {
            return ActionKind.KILL_PROCESS;
        }

        public String describe() {
            return "kill the process of " + pod.describe();
        }
    }

    /** {@code kubectl patch sts} with a new CPU request of the ZooKeeper container: a new revision. */
    record RollingUpdateAction(long cpuMillis) implements ExploreAction {
        public ActionKind kind() {
            return ActionKind.ROLLING_UPDATE;
        }

        public String describe() {
            return "patch the StatefulSet: cpu " + cpuMillis + "m (rolling update)";
        }
    }

    record RolloutUndoAction() implements ExploreAction {
        public ActionKind kind() {
            return ActionKind.ROLLOUT_UNDO;
        }

        public String describe() {
            return "rollout undo";
        }
    }

    record ScaleAction(int replicas) implements ExploreAction {
        public ActionKind kind() {
            return ActionKind.SCALE;
        }

        public String describe() {
            return "scale to " + replicas;
        }
    }

    /** A client creates the run's next znode, {@code /explore-N}, through the client Service. */
    record WriteAction() implements ExploreAction {
        public ActionKind kind() {
            return ActionKind.WRITE;
        }

        public String describe() {
            return "write a new znode";
        }
    }

    /** {@code kubectl delete pvc} of one ordinal's claim. */
    record DeletePvcAction(int ordinal) implements ExploreAction {
        public ActionKind kind() {
            return ActionKind.DELETE_PVC;
        }

        public String describe() {
            return "delete the PVC of ordinal " + ordinal;
        }
    }

    /**
     * {@code partition}: the pods of {@code ordinals} (and the leader's pod, with {@code withLeader}) on one side,
     * every other pod on the other; the clients with the pod of {@code clientsWith}, or by the step's rule (the larger
     * side).
     */
    record PartitionAction(boolean withLeader, java.util.List<Integer> ordinals, java.util.OptionalInt clientsWith)
            implements ExploreAction {
        public PartitionAction {
            ordinals = java.util.List.copyOf(ordinals);
        }

        public ActionKind kind() {
            return ActionKind.PARTITION;
        }

        public String describe() {
            return "partition " + (withLeader ? "the leader and " : "") + "ordinals " + ordinals + " from the rest"
                    + (clientsWith.isPresent() ? ", clients with ordinal " + clientsWith.getAsInt() : "");
        }
    }

    /** {@code isolate}: one pod cut from every other pod and the clients. */
    record IsolateAction(PodTarget pod) implements ExploreAction {
        public ActionKind kind() {
            return ActionKind.ISOLATE;
        }

        public String describe() {
            return "isolate " + pod.describe();
        }
    }

    /** {@code partition-node}: the pods bound to the node now cut from the rest and the clients. */
    record PartitionNodeAction(NodeTarget node) implements ExploreAction {
        public ActionKind kind() {
            return ActionKind.PARTITION_NODE;
        }

        public String describe() {
            return "partition " + node.describe();
        }
    }

    /** {@code pause-process}: the pod's JVM freezes. */
    record PauseProcessAction(PodTarget pod) implements ExploreAction {
        public ActionKind kind() {
            return ActionKind.PAUSE_PROCESS;
        }

        public String describe() {
            return "pause the process of " + pod.describe();
        }
    }

    /** {@code resume-process}: a frozen JVM runs again. */
    record ResumeProcessAction(PodTarget pod) implements ExploreAction {
        public ActionKind kind() {
            return ActionKind.RESUME_PROCESS;
        }

        public String describe() {
            return "resume the process of " + pod.describe();
        }
    }

    /**
     * {@code slow-link}: election messages from {@code from} to the pod of {@code toOrdinal} (and back) arrive late.
     */
    record SlowLinkAction(PodTarget from, int toOrdinal, long delayMs, boolean both) implements ExploreAction {
        public ActionKind kind() {
            return ActionKind.SLOW_LINK;
        }

        public String describe() {
            return "slow the link " + from.describe() + (both ? " <-> " : " -> ") + "ordinal " + toOrdinal + " by "
                    + delayMs + " ms";
        }
    }

    /** {@code heal}: partitions and slow links are gone. */
    record HealAction() implements ExploreAction {
        public ActionKind kind() {
            return ActionKind.HEAL;
        }

        public String describe() {
            return "heal the network";
        }
    }

    /** A node, named by what it means at the time the action runs. */
    sealed interface NodeTarget {
        String describe();

        /** The node of the pod that leads now. */
        record LeaderNode() implements NodeTarget {
            public String describe() {
                return "the leader's node";
            }
        }

        /** The node the pod of this ordinal is bound to now. */
        record OrdinalNode(int ordinal) implements NodeTarget {
            public String describe() {
                return "the node of ordinal " + ordinal;
            }
        }

        /** The index-th node in name order (modulo the node count). */
        record NthNode(int index) implements NodeTarget {
            public String describe() {
                return "node #" + index;
            }
        }

        /** The first cordoned node, by name. */
        record CordonedNode() implements NodeTarget {
            public String describe() {
                return "a cordoned node";
            }
        }

        /** The first failed node, by name. */
        record FailedNode() implements NodeTarget {
            public String describe() {
                return "a failed node";
            }
        }

        /** A node by name (heal steps). */
        record NamedNode(String name) implements NodeTarget {
            public String describe() {
                return name;
            }
        }
    }

    /** A pod, named by what it means at the time the action runs. */
    sealed interface PodTarget {
        String describe();

        record LeaderPod() implements PodTarget {
            public String describe() {
                return "the leader's pod";
            }
        }

        record OrdinalPod(int ordinal) implements PodTarget {
            public String describe() {
                return "the pod of ordinal " + ordinal;
            }
        }

        /** The first paused pod, by name (what {@code resume-process} mostly targets). */
        record PausedPod() implements PodTarget {
            public String describe() {
                return "a paused pod";
            }
        }

        /** The first pod whose node has failed (what an operator force-deletes to free the identity). */
        record PodOnFailedNode() implements PodTarget {
            public String describe() {
                return "a pod on a failed node";
            }
        }
    }
}
