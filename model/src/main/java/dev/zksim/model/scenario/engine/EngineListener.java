package dev.zksim.model.scenario.engine;

/**
 * Receives every change as it happens, in engine time order, on the engine's single thread of control: what
 * {@code kubectl get pods -w} and {@code kubectl get events -w} would print.
 */
public interface EngineListener {

    /** A pod was created or one of its columns changed. */
    void podChanged(long nowMs, PodView pod);

    /** A pod object is gone (its last view). */
    void podDeleted(long nowMs, PodView last);

    /** An event was recorded. */
    void event(ClusterEvent event);

    /** A ZooKeeper server logged a line (engines with a ZooKeeper backend). */
    default void serverLog(ServerLog line) {}

    /** A kubectl command printed a line ({@code node/node-1 cordoned}, a drain's retry message), maybe later on. */
    void commandOutput(long nowMs, String command, String line);

    /** Ignores everything. */
    EngineListener NONE = new EngineListener() {
        @Override
        public void podChanged(long nowMs, PodView pod) {}

        @Override
        public void podDeleted(long nowMs, PodView last) {}

        @Override
        public void event(ClusterEvent event) {}

        @Override
        public void commandOutput(long nowMs, String command, String line) {}
    };
}
