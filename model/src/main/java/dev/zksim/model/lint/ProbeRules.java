package dev.zksim.model.lint;

import dev.zksim.model.manifest.ContainerSpec;
import dev.zksim.model.manifest.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Readiness and liveness probes of the ZooKeeper container. */
final class ProbeRules {
    private static final Pattern READY_SCRIPT = Pattern.compile("zookeeper-ready\\s+(\\d+)");

    private ProbeRules() {}

    static List<LintRule> all() {
        return List.of(
                new ReadinessMissing(),
                new LivenessMissing(),
                new TimeoutExceedsPeriod(),
                new PortMismatch(),
                new ServingProbeDeadlock());
    }

    /** Rules of {@link Linter#thorough()} only. */
    static List<LintRule> thorough() {
        return List.of(new ReadinessRuok());
    }

    private static ContainerSpec container(LintContext ctx) {
        return ctx.spec().statefulSet().template().container();
    }

    /**
     * {@code readiness-probe-missing}: without a readiness probe a pod is Ready as soon as its container starts.
     * Its DNS record is published and the client Service routes to it before ZooKeeper serves, and the StatefulSet
     * controller (OrderedReady creation, RollingUpdate) moves to the next pod before this server has rejoined the
     * quorum: a rolling update can take the quorum down.
     * See https://kubernetes.io/docs/tutorials/stateful-application/zookeeper/#testing-for-readiness
     */
    static final class ReadinessMissing extends AbstractRule {
        ReadinessMissing() {
            super(
                    "readiness-probe-missing",
                    Severity.WARNING,
                    "Without a readiness probe pods count as Ready before ZooKeeper serves: a rolling update moves on"
                            + " before the restarted server rejoins and can take quorum.",
                    "https://kubernetes.io/docs/tutorials/stateful-application/zookeeper/#testing-for-readiness");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            if (container(ctx).readinessProbe().isPresent()) {
                return List.of();
            }
            return List.of(ctx.atStatefulSet(
                    this,
                    severity(),
                    ctx.containerPath(),
                    "The ZooKeeper container has no readinessProbe: a pod is Ready as soon as the container starts,"
                            + " so clients are routed to a server that is not serving yet, and a rolling update"
                            + " restarts the next server before the previous one has rejoined the quorum, which can"
                            + " take the quorum down.",
                    "Add readinessProbe: exec [sh, -c, \"zookeeper-ready "
                            + container(ctx).zk().clientPort()
                            + "\"] with initialDelaySeconds: 15 and timeoutSeconds: 5."));
        }
    }

    /**
     * {@code liveness-probe-missing}: without a liveness probe a ZooKeeper process that is alive but unresponsive
     * (deadlocked, stuck in GC) is never restarted.
     * See https://kubernetes.io/docs/tutorials/stateful-application/zookeeper/#testing-for-liveness
     */
    static final class LivenessMissing extends AbstractRule {
        LivenessMissing() {
            super(
                    "liveness-probe-missing",
                    Severity.WARNING,
                    "Without a liveness probe a hung ZooKeeper process is never restarted.",
                    "https://kubernetes.io/docs/tutorials/stateful-application/zookeeper/#testing-for-liveness");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            if (container(ctx).livenessProbe().isPresent()) {
                return List.of();
            }
            return List.of(ctx.atStatefulSet(
                    this,
                    severity(),
                    ctx.containerPath(),
                    "The ZooKeeper container has no livenessProbe: a server that is alive but unresponsive"
                            + " (deadlocked, stuck in GC, wedged on disk) is never restarted, and the ensemble runs"
                            + " with one server fewer until someone notices.",
                    "Add livenessProbe: exec [sh, -c, \"zookeeper-ready "
                            + container(ctx).zk().clientPort()
                            + "\"] with initialDelaySeconds: 15 and timeoutSeconds: 5."));
        }
    }

    /**
     * {@code probe-timeout-exceeds-period}: the kubelet runs one probe attempt at a time per container and probe,
     * so a timeout at least as long as the period stretches the interval between attempts to the timeout: a hung
     * server is detected after about failureThreshold × timeoutSeconds, not failureThreshold × periodSeconds.
     * See https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
     * ("Configure Probes")
     */
    static final class TimeoutExceedsPeriod extends AbstractRule {
        TimeoutExceedsPeriod() {
            super(
                    "probe-timeout-exceeds-period",
                    Severity.INFO,
                    "A probe timeout at least as long as its period makes the period meaningless: a hung server is"
                            + " detected only after failureThreshold full timeouts.",
                    "https://kubernetes.io/docs/tasks/configure-pod-container/"
                            + "configure-liveness-readiness-startup-probes/#configure-probes");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            List<Finding> out = new ArrayList<>();
            check(ctx, "readinessProbe", container(ctx).readinessProbe(), out);
            check(ctx, "livenessProbe", container(ctx).livenessProbe(), out);
            return out;
        }

        private void check(LintContext ctx, String name, Optional<Probe> probe, List<Finding> out) {
            if (probe.isEmpty() || probe.get().timeoutSeconds() < probe.get().periodSeconds()) {
                return;
            }
            Probe p = probe.get();
            out.add(ctx.atStatefulSet(
                    this,
                    severity(),
                    ctx.containerPath() + "." + name + ".timeoutSeconds",
                    name + " timeoutSeconds " + p.timeoutSeconds() + " is not shorter than periodSeconds "
                            + p.periodSeconds() + ": the kubelet runs one attempt at a time, so against a hung server"
                            + " each attempt lasts the full timeout and failure is detected after about "
                            + p.failureThreshold() * p.timeoutSeconds() + " s (" + p.failureThreshold() + " × "
                            + p.timeoutSeconds() + " s), not " + p.failureThreshold() * p.periodSeconds() + " s.",
                    "Keep timeoutSeconds below periodSeconds (the tutorial: timeoutSeconds 5, default periodSeconds"
                            + " 10)."));
        }
    }

    /**
     * {@code readiness-probe-ruok} ({@link Linter#thorough()} only): {@code ruok} answers while the server is still
     * LOOKING, so a pod that just moved or restarted is Ready — healthy for the PodDisruptionBudget, done for the
     * rolling update — before it has joined the quorum, and the next eviction or update step can go ahead. The model
     * shows writes stopping for about 0.7 s in the tutorial's drain sequence; {@code zksim explore} finds it with
     * {@code --max-write-outage 500ms}.
     * See https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_4lw (ruok: "does not mean it has joined a
     * quorum") and docs/explore.md.
     */
    static final class ReadinessRuok extends AbstractRule {
        ReadinessRuok() {
            super(
                    "readiness-probe-ruok",
                    Severity.INFO,
                    "A ruok readiness probe makes a pod Ready before its server has joined the quorum: the PDB and"
                            + " a rolling update may take the next server while this one is still LOOKING.",
                    "https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_4lw");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            Optional<Probe> p = container(ctx).readinessProbe();
            if (p.isEmpty()
                    || p.get().check() != Probe.HealthCheck.RUOK
                    || ctx.spec().statefulSet().replicas() < 2) {
                return List.of();
            }
            return List.of(ctx.atStatefulSet(
                    this,
                    severity(),
                    ctx.containerPath() + ".readinessProbe.exec.command",
                    "The readinessProbe asks ruok, which a server answers while it is still LOOKING for a leader: a"
                            + " pod that just moved or restarted is Ready (healthy for the PodDisruptionBudget, done"
                            + " for the rolling update) before it has joined the quorum, so the next drain or update"
                            + " step can take another server from a quorum that does not include it yet (the model"
                            + " shows writes stopping for about 0.7 s in the tutorial's drain sequence when the"
                            + " headless Service does not publish not-ready pods).",
                    "Probe srvr for a Mode line: readinessProbe exec [sh, -c, \"echo srvr | nc 127.0.0.1 "
                            + container(ctx).zk().clientPort() + " | grep -qE 'Mode: (leader|follower|observer|"
                            + "standalone)'\"], with podManagementPolicy: Parallel and publishNotReadyAddresses: true"
                            + " on the headless Service (k8s-manifests/zookeeper-serving-probe.yaml); keep ruok for"
                            + " the livenessProbe. The trade-off: during a quorum loss every pod is NotReady."));
        }
    }

    /**
     * {@code readiness-probe-serving-deadlock}: a readiness probe that waits for the server to serve ({@code srvr}
     * Mode) needs a quorum of servers running and resolving each other before any pod is Ready. With OrderedReady
     * the StatefulSet creates zk-1 only once zk-0 is Ready, and zk-0 alone never serves; without
     * publishNotReadyAddresses the headless Service publishes no pod until one is Ready, so the servers cannot find
     * each other. Either way the ensemble never starts.
     * See https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#pod-management-policies
     */
    static final class ServingProbeDeadlock extends AbstractRule {
        ServingProbeDeadlock() {
            super(
                    "readiness-probe-serving-deadlock",
                    Severity.ERROR,
                    "A readiness probe that waits for a quorum needs Parallel pod management and"
                            + " publishNotReadyAddresses, or the ensemble never starts.",
                    "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#pod-management-policies");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            Optional<Probe> p = container(ctx).readinessProbe();
            if (p.isEmpty()
                    || p.get().check() != Probe.HealthCheck.SERVING
                    || ctx.spec().statefulSet().replicas() < 2) {
                return List.of();
            }
            List<String> why = new ArrayList<>();
            if (ctx.spec().statefulSet().podManagementPolicy()
                    == dev.zksim.model.manifest.StatefulSetSpec.PodManagementPolicy.ORDERED_READY) {
                why.add("podManagementPolicy OrderedReady creates zk-1 only once zk-0 is Ready, and zk-0 alone never"
                        + " serves");
            }
            boolean published = ctx.spec()
                    .governingService()
                    .map(dev.zksim.model.manifest.ServiceSpec::publishNotReadyAddresses)
                    .orElse(false);
            if (!published) {
                why.add("the headless Service publishes a pod's DNS record only once it is Ready, so the servers"
                        + " cannot resolve each other to elect a leader");
            }
            if (why.isEmpty()) {
                return List.of();
            }
            return List.of(ctx.atStatefulSet(
                    this,
                    severity(),
                    ctx.containerPath() + ".readinessProbe.exec.command",
                    "The readinessProbe waits until srvr reports a Mode, i.e. until the server has joined a quorum,"
                            + " but " + String.join(", and ", why) + ": no pod ever becomes Ready.",
                    "Set podManagementPolicy: Parallel on the StatefulSet and publishNotReadyAddresses: true on the"
                            + " headless Service, as k8s-manifests/zookeeper-serving-probe.yaml does."));
        }
    }

    /**
     * {@code probe-port-mismatch}: the image's probe script {@code zookeeper-ready PORT} sends {@code ruok} to
     * PORT; a port other than {@code --client_port} never answers, so the probe always fails: the pod never
     * becomes Ready (readiness) or is restarted forever (liveness).
     * See https://kubernetes.io/docs/tutorials/stateful-application/zookeeper/#testing-for-liveness
     */
    static final class PortMismatch extends AbstractRule {
        PortMismatch() {
            super(
                    "probe-port-mismatch",
                    Severity.ERROR,
                    "A zookeeper-ready probe on a port other than --client_port always fails: pods never become"
                            + " Ready, or are restarted forever.",
                    "https://kubernetes.io/docs/tutorials/stateful-application/zookeeper/#testing-for-liveness");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            List<Finding> out = new ArrayList<>();
            check(
                    ctx,
                    "readinessProbe",
                    container(ctx).readinessProbe(),
                    "the pod never becomes Ready, so it gets no DNS record and OrderedReady creation and rolling"
                            + " updates stall at it",
                    out);
            check(
                    ctx,
                    "livenessProbe",
                    container(ctx).livenessProbe(),
                    "the kubelet restarts the container every few periods, forever (CrashLoopBackOff)",
                    out);
            return out;
        }

        private void check(LintContext ctx, String name, Optional<Probe> probe, String consequence, List<Finding> out) {
            if (probe.isEmpty()) {
                return;
            }
            int clientPort = container(ctx).zk().clientPort();
            Matcher m = READY_SCRIPT.matcher(String.join(" ", probe.get().command()));
            if (!m.find() || Integer.parseInt(m.group(1)) == clientPort) {
                return;
            }
            out.add(ctx.atStatefulSet(
                    this,
                    severity(),
                    ctx.containerPath() + "." + name + ".exec.command",
                    name + " runs `zookeeper-ready " + m.group(1) + "`, but ZooKeeper listens for clients on"
                            + " --client_port=" + clientPort + ": the probe always fails and " + consequence + ".",
                    "Probe the client port: zookeeper-ready " + clientPort + "."));
        }
    }
}
