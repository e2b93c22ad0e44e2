package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.k8s.ContainerLaunch;
import dev.zksim.model.k8s.ContainerRuntime;
import dev.zksim.model.manifest.EnsembleSpec;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * A test's stand-in for the kubelet: starts pods of the tutorial ensemble through a {@link RealContainerRuntime} on
 * the scheduler's driver thread (the runtime's contract), and publishes a pod's DNS record once its readiness probe
 * passes, as the headless Service does for Ready pods.
 */
final class RealEnsemble implements AutoCloseable {
    static final long STARTUP_TIMEOUT_MS = 30_000;

    final EnsembleSpec spec;
    final WallClockScheduler scheduler;
    final RealContainerRuntime runtime;
    /** The control-plane IP of each pod that has a container (what the kubelet would publish). */
    private final TreeMap<String, String> ips = new TreeMap<>();

    private final TreeMap<String, Integer> nodes = new TreeMap<>();

    RealEnsemble(int servers) {
        this(servers, RuntimeOptions.defaults());
    }

    RealEnsemble(int servers, RuntimeOptions options) {
        this(TestEnsembles.tutorial(servers), options);
    }

    /** Pods of {@code spec}'s StatefulSet (another manifest than the tutorial's). */
    RealEnsemble(EnsembleSpec spec, RuntimeOptions options) {
        this.spec = spec;
        this.scheduler = new WallClockScheduler(1, "test-driver");
        RealContainerRuntime r;
        try {
            r = RealContainerRuntime.open(spec, scheduler, options);
        } catch (RuntimeException e) {
            scheduler.close();
            throw e;
        }
        this.runtime = r;
    }

    /** Starts every pod on its own node and publishes them once ready; returns the leader's pod. */
    String startAll() {
        int n = spec.statefulSet().replicas();
        for (int i = 0; i < n; i++) {
            start(i, i, 0);
        }
        awaitAllReadyAndPublish();
        return awaitLeader();
    }

    /** Starts the container of pod {@code ordinal} on {@code node} (a new node: a new pod IP). */
    void start(int ordinal, int node, int restartCount) {
        ContainerLaunch l = TestEnsembles.launch(spec, ordinal, node, restartCount);
        onDriver(() -> {
            runtime.start(l);
            return null;
        });
        ips.put(l.podName(), l.podIp());
        nodes.put(l.podName(), node);
    }

    void kill(String pod) {
        onDriver(() -> {
            runtime.kill(pod);
            return null;
        });
    }

    /** The pod's machine loses power (the fault layer silences its links, then the server stops). */
    void powerOff(String pod) {
        onDriver(() -> {
            runtime.powerOff(pod);
            return null;
        });
    }

    void stop(String pod) {
        onDriver(() -> {
            runtime.stop(pod);
            return null;
        });
    }

    boolean probe(String pod) {
        return onDriver(() -> runtime.probe(pod, ContainerRuntime.ProbeKind.READINESS));
    }

    /** Removes {@code pod} from DNS (it is no longer Ready), keeping the others published. */
    void unpublish(String pod) {
        ips.remove(pod);
        publish();
    }

    /** Publishes exactly {@code pods} (of those started). */
    void publishOnly(java.util.Set<String> pods) {
        TreeMap<String, String> copy = new TreeMap<>(ips);
        copy.keySet().retainAll(pods);
        onDriver(() -> {
            runtime.dnsChanged(copy);
            return null;
        });
    }

    void publish() {
        TreeMap<String, String> copy = new TreeMap<>(ips);
        onDriver(() -> {
            runtime.dnsChanged(copy);
            return null;
        });
    }

    /** Waits until every started pod answers its readiness probe, then publishes them all. */
    void awaitAllReadyAndPublish() {
        assertThat(Awaits.until(() -> ips.keySet().stream().allMatch(this::probe), STARTUP_TIMEOUT_MS, 5))
                .as("all pods ready: %s", ips.keySet())
                .isTrue();
        publish();
    }

    /** Waits until every started pod's server serves (all followers synced): the steady state. */
    void awaitAllServing() {
        assertThat(Awaits.until(
                        () -> ips.keySet().stream()
                                .allMatch(p -> runtime.status(p).serving()),
                        STARTUP_TIMEOUT_MS,
                        5))
                .as("all serving: %s", runtime.statuses())
                .isTrue();
    }

    String awaitLeader() {
        Optional<String> leader = runtime.awaitLeader(STARTUP_TIMEOUT_MS);
        assertThat(leader)
                .as("a leader within %d ms; statuses %s", STARTUP_TIMEOUT_MS, runtime.statuses())
                .isPresent();
        return leader.get();
    }

    <T> T onDriver(Callable<T> task) {
        try {
            return scheduler.call("test step", task, STARTUP_TIMEOUT_MS);
        } catch (Exception e) {
            throw new AssertionError("driver-thread call failed", e);
        }
    }

    @Override
    public void close() {
        try {
            runtime.close();
        } finally {
            scheduler.close();
        }
    }
}
