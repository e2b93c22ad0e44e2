package dev.zksim.model.manifest;

import dev.zksim.model.InvalidInputException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * fabric8 objects to an {@link EnsembleSpec}: fills in every default the API server would
 * (k8s.io/kubernetes pkg/apis/apps/v1/defaults.go, pkg/apis/core/v1/defaults.go) and rejects what its validation
 * rejects (pkg/apis/apps/validation, pkg/apis/core/validation, pkg/apis/policy/validation) where that matters for
 * the simulation, each time naming the field and its line.
 */
final class EnsembleMapper {
    /** A typed object and the YAML document it came from. */
    record Typed<T>(int doc, T object) {}

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern PERCENT = Pattern.compile("([0-9]+)%");
    private static final List<String> ACCESS_MODES =
            List.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod");

    private final String file;
    private final SourceMap sourceMap;

    EnsembleMapper(String file, SourceMap sourceMap) {
        this.file = file;
        this.sourceMap = sourceMap;
    }

    EnsembleSpec map(
            Path source, Typed<StatefulSet> sts, List<Typed<Service>> services, List<Typed<PodDisruptionBudget>> pdbs) {
        String namespace = namespace(sts, services, pdbs);
        StatefulSetSpec set = statefulSet(sts);
        List<ServiceSpec> svcs = new ArrayList<>();
        for (Typed<Service> s : services) {
            svcs.add(service(s));
        }
        List<PdbSpec> budgets = new ArrayList<>();
        for (Typed<PodDisruptionBudget> p : pdbs) {
            budgets.add(pdb(p));
        }
        Optional<PdbSpec> pdb = budgets.stream()
                .filter(b -> b.selector().matches(set.template().labels()))
                .findFirst()
                .or(() -> budgets.stream().findFirst());
        return new EnsembleSpec(source, namespace, set, svcs, pdb, sourceMap);
    }

    // ---------------------------------------------------------------- namespace

    private String namespace(
            Typed<StatefulSet> sts, List<Typed<Service>> services, List<Typed<PodDisruptionBudget>> pdbs) {
        List<Typed<? extends HasMetadata>> all = new ArrayList<>();
        all.add(sts);
        all.addAll(services);
        all.addAll(pdbs);
        String chosen = null;
        int chosenDoc = -1;
        for (Typed<? extends HasMetadata> t : all) {
            String ns = t.object().getMetadata() == null
                    ? null
                    : t.object().getMetadata().getNamespace();
            if (ns == null || ns.isEmpty()) {
                continue;
            }
            YamlPath at = YamlPath.parse("metadata.namespace");
            if (!DNS_LABEL.matcher(ns).matches() || ns.length() > 63) {
                throw error(
                        t.doc(),
                        at,
                        "'" + ns + "' is not a valid namespace name (lowercase letters, digits"
                                + " and '-', at most 63 characters).");
            }
            if (chosen == null) {
                chosen = ns;
                chosenDoc = t.doc();
            } else if (!chosen.equals(ns)) {
                throw error(
                        t.doc(),
                        at,
                        "this object is in namespace '" + ns + "' but the object at line "
                                + sourceMap.lineOrZero(chosenDoc, at) + " is in '" + chosen
                                + "'. A StatefulSet's Services"
                                + " and PodDisruptionBudget only apply to it in its own namespace; put every object in"
                                + " one namespace (or leave metadata.namespace out and use zksim's --namespace).");
            }
        }
        return chosen == null ? "default" : chosen;
    }

    // ---------------------------------------------------------------- StatefulSet

    private StatefulSetSpec statefulSet(Typed<StatefulSet> t) {
        int doc = t.doc();
        StatefulSet s = t.object();
        String name = name(
                doc,
                s,
                DNS_LABEL,
                "a DNS label (lowercase letters, digits and '-'): each pod's hostname" + " is <name>-<ordinal>");
        var spec = s.getSpec();
        YamlPath specPath = YamlPath.root().key("spec");
        if (spec == null) {
            throw error(
                    doc,
                    YamlPath.root(),
                    "the StatefulSet has no spec; it needs at least selector, serviceName"
                            + " and template (see k8s-manifests/zookeeper.yaml).");
        }
        int replicas = nonNegative(doc, specPath.key("replicas"), spec.getReplicas(), 1);
        if (spec.getOrdinals() != null
                && spec.getOrdinals().getStart() != null
                && spec.getOrdinals().getStart() != 0) {
            throw error(
                    doc,
                    specPath.key("ordinals").key("start"),
                    "ordinals.start = " + spec.getOrdinals().getStart()
                            + " is not supported: start-zookeeper derives myid from the ordinal and lists servers "
                            + name + "-0 to " + name + "-(servers-1), so pods numbered from "
                            + spec.getOrdinals().getStart()
                            + " would not match the server list. Remove spec.ordinals.");
        }
        if (spec.getSelector() == null) {
            throw error(
                    doc,
                    specPath,
                    "spec.selector is missing; apps/v1 requires it (e.g. matchLabels: {app: zk})"
                            + " and it must match spec.template.metadata.labels.");
        }
        LabelSelector selector = selector(doc, specPath.key("selector"), spec.getSelector());
        if (selector.isEmpty()) {
            throw error(
                    doc,
                    specPath.key("selector"),
                    "the selector is empty, which the API server rejects for a"
                            + " StatefulSet; select the pod template's labels, e.g. matchLabels: {app: zk}.");
        }
        var podManagement =
                switch (orDefault(spec.getPodManagementPolicy(), "OrderedReady")) {
                    case "OrderedReady" -> StatefulSetSpec.PodManagementPolicy.ORDERED_READY;
                    case "Parallel" -> StatefulSetSpec.PodManagementPolicy.PARALLEL;
                    default ->
                        throw error(
                                doc,
                                specPath.key("podManagementPolicy"),
                                "'" + spec.getPodManagementPolicy()
                                        + "' is not a pod management policy; use OrderedReady (the default) or"
                                        + " Parallel.");
                };
        StatefulSetSpec.UpdateStrategy update =
                updateStrategy(doc, specPath.key("updateStrategy"), spec.getUpdateStrategy());
        int minReady = nonNegative(doc, specPath.key("minReadySeconds"), spec.getMinReadySeconds(), 0);
        int history = nonNegative(doc, specPath.key("revisionHistoryLimit"), spec.getRevisionHistoryLimit(), 10);
        StatefulSetSpec.PvcRetentionPolicy retention = retention(
                doc,
                specPath.key("persistentVolumeClaimRetentionPolicy"),
                spec.getPersistentVolumeClaimRetentionPolicy());
        PodTemplate template = template(doc, specPath.key("template"), spec.getTemplate(), replicas);
        if (!selector.matches(template.labels())) {
            throw error(
                    doc,
                    specPath.key("selector"),
                    "the selector (" + selector + ") does not match the pod"
                            + " template's labels (" + template.labels() + "); the API server rejects the StatefulSet"
                            + " (\"selector does not match template labels\"). Use the same labels in both.");
        }
        List<VolumeClaimTemplate> claims = new ArrayList<>();
        for (int i = 0; i < spec.getVolumeClaimTemplates().size(); i++) {
            claims.add(claim(
                    doc,
                    specPath.key("volumeClaimTemplates").index(i),
                    spec.getVolumeClaimTemplates().get(i)));
        }
        return new StatefulSetSpec(
                name,
                orDefault(spec.getServiceName(), ""),
                replicas,
                selector,
                podManagement,
                update,
                minReady,
                history,
                retention,
                template,
                claims,
                doc);
    }

    private StatefulSetSpec.UpdateStrategy updateStrategy(int doc, YamlPath at, StatefulSetUpdateStrategy u) {
        if (u == null) {
            return StatefulSetSpec.UpdateStrategy.DEFAULT;
        }
        String type = orDefault(u.getType(), "RollingUpdate");
        if (type.equals("OnDelete")) {
            if (u.getRollingUpdate() != null) {
                throw error(
                        doc,
                        at.key("rollingUpdate"),
                        "rollingUpdate is only allowed with type RollingUpdate;"
                                + " the API server rejects it with type OnDelete. Remove it or change the type.");
            }
            return new StatefulSetSpec.UpdateStrategy(
                    StatefulSetSpec.UpdateStrategy.Type.ON_DELETE, 0, IntOrPercent.count(1));
        }
        if (!type.equals("RollingUpdate")) {
            throw error(
                    doc,
                    at.key("type"),
                    "'" + type + "' is not an update strategy; use RollingUpdate (the" + " default) or OnDelete.");
        }
        int partition = 0;
        IntOrPercent maxUnavailable = IntOrPercent.count(1);
        if (u.getRollingUpdate() != null) {
            YamlPath ru = at.key("rollingUpdate");
            partition =
                    nonNegative(doc, ru.key("partition"), u.getRollingUpdate().getPartition(), 0);
            if (u.getRollingUpdate().getMaxUnavailable() != null) {
                maxUnavailable = intOrPercent(
                        doc, ru.key("maxUnavailable"), u.getRollingUpdate().getMaxUnavailable());
                if (maxUnavailable.value() == 0) {
                    throw error(
                            doc,
                            ru.key("maxUnavailable"),
                            "maxUnavailable must be greater than 0 (the default" + " is 1).");
                }
            }
        }
        return new StatefulSetSpec.UpdateStrategy(
                StatefulSetSpec.UpdateStrategy.Type.ROLLING_UPDATE, partition, maxUnavailable);
    }

    private StatefulSetSpec.PvcRetentionPolicy retention(
            int doc, YamlPath at, StatefulSetPersistentVolumeClaimRetentionPolicy p) {
        if (p == null) {
            return StatefulSetSpec.PvcRetentionPolicy.RETAIN;
        }
        return new StatefulSetSpec.PvcRetentionPolicy(
                deletes(doc, at.key("whenDeleted"), p.getWhenDeleted()),
                deletes(doc, at.key("whenScaled"), p.getWhenScaled()));
    }

    private boolean deletes(int doc, YamlPath at, String v) {
        return switch (orDefault(v, "Retain")) {
            case "Retain" -> false;
            case "Delete" -> true;
            default ->
                throw error(doc, at, "'" + v + "' is not a retention policy; use Retain (the default) or" + " Delete.");
        };
    }

    private VolumeClaimTemplate claim(int doc, YamlPath at, PersistentVolumeClaim pvc) {
        String name = pvc.getMetadata() == null ? null : pvc.getMetadata().getName();
        if (name == null || name.isEmpty()) {
            throw error(
                    doc,
                    at,
                    "the volume claim template has no metadata.name; pods mount it by that name and"
                            + " its PVCs are called <name>-<statefulset>-<ordinal>.");
        }
        var spec = pvc.getSpec();
        if (spec == null || spec.getAccessModes().isEmpty()) {
            throw error(
                    doc,
                    spec == null ? at : at.key("spec"),
                    "the volume claim template needs spec.accessModes,"
                            + " e.g. [ \"ReadWriteOnce\" ]; the API server rejects a claim without one.");
        }
        for (int i = 0; i < spec.getAccessModes().size(); i++) {
            if (!ACCESS_MODES.contains(spec.getAccessModes().get(i))) {
                throw error(
                        doc,
                        at.key("spec").key("accessModes").index(i),
                        "'" + spec.getAccessModes().get(i) + "' is not an access mode; use one of "
                                + String.join(", ", ACCESS_MODES) + ".");
            }
        }
        YamlPath storagePath = at.key("spec").key("resources").key("requests").key("storage");
        Quantity storage = spec.getResources() == null
                ? null
                : spec.getResources().getRequests().get("storage");
        if (storage == null) {
            throw error(
                    doc,
                    storagePath,
                    "the volume claim template needs spec.resources.requests.storage, e.g."
                            + " 10Gi; the API server rejects a claim without a size.");
        }
        return new VolumeClaimTemplate(
                name,
                bytes(doc, storagePath, storage),
                spec.getAccessModes(),
                orDefault(spec.getStorageClassName(), ""));
    }

    // ---------------------------------------------------------------- pod template

    private PodTemplate template(int doc, YamlPath at, PodTemplateSpec t, int replicas) {
        if (t == null || t.getSpec() == null) {
            throw error(
                    doc,
                    t == null ? at.parent() : at,
                    "the StatefulSet has no pod template (spec.template"
                            + " with metadata.labels and spec.containers).");
        }
        Map<String, String> labels =
                t.getMetadata() == null ? Map.of() : t.getMetadata().getLabels();
        PodSpec pod = t.getSpec();
        YamlPath podPath = at.key("spec");
        if (pod.getRestartPolicy() != null && !pod.getRestartPolicy().equals("Always")) {
            throw error(
                    doc,
                    podPath.key("restartPolicy"),
                    "a StatefulSet's pods must use restartPolicy Always (the" + " default); the API server rejects '"
                            + pod.getRestartPolicy() + "'.");
        }
        if (pod.getContainers().isEmpty()) {
            throw error(
                    doc,
                    podPath.key("containers"),
                    "the pod template has no containers; add the ZooKeeper"
                            + " container that runs start-zookeeper (see k8s-manifests/zookeeper.yaml).");
        }
        int zkIndex = -1;
        List<String> zkArgs = null;
        for (int i = 0; i < pod.getContainers().size() && zkIndex < 0; i++) {
            Container c = pod.getContainers().get(i);
            try {
                Optional<List<String>> args = StartZookeeperCommand.arguments(fullCommand(c));
                if (args.isEmpty()) {
                    // k8s-manifests/zookeeper-reconfig.yaml's start script: members by dynamic reconfiguration
                    args = ReconfigStartCommand.arguments(fullCommand(c));
                }
                if (args.isPresent()) {
                    zkIndex = i;
                    zkArgs = args.get();
                }
            } catch (IllegalArgumentException e) {
                throw error(
                        doc,
                        podPath.key("containers").index(i).key("command"),
                        e.getMessage() + "; the container's shell fails before starting anything.");
            }
        }
        if (zkIndex < 0) {
            Container c = pod.getContainers().get(0);
            YamlPath where =
                    podPath.key("containers").index(0).key(c.getCommand().isEmpty() ? "name" : "command");
            throw error(
                    doc,
                    where,
                    "no container runs start-zookeeper (found command " + fullCommand(c) + ")."
                            + " zksim simulates the kubernetes-zookeeper image, whose start-zookeeper script turns its"
                            + " flags into zoo.cfg and myid. Use command: [sh, -c, \"start-zookeeper --servers=3 ...\"]"
                            + " as the Kubernetes tutorial does, or run start-zookeeper (any path ending in it)"
                            + " directly.");
        }
        YamlPath cPath = podPath.key("containers").index(zkIndex);
        ContainerSpec container = container(doc, cPath, pod.getContainers().get(zkIndex), zkArgs, replicas);
        Resources total = Resources.NONE;
        for (int i = 0; i < pod.getContainers().size(); i++) {
            Container c = pod.getContainers().get(i);
            total = total.plus(
                    i == zkIndex
                            ? container.requests()
                            : requests(doc, podPath.key("containers").index(i).key("resources"), c));
        }
        // The scheduler fits max(sum of app containers, largest init container) per resource
        // (kubernetes.io/docs/concepts/workloads/pods/init-containers/#resource-sharing-within-containers).
        for (int i = 0; i < pod.getInitContainers().size(); i++) {
            Resources r = requests(
                    doc,
                    podPath.key("initContainers").index(i).key("resources"),
                    pod.getInitContainers().get(i));
            total = new Resources(
                    Math.max(total.cpuMillis(), r.cpuMillis()), Math.max(total.memoryBytes(), r.memoryBytes()));
        }
        AntiAffinity anti = antiAffinity(doc, podPath.key("affinity").key("podAntiAffinity"), pod);
        long grace = pod.getTerminationGracePeriodSeconds() == null ? 30 : pod.getTerminationGracePeriodSeconds();
        if (grace < 0 || grace > Integer.MAX_VALUE) {
            throw error(
                    doc,
                    podPath.key("terminationGracePeriodSeconds"),
                    "terminationGracePeriodSeconds must be" + " 0 or more (the default is 30).");
        }
        long runAsUser = -1;
        long fsGroup = -1;
        if (pod.getSecurityContext() != null) {
            runAsUser = orDefault(pod.getSecurityContext().getRunAsUser(), -1L);
            fsGroup = orDefault(pod.getSecurityContext().getFsGroup(), -1L);
        }
        Container zk = pod.getContainers().get(zkIndex);
        if (zk.getSecurityContext() != null && zk.getSecurityContext().getRunAsUser() != null) {
            runAsUser = zk.getSecurityContext().getRunAsUser(); // the container's setting wins over the pod's
        }
        return new PodTemplate(new TreeMap<>(labels), container, total, anti, (int) grace, runAsUser, fsGroup);
    }

    private ContainerSpec container(int doc, YamlPath at, Container c, List<String> zkArgs, int replicas) {
        if (c.getName() == null || !DNS_LABEL.matcher(c.getName()).matches()) {
            throw error(
                    doc,
                    c.getName() == null ? at : at.key("name"),
                    "the container needs a name that is a DNS"
                            + " label (lowercase letters, digits and '-'), e.g. kubernetes-zookeeper.");
        }
        if (c.getImage() == null || c.getImage().isBlank()) {
            throw error(
                    doc,
                    at,
                    "the container has no image; the API server requires one. The tutorial uses"
                            + " registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10.");
        }
        ZkConfig zk;
        boolean reconfigStart = ReconfigStartCommand.runs(fullCommand(c));
        try {
            zk = reconfigStart ? ReconfigStartCommand.parse(zkArgs, replicas) : StartZookeeperCommand.parse(zkArgs);
        } catch (StartZookeeperCommand.FlagException e) {
            YamlPath where = c.getArgs().isEmpty() ? at.key("command") : at.key("args");
            int from = sourceMap.lineOrZero(doc, where);
            int line = sourceMap.lineContaining(from, e.token(), 200).orElse(from);
            throw new InvalidInputException(
                    file,
                    line,
                    where.toString(),
                    (reconfigStart ? ReconfigStartCommand.NAME : StartZookeeperCommand.SCRIPT) + " flag '" + e.token()
                            + "': " + e.getMessage());
        }
        List<ContainerSpec.ContainerPort> ports = new ArrayList<>();
        for (int i = 0; i < c.getPorts().size(); i++) {
            ContainerPort p = c.getPorts().get(i);
            YamlPath pp = at.key("ports").index(i).key("containerPort");
            if (p.getContainerPort() == null || p.getContainerPort() < 1 || p.getContainerPort() > 65535) {
                throw error(doc, pp, "containerPort must be a port number from 1 to 65535.");
            }
            ports.add(new ContainerSpec.ContainerPort(orDefault(p.getName(), ""), p.getContainerPort()));
        }
        List<ContainerSpec.Mount> mounts = new ArrayList<>();
        for (int i = 0; i < c.getVolumeMounts().size(); i++) {
            VolumeMount m = c.getVolumeMounts().get(i);
            if (m.getName() == null || m.getMountPath() == null) {
                throw error(doc, at.key("volumeMounts").index(i), "a volume mount needs both name and mountPath.");
            }
            mounts.add(new ContainerSpec.Mount(m.getName(), m.getMountPath()));
        }
        return new ContainerSpec(
                c.getName(),
                c.getImage(),
                fullCommand(c),
                requests(doc, at.key("resources"), c),
                probe(doc, at.key("readinessProbe"), c.getReadinessProbe()),
                probe(doc, at.key("livenessProbe"), c.getLivenessProbe()),
                mounts,
                ports,
                zk,
                preStop(doc, at.key("lifecycle").key("preStop"), c));
    }

    /**
     * The container's preStop handler. The API server requires a non-empty {@code exec.command} for an exec handler
     * (core/v1 ExecAction); the other handlers are kept as hooks without a command.
     */
    private Optional<PreStopHook> preStop(int doc, YamlPath at, Container c) {
        if (c.getLifecycle() == null || c.getLifecycle().getPreStop() == null) {
            return Optional.empty();
        }
        var handler = c.getLifecycle().getPreStop();
        if (handler.getExec() == null) {
            return Optional.of(new PreStopHook(List.of()));
        }
        List<String> command = handler.getExec().getCommand();
        if (command == null || command.isEmpty()) {
            throw error(
                    doc,
                    at.key("exec").key("command"),
                    "an exec preStop hook needs a command; the API server rejects an empty one.");
        }
        return Optional.of(new PreStopHook(command));
    }

    private static List<String> fullCommand(Container c) {
        List<String> all = new ArrayList<>(c.getCommand());
        all.addAll(c.getArgs());
        return all;
    }

    /**
     * A container's requests; a resource with only a limit is requested at the limit, as the API server defaults
     * it (kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits).
     */
    private Resources requests(int doc, YamlPath at, Container c) {
        if (c.getResources() == null) {
            return Resources.NONE;
        }
        Map<String, Quantity> req = c.getResources().getRequests();
        Map<String, Quantity> lim = c.getResources().getLimits();
        long[] values = new long[2];
        String[] names = {"cpu", "memory"};
        for (int i = 0; i < 2; i++) {
            String r = names[i];
            Long request = req.containsKey(r) ? amount(doc, at.key("requests").key(r), req.get(r), r) : null;
            Long limit = lim.containsKey(r) ? amount(doc, at.key("limits").key(r), lim.get(r), r) : null;
            if (request != null && limit != null && request > limit) {
                throw error(
                        doc,
                        at.key("requests").key(r),
                        "the " + r + " request (" + text(req.get(r)) + ") is larger than its limit (" + text(lim.get(r))
                                + "); the API server rejects that.");
            }
            values[i] = request != null ? request : limit != null ? limit : 0;
        }
        return new Resources(values[0], values[1]);
    }

    private long amount(int doc, YamlPath at, Quantity q, String resource) {
        return resource.equals("cpu") ? cpuMillis(doc, at, q) : bytes(doc, at, q);
    }

    private long cpuMillis(int doc, YamlPath at, Quantity q) {
        try {
            return Quantities.cpuMillis(text(q));
        } catch (IllegalArgumentException e) {
            throw error(doc, at, e.getMessage() + ".");
        }
    }

    private long bytes(int doc, YamlPath at, Quantity q) {
        try {
            return Quantities.bytes(text(q));
        } catch (IllegalArgumentException e) {
            throw error(doc, at, e.getMessage() + ".");
        }
    }

    private static String text(Quantity q) {
        return orDefault(q.getAmount(), "") + orDefault(q.getFormat(), "");
    }

    /** A probe with the API defaults: 0 (or absent) means the default for period, timeout and thresholds. */
    private Optional<Probe> probe(int doc, YamlPath at, io.fabric8.kubernetes.api.model.Probe p) {
        if (p == null) {
            return Optional.empty();
        }
        List<String> command = p.getExec() == null ? List.of() : p.getExec().getCommand();
        return Optional.of(new Probe(
                command,
                nonNegative(doc, at.key("initialDelaySeconds"), p.getInitialDelaySeconds(), 0),
                positiveOrDefault(doc, at.key("periodSeconds"), p.getPeriodSeconds(), 10),
                positiveOrDefault(doc, at.key("timeoutSeconds"), p.getTimeoutSeconds(), 1),
                positiveOrDefault(doc, at.key("successThreshold"), p.getSuccessThreshold(), 1),
                positiveOrDefault(doc, at.key("failureThreshold"), p.getFailureThreshold(), 3)));
    }

    private AntiAffinity antiAffinity(int doc, YamlPath at, PodSpec pod) {
        if (pod.getAffinity() == null || pod.getAffinity().getPodAntiAffinity() == null) {
            return AntiAffinity.NONE;
        }
        var anti = pod.getAffinity().getPodAntiAffinity();
        List<AntiAffinity.Term> required = new ArrayList<>();
        List<PodAffinityTerm> req = anti.getRequiredDuringSchedulingIgnoredDuringExecution();
        for (int i = 0; i < req.size(); i++) {
            required.add(term(
                    doc,
                    at.key("requiredDuringSchedulingIgnoredDuringExecution").index(i),
                    req.get(i)));
        }
        List<AntiAffinity.WeightedTerm> preferred = new ArrayList<>();
        List<WeightedPodAffinityTerm> pref = anti.getPreferredDuringSchedulingIgnoredDuringExecution();
        for (int i = 0; i < pref.size(); i++) {
            YamlPath wp =
                    at.key("preferredDuringSchedulingIgnoredDuringExecution").index(i);
            WeightedPodAffinityTerm w = pref.get(i);
            if (w.getWeight() == null || w.getWeight() < 1 || w.getWeight() > 100) {
                throw error(
                        doc,
                        w.getWeight() == null ? wp : wp.key("weight"),
                        "a preferred term needs a weight" + " from 1 to 100.");
            }
            if (w.getPodAffinityTerm() == null) {
                throw error(doc, wp, "a preferred term needs a podAffinityTerm (labelSelector and topologyKey).");
            }
            preferred.add(new AntiAffinity.WeightedTerm(
                    w.getWeight(), term(doc, wp.key("podAffinityTerm"), w.getPodAffinityTerm())));
        }
        return new AntiAffinity(required, preferred);
    }

    private AntiAffinity.Term term(int doc, YamlPath at, PodAffinityTerm t) {
        if (t.getTopologyKey() == null || t.getTopologyKey().isEmpty()) {
            throw error(
                    doc,
                    at,
                    "the anti-affinity term needs a topologyKey, e.g. kubernetes.io/hostname (one pod"
                            + " per node); the API server rejects an empty one.");
        }
        LabelSelector s = t.getLabelSelector() == null
                ? LabelSelector.NOTHING
                : selector(doc, at.key("labelSelector"), t.getLabelSelector());
        return new AntiAffinity.Term(s, t.getTopologyKey());
    }

    // ---------------------------------------------------------------- Service and PDB

    private ServiceSpec service(Typed<Service> t) {
        int doc = t.doc();
        Service s = t.object();
        String name = name(
                doc,
                s,
                DNS_1035_LABEL,
                "a DNS-1035 label (lowercase letters, digits and '-', starting" + " with a letter)");
        var spec = s.getSpec();
        if (spec == null) {
            return new ServiceSpec(name, false, Map.of(), List.of(), false, doc);
        }
        List<ServiceSpec.ServicePort> ports = new ArrayList<>();
        for (int i = 0; i < spec.getPorts().size(); i++) {
            ServicePort p = spec.getPorts().get(i);
            YamlPath pp = YamlPath.parse("spec.ports").index(i);
            if (p.getPort() == null || p.getPort() < 1 || p.getPort() > 65535) {
                throw error(
                        doc,
                        p.getPort() == null ? pp : pp.key("port"),
                        "a Service port needs port: a number" + " from 1 to 65535.");
            }
            String target = p.getPort().toString();
            IntOrString tp = p.getTargetPort();
            if (tp != null && tp.getIntVal() != null) {
                target = tp.getIntVal().toString();
            } else if (tp != null && tp.getStrVal() != null) {
                target = tp.getStrVal();
            }
            ports.add(new ServiceSpec.ServicePort(orDefault(p.getName(), ""), p.getPort(), target));
        }
        return new ServiceSpec(
                name,
                "None".equals(spec.getClusterIP()),
                spec.getSelector() == null ? Map.of() : spec.getSelector(),
                ports,
                Boolean.TRUE.equals(spec.getPublishNotReadyAddresses()),
                doc);
    }

    private PdbSpec pdb(Typed<PodDisruptionBudget> t) {
        int doc = t.doc();
        PodDisruptionBudget p = t.object();
        String name = name(doc, p, DNS_SUBDOMAIN, "a DNS subdomain (lowercase letters, digits, '-' and '.')");
        var spec = p.getSpec();
        YamlPath at = YamlPath.root().key("spec");
        if (spec == null) {
            return new PdbSpec(name, LabelSelector.NOTHING, Optional.empty(), Optional.empty(), "IfHealthyBudget", doc);
        }
        // policy/v1: an absent selector selects no pods, an empty one ({}) every pod in the namespace.
        LabelSelector selector = spec.getSelector() == null
                ? LabelSelector.NOTHING
                : selector(doc, at.key("selector"), spec.getSelector());
        Optional<IntOrPercent> min =
                Optional.ofNullable(spec.getMinAvailable()).map(v -> intOrPercent(doc, at.key("minAvailable"), v));
        Optional<IntOrPercent> max =
                Optional.ofNullable(spec.getMaxUnavailable()).map(v -> intOrPercent(doc, at.key("maxUnavailable"), v));
        if (min.isPresent() && max.isPresent()) {
            throw error(
                    doc,
                    at.key("maxUnavailable"),
                    "minAvailable and maxUnavailable are both set; the API"
                            + " server accepts only one. Keep maxUnavailable: 1 (lets one ZooKeeper server be drained"
                            + " at a time).");
        }
        String policy = orDefault(spec.getUnhealthyPodEvictionPolicy(), "IfHealthyBudget");
        if (!policy.equals("IfHealthyBudget") && !policy.equals("AlwaysAllow")) {
            throw error(
                    doc,
                    at.key("unhealthyPodEvictionPolicy"),
                    "'" + policy + "' is not an unhealthy pod"
                            + " eviction policy; use IfHealthyBudget (the default) or AlwaysAllow.");
        }
        return new PdbSpec(name, selector, min, max, policy, doc);
    }

    // ---------------------------------------------------------------- shared pieces

    private LabelSelector selector(int doc, YamlPath at, io.fabric8.kubernetes.api.model.LabelSelector s) {
        List<LabelSelector.Requirement> reqs = new ArrayList<>();
        for (int i = 0; i < s.getMatchExpressions().size(); i++) {
            LabelSelectorRequirement r = s.getMatchExpressions().get(i);
            YamlPath rp = at.key("matchExpressions").index(i);
            if (r.getKey() == null || r.getKey().isEmpty()) {
                throw error(doc, rp, "a match expression needs a key (the label name).");
            }
            LabelSelector.Operator op;
            try {
                op = LabelSelector.Operator.parse(String.valueOf(r.getOperator()));
            } catch (IllegalArgumentException e) {
                throw error(
                        doc,
                        rp.key("operator"),
                        "'" + r.getOperator() + "' is not a selector operator; use"
                                + " In, NotIn, Exists or DoesNotExist (case matters).");
            }
            boolean needsValues = op == LabelSelector.Operator.IN || op == LabelSelector.Operator.NOT_IN;
            if (needsValues == r.getValues().isEmpty()) {
                throw error(
                        doc,
                        rp.key("values"),
                        needsValues
                                ? "operator " + r.getOperator() + " needs at least one value."
                                : "operator " + r.getOperator() + " takes no values; remove them.");
            }
            reqs.add(new LabelSelector.Requirement(r.getKey(), op, r.getValues()));
        }
        return new LabelSelector(new TreeMap<>(s.getMatchLabels()), reqs);
    }

    private IntOrPercent intOrPercent(int doc, YamlPath at, IntOrString v) {
        if (v.getIntVal() != null) {
            if (v.getIntVal() < 0) {
                throw error(
                        doc,
                        at,
                        v.getIntVal() + " is negative; give a count of 0 or more, or a percentage"
                                + " such as \"25%\".");
            }
            return IntOrPercent.count(v.getIntVal());
        }
        var m = PERCENT.matcher(String.valueOf(v.getStrVal()));
        if (!m.matches() || m.group(1).length() > 3 || Integer.parseInt(m.group(1)) > 100) {
            throw error(
                    doc,
                    at,
                    "'" + v.getStrVal() + "' is neither a whole number nor a percentage from 0% to"
                            + " 100%; the API server rejects it. Write 1 (no quotes) or \"25%\".");
        }
        return IntOrPercent.percentOf(Integer.parseInt(m.group(1)));
    }

    private String name(int doc, HasMetadata o, Pattern rule, String ruleText) {
        String name = o.getMetadata() == null ? null : o.getMetadata().getName();
        YamlPath at = YamlPath.parse("metadata.name");
        if (name == null || name.isEmpty()) {
            throw error(
                    doc,
                    o.getMetadata() == null ? YamlPath.root() : at,
                    "the " + o.getKind() + " has no metadata.name; the API server requires one.");
        }
        if (!rule.matcher(name).matches() || name.length() > 63) {
            throw error(
                    doc,
                    at,
                    "'" + name + "' is not a valid " + o.getKind() + " name: it must be " + ruleText
                            + ", at most 63 characters.");
        }
        return name;
    }

    private int nonNegative(int doc, YamlPath at, Integer v, int dflt) {
        if (v == null) {
            return dflt;
        }
        if (v < 0) {
            throw error(
                    doc,
                    at,
                    v + " is negative; the API server requires 0 or more"
                            + (dflt == 0 ? "." : " (the default is " + dflt + ")."));
        }
        return v;
    }

    private int positiveOrDefault(int doc, YamlPath at, Integer v, int dflt) {
        if (v == null || v == 0) {
            return dflt;
        }
        if (v < 0) {
            throw error(
                    doc,
                    at,
                    v + " is negative; the API server requires at least 1 (0 or absent means the" + " default, " + dflt
                            + ").");
        }
        return v;
    }

    private static <T> T orDefault(T v, T dflt) {
        return v == null ? dflt : v;
    }

    private InvalidInputException error(int doc, YamlPath at, String message) {
        return new InvalidInputException(file, sourceMap.lineOrZero(doc, at), at.toString(), message);
    }
}
