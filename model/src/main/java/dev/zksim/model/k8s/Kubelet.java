package dev.zksim.model.k8s;

import dev.zksim.model.k8s.ContainerRuntime.ProbeKind;
import dev.zksim.model.k8s.PodObj.ContainerState;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.PreStopHook;
import dev.zksim.model.manifest.Probe;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The kubelets of all nodes: container creation, probes, restarts with CrashLoopBackOff, graceful termination
 * (kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/). A kubelet acts only while its machine is up; the pod
 * status it last reported stays frozen while the machine is down.
 *
 * <p>Probes (kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/): the first
 * probe runs initialDelaySeconds after the container started, then every periodSeconds. Readiness turns true after
 * successThreshold consecutive successes and false after failureThreshold consecutive failures; without a readiness
 * probe the container is ready when it runs. Liveness restarts the container after failureThreshold consecutive
 * failures. One Unhealthy event is recorded per run of failures (Kubernetes records one per failure and aggregates
 * them).
 *
 * <p>Restarts (restartPolicy Always): the first restart after an exit is immediate, later ones wait 10s, 20s, 40s …
 * capped at 5 min (the pod shows CrashLoopBackOff meanwhile); the back-off resets when the last restart was more than
 * {@link ClusterTimings#crashLoopResetMs()} ago (the kubelet's flowcontrol back-off, 2 × the 5 min cap).
 */
final class Kubelet {
    private static final String SOURCE = "kubelet";

    /** A pull of an image the registry does not have fails after one round trip to the registry (an assumption). */
    static final long IMAGE_PULL_FAILURE_MS = 1_000;
    /** The pod worker's next sync after an error, which shows the image back-off. */
    static final long POD_RESYNC_MS = 1_000;
    /** The kubelet's image back-off: {@code imageBackOffPeriod} 10 s, doubling up to {@code MaxImageBackOff} 300 s. */
    static final long IMAGE_PULL_INITIAL_BACKOFF_MS = 10_000;

    static final long IMAGE_PULL_MAX_BACKOFF_MS = 300_000;

    private final ClusterState state;

    Kubelet(ClusterState state) {
        this.state = state;
    }

    private boolean machineUp(PodObj p) {
        return p.node != null && state.nodeObj(p.node).map(n -> !n.down).orElse(false);
    }

    private boolean live(PodObj p, long generation) {
        return state.podsByOrdinal().get(p.ordinal) == p && p.generation == generation && machineUp(p);
    }

    private String containerName(PodObj p) {
        return p.revision.template.container().name();
    }

    private void podEvent(PodObj p, String type, String reason, String message) {
        state.event(type, reason, "Pod", p.name, SOURCE, message);
    }

    // ---------------------------------------------------------------- start

    /** The scheduler bound {@code p}: the node's kubelet picks it up (if the machine is up). */
    void podBound(PodObj p) {
        long gen = p.generation;
        p.timers.add(state.schedule(0, "kubelet sync " + p.name, () -> {
            if (live(p, gen) && !p.terminating) {
                beginCreate(p);
            }
        }));
    }

    /** The container waits for {@code reason} (kubectl's STATUS column shows it); the pod's row is recorded. */
    private void waiting(PodObj p, String reason) {
        p.container = ContainerState.WAITING;
        p.containerReason = reason;
        state.row(p);
    }

    private void beginCreate(PodObj p) {
        p.cancelTimers();
        waiting(p, "ContainerCreating");
        long gen = p.generation;
        String image = p.revision.template.container().image();
        if (!state.clusterSpec().images().canPull(image)) {
            podEvent(p, KubernetesEvent.NORMAL, "Pulling", "Pulling image \"" + image + "\"");
            p.timers.add(state.schedule(IMAGE_PULL_FAILURE_MS, "image pull " + p.name, () -> {
                if (live(p, gen) && !p.terminating) {
                    imagePullFailed(p, image);
                }
            }));
            return;
        }
        p.timers.add(state.schedule(state.timings().containerCreateMs(), "create container " + p.name, () -> {
            if (live(p, gen) && !p.terminating) {
                startContainer(p, false);
            }
        }));
    }

    /**
     * A pull of an image the registry does not have fails (ErrImagePull); the next pod sync finds the image in
     * back-off (ImagePullBackOff) until the back-off expires, then pulls again. The kubelet's image back-off starts at
     * 10 s and doubles up to 300 s (pkg/kubelet/kubelet.go:
     * flowcontrol.NewBackOff(imageBackOffPeriod, MaxImageBackOff)).
     */
    private void imagePullFailed(PodObj p, String image) {
        p.cancelTimers();
        waiting(p, "ErrImagePull");
        podEvent(
                p,
                KubernetesEvent.WARNING,
                "Failed",
                "Failed to pull image \"" + image + "\": rpc error: code = "
                        + "NotFound desc = failed to pull and unpack image \"" + image + "\": not found");
        podEvent(p, KubernetesEvent.WARNING, "Failed", "Error: ErrImagePull");
        long delay = p.nextImagePullBackOffMs == 0
                ? IMAGE_PULL_INITIAL_BACKOFF_MS
                : Math.min(2 * p.nextImagePullBackOffMs, IMAGE_PULL_MAX_BACKOFF_MS);
        p.nextImagePullBackOffMs = delay;
        long gen = p.generation;
        p.timers.add(state.schedule(POD_RESYNC_MS, "image back-off " + p.name, () -> {
            if (live(p, gen) && !p.terminating) {
                p.containerReason = "ImagePullBackOff";
                state.row(p);
                podEvent(p, KubernetesEvent.NORMAL, "BackOff", "Back-off pulling image \"" + image + "\"");
                podEvent(p, KubernetesEvent.WARNING, "Failed", "Error: ImagePullBackOff");
            }
        }));
        p.timers.add(state.schedule(delay, "image pull retry " + p.name, () -> {
            if (live(p, gen) && !p.terminating) {
                beginCreate(p);
            }
        }));
    }

    private void startContainer(PodObj p, boolean restart) {
        p.cancelTimers();
        if (restart) {
            p.restarts++;
        }
        EnsembleSpec ensemble = state.lastApplied().orElseThrow();
        String volumeId = p.claims.isEmpty()
                ? "emptydir-" + p.uid
                : Optional.ofNullable(state.pvcMap().get(p.claims.get(0)))
                        .map(c -> c.volumeId)
                        .orElse("emptydir-" + p.uid);
        ContainerLaunch launch = new ContainerLaunch(
                p.name,
                p.ordinal,
                p.name,
                ensemble.podFqdn(p.ordinal, state.clusterSpec().clusterDomain()),
                p.node,
                p.ip,
                volumeId,
                p.revision.template,
                ensemble,
                p.restarts);
        p.phase = PodPhase.RUNNING;
        p.container = ContainerState.RUNNING;
        p.containerReason = "";
        p.processRunning = true;
        p.preStopRun = null;
        p.stopping = false;
        p.probesBroken = false;
        p.containerStartedAtMs = state.nowMs();
        p.readinessSuccesses = 0;
        p.readinessFailures = 0;
        p.livenessFailures = 0;
        Optional<Probe> readiness = p.revision.template.container().readinessProbe();
        p.containerReady = readiness.isEmpty();
        p.readyCondition = p.containerReady;
        p.readySinceMs = p.containerReady ? state.nowMs() : -1;
        long gen = p.generation;
        Optional<String> exit = p.revision.entrypointExit();
        if (exit.isPresent()) {
            // The entrypoint exits before any server runs: the runtime never starts one, the kubelet sees the exit
            // and restarts the container with back-off (kubectl: Error, then CrashLoopBackOff).
            p.processRunning = false;
            p.preStopRun = null;
            podEvent(p, KubernetesEvent.NORMAL, "Created", "Created container " + containerName(p));
            podEvent(p, KubernetesEvent.NORMAL, "Started", "Started container " + containerName(p));
            containerDied(p, ContainerEntrypoint.EXIT_CODE, true);
            return;
        }
        // Start first, so that the runtime knows the container before DNS may publish it.
        state.runtime().start(launch);
        podEvent(p, KubernetesEvent.NORMAL, "Created", "Created container " + containerName(p));
        podEvent(p, KubernetesEvent.NORMAL, "Started", "Started container " + containerName(p));
        state.row(p);
        state.requestReconcile();
        if (p.generation != gen) {
            return; // the runtime reported an exit synchronously
        }
        readiness.ifPresent(pr -> scheduleProbe(p, ProbeKind.READINESS, pr, pr.initialDelaySeconds() * 1000L, gen));
        p.revision
                .template
                .container()
                .livenessProbe()
                .ifPresent(pr -> scheduleProbe(p, ProbeKind.LIVENESS, pr, pr.initialDelaySeconds() * 1000L, gen));
    }

    // ---------------------------------------------------------------- probes

    private void scheduleProbe(PodObj p, ProbeKind kind, Probe probe, long delayMs, long gen) {
        // Probes are most of the control-plane actions, and most of them pass on a Ready container, which changes only
        // the probe counters: scheduled quietly, so the views the runner polls after every event stay cached.
        p.timers.add(state.scheduleQuiet(delayMs, kind + " probe " + p.name, () -> {
            if (!live(p, gen) || p.stopping || p.container != ContainerState.RUNNING) {
                return;
            }
            boolean ok = !p.probesBroken && state.runtime().probe(p.name, kind, probe.check());
            if (p.generation != gen) {
                return; // the probe call made the runtime report an exit (the exit listener moved changes())
            }
            boolean visible = !ok || (kind == ProbeKind.READINESS && (!p.containerReady || !p.readyCondition));
            if (visible) {
                state.changed();
            }
            if (kind == ProbeKind.READINESS) {
                readinessResult(p, probe, ok);
            } else {
                livenessResult(p, probe, ok);
            }
            if (visible) {
                state.changed();
            }
            if (p.generation == gen && !p.stopping) {
                scheduleProbe(p, kind, probe, Math.max(1, probe.periodSeconds()) * 1000L, gen);
            }
        }));
    }

    private void readinessResult(PodObj p, Probe probe, boolean ok) {
        if (ok) {
            p.readinessSuccesses++;
            p.readinessFailures = 0;
            if ((!p.containerReady || !p.readyCondition)
                    && p.readinessSuccesses >= Math.max(1, probe.successThreshold())) {
                setReady(p, true);
            }
        } else {
            p.readinessFailures++;
            p.readinessSuccesses = 0;
            if (p.readinessFailures == 1) {
                podEvent(p, KubernetesEvent.WARNING, "Unhealthy", "Readiness probe failed: ");
            }
            if (p.containerReady && p.readinessFailures >= Math.max(1, probe.failureThreshold())) {
                setReady(p, false);
            }
        }
    }

    private void livenessResult(PodObj p, Probe probe, boolean ok) {
        if (ok) {
            p.livenessFailures = 0;
            return;
        }
        p.livenessFailures++;
        if (p.livenessFailures == 1) {
            podEvent(p, KubernetesEvent.WARNING, "Unhealthy", "Liveness probe failed: ");
        }
        if (p.livenessFailures >= Math.max(1, probe.failureThreshold())) {
            podEvent(
                    p,
                    KubernetesEvent.NORMAL,
                    "Killing",
                    "Container " + containerName(p) + " failed liveness probe, will be restarted");
            stopContainer(p, graceMs(p), () -> containerDied(p, 137, false));
        }
    }

    private void setReady(PodObj p, boolean ready) {
        p.containerReady = ready;
        p.readyCondition = ready;
        p.readySinceMs = ready ? state.nowMs() : -1;
        state.row(p);
        state.requestReconcile();
    }

    private long graceMs(PodObj p) {
        return p.revision.template.terminationGracePeriodSeconds() * 1000L;
    }

    // ---------------------------------------------------------------- stop, exit, restart

    /**
     * Stops the container gracefully within {@code graceMs}, then runs {@code after}: first the container's preStop
     * hook, if it has one, then SIGTERM ({@link #sigterm}).
     *
     * <p>The preStop hook (kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#container-hooks and
     * kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination): "called immediately before a
     * container is terminated due to an API request or management event such as a liveness/startup probe failure,
     * preemption, resource contention and others" (here: deletion, eviction, scale-down, rolling update, liveness
     * kill, which all come through this method), never when the container crashes or its node fails (the kill
     * paths below). It "must complete before the TERM signal to stop the container can be sent", and the grace
     * period counts from before the hook: the kubelet (pkg/kubelet/kuberuntime/kuberuntime_container.go,
     * {@code killContainer}) runs the hook only when the grace period is above 0, waits for it at most the grace
     * period, subtracts the hook's duration in whole seconds from the grace period, and gives SIGTERM at least
     * {@code minimumGracePeriodInSeconds} = 2 s: "If the preStop hook is still running after the grace period
     * expires, the kubelet requests a small, one-off grace period extension of 2 seconds", after which the container
     * is killed.
     */
    private void stopContainer(PodObj p, long graceMs, Runnable after) {
        if (p.preStopRun instanceof HookRun running) {
            // A second termination of a container whose hook runs (a liveness kill, then the pod's deletion): the
            // hook runs once; the earlier end of the two grace periods holds.
            p.cancelTimers();
            p.stopping = true;
            running.after = after;
            running.graceEndMs = Math.min(running.graceEndMs, state.nowMs() + Math.max(0, graceMs));
            scheduleGraceEnd(p, running);
            return;
        }
        Optional<PreStopHook> hook = p.revision.template.container().preStop();
        if (hook.isEmpty() || graceMs <= 0 || !p.processRunning) {
            sigterm(p, graceMs, after);
            return;
        }
        p.cancelTimers();
        p.stopping = true;
        notReady(p);
        HookRun run = new HookRun(state.nowMs(), state.nowMs() + graceMs, after);
        p.preStopRun = run;
        scheduleGraceEnd(p, run);
        state.runtime().runPreStop(p.name, hook.get(), () -> {
            if (p.preStopRun == run && state.podsByOrdinal().get(p.ordinal) == p && machineUp(p)) {
                p.preStopRun = null;
                long graceLeftMs =
                        run.graceEndMs - run.startedAtMs - remainingGraceCharge(state.nowMs() - run.startedAtMs);
                sigterm(p, Math.max(MINIMUM_GRACE_MS, graceLeftMs), run.after);
            }
        });
    }

    /** The kubelet subtracts the hook's duration in whole seconds ({@code int64(time.Since(start).Seconds())}). */
    static long remainingGraceCharge(long hookMs) {
        return hookMs / 1000 * 1000;
    }

    /** The grace period of {@code run} ends with its hook still running: SIGTERM with the 2 s extension. */
    private void scheduleGraceEnd(PodObj p, HookRun run) {
        p.timers.add(state.schedule(Math.max(0, run.graceEndMs - state.nowMs()), "preStop grace over " + p.name, () -> {
            if (p.preStopRun == run && state.podsByOrdinal().get(p.ordinal) == p && machineUp(p)) {
                p.preStopRun = null;
                sigterm(p, MINIMUM_GRACE_MS, run.after);
            }
        }));
    }

    /** The kubelet's {@code minimumGracePeriodInSeconds}: SIGTERM always gets at least 2 s before SIGKILL. */
    static final long MINIMUM_GRACE_MS = 2_000;

    /** A preStop hook the kubelet waits for: when it started, when the grace period ends, what follows the stop. */
    private static final class HookRun {
        final long startedAtMs;
        long graceEndMs;
        Runnable after;

        HookRun(long startedAtMs, long graceEndMs, Runnable after) {
            this.startedAtMs = startedAtMs;
            this.graceEndMs = graceEndMs;
            this.after = after;
        }
    }

    private void notReady(PodObj p) {
        if (p.containerReady || p.readyCondition) {
            p.containerReady = false;
            p.readyCondition = false;
            p.readySinceMs = -1;
            state.row(p);
            state.requestReconcile();
        }
    }

    /**
     * SIGTERM now; the kubelet sees the container gone after {@code min(containerStopMs, grace)}, then runs
     * {@code after}.
     */
    private void sigterm(PodObj p, long graceMs, Runnable after) {
        p.cancelTimers();
        p.stopping = true;
        notReady(p);
        if (p.processRunning) {
            p.processRunning = false;
            p.preStopRun = null;
            state.runtime().stop(p.name);
        }
        long gen = p.generation;
        long delay = Math.min(state.timings().containerStopMs(), Math.max(0, graceMs));
        p.timers.add(state.schedule(delay, "container stopped " + p.name, () -> {
            if (live(p, gen)) {
                p.stopping = false;
                after.run();
            }
        }));
    }

    /** A runtime noticed by itself that the container exited (a crash). */
    void containerExitedOnItsOwn(String podName, int exitCode) {
        Optional<PodObj> found = state.podObj(podName);
        if (found.isEmpty()) {
            return;
        }
        PodObj p = found.get();
        if (!p.processRunning || p.stopping) {
            return; // an exit the kubelet caused itself
        }
        p.processRunning = false;
        p.preStopRun = null;
        p.cancelTimers();
        long gen = p.generation;
        p.timers.add(state.schedule(0, "container exited " + p.name, () -> {
            if (live(p, gen)) {
                containerDied(p, exitCode, true);
            }
        }));
    }

    /**
     * The container is gone. A terminating pod is finished; otherwise restartPolicy Always restarts it, at once or
     * after the back-off.
     *
     * @param visible whether the exit shows as its own status (Error/Completed) before the restart; a liveness kill
     *     is restarted in the same kubelet sync, so kubectl never shows it
     */
    private void containerDied(PodObj p, int exitCode, boolean visible) {
        p.cancelTimers();
        p.processRunning = false;
        p.preStopRun = null;
        p.container = ContainerState.TERMINATED;
        p.containerReason = exitCode == 0 ? "Completed" : "Error";
        p.containerReady = false;
        p.readyCondition = false;
        p.readySinceMs = -1;
        if (p.terminating) {
            finishTermination(p);
            return;
        }
        if (visible) {
            state.row(p);
        }
        state.requestReconcile();
        long now = state.nowMs();
        if (now - p.lastBackOffUpdateMs > state.timings().crashLoopResetMs()) {
            p.nextBackOffMs = 0;
        }
        long delay = p.nextBackOffMs;
        p.nextBackOffMs = delay == 0
                ? state.timings().crashLoopInitialBackOffMs()
                : Math.min(2 * delay, state.timings().crashLoopMaxBackOffMs());
        p.lastBackOffUpdateMs = now;
        long gen = p.generation;
        if (delay > 0) {
            waiting(p, "CrashLoopBackOff");
            podEvent(
                    p,
                    KubernetesEvent.WARNING,
                    "BackOff",
                    "Back-off restarting failed container " + containerName(p) + " in pod " + p.name + "_"
                            + state.namespace() + "(" + p.uid + ")");
        }
        p.timers.add(state.schedule(delay, "restart container " + p.name, () -> {
            if (live(p, gen) && !p.terminating) {
                startContainer(p, true);
            }
        }));
    }

    private void finishTermination(PodObj p) {
        state.row(p);
        state.removePod(p);
    }

    // ---------------------------------------------------------------- deletion

    /**
     * Graceful deletion: the pod gets its deletion timestamp (Terminating); the kubelet stops the container within the
     * grace period and then the object is removed. An unscheduled pod goes at once; a pod on a machine that is down
     * stays Terminating until the node is back, deleted, or the pod is force-deleted.
     */
    void deleteGracefully(PodObj p, long graceMs) {
        if (p.terminating) {
            return;
        }
        p.terminating = true;
        p.deletionAtMs = state.nowMs();
        state.row(p);
        state.requestReconcile();
        if (p.node == null) {
            state.removePod(p);
            return;
        }
        if (!machineUp(p)) {
            return;
        }
        p.cancelTimers();
        p.stopping = false;
        long gen = p.generation;
        p.timers.add(state.schedule(0, "kubelet kill " + p.name, () -> {
            if (live(p, gen)) {
                terminateOnNode(p, graceMs);
            }
        }));
    }

    private void terminateOnNode(PodObj p, long graceMs) {
        if (p.container == ContainerState.RUNNING) {
            podEvent(p, KubernetesEvent.NORMAL, "Killing", "Stopping container " + containerName(p));
            stopContainer(p, graceMs, () -> {
                p.container = ContainerState.TERMINATED;
                p.containerReason = "Completed";
                finishTermination(p);
            });
        } else {
            p.cancelTimers();
            if (p.processRunning) {
                p.processRunning = false;
                p.preStopRun = null;
                state.runtime().kill(p.name);
            }
            state.removePod(p);
        }
    }

    /** {@code --force --grace-period=0}: the object goes now; a reachable kubelet kills the container. */
    void forceDelete(PodObj p) {
        if (!p.terminating) {
            p.terminating = true;
            p.deletionAtMs = state.nowMs();
        }
        p.cancelTimers();
        if (p.processRunning && machineUp(p)) {
            p.processRunning = false;
            p.preStopRun = null;
            state.runtime().kill(p.name);
        }
        state.removePod(p);
    }

    // ---------------------------------------------------------------- exec

    /**
     * {@code kubectl exec POD -- COMMAND}: runs {@code inContainer} on the pod and records the command's output; when
     * the exec cannot reach the pod's container (no such pod, or its container is not running, e.g. its node is down)
     * records kubectl's error instead and runs nothing.
     */
    private CommandResult exec(String podName, String command, Consumer<PodObj> inContainer) {
        String cmd = "kubectl exec " + podName + " -- " + command;
        Optional<PodObj> found = state.podObj(podName);
        if (found.isEmpty()) {
            return state.output(
                    cmd, false, List.of("Error from server (NotFound): pods \"" + podName + "\" not found"));
        }
        PodObj p = found.get();
        if (!p.processRunning || !machineUp(p)) {
            return state.output(
                    cmd,
                    false,
                    List.of("error: unable to upgrade connection: container not found (\"" + containerName(p) + "\")"));
        }
        inContainer.accept(p);
        return state.output(cmd, true, List.of());
    }

    CommandResult killProcess(String podName) {
        return exec(podName, "pkill java", p -> {
            p.processRunning = false;
            p.preStopRun = null;
            state.runtime().kill(p.name);
            p.cancelTimers();
            long gen = p.generation;
            boolean wasStopping = p.stopping;
            p.timers.add(state.schedule(0, "container killed " + p.name, () -> {
                if (live(p, gen)) {
                    p.stopping = false;
                    if (wasStopping && p.terminating) {
                        finishTermination(p);
                    } else {
                        containerDied(p, 137, true);
                    }
                }
            }));
        });
    }

    CommandResult breakProbes(String podName) {
        return exec(podName, "rm /usr/bin/zookeeper-ready", p -> p.probesBroken = true);
    }

    // ---------------------------------------------------------------- machines

    /** The machine went down: its processes die, its kubelet stops; pod status stays as last reported. */
    void machineStopped(String node) {
        for (PodObj p : state.podsOn(node)) {
            p.cancelTimers();
            p.stopping = false;
            if (p.processRunning) {
                p.processRunning = false;
                p.preStopRun = null;
                state.runtime().powerOff(p.name);
            }
        }
    }

    /**
     * The machine is back: its kubelet finishes deletions that happened meanwhile and restarts the pods still bound to
     * it (a new container: restart count + 1).
     */
    void machineStarted(String node) {
        for (PodObj p : state.podsOn(node)) {
            p.cancelTimers();
            if (p.terminating) {
                state.removePod(p);
            } else if (p.container == ContainerState.NONE
                    || (p.container == ContainerState.WAITING
                            && ("ContainerCreating".equals(p.containerReason)
                                    || "ErrImagePull".equals(p.containerReason)
                                    || "ImagePullBackOff".equals(p.containerReason)))) {
                beginCreate(p);
            } else {
                startContainer(p, true);
            }
        }
    }
}
