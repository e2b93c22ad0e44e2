package dev.zksim.model.k8s;

import dev.zksim.model.manifest.PreStopHook;
import java.util.SortedMap;
import java.util.TreeSet;

/** {@link ContainerRuntime#alwaysHealthy()}: a started container answers its probes until it is stopped. */
final class AlwaysHealthyRuntime implements ContainerRuntime {
    private final TreeSet<String> running = new TreeSet<>();

    @Override
    public void start(ContainerLaunch launch) {
        running.add(launch.podName());
    }

    @Override
    public void stop(String podName) {
        running.remove(podName);
    }

    @Override
    public void kill(String podName) {
        running.remove(podName);
    }

    /** Containers of the Kubernetes-only model run no commands: the hook is done at once. */
    @Override
    public void runPreStop(String podName, PreStopHook hook, Runnable finished) {
        finished.run();
    }

    @Override
    public boolean probe(String podName, ProbeKind kind) {
        return running.contains(podName);
    }

    @Override
    public void dnsChanged(SortedMap<String, String> podIps) {
        // Containers of the Kubernetes-only model do not talk to each other.
    }

    @Override
    public void setExitListener(ExitListener listener) {
        // Never exits on its own.
    }
}
