package dev.zksim.bench;

import dev.zksim.model.InvalidInputException;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.Quantities;
import dev.zksim.model.manifest.StartZookeeperCommand;
import dev.zksim.model.manifest.StatefulSetSpec.PodManagementPolicy;
import dev.zksim.model.scenario.PatchSpec;
import dev.zksim.model.scenario.run.SpecPatches;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The candidate as changes to a manifest ({@code zksim bench --set ... --replicas ... --patch-service ...}): the
 * StatefulSet changes of the scenario's {@code patch} step (start-zookeeper flags, replicas, CPU and memory requests,
 * image), the pod management policy, and Services' {@code publishNotReadyAddresses}; applied by {@link SpecPatches},
 * the same code the {@code patch} step uses.
 *
 * @param statefulSet the StatefulSet changes
 * @param policy the pod management policy, if changed
 * @param publishNotReady Service name → publishNotReadyAddresses, sorted by name
 */
public record BenchCandidate(
        PatchSpec statefulSet, Optional<PodManagementPolicy> policy, Map<String, Boolean> publishNotReady) {
    public BenchCandidate {
        publishNotReady = java.util.Collections.unmodifiableMap(new TreeMap<>(publishNotReady));
    }

    /** Whether it changes nothing. */
    public boolean isEmpty() {
        return statefulSet.isEmpty() && policy.isEmpty() && publishNotReady.isEmpty();
    }

    /**
     * The changes the options ask for; each option value is checked here (exit 2 on a bad one).
     *
     * @param set start-zookeeper flags without {@code --}, in order
     * @param patchService pairs: Service name, {@code publishNotReadyAddresses=true|false}
     */
    public static BenchCandidate parse(
            Map<String, String> set,
            Integer replicas,
            String cpu,
            String memory,
            String image,
            String policy,
            List<String> patchService) {
        for (String flag : set.keySet()) {
            if (!StartZookeeperCommand.DEFAULTS.containsKey(flag)) {
                throw new InvalidInputException(
                        null,
                        0,
                        "--set",
                        "'" + flag + "' is not a start-zookeeper flag; known flags: "
                                + String.join(", ", StartZookeeperCommand.DEFAULTS.keySet()) + ".");
            }
        }
        if (replicas != null && replicas < 1) {
            throw new InvalidInputException(null, 0, "--replicas", "give at least 1 replica, not " + replicas + ".");
        }
        OptionalLong cpuMillis = OptionalLong.empty();
        if (cpu != null) {
            cpuMillis = OptionalLong.of(quantity("--cpu", cpu, true));
        }
        OptionalLong memoryBytes = OptionalLong.empty();
        if (memory != null) {
            memoryBytes = OptionalLong.of(quantity("--memory", memory, false));
        }
        Optional<PodManagementPolicy> p = Optional.empty();
        if (policy != null) {
            p = Optional.of(
                    switch (policy) {
                        case "OrderedReady" -> PodManagementPolicy.ORDERED_READY;
                        case "Parallel" -> PodManagementPolicy.PARALLEL;
                        default ->
                            throw new InvalidInputException(
                                    null,
                                    0,
                                    "--pod-management-policy",
                                    "'" + policy + "' is not a pod management policy; give OrderedReady or Parallel.");
                    });
        }
        Map<String, Boolean> services = new TreeMap<>();
        for (int i = 0; i + 1 < patchService.size(); i += 2) {
            String field = patchService.get(i + 1);
            boolean value;
            if (field.equals("publishNotReadyAddresses=true")) {
                value = true;
            } else if (field.equals("publishNotReadyAddresses=false")) {
                value = false;
            } else {
                throw new InvalidInputException(
                        null,
                        0,
                        "--patch-service",
                        "'" + field + "' cannot be patched; the one Service field zksim simulates is"
                                + " publishNotReadyAddresses=true|false (e.g. --patch-service zk-hs"
                                + " publishNotReadyAddresses=true).");
            }
            services.put(patchService.get(i), value);
        }
        PatchSpec sts = new PatchSpec(
                Optional.ofNullable(cpu),
                cpuMillis,
                Optional.ofNullable(memory),
                memoryBytes,
                Optional.ofNullable(image),
                new LinkedHashMap<>(set),
                replicas == null ? OptionalInt.empty() : OptionalInt.of(replicas),
                OptionalInt.empty());
        return new BenchCandidate(sts, p, services);
    }

    private static long quantity(String option, String text, boolean cpu) {
        try {
            return cpu ? Quantities.cpuMillis(text) : Quantities.bytes(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, 0, option, e.getMessage());
        }
    }

    /**
     * {@code base} with these changes.
     *
     * @throws InvalidInputException when a Service is not in the manifest or start-zookeeper would reject the
     *     patched command
     */
    public EnsembleSpec apply(EnsembleSpec base) {
        EnsembleSpec spec = base;
        if (!statefulSet.isEmpty()) {
            spec = SpecPatches.startZookeeper().apply(spec, statefulSet);
            if (!statefulSet.flags().isEmpty()) {
                try {
                    SpecPatches.startZookeeperConfig(
                            spec.statefulSet().template().container().command());
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(
                            null, 0, "--set", "start-zookeeper would reject the patched command: " + e.getMessage());
                }
            }
        }
        if (policy.isPresent()) {
            spec = SpecPatches.withPodManagementPolicy(spec, policy.get());
        }
        for (Map.Entry<String, Boolean> s : publishNotReady.entrySet()) {
            try {
                spec = SpecPatches.withPublishNotReadyAddresses(spec, s.getKey(), s.getValue());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(
                        String.valueOf(base.source()), 0, "--patch-service", e.getMessage() + ".");
            }
        }
        return spec;
    }

    /** The changes as options: {@code --set tick_time=1000 --patch-service zk-hs publishNotReadyAddresses=true}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        statefulSet.flags().forEach((k, v) -> parts.add("--set " + k + "=" + v));
        statefulSet.replicas().ifPresent(v -> parts.add("--replicas " + v));
        statefulSet.cpu().ifPresent(v -> parts.add("--cpu " + v));
        statefulSet.memory().ifPresent(v -> parts.add("--memory " + v));
        statefulSet.image().ifPresent(v -> parts.add("--image " + v));
        policy.ifPresent(v -> parts.add(
                "--pod-management-policy " + (v == PodManagementPolicy.PARALLEL ? "Parallel" : "OrderedReady")));
        publishNotReady.forEach((k, v) -> parts.add("--patch-service " + k + " publishNotReadyAddresses=" + v));
        return String.join(" ", parts);
    }
}
