package dev.zksim.model.scenario.parse;

import dev.zksim.model.InvalidInputException;
import dev.zksim.model.k8s.ClusterSpec;
import dev.zksim.model.k8s.ClusterTimings;
import dev.zksim.model.k8s.NodeSpec;
import dev.zksim.model.manifest.Resources;
import dev.zksim.model.scenario.ManifestRef;
import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.Step;
import dev.zksim.model.scenario.Timing;
import dev.zksim.model.scenario.TimingKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Parses a scenario file (docs/scenarios.md) into a {@link Scenario}. Every problem — unknown step or field, wrong
 * type, bad duration or quantity, unknown label — is an {@link InvalidInputException} naming the file, the line and
 * the field, with one paragraph that lists what would be valid. Parsing never touches the manifest it names.
 */
public final class ScenarioParser {
    /** Bounds: a scenario larger than this is a mistake, not a scenario. */
    static final int MAX_STEPS = 10_000;
    /** The Kubernetes model's bound. */
    static final int MAX_NODES = 250;

    static final long MAX_FILE_BYTES = 4L << 20;

    private static final List<String> TOP_FIELDS =
            List.of("name", "description", "manifest", "namespace", "cluster", "seed", "timing", "steps");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private ScenarioParser() {}

    /** Reads and parses {@code file}. */
    public static Scenario parse(Path file) {
        String name = file.toString();
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidInputException(
                        name, 0, null, "the file is larger than 4 MiB; that is not a scenario.");
            }
            return parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name, 0, null, "no such file.");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InvalidInputException(name, 0, null, "the file is not UTF-8 text.");
        } catch (IOException e) {
            throw new InvalidInputException(name, 0, null, "cannot read the file: " + e.getMessage() + ".");
        }
    }

    /** Parses {@code text} as the content of {@code file} (relative manifests resolve against its directory). */
    public static Scenario parse(Path file, String text) {
        Reader r = new Reader(file.toString());
        YNode root = YamlTree.parse(r.file(), text);
        Reader.Fields f = r.fields(root, "", "a scenario", TOP_FIELDS);
        String name = f.name("name");
        String description = f.optText("description").orElse("").strip();
        ManifestRef manifest = manifestRef(r, f.require("manifest"), "manifest", file);
        Optional<String> namespace = f.optName("namespace");
        if (namespace.isPresent() && !DNS_LABEL.matcher(namespace.get()).matches()) {
            throw r.error(
                    f.require("namespace").line(),
                    "namespace",
                    "'" + namespace.get() + "' is not a valid "
                            + "namespace name: lower-case letters, digits and '-', at most 63 characters, starting and"
                            + " ending with a letter or digit.");
        }
        OptionalLong seed =
                f.get("seed").map(n -> OptionalLong.of(r.longValue(n, "seed"))).orElse(OptionalLong.empty());
        Timing timing = f.get("timing").map(n -> timing(r, n)).orElse(Timing.DEFAULTS);
        ClusterTimings timings;
        try {
            timings = timing.applyTo(ClusterTimings.DEFAULTS);
        } catch (IllegalArgumentException e) {
            throw r.error(
                    f.require("timing").line(),
                    "timing",
                    "these timings do not fit together: drainRetry must "
                            + "be positive and crashLoopMaxBackOff at least crashLoopBackOff.");
        }
        ClusterSpec cluster = cluster(r, f.require("cluster"), timings);
        List<Step> steps = new StepParser(r, file).steps(f.require("steps"));
        return new Scenario(file, name, description, manifest, namespace, cluster, seed, timing, steps);
    }

    static ManifestRef manifestRef(Reader r, YNode node, String field, Path scenarioFile) {
        String written = r.name(node, field, "the manifest path");
        // Relative to the scenario file as the user named it (not made absolute), so that reports do not depend on
        // where the repository is checked out.
        Path dir = scenarioFile.getParent();
        Path p;
        try {
            p = (dir == null ? Path.of(written) : dir.resolve(written)).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw r.error(node.line(), field, "'" + written + "' is not a valid path.");
        }
        return new ManifestRef(written, p, node.line(), field);
    }

    // ------------------------------------------------------------------ cluster

    private static final List<String> NODES_COUNT_FIELDS =
            List.of("count", "namePrefix", "cpu", "memory", "labels", "reserved");
    private static final List<String> NODE_FIELDS = List.of("name", "cpu", "memory", "labels", "reserved");

    private static ClusterSpec cluster(Reader r, YNode node, ClusterTimings timings) {
        Reader.Fields f = r.fields(node, "cluster", "'cluster'", List.of("nodes", "domain", "pullableImages"));
        String domain = f.optName("domain").orElse("cluster.local");
        if (!DNS_NAME.matcher(domain).matches()) {
            throw r.error(f.require("domain").line(), "cluster.domain", "'" + domain + "' is not a DNS domain.");
        }
        YNode nodes = f.require("nodes");
        List<NodeSpec> out = new ArrayList<>();
        if (nodes instanceof YNode.Sequence seq) {
            if (seq.items().isEmpty() || seq.items().size() > MAX_NODES) {
                throw r.error(
                        seq.line(),
                        "cluster.nodes",
                        "the cluster needs 1 to " + MAX_NODES + " nodes; found "
                                + seq.items().size() + ".");
            }
            for (int i = 0; i < seq.items().size(); i++) {
                String path = "cluster.nodes[" + i + "]";
                Reader.Fields n = r.fields(seq.items().get(i), path, "a node", NODE_FIELDS);
                String name = n.name("name");
                checkDnsName(r, n.require("name"), n.path("name"), name);
                for (NodeSpec prev : out) {
                    if (prev.name().equals(name)) {
                        throw r.error(
                                n.require("name").line(),
                                n.path("name"),
                                "two nodes are named '" + name + "'; node names must be unique.");
                    }
                }
                out.add(new NodeSpec(name, labels(r, n), allocatable(r, n), reserved(r, n)));
            }
        } else if (nodes instanceof YNode.Mapping) {
            Reader.Fields n = r.fields(nodes, "cluster.nodes", "'cluster.nodes'", NODES_COUNT_FIELDS);
            int count = r.integer(n.require("count"), "cluster.nodes.count", 1, MAX_NODES);
            String prefix = n.optName("namePrefix").orElse("node-");
            Resources allocatable = allocatable(r, n);
            Resources reserved = reserved(r, n);
            var labels = labels(r, n);
            for (int i = 1; i <= count; i++) {
                String name = prefix + i;
                checkDnsName(r, nodes, "cluster.nodes.namePrefix", name);
                out.add(new NodeSpec(name, labels, allocatable, reserved));
            }
        } else {
            throw r.error(
                    nodes.line(),
                    "cluster.nodes",
                    "'nodes' is either {count: 4, cpu: 2, memory: 4Gi} or a list "
                            + "of nodes [{name: node-a, cpu: 2, memory: 4Gi, labels: {zone: a}}]; found "
                            + nodes.describe()
                            + ".");
        }
        dev.zksim.model.k8s.ImageRegistry images = dev.zksim.model.k8s.ImageRegistry.ANY;
        if (f.has("pullableImages")) {
            YNode list = f.require("pullableImages");
            List<String> names = r.names(list, f.path("pullableImages"), "the pullable image list");
            if (names.isEmpty()) {
                throw r.error(
                        list.line(),
                        f.path("pullableImages"),
                        "the pullable image list is empty, so no pod "
                                + "could start; list the images the cluster can pull (the manifest's image at least),"
                                + " or leave the field out to pull every image.");
            }
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).chars().anyMatch(Character::isWhitespace)) {
                    throw r.error(
                            list.line(),
                            f.path("pullableImages") + "[" + i + "]",
                            "'" + names.get(i)
                                    + "' is not an image reference (no spaces), e.g."
                                    + " registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10.");
                }
            }
            images = dev.zksim.model.k8s.ImageRegistry.only(names);
        }
        return new ClusterSpec(out, domain, timings, images);
    }

    private static void checkDnsName(Reader r, YNode at, String field, String name) {
        if (!DNS_NAME.matcher(name).matches()) {
            throw r.error(
                    at.line(),
                    field,
                    "'" + name + "' is not a valid node name: lower-case letters, digits, "
                            + "'-' and '.', starting and ending with a letter or digit.");
        }
    }

    /** What the scheduler may hand out on the node ({@code status.allocatable}). */
    private static Resources allocatable(Reader r, Reader.Fields n) {
        long cpu = r.cpuMillis(n.require("cpu"), n.path("cpu"));
        long mem = r.memoryBytes(n.require("memory"), n.path("memory"));
        if (cpu == 0 || mem == 0) {
            throw r.error(n.line(), n.field(), "a node needs some CPU and memory (cpu: 2, memory: 4Gi).");
        }
        return new Resources(cpu, mem);
    }

    /** Requests of pods outside the ensemble already on the node (kube-system, other workloads). */
    private static Resources reserved(Reader r, Reader.Fields n) {
        Optional<YNode> res = n.get("reserved");
        if (res.isEmpty()) {
            return Resources.NONE;
        }
        Reader.Fields f = r.fields(res.get(), n.path("reserved"), "'reserved'", List.of("cpu", "memory"));
        long cpu = f.get("cpu").map(c -> r.cpuMillis(c, f.path("cpu"))).orElse(0L);
        long mem = f.get("memory").map(m -> r.memoryBytes(m, f.path("memory"))).orElse(0L);
        return new Resources(cpu, mem);
    }

    private static TreeMap<String, String> labels(Reader r, Reader.Fields n) {
        TreeMap<String, String> out = new TreeMap<>();
        Optional<YNode> l = n.get("labels");
        if (l.isEmpty()) {
            return out;
        }
        if (!(l.get() instanceof YNode.Mapping m)) {
            throw r.error(
                    l.get().line(),
                    n.path("labels"),
                    "labels must be a mapping of strings, e.g. " + "{topology.kubernetes.io/zone: a}; found "
                            + l.get().describe() + ".");
        }
        for (YNode.MappingEntry e : m.entries()) {
            out.put(e.key(), r.text(e.value(), n.path("labels") + "." + e.key(), "a label value"));
        }
        return out;
    }

    // ------------------------------------------------------------------ timing

    private static Timing timing(Reader r, YNode node) {
        List<String> valid =
                Arrays.stream(TimingKey.values()).map(TimingKey::yamlName).toList();
        Reader.Fields f = r.fields(node, "timing", "'timing'", valid);
        Map<TimingKey, Long> out = new EnumMap<>(TimingKey.class);
        for (TimingKey k : TimingKey.values()) {
            f.get(k.yamlName()).ifPresent(n -> out.put(k, r.durationMs(n, f.path(k.yamlName()))));
        }
        return new Timing(out);
    }
}
