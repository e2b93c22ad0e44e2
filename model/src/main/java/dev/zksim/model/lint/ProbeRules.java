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
        return List.of(new ReadinessMissing(), new LivenessMissing(), new TimeoutExceedsPeriod(), new PortMismatch());
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
            super("readiness-probe-missing", Severity.WARNING,
                    "Without a readiness probe pods count as Ready before ZooKeeper serves: a rolling update moves on"
                            + " before the restarted server rejoins and can take quorum.",
                    "https://kubernetes.io/docs/tutorials/stateful-application/zookeeper/#testing-for-readiness");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            if (container(ctx).readinessProbe().isPresent()) {
                return List.of();
            }
            return List.of(ctx.atStatefulSet(this, severity(), ctx.containerPath(),
                    "The ZooKeeper container has no readinessProbe: a pod is Ready as soon as the container starts,"
                            + " so clients are routed to a server that is not serving yet, and a rolling update"
                            + " restarts the next server before the previous one has rejoined the quorum, which can"
                            + " take the quorum down.",
                    "Add readinessProbe: exec [sh, -c, \"zookeeper-ready " + container(ctx).zk().clientPort()
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
            super("liveness-probe-missing", Severity.WARNING,
                    "Without a liveness probe a hung ZooKeeper process is never restarted.",
                    "https://kubernetes.io/docs/tutorials/stateful-application/zookeeper/#testing-for-liveness");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            if (container(ctx).livenessProbe().isPresent()) {
                return List.of();
            }
            return List.of(ctx.atStatefulSet(this, severity(), ctx.containerPath(),
                    "The ZooKeeper container has no livenessProbe: a server that is alive but unresponsive"
                            + " (deadlocked, stuck in GC, wedged on disk) is never restarted, and the ensemble runs"
                            + " with one server fewer until someone notices.",
                    "Add livenessProbe: exec [sh, -c, \"zookeeper-ready " + container(ctx).zk().clientPort()
                            + "\"] with initialDelaySeconds: 15 and timeoutSeconds: 5."));
        }
    }

    /**
     * {@code probe-timeout-exceeds-period}: the kubelet runs one probe attempt at a time per container and probe,
     * so a timeout at least as long as the period stretches the interval between attempts to the timeout: a hung
     * server is detected after about failureThreshold × timeoutSeconds, not failureThreshold × periodSeconds.
     * See https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes
     */
    static final class TimeoutExceedsPeriod extends AbstractRule {
        TimeoutExceedsPeriod() {
            super("probe-timeout-exceeds-period", Severity.INFO,
                    "A probe timeout at least as long as its period makes the period meaningless: a hung server is"
                            + " detected only after failureThreshold full timeouts.",
                    "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes");
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
            out.add(ctx.atStatefulSet(this, severity(), ctx.containerPath() + "." + name + ".timeoutSeconds",
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
     * {@code probe-port-mismatch}: the image's probe script {@code zookeeper-ready PORT} sends {@code ruok} to
     * PORT; a port other than {@code --client_port} never answers, so the probe always fails: the pod never
     * becomes Ready (readiness) or is restarted forever (liveness).
     * See https://kubernetes.io/docs/tutorials/stateful-application/zookeeper/#testing-for-liveness
     */
    static final class PortMismatch extends AbstractRule {
        PortMismatch() {
            super("probe-port-mismatch", Severity.ERROR,
                    "A zookeeper-ready probe on a port other than --client_port always fails: pods never become"
                            + " Ready, or are restarted forever.",
                    "https://kubernetes.io/docs/tutorials/stateful-application/zookeeper/#testing-for-liveness");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            List<Finding> out = new ArrayList<>();
            check(ctx, "readinessProbe", container(ctx).readinessProbe(),
                    "the pod never becomes Ready, so it gets no DNS record and OrderedReady creation and rolling"
                            + " updates stall at it", out);
            check(ctx, "livenessProbe", container(ctx).livenessProbe(),
                    "the kubelet restarts the container every few periods, forever (CrashLoopBackOff)", out);
            return out;
        }

        private void check(LintContext ctx, String name, Optional<Probe> probe, String consequence,
                           List<Finding> out) {
            if (probe.isEmpty()) {
                return;
            }
            int clientPort = container(ctx).zk().clientPort();
            Matcher m = READY_SCRIPT.matcher(String.join(" ", probe.get().command()));
            if (!m.find() || Integer.parseInt(m.group(1)) == clientPort) {
                return;
            }
            out.add(ctx.atStatefulSet(this, severity(), ctx.containerPath() + "." + name + ".exec.command",
                    name + " runs `zookeeper-ready " + m.group(1) + "`, but ZooKeeper listens for clients on"
                            + " --client_port=" + clientPort + ": the probe always fails and " + consequence + ".",
                    "Probe the client port: zookeeper-ready " + clientPort + "."));
        }
    }
}
