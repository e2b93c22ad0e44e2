package dev.zksim.model.scenario.run;

import dev.zksim.model.manifest.ContainerSpec;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.PodTemplate;
import dev.zksim.model.manifest.Resources;
import dev.zksim.model.manifest.ServiceSpec;
import dev.zksim.model.manifest.StartZookeeperCommand;
import dev.zksim.model.manifest.StatefulSetSpec;
import dev.zksim.model.manifest.ZkConfig;
import dev.zksim.model.scenario.PatchSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that changes a spec the way {@code kubectl patch} changes the objects: the scenario's {@code patch}
 * step and {@code zksim bench}'s candidate forms ({@code --set}, {@code --replicas}, {@code --cpu}, ...) both use it.
 * StatefulSet changes ({@link #apply}): resource requests and the image of the ZooKeeper container, start-zookeeper
 * flags in its command, replicas, the rolling update partition; besides them the pod management policy
 * ({@link #withPodManagementPolicy}) and a Service's {@code publishNotReadyAddresses}
 * ({@link #withPublishNotReadyAddresses}). Pure: every method returns a new spec.
 */
public final class SpecPatches {
    private final Function<List<String>, ZkConfig> zkConfigOf;

    /** @param zkConfigOf derives the ZooKeeper configuration from a (patched) container command */
    public SpecPatches(Function<List<String>, ZkConfig> zkConfigOf) {
        this.zkConfigOf = zkConfigOf;
    }

    /** Patches that derive the ZooKeeper configuration of a patched command as start-zookeeper does. */
    public static SpecPatches startZookeeper() {
        return new SpecPatches(SpecPatches::startZookeeperConfig);
    }

    /**
     * The ZooKeeper configuration start-zookeeper derives from {@code command}.
     *
     * @throws IllegalArgumentException when the command does not run start-zookeeper or has a flag it rejects
     */
    public static ZkConfig startZookeeperConfig(List<String> command) {
        return StartZookeeperCommand.parse(StartZookeeperCommand.arguments(command)
                .orElseThrow(() -> new IllegalArgumentException("the command does not run start-zookeeper")));
    }

    /** {@code kubectl patch sts} with {@code patch}'s changes. */
    public EnsembleSpec apply(EnsembleSpec spec, PatchSpec patch) {
        StatefulSetSpec sts = spec.statefulSet();
        PodTemplate t = sts.template();
        ContainerSpec c = t.container();
        Resources requests = new Resources(
                patch.cpuMillis().orElse(c.requests().cpuMillis()),
                patch.memoryBytes().orElse(c.requests().memoryBytes()));
        List<String> command = c.command();
        ZkConfig zk = c.zk();
        if (!patch.flags().isEmpty()) {
            command = withFlags(command, patch.flags());
            try {
                zk = zkConfigOf.apply(command);
            } catch (IllegalArgumentException e) {
                // kubectl accepts any command; a flag start-zookeeper rejects makes the container exit at start
                // (CrashLoopBackOff), which is the runtime's to act out from the command. The configuration stays.
                zk = c.zk();
            }
        }
        ContainerSpec c2 = c.withRequests(requests).withStart(patch.image().orElse(c.image()), command, zk);
        StatefulSetSpec.UpdateStrategy u = sts.updateStrategy();
        StatefulSetSpec.UpdateStrategy u2 = new StatefulSetSpec.UpdateStrategy(
                u.type(), patch.partition().orElse(u.partition()), u.maxUnavailable());
        StatefulSetSpec sts2 = sts.withReplicas(patch.replicas().orElse(sts.replicas()))
                .withUpdateStrategy(u2)
                .withTemplate(t.withContainer(c2));
        return spec.withStatefulSet(sts2);
    }

    /**
     * A spec whose StatefulSet has another {@code spec.podManagementPolicy}. Kubernetes forbids changing it on an
     * existing StatefulSet (only replicas, template, updateStrategy, ... are mutable: apps/validation
     * ValidateStatefulSetUpdate), so this describes a different manifest to apply, not a patch of a running one.
     */
    public static EnsembleSpec withPodManagementPolicy(EnsembleSpec spec, StatefulSetSpec.PodManagementPolicy policy) {
        StatefulSetSpec s = spec.statefulSet();
        return spec.withStatefulSet(new StatefulSetSpec(
                s.name(),
                s.serviceName(),
                s.replicas(),
                s.selector(),
                policy,
                s.updateStrategy(),
                s.minReadySeconds(),
                s.revisionHistoryLimit(),
                s.pvcRetentionPolicy(),
                s.template(),
                s.volumeClaimTemplates(),
                s.documentIndex()));
    }

    /**
     * {@code kubectl patch service NAME -p '{"spec":{"publishNotReadyAddresses":true}}'}.
     *
     * @throws IllegalArgumentException when the manifest has no Service {@code service}
     */
    public static EnsembleSpec withPublishNotReadyAddresses(EnsembleSpec spec, String service, boolean publish) {
        if (spec.services().stream().noneMatch(v -> v.name().equals(service))) {
            throw new IllegalArgumentException("the manifest has no Service '" + service + "' (it has "
                    + spec.services().stream().map(ServiceSpec::name).toList() + ")");
        }
        List<ServiceSpec> services = spec.services().stream()
                .map(v -> v.name().equals(service)
                        ? new ServiceSpec(v.name(), v.headless(), v.selector(), v.ports(), publish, v.documentIndex())
                        : v)
                .toList();
        return new EnsembleSpec(
                spec.source(), spec.namespace(), spec.statefulSet(), services, spec.pdb(), spec.sourceMap());
    }

    /** A spec with another replica count ({@code kubectl scale}). */
    static EnsembleSpec withReplicas(EnsembleSpec spec, int replicas) {
        return spec.withStatefulSet(spec.statefulSet().withReplicas(replicas));
    }

    /**
     * Sets {@code --name=value} for each flag: replaced where the command has it (inside a {@code sh -c} string or as
     * its own argument), else appended after the last flag.
     */
    static List<String> withFlags(List<String> command, Map<String, String> flags) {
        List<String> out = new ArrayList<>(command);
        for (Map.Entry<String, String> f : flags.entrySet()) {
            Pattern p = Pattern.compile("(^|\\s)--" + Pattern.quote(f.getKey()) + "(=\\S*)?(?=\\s|$)");
            String replacement = "--" + f.getKey() + "=" + f.getValue();
            boolean done = false;
            for (int i = 0; i < out.size() && !done; i++) {
                Matcher m = p.matcher(out.get(i));
                if (m.find()) {
                    out.set(
                            i,
                            out.get(i).substring(0, m.start())
                                    + m.group(1)
                                    + replacement
                                    + out.get(i).substring(m.end()));
                    done = true;
                }
            }
            if (!done) {
                int last = -1;
                for (int i = 0; i < out.size(); i++) {
                    if (out.get(i).contains("--") || out.get(i).contains("start-zookeeper")) {
                        last = i;
                    }
                }
                if (last >= 0 && out.get(last).contains(" ")) {
                    out.set(last, out.get(last).stripTrailing() + " " + replacement);
                } else {
                    out.add(last + 1 == 0 ? out.size() : last + 1, replacement);
                }
            }
        }
        return out;
    }
}
