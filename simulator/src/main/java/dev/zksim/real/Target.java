package dev.zksim.real;

/** Where a client operation goes: one pod's server, or a Service (the client Service {@code zk-cs}). */
public sealed interface Target permits Target.Pod, Target.Service {

    /**
     * One pod's server, addressed by its IP as {@code kubectl exec zk-1 -- zkCli.sh -server localhost:2181} would
     * reach it: it works whether or not the cluster DNS publishes the pod.
     */
    record Pod(String name) implements Target {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A Service by name, resolved through the cluster DNS to the Ready pods behind it. */
    record Service(String name) implements Target {
        @Override
        public String toString() {
            return "svc/" + name;
        }
    }

    static Target pod(String name) {
        return new Pod(name);
    }

    static Target service(String name) {
        return new Service(name);
    }
}
