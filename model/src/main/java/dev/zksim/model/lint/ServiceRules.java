package dev.zksim.model.lint;

import dev.zksim.model.manifest.ContainerSpec;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.LabelSelector;
import dev.zksim.model.manifest.ServiceSpec;
import dev.zksim.model.manifest.ZkConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The governing headless Service (per-pod DNS names, which the {@code server.N} lines use) and the client Service,
 * against the StatefulSet's {@code serviceName} and the ports start-zookeeper configures.
 */
final class ServiceRules {
    private ServiceRules() {}

    static List<LintRule> all() {
        return List.of(new HeadlessServiceMissing(), new HeadlessServicePorts(), new ClientServicePort());
    }

    /**
     * The container port a Service port forwards to: {@code targetPort} as a number, or the container port of that
     * name; the Service port itself when {@code targetPort} is not set
     * (https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports).
     */
    static OptionalInt targetPort(ServiceSpec.ServicePort port, ContainerSpec container) {
        String t = port.targetPort();
        if (t == null || t.isBlank()) {
            return OptionalInt.of(port.port());
        }
        if (t.chars().allMatch(Character::isDigit)) {
            return OptionalInt.of(Integer.parseInt(t));
        }
        return container.ports().stream()
                .filter(p -> t.equals(p.name()))
                .mapToInt(ContainerSpec.ContainerPort::containerPort)
                .findFirst();
    }

    private static boolean forwardsTo(ServiceSpec svc, ContainerSpec container, int containerPort) {
        return svc.ports().stream().anyMatch(p -> targetPort(p, container).orElse(-1) == containerPort);
    }

    private static String describePorts(ServiceSpec svc, ContainerSpec container) {
        if (svc.ports().isEmpty()) {
            return "no ports";
        }
        List<String> parts = new ArrayList<>();
        for (ServiceSpec.ServicePort p : svc.ports()) {
            OptionalInt t = targetPort(p, container);
            String target = t.isPresent()
                    ? Integer.toString(t.getAsInt())
                    : "named port '" + p.targetPort() + "' that the container does not declare";
            parts.add(p.port() + "→" + target);
        }
        return "ports " + String.join(", ", parts);
    }

    /**
     * {@code headless-service-missing}: a StatefulSet's pods get DNS names {@code <pod>.<serviceName>.<ns>.svc}
     * only through a headless Service ({@code clusterIP: None}) named by {@code spec.serviceName}; start-zookeeper
     * puts exactly those names into the {@code server.N} lines.
     * See https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id and
     * https://kubernetes.io/docs/concepts/services-networking/service/#headless-services
     */
    static final class HeadlessServiceMissing extends AbstractRule {
        HeadlessServiceMissing() {
            super(
                    "headless-service-missing",
                    Severity.ERROR,
                    "Without a headless Service named by serviceName the pods get no stable DNS names, and the"
                            + " server.N addresses in zoo.cfg never resolve.",
                    "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            EnsembleSpec spec = ctx.spec();
            String serviceName = spec.statefulSet().serviceName();
            Optional<ServiceSpec> governing = spec.governingService();
            String consequence = "the pods get no DNS records such as "
                    + spec.podFqdn(0, EnsembleSpec.DEFAULT_CLUSTER_DOMAIN)
                    + ", so the server.N addresses start-zookeeper writes into zoo.cfg never resolve and the servers"
                    + " never form a quorum.";
            if (serviceName == null || serviceName.isBlank()) {
                return List.of(ctx.atStatefulSet(
                        this,
                        severity(),
                        "spec.serviceName",
                        "StatefulSet " + spec.statefulSet().name() + " has no spec.serviceName: " + consequence,
                        "Set spec.serviceName to a headless Service (clusterIP: None) that selects the pods."));
            }
            if (governing.isEmpty()) {
                return List.of(ctx.atStatefulSet(
                        this,
                        severity(),
                        "spec.serviceName",
                        "spec.serviceName is " + serviceName + ", but this manifest has no Service " + serviceName
                                + ": unless it exists in the cluster already, " + consequence,
                        "Add a headless Service " + serviceName + " (clusterIP: None) selecting the pods, with"
                                + " ports for --server_port and --election_port."));
            }
            ServiceSpec svc = governing.get();
            if (!svc.headless()) {
                return List.of(ctx.finding(
                        this,
                        svc.documentIndex(),
                        "spec.clusterIP",
                        "Service " + svc.name() + " governs StatefulSet "
                                + spec.statefulSet().name() + " but is not"
                                + " headless (it gets a cluster IP): per-pod DNS records are published only for"
                                + " headless Services, so " + consequence,
                        "Set spec.clusterIP: None on " + svc.name() + " (a Service's clusterIP cannot be changed in"
                                + " place: delete and recreate it), and use a separate Service for clients."));
            }
            return List.of();
        }
    }

    /**
     * {@code headless-service-ports}: the headless Service should declare the quorum ({@code --server_port}) and
     * election ({@code --election_port}) ports. DNS A records work regardless, but SRV records, network policies
     * and service meshes derived from the Service's ports then point at the wrong ports.
     * See https://kubernetes.io/docs/tutorials/stateful-application/zookeeper/#creating-a-zookeeper-ensemble and
     * https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#srv-records
     */
    static final class HeadlessServicePorts extends AbstractRule {
        HeadlessServicePorts() {
            super(
                    "headless-service-ports",
                    Severity.WARNING,
                    "The headless Service's ports should be the quorum and election ports ZooKeeper listens on;"
                            + " SRV records, network policies and meshes are derived from them.",
                    "https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#srv-records");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            Optional<ServiceSpec> governing = ctx.spec().governingService().filter(ServiceSpec::headless);
            if (governing.isEmpty()) {
                return List.of();
            }
            ServiceSpec svc = governing.get();
            ContainerSpec container = ctx.spec().statefulSet().template().container();
            ZkConfig zk = container.zk();
            List<String> missing = new ArrayList<>();
            if (!forwardsTo(svc, container, zk.serverPort())) {
                missing.add("--server_port=" + zk.serverPort());
            }
            if (!forwardsTo(svc, container, zk.electionPort())) {
                missing.add("--election_port=" + zk.electionPort());
            }
            if (missing.isEmpty()) {
                return List.of();
            }
            return List.of(ctx.finding(
                    this,
                    svc.documentIndex(),
                    "spec.ports",
                    "Headless Service " + svc.name() + " has " + describePorts(svc, container) + " but ZooKeeper"
                            + " listens on " + String.join(" and ", missing) + ": the pods' DNS names still resolve,"
                            + " but SRV records and anything built from the Service's ports (network policies,"
                            + " service meshes) point at ports where no ZooKeeper listens, and quorum traffic can be"
                            + " blocked.",
                    "Declare ports " + zk.serverPort() + " (name: server) and " + zk.electionPort()
                            + " (name: leader-election) on " + svc.name() + "."));
        }
    }

    /**
     * {@code client-service-port}: a non-headless Service selecting the pods is how clients reach ZooKeeper; unless
     * one of its ports forwards to {@code --client_port}, client connections are refused.
     * See https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports
     */
    static final class ClientServicePort extends AbstractRule {
        ClientServicePort() {
            super(
                    "client-service-port",
                    Severity.ERROR,
                    "A client Service that forwards to a port other than --client_port sends clients where no"
                            + " ZooKeeper listens: connections are refused.",
                    "https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            EnsembleSpec spec = ctx.spec();
            ContainerSpec container = spec.statefulSet().template().container();
            int clientPort = container.zk().clientPort();
            List<Finding> out = new ArrayList<>();
            for (ServiceSpec svc : spec.services()) {
                boolean client = !svc.headless()
                        && !svc.name().equals(spec.statefulSet().serviceName())
                        && !svc.selector().isEmpty()
                        && LabelSelector.ofLabels(svc.selector()).matches(SelectorRules.podLabels(spec));
                if (!client || forwardsTo(svc, container, clientPort)) {
                    continue;
                }
                String path = svc.ports().size() == 1 ? "spec.ports[0].targetPort" : "spec.ports";
                int line = ctx.line(svc.documentIndex(), path);
                out.add(new Finding(
                        id(),
                        severity(),
                        ctx.file(),
                        line,
                        path,
                        "Service " + svc.name() + " has " + describePorts(svc, container) + ", but ZooKeeper listens"
                                + " for clients on --client_port=" + clientPort + ": connections through "
                                + svc.name() + " are refused.",
                        "Forward a port of " + svc.name() + " to " + clientPort + " (port: " + clientPort
                                + ", name: client), or change --client_port."));
            }
            return out;
        }
    }
}
