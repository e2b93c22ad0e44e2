package dev.zksim.runtime;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ServiceSpec;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The cluster DNS of one simulation, as CoreDNS would serve it for the ensemble's Services
 * (kubernetes.io/docs/concepts/services-networking/dns-pod-service/):
 * <ul>
 *   <li>{@code <pod>.<headless-service>.<namespace>.svc.<domain>} resolves to the pod's current IP while the pod is
 *       published (for a headless Service without publishNotReadyAddresses: while it is Ready);</li>
 *   <li>{@code <headless-service>.<namespace>.svc.<domain>} resolves to all published pods;</li>
 *   <li>every other Service of the manifest (the client Service {@code zk-cs}) resolves to the same published pods.
 *       In Kubernetes it resolves to one ClusterIP that kube-proxy forwards to a Ready endpoint; zksim has no
 *       kube-proxy, so the name carries the endpoints themselves, and a ZooKeeper client picks one of them at random
 *       (StaticHostProvider shuffles resolved addresses), much as kube-proxy would.</li>
 * </ul>
 * The records live in the simulation's {@link JvmHostsFile.Zone}, under a cluster domain of its own.
 */
public final class ClusterDns implements AutoCloseable {
    private final JvmHostsFile.Zone zone;
    private final String namespace;
    private final String governingService;
    private final List<String> services;
    private SortedMap<String, InetAddress> published = Collections.emptySortedMap();

    private ClusterDns(JvmHostsFile.Zone zone, EnsembleSpec spec) {
        this.zone = zone;
        this.namespace = spec.namespace();
        this.governingService = spec.statefulSet().serviceName();
        List<String> names = new ArrayList<>();
        if (!governingService.isEmpty()) {
            names.add(governingService);
        }
        for (ServiceSpec s : spec.services()) {
            if (!names.contains(s.name())) {
                names.add(s.name());
            }
        }
        this.services = List.copyOf(names);
    }

    /**
     * Opens the DNS of a simulation of {@code spec}, under {@code preferredClusterDomain} if no other live simulation
     * in this JVM uses it, else under a domain of its own (see {@link JvmHostsFile#openZone}).
     */
    public static ClusterDns open(JvmHostsFile hosts, EnsembleSpec spec, String preferredClusterDomain) {
        return new ClusterDns(hosts.openZone(preferredClusterDomain), spec);
    }

    /** The cluster domain the names of this simulation end in (e.g. {@code cluster.local}). */
    public String clusterDomain() {
        return zone.domain();
    }

    /** What {@code hostname -d} prints in a pod: {@code zk-hs.default.svc.cluster.local}. */
    public String podDomain() {
        return governingService.isEmpty() ? "" : serviceFqdn(governingService);
    }

    /** What {@code hostname -f} prints in pod {@code podName}: {@code zk-1.zk-hs.default.svc.cluster.local}. */
    public String podFqdn(String podName) {
        return governingService.isEmpty() ? podName : podName + "." + podDomain();
    }

    /** {@code <service>.<namespace>.svc.<domain>}. */
    public String serviceFqdn(String service) {
        return service + "." + namespace + ".svc." + zone.domain();
    }

    /** The Services whose names this DNS answers for: the governing Service first, then the manifest's others. */
    public List<String> services() {
        return services;
    }

    /**
     * Publishes exactly these pods (pod name to pod IP), replacing what was published before; a pod left out stops
     * resolving at the next lookup.
     */
    public synchronized void publish(SortedMap<String, InetAddress> podIps) {
        TreeMap<String, List<InetAddress>> records = new TreeMap<>();
        List<InetAddress> all = new ArrayList<>();
        podIps.forEach((pod, ip) -> {
            if (!governingService.isEmpty()) {
                records.put(podFqdn(pod), List.of(ip));
            }
            all.add(ip);
        });
        if (!all.isEmpty()) {
            for (String s : services) {
                records.put(serviceFqdn(s), all);
            }
        }
        zone.replace(records);
        published = Collections.unmodifiableSortedMap(new TreeMap<>(podIps));
    }

    /** The pods published now. */
    public synchronized SortedMap<String, InetAddress> published() {
        return published;
    }

    @Override
    public void close() {
        zone.close();
    }

    @Override
    public String toString() {
        return "ClusterDns[" + zone + "]";
    }
}
