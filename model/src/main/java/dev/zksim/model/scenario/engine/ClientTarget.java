package dev.zksim.model.scenario.engine;

/** Where a ZooKeeper client connects: one pod's client port, or a Service (which picks one of its Ready pods). */
public sealed interface ClientTarget {

    /** A pod by name: {@code zk-0}. */
    record Pod(String name) implements ClientTarget {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A Service by name: {@code zk-cs}. */
    record Service(String name) implements ClientTarget {
        @Override
        public String toString() {
            return "service/" + name;
        }
    }
}
