package dev.zksim.model.scenario.run;

import dev.zksim.model.manifest.ContainerSpec;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.PodTemplate;
import dev.zksim.model.manifest.Resources;
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
 * Applies a {@code patch} step to a spec, the way {@code kubectl patch sts} changes the object: resource requests and
 * the image of the ZooKeeper container, start-zookeeper flags in its command, replicas, the rolling update partition.
 * Pure: returns a new spec.
 */
final class SpecPatcher {
    private final Function<List<String>, ZkConfig> zkConfigOf;

    /** @param zkConfigOf derives the ZooKeeper configuration from a (patched) container command */
    SpecPatcher(Function<List<String>, ZkConfig> zkConfigOf) {
        this.zkConfigOf = zkConfigOf;
    }

    EnsembleSpec apply(EnsembleSpec spec, PatchSpec patch) {
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
