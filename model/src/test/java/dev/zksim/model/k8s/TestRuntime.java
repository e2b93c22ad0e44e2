package dev.zksim.model.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A runtime for tests: a started container answers its probes until stopped, except for images whose name contains
 * "broken" (a template that never becomes Ready). Records every call and checks the contract (no stop/kill without a
 * running container, no start of a running one).
 */
final class TestRuntime implements ContainerRuntime {
    final TreeMap<String, ContainerLaunch> running = new TreeMap<>();
    final List<String> calls = new ArrayList<>();
    final List<SortedMap<String, String>> dnsUpdates = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    ExitListener exitListener;

    @Override
    public void start(ContainerLaunch launch) {
        if (running.containsKey(launch.podName())) {
            violations.add("start of running " + launch.podName());
        }
        running.put(launch.podName(), launch);
        calls.add("start " + launch.podName() + " " + launch.nodeName() + " " + launch.volumeId() + " #"
                + launch.restartCount());
    }

    @Override
    public void stop(String podName) {
        if (running.remove(podName) == null) {
            violations.add("stop of stopped " + podName);
        }
        calls.add("stop " + podName);
    }

    @Override
    public void kill(String podName) {
        if (running.remove(podName) == null) {
            violations.add("kill of stopped " + podName);
        }
        calls.add("kill " + podName);
    }

    /**
     * Records the call; the hook finishes at once unless {@link #holdPreStop} is set, then when a test calls
     * {@link #finishPreStop}.
     */
    @Override
    public void runPreStop(String podName, dev.zksim.model.manifest.PreStopHook hook, Runnable finished) {
        if (!running.containsKey(podName)) {
            violations.add("preStop of stopped " + podName);
        }
        calls.add("preStop " + podName + " " + String.join(" ", hook.command()));
        if (holdPreStop) {
            pendingPreStops.put(podName, finished);
        } else {
            finished.run();
        }
    }

    /** Hooks started while this is set run until {@link #finishPreStop}. */
    boolean holdPreStop;

    final TreeMap<String, Runnable> pendingPreStops = new TreeMap<>();

    /** The held hook of {@code pod} returns now. */
    void finishPreStop(String pod) {
        Runnable r = pendingPreStops.remove(pod);
        if (r != null) {
            r.run();
        }
    }

    @Override
    public boolean probe(String podName, ProbeKind kind) {
        ContainerLaunch l = running.get(podName);
        return l != null && !l.template().container().image().contains("broken");
    }

    @Override
    public void dnsChanged(SortedMap<String, String> podIps) {
        dnsUpdates.add(new TreeMap<>(podIps));
    }

    @Override
    public void setExitListener(ExitListener listener) {
        this.exitListener = listener;
    }

    /** The process of {@code pod} dies by itself. */
    void crash(String pod, int exitCode) {
        if (running.remove(pod) != null) {
            exitListener.exited(pod, exitCode);
        }
    }
}
