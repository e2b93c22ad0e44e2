package dev.zksim.model.scenario;

import java.util.Optional;

/**
 * How a step names a node: by name, or as "the node pod P runs on" (now, or when the step labelled {@code at}
 * ended: the node zk-0 was on before it was drained), or as "the node the leader (a follower) runs on".
 */
public sealed interface NodeRef {

    /** A node by name. */
    record NodeNamed(String node) implements NodeRef {
        @Override
        public String toString() {
            return node;
        }
    }

    /**
     * The node the pod with a ZooKeeper role ({@link PodRef.Leader}, {@link PodRef.Follower}) is bound to: the role
     * as of now, or, with {@code at}, as of the end of the step labelled {@code at} (and its node then).
     */
    record NodeOfRole(PodRef role, Optional<String> at) implements NodeRef {
        @Override
        public String toString() {
            return "node of " + role + at.map(a -> " at '" + a + "'").orElse("");
        }
    }

    /** The node {@code pod} is bound to now, or at the end of the step labelled {@code at}. */
    record NodeOf(String pod, Optional<String> at) implements NodeRef {
        @Override
        public String toString() {
            return "node of " + pod + at.map(a -> " at '" + a + "'").orElse("");
        }
    }
}
