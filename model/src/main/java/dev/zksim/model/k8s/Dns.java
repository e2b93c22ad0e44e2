package dev.zksim.model.k8s;

import dev.zksim.model.manifest.ServiceSpec;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The governing headless Service's A records. A pod is published while it has an IP, is not being deleted and is
 * Ready — or regardless of readiness when the Service sets publishNotReadyAddresses
 * (kubernetes.io/docs/concepts/services-networking/dns-pod-service/#a-aaaa-records-1,
 * kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec). Changes are pushed to the
 * runtime.
 */
final class Dns {
    private final ClusterState state;
    private SortedMap<String, String> records = Collections.emptySortedMap();

    Dns(ClusterState state) {
        this.state = state;
    }

    SortedMap<String, String> records() {
        return records;
    }

    /** Recomputes the records; tells the runtime when they changed. */
    void refresh() {
        TreeMap<String, String> now = new TreeMap<>();
        Optional<ServiceSpec> svc = state.lastApplied().flatMap(e -> e.governingService());
        if (svc.isPresent()) {
            ServiceSpec s = svc.get();
            for (PodObj p : state.podsByOrdinal().values()) {
                if (p.ip == null || !selects(s.selector(), p.labels)) {
                    continue;
                }
                if (s.publishNotReadyAddresses() || (p.readyCondition && !p.terminating)) {
                    now.put(p.name, p.ip);
                }
            }
        }
        if (!now.equals(records)) {
            records = Collections.unmodifiableSortedMap(now);
            state.runtime().dnsChanged(records);
        }
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        if (selector.isEmpty()) {
            return false; // a Service without selector gets no endpoints from the endpoints controller
        }
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
