package dev.zksim.model.manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything zksim knows about one ZooKeeper ensemble manifest: the StatefulSet, its Services and its
 * PodDisruptionBudget, immutable and with every Kubernetes and start-zookeeper default resolved.
 *
 * @param source the manifest file, for messages
 * @param namespace from {@code metadata.namespace} or "default"
 * @param pdb the PDB whose selector matches the StatefulSet's pods, else the first one declared
 * @param sourceMap where each YAML path sits in the file
 */
public record EnsembleSpec(
        Path source,
        String namespace,
        StatefulSetSpec statefulSet,
        List<ServiceSpec> services,
        Optional<PdbSpec> pdb,
        SourceMap sourceMap) {
    /** The cluster DNS domain kubelets use unless configured otherwise ({@code --cluster-domain}). */
    public static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";

    public EnsembleSpec {
        services = List.copyOf(services);
    }

    /** The Service named by {@code spec.serviceName}, which gives pods their DNS names. */
    public Optional<ServiceSpec> governingService() {
        return services.stream()
                .filter(s -> s.name().equals(statefulSet.serviceName()))
                .findFirst();
    }

    /** The label the StatefulSet controller gives each pod with its name. */
    public static final String LABEL_POD_NAME = "statefulset.kubernetes.io/pod-name";
    /**
     * The label the StatefulSet controller gives each pod with its ordinal (Kubernetes 1.28+, feature gate
     * PodIndexLabel, GA in 1.32): what a selector uses to pick pods by ordinal, e.g. the participants of
     * k8s-manifests/zookeeper-observers.yaml.
     */
    public static final String LABEL_POD_INDEX = "apps.kubernetes.io/pod-index";

    /**
     * The labels pod {@code ordinal} carries once the StatefulSet controller created it: the template's, its name and
     * its index (the controller's revision hash left out: no selector zksim reads uses it).
     */
    public SortedMap<String, String> podLabels(int ordinal) {
        TreeMap<String, String> labels = new TreeMap<>(statefulSet.template().labels());
        labels.put(LABEL_POD_NAME, podName(ordinal));
        labels.put(LABEL_POD_INDEX, Integer.toString(ordinal));
        return java.util.Collections.unmodifiableSortedMap(labels);
    }

    /** Pod name of ordinal {@code i}: {@code <sts>-<i>}. */
    public String podName(int ordinal) {
        return statefulSet.name() + "-" + ordinal;
    }

    /** The pod's FQDN under the governing Service: {@code zk-1.zk-hs.default.svc.cluster.local}. */
    public String podFqdn(int ordinal, String clusterDomain) {
        return podName(ordinal) + "." + statefulSet.serviceName() + "." + namespace + ".svc." + clusterDomain;
    }

    /**
     * The DNS domain of every pod, what {@code hostname -d} prints inside it: {@code zk-hs.default.svc.cluster.local}.
     * The StatefulSet controller sets each pod's {@code subdomain} to {@code serviceName}
     * (kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id); without a serviceName the
     * pod has no subdomain and the domain is empty.
     */
    public String podDomain(String clusterDomain) {
        String svc = statefulSet.serviceName();
        return svc.isEmpty() ? "" : svc + "." + namespace + ".svc." + clusterDomain;
    }

    /** The same spec in another namespace (the {@code --namespace} flag). */
    public EnsembleSpec inNamespace(String ns) {
        return new EnsembleSpec(source, ns, statefulSet, services, pdb, sourceMap);
    }

    /** The same applied manifest with another StatefulSet spec (what {@code kubectl scale} or {@code patch} leave). */
    public EnsembleSpec withStatefulSet(StatefulSetSpec sts) {
        return new EnsembleSpec(source, namespace, sts, services, pdb, sourceMap);
    }
}
