package dev.zksim.model.scenario;

import java.util.Optional;

/**
 * How a step names a node: by name, or as "the node pod P runs on" (now, or when the step labelled {@code at}
 * ended: the node zk-0 was on before it was drained).
 */
public sealed interface NodeRef {

    /** A node by name. */
    record Named(String node) implements NodeRef {
        @Override
        public String toString() {
            return node;
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
