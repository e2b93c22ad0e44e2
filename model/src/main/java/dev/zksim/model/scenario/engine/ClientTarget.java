package dev.zksim.model.scenario.engine;

/**
 * Where a ZooKeeper client connects: one pod's client port, or a Service (which picks one of its Ready pods). The
 * one client-target type of both engines: the model's client port and the real runtime's clients take it alike, and
 * print it the way kubectl names the objects ({@code zk-0}, {@code service/zk-cs}).
 */
public sealed interface ClientTarget {

    /** The pod {@code name}. */
    static ClientTarget pod(String name) {
        return new Pod(name);
    }

    /** The Service {@code name}. */
    static ClientTarget service(String name) {
        return new Service(name);
    }

    /**
     * A pod by name: {@code zk-0}. The real runtime reaches it by its IP, as
     * {@code kubectl exec zk-0 -- zkCli.sh -server localhost:2181} would, whether or not the cluster DNS publishes it.
     */
    record Pod(String name) implements ClientTarget {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A Service by name: {@code zk-cs}, resolved through the cluster DNS to the Ready pods behind it. */
    record Service(String name) implements ClientTarget {
        @Override
        public String toString() {
            return "service/" + name;
        }
    }
}
