package dev.zksim.model.scenario.parse;

import dev.zksim.model.scenario.Condition;
import dev.zksim.model.scenario.FourLetterWord;
import dev.zksim.model.scenario.NetworkFault;
import dev.zksim.model.scenario.NodeRef;
import dev.zksim.model.scenario.PatchSpec;
import dev.zksim.model.scenario.PodMatch;
import dev.zksim.model.scenario.PodRef;
import dev.zksim.model.scenario.ReconfigError;
import dev.zksim.model.scenario.Step;
import dev.zksim.model.scenario.Step.Origin;
import dev.zksim.model.scenario.WriteOp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Parses the {@code steps} list: one step per item, each a one-key mapping (plus an optional {@code label}). */
final class StepParser {
    /** kubectl drain waits forever by default; zksim bounds every wait. */
    static final long DEFAULT_DRAIN_TIMEOUT_MS = 5 * 60_000;

    static final long DEFAULT_WAIT_TIMEOUT_MS = 5 * 60_000;
    static final long DEFAULT_CLIENT_TIMEOUT_MS = 10_000;
    /** The label {@code sameVolumeAs} uses for "the first volume the claim was seen bound to". */
    static final String INITIAL = "initial";

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Pattern ZNODE_PATH = Pattern.compile("/|(/[^/\\u0000]+)+");

    private final Reader r;
    private final Path scenarioFile;
    private final Map<String, StepKind> kinds = new LinkedHashMap<>();
    private final Map<String, Integer> labels = new LinkedHashMap<>();
    private final List<LabelUse> labelUses = new ArrayList<>();
    private int index;

    /** A label referred to by a step, checked once every step is known. */
    private record LabelUse(String label, int line, String field, int stepIndex, boolean allowInitial) {}

    @FunctionalInterface
    private interface StepParse {
        Step parse(Origin at, YNode arg, String field);
    }

    /** One step keyword: its group (for the listing of valid steps), whether it may stand alone, and its parser. */
    private record StepKind(String group, boolean bareAllowed, String usage, StepParse parse) {}

    StepParser(Reader r, Path scenarioFile) {
        this.r = r;
        this.scenarioFile = scenarioFile;
        String k8s = "Kubernetes actions";
        kind(k8s, "apply", true, "apply, or apply: OTHER-MANIFEST.yaml", this::apply);
        kind(k8s, "delete-statefulset", true, "delete-statefulset, or delete-statefulset: NAME", this::deleteSts);
        kind(
                k8s,
                "delete-pod",
                false,
                "delete-pod: zk-0, or {pod: zk-0, force: true}, or {leader: true}, or " + "{follower: any}",
                this::deletePod);
        kind(
                k8s,
                "delete-pvc",
                false,
                "delete-pvc: datadir-zk-0",
                (a, n, f) -> new Step.DeletePvc(a, podOrName(n, f, "pvc")));
        kind(k8s, "cordon", false, nodeUsage("cordon"), (a, n, f) -> new Step.Cordon(a, nodeRef(n, f, List.of())));
        kind(
                k8s,
                "uncordon",
                false,
                nodeUsage("uncordon"),
                (a, n, f) -> new Step.Uncordon(a, nodeRef(n, f, List.of())));
        kind(k8s, "drain", false, "drain: node-1, or {nodeOf: zk-0, timeout: 2m}", this::drain);
        kind(
                k8s,
                "fail-node",
                false,
                nodeUsage("fail-node"),
                (a, n, f) -> new Step.FailNode(a, nodeRef(n, f, List.of())));
        kind(
                k8s,
                "recover-node",
                false,
                nodeUsage("recover-node"),
                (a, n, f) -> new Step.RecoverNode(a, nodeRef(n, f, List.of())));
        kind(
                k8s,
                "patch",
                false,
                "patch: {cpu: 0.3}, {memory: 2Gi}, {image: IMAGE}, {flag: {sync_limit: 10}}, "
                        + "{replicas: 5}, {partition: 1}",
                this::patch);
        kind(k8s, "rollout-undo", true, "rollout-undo, or rollout-undo: {toRevision: 1}", this::rolloutUndo);
        kind(
                k8s,
                "scale",
                false,
                "scale: 5, or scale: {replicas: 5}",
                (a, n, f) -> new Step.Scale(a, intOrField(n, f, "replicas", 0, 1000)));
        kind(
                k8s,
                "kill-process",
                false,
                "kill-process: zk-0, or {leader: true}, or {follower: any}",
                (a, n, f) -> new Step.KillProcess(a, podTarget(n, f, "'kill-process'")));
        kind(
                k8s,
                "fail-liveness",
                false,
                "fail-liveness: zk-0, or {leader: true}, or {follower: any}",
                (a, n, f) -> new Step.FailLiveness(a, podTarget(n, f, "'fail-liveness'")));
        String net = "network faults";
        kind(net, "partition", false, "partition: {groups: [[zk-0], [zk-1, zk-2]], clients: zk-1}", this::partition);
        kind(
                net,
                "isolate",
                false,
                "isolate: zk-1",
                (a, n, f) -> new Step.Fault(a, "isolate", new NetworkFault.Isolate(podOrName(n, f, "pod"))));
        kind(
                net,
                "partition-node",
                false,
                nodeUsage("partition-node"),
                (a, n, f) ->
                        new Step.Fault(a, "partition-node", new NetworkFault.PartitionNode(nodeRef(n, f, List.of()))));
        kind(net, "heal", true, "heal", (a, n, f) -> {
            noArgument(n, f);
            return new Step.Fault(a, "heal", new NetworkFault.Heal());
        });
        kind(
                net,
                "pause-process",
                false,
                "pause-process: zk-1",
                (a, n, f) -> new Step.Fault(a, "pause-process", new NetworkFault.Pause(podOrName(n, f, "pod"))));
        kind(
                net,
                "resume-process",
                false,
                "resume-process: zk-1",
                (a, n, f) -> new Step.Fault(a, "resume-process", new NetworkFault.Resume(podOrName(n, f, "pod"))));
        kind(
                net,
                "slow-link",
                false,
                "slow-link: {from: zk-0, to: zk-1, delay: 50ms}, add both: true for both " + "directions",
                this::slowLink);
        kind(
                net,
                "drop-link",
                false,
                "drop-link: {from: zk-0, to: zk-1}, add both: true for both directions",
                this::dropLink);
        kind("waits", "wait", false, "wait: 30s, or wait: {until: all-ready, timeout: 5m}", this::waitStep);
        String exp = "expectations";
        kind(
                exp,
                "expect-pod",
                false,
                "expect-pod: {pod: zk-1, status: Pending, ready: false, " + "pendingReasonContains: anti-affinity}",
                (a, n, f) -> new Step.ExpectPod(a, podMatch(n, f, false)));
        kind(exp, "expect-drain", true, "expect-drain: {refusedByPdb: true}, or {succeeded: true}", this::expectDrain);
        kind(
                exp,
                "expect-pvc",
                false,
                "expect-pvc: {pvc: datadir-zk-0, bound: true, sameVolumeAs: initial}",
                this::expectPvc);
        kind(exp, "expect-rollout-order", false, "expect-rollout-order: [zk-2, zk-1, zk-0]", this::expectRolloutOrder);
        kind(
                exp,
                "expect-revisions",
                false,
                "expect-revisions: 2",
                (a, n, f) -> new Step.ExpectRevisions(a, intOrField(n, f, "count", 0, 1000)));
        kind(
                exp,
                "expect-ready",
                false,
                "expect-ready: 3",
                (a, n, f) -> new Step.ExpectReady(a, intOrField(n, f, "count", 0, 1000)));
        kind(exp, "expect-node", false, "expect-node: {nodeOf: zk-2, cordoned: true}", this::expectNode);
        kind(
                exp,
                "expect-event",
                false,
                "expect-event: {reason: FailedScheduling, object: pod/zk-1, " + "messageContains: anti-affinity}",
                this::expectEvent);
        String zk = "ZooKeeper steps";
        kind(zk, "write", false, "write: {path: /hello, value: world, via: zk-0, op: create}", this::write);
        kind(zk, "read", false, "read: {pod: zk-1, path: /hello, sync: true}", this::read);
        kind(zk, "expect-value", false, "expect-value: {pod: zk-1, path: /hello, value: world}", this::expectValue);
        kind(
                zk,
                "expect-write-fails",
                true,
                "expect-write-fails: {via: zk-cs, path: /hello, value: x}",
                this::expectWriteFails);
        kind(zk, "reconfig", false, "reconfig: {add: [zk-3, zk-4], remove: [zk-0], via: zk-cs}", this::reconfig);
        kind(
                zk,
                "expect-reconfig-fails",
                false,
                "expect-reconfig-fails: {add: [zk-3], error: disabled}",
                this::expectReconfigFails);
        kind(
                zk,
                "expect-members",
                false,
                "expect-members: [zk-0, zk-1, zk-2], or {members: [zk-0, zk-1, zk-2], observers: [zk-3], pod: zk-3}",
                this::expectMembers);
        kind(zk, "expect-leader", false, "expect-leader: zk-2, or {anyOf: [zk-1, zk-2]}", this::expectLeader);
        kind(zk, "expect-no-leader", true, "expect-no-leader", (a, n, f) -> {
            noArgument(n, f);
            return new Step.ExpectNoLeader(a);
        });
        kind(zk, "exec", false, "exec: {pod: zk-0, command: srvr}", this::exec);
        kind(
                zk,
                "expect-lost-writes",
                true,
                "expect-lost-writes, or {count: 1, paths: [/hello]}",
                this::expectLostWrites);
        kind(zk, "expect-no-lost-writes", true, "expect-no-lost-writes", (a, n, f) -> {
            noArgument(n, f);
            return new Step.ExpectNoLostWrites(a);
        });
        kind(
                exp,
                "expect-history",
                false,
                "expect-history: {pod: zk-1, status: Error, since: LABEL}",
                this::expectHistory);
        kind(zk, "expect-elections", false, "expect-elections: {since: LABEL, count: 1}", this::expectElections);
        kind(
                zk,
                "expect-write-outage",
                false,
                "expect-write-outage: {since: LABEL, atMost: 2s}",
                this::expectWriteOutage);
    }

    private static String nodeUsage(String kw) {
        return kw + ": node-1, or " + kw + ": {nodeOf: zk-0}, or {nodeOf: zk-0, at: LABEL}, or {nodeOf: leader}";
    }

    private void kind(String group, String keyword, boolean bare, String usage, StepParse p) {
        kinds.put(keyword, new StepKind(group, bare, usage, p));
    }

    /** Every step keyword this parser knows, in registration order (the docs test checks each is documented). */
    List<String> keywords() {
        return List.copyOf(kinds.keySet());
    }

    /** The valid step keywords by group, as one sentence for error messages. */
    String validSteps() {
        Map<String, List<String>> byGroup = new LinkedHashMap<>();
        kinds.forEach((k, v) ->
                byGroup.computeIfAbsent(v.group(), g -> new ArrayList<>()).add(k));
        List<String> parts = new ArrayList<>();
        byGroup.forEach((g, ks) -> parts.add(g + ": " + String.join(", ", ks)));
        return String.join("; ", parts);
    }

    List<Step> steps(YNode node) {
        if (!(node instanceof YNode.Sequence seq)) {
            throw r.error(
                    node.line(),
                    "steps",
                    "'steps' must be a list of steps (each '- STEP: ARGUMENTS'); found " + node.describe() + ".");
        }
        if (seq.items().isEmpty() || seq.items().size() > ScenarioParser.MAX_STEPS) {
            throw r.error(
                    seq.line(),
                    "steps",
                    "a scenario needs 1 to " + ScenarioParser.MAX_STEPS + " steps; found "
                            + seq.items().size() + ".");
        }
        List<Step> out = new ArrayList<>();
        for (index = 0; index < seq.items().size(); index++) {
            out.add(step(seq.items().get(index), "steps[" + index + "]"));
        }
        for (LabelUse u : labelUses) {
            if (u.allowInitial() && u.label().equals(INITIAL)) {
                continue;
            }
            Integer at = labels.get(u.label());
            if (at == null || at >= u.stepIndex()) {
                throw r.error(
                        u.line(),
                        u.field(),
                        "no earlier step is labelled '" + u.label() + "'"
                                + (at != null ? " (the step with that label comes later)" : "")
                                + ". Label a step with 'label: NAME' next to its name, then refer to it from later"
                                + " steps"
                                + (u.allowInitial()
                                        ? "; 'initial' means the first volume the claim was seen bound to"
                                        : "")
                                + (labels.isEmpty()
                                        ? "."
                                        : ". Labels so far: " + String.join(", ", labels.keySet()) + "."));
            }
        }
        return out;
    }

    private Step step(YNode node, String field) {
        String keyword;
        YNode arg;
        Optional<String> label = Optional.empty();
        int line = node.line();
        if (node instanceof YNode.Scalar s && s.kind() == YNode.ScalarKind.STRING) {
            keyword = s.text().strip();
            arg = new YNode.Scalar(s.line(), YNode.ScalarKind.NULL, "");
        } else if (node instanceof YNode.Mapping m) {
            List<YNode.MappingEntry> named =
                    m.entries().stream().filter(e -> !e.key().equals("label")).toList();
            if (named.size() != 1) {
                throw r.error(
                        m.line(),
                        field,
                        named.isEmpty()
                                ? "a step needs a step name, e.g. '- wait: 30s'; found only 'label'."
                                : "a step is a mapping with one step name (plus an optional 'label'); found "
                                        + named.stream()
                                                .map(e -> "'" + e.key() + "'")
                                                .reduce((a, b) -> a + " and " + b)
                                                .orElse("")
                                        + ". Put each step in its own list item ('- ').");
            }
            keyword = named.get(0).key();
            arg = named.get(0).value();
            line = named.get(0).keyLine();
            Optional<YNode.MappingEntry> l = m.entry("label");
            if (l.isPresent()) {
                String text = r.name(l.get().value(), field + ".label", "a step label");
                if (!LABEL.matcher(text).matches() || text.equals(INITIAL)) {
                    throw r.error(
                            l.get().keyLine(),
                            field + ".label",
                            "'" + text + "' is not a usable label: use "
                                    + "letters, digits, '-', '_' and '.', at most 63 characters ('initial' is"
                                    + " reserved).");
                }
                Integer prev = labels.putIfAbsent(text, index);
                if (prev != null) {
                    throw r.error(
                            l.get().keyLine(),
                            field + ".label",
                            "the label '" + text + "' is already used by " + "step " + (prev + 1)
                                    + "; labels must be unique.");
                }
                label = Optional.of(text);
            }
        } else {
            throw r.error(
                    node.line(),
                    field,
                    "a step is '- STEP' or '- STEP: ARGUMENTS' (e.g. '- wait: 30s'); found " + node.describe()
                            + ". Valid steps: " + validSteps() + ".");
        }
        StepKind kind = kinds.get(keyword);
        if (kind == null) {
            throw r.error(
                    line,
                    field,
                    "unknown step '" + keyword + "'" + Reader.suggestion(keyword, List.copyOf(kinds.keySet()))
                            + ". Valid steps: " + validSteps() + ".");
        }
        String stepField = field + "." + keyword;
        if (!kind.bareAllowed() && arg instanceof YNode.Scalar s && s.isNull()) {
            throw r.error(line, stepField, "'" + keyword + "' needs arguments, e.g. " + kind.usage() + ".");
        }
        return kind.parse().parse(new Origin(line, label), arg, stepField);
    }

    // ------------------------------------------------------------------ helpers

    private Step partition(Origin at, YNode n, String field) {
        Reader.Fields f = r.fields(n, field, "'partition'", List.of("groups", "clients"));
        YNode groupsNode = f.require("groups");
        String path = f.path("groups");
        if (!(groupsNode instanceof YNode.Sequence seq) || seq.items().isEmpty()) {
            throw r.error(
                    groupsNode.line(),
                    path,
                    "'groups' must be a list of groups of pods, e.g. [[zk-0], [zk-1, " + "zk-2]]; found "
                            + groupsNode.describe() + ".");
        }
        List<SortedSet<String>> groups = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < seq.items().size(); i++) {
            YNode g = seq.items().get(i);
            List<String> pods = r.names(g, path + "[" + i + "]", "a group");
            if (pods.isEmpty()) {
                throw r.error(g.line(), path + "[" + i + "]", "a group needs at least one pod; found an empty list.");
            }
            for (String pod : pods) {
                Integer before = seen.putIfAbsent(pod, i);
                if (before != null) {
                    throw r.error(
                            g.line(),
                            path + "[" + i + "]",
                            "pod " + pod + " is listed twice (also in group "
                                    + before
                                    + "); a pod sits on one side of a partition. Pods not listed form a group of "
                                    + "their own.");
                }
            }
            groups.add(new TreeSet<>(pods));
        }
        Optional<String> clients = f.optName("clients");
        return new Step.Fault(at, "partition", new NetworkFault.Partition(groups, clients));
    }

    private record LinkEnds(String from, String to, boolean both, Reader.Fields fields) {}

    private LinkEnds linkEnds(YNode n, String field, String keyword, List<String> extra) {
        List<String> valid = new ArrayList<>(List.of("from", "to", "both"));
        valid.addAll(extra);
        Reader.Fields f = r.fields(n, field, "'" + keyword + "'", valid);
        String from = f.name("from");
        String to = f.name("to");
        if (from.equals(to)) {
            throw r.error(f.line(), f.path("to"), "'from' and 'to' are both " + from + "; a link joins two pods.");
        }
        return new LinkEnds(from, to, f.bool("both", false), f);
    }

    private Step slowLink(Origin at, YNode n, String field) {
        LinkEnds e = linkEnds(n, field, "slow-link", List.of("delay"));
        YNode d = e.fields().require("delay");
        String path = e.fields().path("delay");
        if (d instanceof YNode.Scalar s && s.text().trim().startsWith("-")) {
            throw r.error(d.line(), path, "the delay must be positive, e.g. 50ms; found '" + s.text() + "'.");
        }
        long delayMs = r.positiveDurationMs(d, path);
        if (delayMs > 10 * 60_000L) {
            throw r.error(d.line(), path, "a delay of more than 10m is a partition; use 'partition' or 'isolate'.");
        }
        return new Step.Fault(at, "slow-link", new NetworkFault.SlowLink(e.from(), e.to(), delayMs, e.both()));
    }

    private Step dropLink(Origin at, YNode n, String field) {
        LinkEnds e = linkEnds(n, field, "drop-link", List.of());
        return new Step.Fault(at, "drop-link", new NetworkFault.DropLink(e.from(), e.to(), e.both()));
    }

    private void noArgument(YNode n, String field) {
        if (!(n instanceof YNode.Scalar s && s.isNull())
                && !(n instanceof YNode.Mapping m && m.entries().isEmpty())) {
            throw r.error(n.line(), field, "this step takes no arguments; found " + n.describe() + ".");
        }
    }

    private boolean isNull(YNode n) {
        return n instanceof YNode.Scalar s && s.isNull();
    }

    /** {@code STEP: NAME} or {@code STEP: {key: NAME}}. */
    private String podOrName(YNode n, String field, String key) {
        if (n instanceof YNode.Mapping) {
            return r.fields(n, field, "this step", List.of(key)).name(key);
        }
        return r.name(n, field, "the " + key);
    }

    /**
     * {@code STEP: zk-0}, {@code {pod: zk-0}}, {@code {leader: true}} or {@code {follower: any|last}}, plus the
     * step's {@code extra} fields (read by the caller from {@code fields}).
     */
    private PodRef podTarget(YNode n, String field, String what, String... extra) {
        if (n instanceof YNode.Scalar) {
            return new PodRef.Named(r.name(n, field, "the pod"));
        }
        List<String> valid = new ArrayList<>(List.of("pod", "leader", "follower"));
        valid.addAll(List.of(extra));
        return podTarget(r.fields(n, field, what, valid));
    }

    private PodRef podTarget(Reader.Fields f) {
        f.oneOf(true, "pod", "leader", "follower");
        if (f.has("pod")) {
            return new PodRef.Named(f.name("pod"));
        }
        if (f.has("leader")) {
            if (!f.bool("leader", true)) {
                throw r.error(
                        f.require("leader").line(),
                        f.path("leader"),
                        "'leader: false' names no pod; to act on "
                                + "a server that does not lead write 'follower: any'.");
            }
            return new PodRef.Leader();
        }
        return new PodRef.Follower(followerPick(f.require("follower"), f.path("follower")));
    }

    private PodRef.Pick followerPick(YNode n, String field) {
        String v = r.name(n, field, "'follower'");
        for (PodRef.Pick p : PodRef.Pick.values()) {
            if (p.yamlName().equals(v)) {
                return p;
            }
        }
        throw r.error(
                n.line(),
                field,
                "unknown follower choice '" + v + "'; valid: any (the follower with the "
                        + "lowest ordinal), last (the highest). To name a pod write 'pod: zk-0'.");
    }

    /**
     * {@code nodeOf: zk-0}, or a role: {@code nodeOf: leader}, {@code nodeOf: follower} (the words cannot be pod names:
     * a StatefulSet's pods are named NAME-ORDINAL).
     */
    private NodeRef nodeOf(String pod, Optional<String> at) {
        return switch (pod) {
            case "leader" -> new NodeRef.NodeOfRole(new PodRef.Leader(), at);
            case "follower" -> new NodeRef.NodeOfRole(new PodRef.Follower(PodRef.Pick.ANY), at);
            default -> new NodeRef.NodeOf(pod, at);
        };
    }

    /** {@code STEP: 3} or {@code STEP: {key: 3}}. */
    private int intOrField(YNode n, String field, String key, int min, int max) {
        if (n instanceof YNode.Mapping) {
            Reader.Fields f = r.fields(n, field, "this step", List.of(key));
            return r.integer(f.require(key), f.path(key), min, max);
        }
        return r.integer(n, field, min, max);
    }

    private static final List<String> NODE_REF_FIELDS = List.of("node", "nodeOf", "at");

    /** {@code node-1}, {@code {node: node-1}}, {@code {nodeOf: zk-0}}, {@code {nodeOf: zk-0, at: LABEL}}. */
    private NodeRef nodeRef(YNode n, String field, List<String> extra) {
        if (n instanceof YNode.Scalar) {
            return new NodeRef.NodeNamed(r.name(n, field, "the node"));
        }
        List<String> valid = new ArrayList<>(NODE_REF_FIELDS);
        valid.addAll(extra);
        Reader.Fields f = r.fields(n, field, "this step", valid);
        return nodeRef(f, "node", "nodeOf", true);
    }

    private NodeRef nodeRef(Reader.Fields f, String nameKey, String ofKey, boolean required) {
        f.oneOf(required, nameKey, ofKey);
        if (f.has(nameKey)) {
            if (f.has("at")) {
                throw r.error(
                        f.require("at").line(),
                        f.path("at"),
                        "'at' goes with '" + ofKey + "' (the node a pod "
                                + "was on when a labelled step ended), not with '" + nameKey + "'.");
            }
            return new NodeRef.NodeNamed(f.name(nameKey));
        }
        String pod = f.name(ofKey);
        Optional<String> at = f.optName("at");
        at.ifPresent(a -> use(a, f.require("at").line(), f.path("at"), false));
        return nodeOf(pod, at);
    }

    private void use(String label, int line, String field, boolean allowInitial) {
        labelUses.add(new LabelUse(label, line, field, index, allowInitial));
    }

    private String path(Reader.Fields f, String key) {
        String p = f.name(key);
        if (!ZNODE_PATH.matcher(p).matches()
                || Arrays.asList(p.split("/")).contains(".")
                || Arrays.asList(p.split("/")).contains("..")) {
            throw r.error(
                    f.require(key).line(),
                    f.path(key),
                    "'" + p + "' is not a znode path: it starts with '/', "
                            + "has no empty, '.' or '..' parts and does not end with '/' (e.g. /hello or"
                            + " /app/config).");
        }
        return p;
    }

    private WriteOp writeOp(Reader.Fields f) {
        Optional<String> op = f.optName("op");
        if (op.isEmpty()) {
            return WriteOp.CREATE;
        }
        for (WriteOp w : WriteOp.values()) {
            if (w.yamlName().equals(op.get())) {
                return w;
            }
        }
        throw r.error(
                f.require("op").line(),
                f.path("op"),
                "unknown operation '" + op.get() + "'; valid: create, " + "set, delete (as zkCli.sh names them).");
    }

    // ------------------------------------------------------------------ Kubernetes actions

    private Step apply(Origin at, YNode n, String field) {
        if (isNull(n)) {
            return new Step.Apply(at, Optional.empty());
        }
        YNode m = n;
        String f = field;
        if (n instanceof YNode.Mapping) {
            Reader.Fields fs = r.fields(n, field, "'apply'", List.of("manifest"));
            if (!fs.has("manifest")) {
                return new Step.Apply(at, Optional.empty());
            }
            m = fs.require("manifest");
            f = fs.path("manifest");
        }
        return new Step.Apply(at, Optional.of(ScenarioParser.manifestRef(r, m, f, scenarioFile)));
    }

    private Step deleteSts(Origin at, YNode n, String field) {
        if (isNull(n)) {
            return new Step.DeleteStatefulSet(at, Optional.empty());
        }
        return new Step.DeleteStatefulSet(at, Optional.of(podOrName(n, field, "name")));
    }

    private Step deletePod(Origin at, YNode n, String field) {
        if (n instanceof YNode.Scalar) {
            return new Step.DeletePod(at, r.name(n, field, "the pod"), false, OptionalLong.empty());
        }
        Reader.Fields f = r.fields(
                n, field, "'delete-pod'", List.of("pod", "leader", "follower", "force", "gracePeriod", "wait"));
        PodRef pod = podTarget(f);
        boolean force = f.bool("force", false);
        boolean waitForDeletion = f.bool("wait", true);
        Optional<YNode> g = f.get("gracePeriod");
        OptionalLong grace =
                g.isPresent() ? OptionalLong.of(r.durationMs(g.get(), f.path("gracePeriod"))) : OptionalLong.empty();
        if (grace.isPresent() && grace.getAsLong() % 1000 != 0) {
            throw r.error(
                    g.get().line(),
                    f.path("gracePeriod"),
                    "a grace period is a whole number of seconds " + "(kubectl --grace-period=N), e.g. 0s or 30s.");
        }
        if (force && grace.isPresent() && grace.getAsLong() != 0) {
            throw r.error(
                    g.get().line(),
                    f.path("gracePeriod"),
                    "'force: true' deletes at once: it goes with "
                            + "gracePeriod 0s (kubectl --force --grace-period=0) or no gracePeriod at all.");
        }
        return new Step.DeletePod(at, pod, force, force ? OptionalLong.of(0) : grace, waitForDeletion);
    }

    private Step drain(Origin at, YNode n, String field) {
        if (n instanceof YNode.Scalar) {
            return new Step.Drain(at, new NodeRef.NodeNamed(r.name(n, field, "the node")), DEFAULT_DRAIN_TIMEOUT_MS);
        }
        Reader.Fields f = r.fields(n, field, "'drain'", List.of("node", "nodeOf", "at", "timeout"));
        NodeRef node = nodeRef(f, "node", "nodeOf", true);
        return new Step.Drain(at, node, f.optDurationMs("timeout").orElse(DEFAULT_DRAIN_TIMEOUT_MS));
    }

    private static final Pattern FLAG = Pattern.compile("[a-z][a-z0-9_]*");

    private Step patch(Origin at, YNode n, String field) {
        Reader.Fields f =
                r.fields(n, field, "'patch'", List.of("cpu", "memory", "image", "flag", "replicas", "partition"));
        Optional<String> cpu = f.optText("cpu");
        OptionalLong cpuMillis = f.get("cpu")
                .map(c -> OptionalLong.of(r.cpuMillis(c, f.path("cpu"))))
                .orElse(OptionalLong.empty());
        Optional<String> mem = f.optText("memory");
        OptionalLong memBytes = f.get("memory")
                .map(c -> OptionalLong.of(r.memoryBytes(c, f.path("memory"))))
                .orElse(OptionalLong.empty());
        Optional<String> image = f.optName("image");
        LinkedHashMap<String, String> flags = new LinkedHashMap<>();
        Optional<YNode> flagNode = f.get("flag");
        if (flagNode.isPresent()) {
            if (!(flagNode.get() instanceof YNode.Mapping m) || m.entries().isEmpty()) {
                throw r.error(
                        flagNode.get().line(),
                        f.path("flag"),
                        "'flag' is a mapping of start-zookeeper flags "
                                + "(without '--') to values, e.g. {sync_limit: 10, tick_time: 2000}; found "
                                + flagNode.get().describe() + ".");
            }
            for (YNode.MappingEntry e : m.entries()) {
                String key = e.key().startsWith("--") ? e.key().substring(2) : e.key();
                if (!FLAG.matcher(key).matches()) {
                    throw r.error(
                            e.keyLine(),
                            f.path("flag") + "." + e.key(),
                            "'" + e.key() + "' is not a "
                                    + "start-zookeeper flag name (lower case with underscores, e.g. sync_limit).");
                }
                flags.put(key, r.text(e.value(), f.path("flag") + "." + e.key(), "a flag value"));
            }
        }
        OptionalInt replicas = f.optInt("replicas", 0, 1000);
        OptionalInt partition = f.optInt("partition", 0, 1000);
        PatchSpec p = new PatchSpec(cpu, cpuMillis, mem, memBytes, image, flags, replicas, partition);
        if (p.isEmpty()) {
            throw r.error(
                    at.line(),
                    field,
                    "'patch' needs at least one change: cpu, memory, image, flag, replicas " + "or partition.");
        }
        return new Step.Patch(at, p);
    }

    private Step rolloutUndo(Origin at, YNode n, String field) {
        if (isNull(n)) {
            return new Step.RolloutUndo(at, OptionalInt.empty());
        }
        Reader.Fields f = r.fields(n, field, "'rollout-undo'", List.of("toRevision"));
        return new Step.RolloutUndo(at, f.optInt("toRevision", 1, Integer.MAX_VALUE));
    }

    private Step waitStep(Origin at, YNode n, String field) {
        if (n instanceof YNode.Scalar s && s.kind() == YNode.ScalarKind.STRING && Durationish.notDuration(s.text())) {
            throw r.error(
                    n.line(),
                    field,
                    "'" + s.text() + "' is not a duration. To wait for a condition write " + "'wait: {until: "
                            + s.text() + ", timeout: 5m}'; to let time pass write 'wait: 30s'.");
        }
        if (n instanceof YNode.Scalar) {
            return new Step.WaitFor(at, r.positiveDurationMs(n, field));
        }
        Reader.Fields f = r.fields(n, field, "'wait'", List.of("duration", "until", "timeout"));
        f.oneOf(true, "duration", "until");
        if (f.has("duration")) {
            if (f.has("timeout")) {
                throw r.error(
                        f.require("timeout").line(),
                        f.path("timeout"),
                        "'timeout' bounds 'until'; a wait " + "for a fixed 'duration' has no timeout.");
            }
            return new Step.WaitFor(at, r.positiveDurationMs(f.require("duration"), f.path("duration")));
        }
        Condition c = condition(f.require("until"), f.path("until"), 0);
        return new Step.WaitUntil(at, c, f.optDurationMs("timeout").orElse(DEFAULT_WAIT_TIMEOUT_MS));
    }

    /** Tells "wait: all-ready" (a condition written where a duration belongs) from a malformed duration. */
    private static final class Durationish {
        static boolean notDuration(String s) {
            return !s.isEmpty() && !Character.isDigit(s.charAt(0));
        }
    }

    // ------------------------------------------------------------------ conditions

    private static final List<String> CONDITION_WORDS =
            List.of("all-ready", "no-pods", "rollout-complete", "leader-elected", "writable", "no-leader");
    private static final List<String> CONDITION_KEYS =
            List.of("pod", "drain", "ready", "pvc", "event", "leader", "server", "allOf", "anyOf", "not");

    private String conditionHelp() {
        return "A condition is one of " + String.join(", ", CONDITION_WORDS) + ", or a mapping: {pod: zk-1, ready: "
                + "true} (any expect-pod field), {drain: done|succeeded|refused}, {ready: 3}, {pvc: NAME, bound: "
                + "true}, {event: REASON, object: pod/zk-1}, {leader: zk-2}, {server: zk-1, mode:"
                + " following|leading|serving|...}, {allOf: [...]}, {anyOf: [...]}, {not: CONDITION}.";
    }

    private Condition condition(YNode n, String field, int depth) {
        if (depth > 8) {
            throw r.error(n.line(), field, "conditions nest at most 8 levels deep.");
        }
        if (n instanceof YNode.Scalar s && s.kind() == YNode.ScalarKind.STRING) {
            return switch (s.text().strip()) {
                case "all-ready" -> new Condition.AllReady();
                case "no-pods" -> new Condition.NoPods();
                case "rollout-complete" -> new Condition.RolloutComplete();
                case "leader-elected" -> new Condition.LeaderElected();
                case "writable" -> new Condition.Writable();
                case "no-leader" -> new Condition.NoLeader();
                default ->
                    throw r.error(
                            n.line(),
                            field,
                            "unknown condition '" + s.text() + "'" + Reader.suggestion(s.text(), CONDITION_WORDS) + ". "
                                    + conditionHelp());
            };
        }
        if (!(n instanceof YNode.Mapping m) || m.entries().isEmpty()) {
            throw r.error(n.line(), field, "expected a condition; found " + n.describe() + ". " + conditionHelp());
        }
        String key = CONDITION_KEYS.stream()
                .filter(k -> m.entry(k).isPresent())
                .findFirst()
                .orElseThrow(() -> r.error(
                        m.entries().get(0).keyLine(),
                        field + "." + m.entries().get(0).key(),
                        "unknown condition '"
                                + m.entries().get(0).key() + "'"
                                + Reader.suggestion(m.entries().get(0).key(), CONDITION_KEYS)
                                + ". " + conditionHelp()));
        switch (key) {
            case "pod":
                return new Condition.PodMatches(podMatch(n, field, true));
            case "drain": {
                Reader.Fields f = r.fields(n, field, "a drain condition", List.of("drain", "step"));
                String goal = f.name("drain");
                Condition.DrainGoal g = Arrays.stream(Condition.DrainGoal.values())
                        .filter(d -> d.yamlName().equals(goal))
                        .findFirst()
                        .orElseThrow(() -> r.error(
                                f.require("drain").line(),
                                f.path("drain"),
                                "unknown drain state '"
                                        + goal + "'; valid: done (finished either way), succeeded (every pod evicted), "
                                        + "refused (an eviction was refused by a PodDisruptionBudget)."));
                Optional<String> step = f.optName("step");
                step.ifPresent(s -> use(s, f.require("step").line(), f.path("step"), false));
                return new Condition.DrainReached(step, g);
            }
            case "ready": {
                Reader.Fields f = r.fields(n, field, "a ready-count condition", List.of("ready"));
                YNode v = f.require("ready");
                if (v instanceof YNode.Scalar s && s.kind() == YNode.ScalarKind.BOOL) {
                    throw r.error(
                            v.line(),
                            f.path("ready"),
                            "{ready: N} counts Ready pods; to wait for one pod " + "write {pod: zk-1, ready: "
                                    + s.text() + "}.");
                }
                return new Condition.ReadyCount(r.integer(v, f.path("ready"), 0, 1000));
            }
            case "pvc": {
                Reader.Fields f = r.fields(n, field, "a PVC condition", List.of("pvc", "bound"));
                return new Condition.Pvc(f.name("pvc"), f.bool("bound", true));
            }
            case "event": {
                Reader.Fields f =
                        r.fields(n, field, "an event condition", List.of("event", "object", "messageContains"));
                return new Condition.Event(f.name("event"), f.optName("object"), f.optText("messageContains"));
            }
            case "leader": {
                Reader.Fields f = r.fields(n, field, "a leader condition", List.of("leader"));
                YNode v = f.require("leader");
                List<String> pods = v instanceof YNode.Sequence
                        ? r.names(v, f.path("leader"), "the leader list")
                        : List.of(r.name(v, f.path("leader"), "the leader"));
                return new Condition.LeaderAmong(pods);
            }
            case "server": {
                Reader.Fields f = r.fields(n, field, "a server condition", List.of("server", "mode"));
                String pod = f.name("server");
                String mode = f.name("mode");
                List<String> valid = Arrays.stream(Condition.ServerGoal.values())
                        .map(Condition.ServerGoal::yamlName)
                        .toList();
                Condition.ServerGoal wanted = Arrays.stream(Condition.ServerGoal.values())
                        .filter(x -> x.yamlName().equals(mode))
                        .findFirst()
                        .orElseThrow(() -> r.error(
                                f.require("mode").line(),
                                f.path("mode"),
                                "unknown server mode '"
                                        + mode + "'" + Reader.suggestion(mode, valid) + "; valid: "
                                        + String.join(", ", valid)
                                        + " (serving: any mode that answers clients)."));
                return new Condition.Server(pod, wanted);
            }
            case "allOf", "anyOf": {
                Reader.Fields f = r.fields(n, field, "'" + key + "'", List.of(key));
                YNode v = f.require(key);
                if (!(v instanceof YNode.Sequence seq) || seq.items().isEmpty()) {
                    throw r.error(
                            v.line(),
                            f.path(key),
                            "'" + key + "' takes a non-empty list of conditions; found " + v.describe() + ".");
                }
                List<Condition> cs = new ArrayList<>();
                for (int i = 0; i < seq.items().size(); i++) {
                    cs.add(condition(seq.items().get(i), f.path(key) + "[" + i + "]", depth + 1));
                }
                return key.equals("allOf") ? new Condition.AllOf(cs) : new Condition.AnyOf(cs);
            }
            default: {
                Reader.Fields f = r.fields(n, field, "'not'", List.of("not"));
                return new Condition.Not(condition(f.require("not"), f.path("not"), depth + 1));
            }
        }
    }

    // ------------------------------------------------------------------ expectations

    private static final List<String> POD_MATCH_FIELDS = List.of(
            "pod",
            "exists",
            "phase",
            "status",
            "ready",
            "restarts",
            "node",
            "nodeOf",
            "notNode",
            "notNodeOf",
            "at",
            "pendingReasonContains");

    private PodMatch podMatch(YNode n, String field, boolean inCondition) {
        Reader.Fields f = r.fields(n, field, inCondition ? "a pod condition" : "'expect-pod'", POD_MATCH_FIELDS);
        String pod = f.name("pod");
        Optional<Boolean> exists = f.optBool("exists");
        Optional<String> phase = enumText(f, "phase", PodMatch.PHASES);
        Optional<String> status = enumText(f, "status", PodMatch.STATUSES);
        Optional<Boolean> ready = f.optBool("ready");
        OptionalInt restarts = f.optInt("restarts", 0, 1_000_000);
        if (f.has("at") && f.has("nodeOf") == f.has("notNodeOf")) {
            throw r.error(
                    f.require("at").line(),
                    f.path("at"),
                    "'at' needs exactly one of 'nodeOf' or 'notNodeOf' " + "next to it.");
        }
        Optional<NodeRef> node =
                f.has("node") || f.has("nodeOf") ? Optional.of(nodeRef(f, "node", "nodeOf", true)) : Optional.empty();
        Optional<NodeRef> notNode = Optional.empty();
        if (f.has("notNode") || f.has("notNodeOf")) {
            f.oneOf(true, "notNode", "notNodeOf");
            if (f.has("notNode")) {
                notNode = Optional.of(new NodeRef.NodeNamed(f.name("notNode")));
            } else {
                Optional<String> at = f.has("nodeOf") ? Optional.empty() : f.optName("at");
                at.ifPresent(a -> use(a, f.require("at").line(), f.path("at"), false));
                notNode = Optional.of(nodeOf(f.name("notNodeOf"), at));
            }
        }
        Optional<String> pending = f.optText("pendingReasonContains");
        if (exists.isPresent()
                && !exists.get()
                && (phase.isPresent()
                        || status.isPresent()
                        || ready.isPresent()
                        || restarts.isPresent()
                        || node.isPresent()
                        || notNode.isPresent()
                        || pending.isPresent())) {
            throw r.error(
                    f.line(),
                    field,
                    "'exists: false' cannot be combined with other pod fields: a pod that "
                            + "does not exist has no status.");
        }
        return new PodMatch(pod, exists, phase, status, ready, restarts, node, notNode, pending);
    }

    private Optional<String> enumText(Reader.Fields f, String key, List<String> valid) {
        Optional<String> v = f.optName(key);
        if (v.isPresent() && !valid.contains(v.get())) {
            throw r.error(
                    f.require(key).line(),
                    f.path(key),
                    "unknown " + key + " '" + v.get() + "'" + Reader.suggestion(v.get(), valid) + "; valid: "
                            + String.join(", ", valid) + ".");
        }
        return v;
    }

    private Step expectDrain(Origin at, YNode n, String field) {
        if (isNull(n)) {
            throw r.error(
                    at.line(),
                    field,
                    "'expect-drain' needs at least one of refusedByPdb, succeeded, done, "
                            + "e.g. expect-drain: {refusedByPdb: true}.");
        }
        Reader.Fields f = r.fields(n, field, "'expect-drain'", List.of("drain", "refusedByPdb", "succeeded", "done"));
        Optional<String> drain = f.optName("drain");
        drain.ifPresent(d -> use(d, f.require("drain").line(), f.path("drain"), false));
        Optional<Boolean> refused = f.optBool("refusedByPdb");
        Optional<Boolean> succeeded = f.optBool("succeeded");
        Optional<Boolean> done = f.optBool("done");
        if (refused.isEmpty() && succeeded.isEmpty() && done.isEmpty()) {
            throw r.error(f.line(), field, "'expect-drain' needs at least one of refusedByPdb, succeeded, done.");
        }
        return new Step.ExpectDrain(at, drain, refused, succeeded, done);
    }

    private Optional<String> since(Reader.Fields f) {
        Optional<String> since = f.optName("since");
        since.ifPresent(s -> use(s, f.require("since").line(), f.path("since"), false));
        return since;
    }

    private Step expectHistory(Origin at, YNode n, String field) {
        Reader.Fields f = r.fields(n, field, "'expect-history'", List.of("pod", "status", "phase", "ready", "since"));
        String pod = f.name("pod");
        Optional<String> status = enumText(f, "status", PodMatch.STATUSES);
        Optional<String> phase = enumText(f, "phase", PodMatch.PHASES);
        Optional<Boolean> ready = f.optBool("ready");
        if (status.isEmpty() && phase.isEmpty() && ready.isEmpty()) {
            throw r.error(
                    f.line(),
                    field,
                    "'expect-history' needs a state the pod went through: status (e.g. Error, "
                            + "Terminating), phase, or ready (false: it was not Ready at some point).");
        }
        return new Step.ExpectHistory(at, pod, status, phase, ready, since(f));
    }

    private Step expectElections(Origin at, YNode n, String field) {
        Reader.Fields f = r.fields(n, field, "'expect-elections'", List.of("since", "count", "atLeast", "atMost"));
        OptionalInt count = f.optInt("count", 0, 1_000_000);
        OptionalInt atLeast = f.optInt("atLeast", 0, 1_000_000);
        OptionalInt atMost = f.optInt("atMost", 0, 1_000_000);
        if (count.isPresent() && (atLeast.isPresent() || atMost.isPresent())) {
            throw r.error(f.line(), field, "'count' is exact; give either it or 'atLeast'/'atMost', not both.");
        }
        if (count.isEmpty() && atLeast.isEmpty() && atMost.isEmpty()) {
            throw r.error(f.line(), field, "'expect-elections' needs 'count' (exactly), or 'atLeast' and/or 'atMost'.");
        }
        if (atLeast.isPresent() && atMost.isPresent() && atLeast.getAsInt() > atMost.getAsInt()) {
            throw r.error(f.require("atMost").line(), f.path("atMost"), "'atMost' is below 'atLeast'.");
        }
        return new Step.ExpectElections(at, since(f), count, atLeast, atMost);
    }

    private Step expectWriteOutage(Origin at, YNode n, String field) {
        Reader.Fields f = r.fields(n, field, "'expect-write-outage'", List.of("since", "atMost", "atLeast"));
        OptionalLong atMost = f.get("atMost")
                .map(x -> OptionalLong.of(r.durationMs(x, f.path("atMost"))))
                .orElse(OptionalLong.empty());
        OptionalLong atLeast = f.get("atLeast")
                .map(x -> OptionalLong.of(r.durationMs(x, f.path("atLeast"))))
                .orElse(OptionalLong.empty());
        if (atMost.isEmpty() && atLeast.isEmpty()) {
            throw r.error(f.line(), field, "'expect-write-outage' needs 'atMost' (e.g. 2s), 'atLeast', or both.");
        }
        if (atMost.isPresent() && atLeast.isPresent() && atLeast.getAsLong() > atMost.getAsLong()) {
            throw r.error(f.require("atMost").line(), f.path("atMost"), "'atMost' is below 'atLeast'.");
        }
        return new Step.ExpectWriteOutage(at, since(f), atMost, atLeast);
    }

    private Step expectRolloutOrder(Origin at, YNode n, String field) {
        List<String> pods = r.names(n, field, "the rollout order");
        if (pods.isEmpty()) {
            throw r.error(
                    n.line(),
                    field,
                    "the rollout order is empty; name the pods in the order they should be "
                            + "re-created, e.g. [zk-2, zk-1, zk-0] (to check that no pod was re-created, use expect-pod"
                            + " with restarts or expect-revisions).");
        }
        return new Step.ExpectRolloutOrder(at, pods);
    }

    private Step expectPvc(Origin at, YNode n, String field) {
        if (n instanceof YNode.Scalar) {
            return new Step.ExpectPvc(
                    at, r.name(n, field, "the PVC"), Optional.empty(), Optional.of(true), Optional.empty());
        }
        Reader.Fields f = r.fields(n, field, "'expect-pvc'", List.of("pvc", "exists", "bound", "sameVolumeAs"));
        String pvc = f.name("pvc");
        Optional<Boolean> exists = f.optBool("exists");
        Optional<Boolean> bound = f.optBool("bound");
        Optional<String> same = f.optName("sameVolumeAs");
        same.ifPresent(s -> use(s, f.require("sameVolumeAs").line(), f.path("sameVolumeAs"), true));
        if (exists.isPresent() && !exists.get() && (bound.isPresent() || same.isPresent())) {
            throw r.error(f.line(), field, "'exists: false' cannot be combined with 'bound' or 'sameVolumeAs'.");
        }
        return new Step.ExpectPvc(at, pvc, exists, bound, same);
    }

    private Step expectNode(Origin at, YNode n, String field) {
        Reader.Fields f = r.fields(n, field, "'expect-node'", List.of("node", "nodeOf", "at", "cordoned", "ready"));
        NodeRef node = nodeRef(f, "node", "nodeOf", true);
        Optional<Boolean> cordoned = f.optBool("cordoned");
        Optional<Boolean> ready = f.optBool("ready");
        if (cordoned.isEmpty() && ready.isEmpty()) {
            throw r.error(f.line(), field, "'expect-node' needs 'cordoned' or 'ready' (or both).");
        }
        return new Step.ExpectNode(at, node, cordoned, ready);
    }

    private Step expectEvent(Origin at, YNode n, String field) {
        if (n instanceof YNode.Scalar) {
            return new Step.ExpectEvent(
                    at, r.name(n, field, "the event reason"), Optional.empty(), Optional.empty(), Optional.empty());
        }
        Reader.Fields f = r.fields(n, field, "'expect-event'", List.of("reason", "object", "messageContains", "since"));
        Optional<String> since = f.optName("since");
        since.ifPresent(s -> use(s, f.require("since").line(), f.path("since"), false));
        return new Step.ExpectEvent(at, f.name("reason"), f.optName("object"), f.optText("messageContains"), since);
    }

    // ------------------------------------------------------------------ ZooKeeper steps

    private Step write(Origin at, YNode n, String field) {
        Reader.Fields f = r.fields(n, field, "'write'", List.of("path", "value", "via", "op", "timeout"));
        String path = path(f, "path");
        WriteOp op = writeOp(f);
        Optional<String> value = f.optText("value");
        if (op == WriteOp.DELETE && value.isPresent()) {
            throw r.error(f.require("value").line(), f.path("value"), "a delete takes no value.");
        }
        if (op != WriteOp.DELETE && value.isEmpty()) {
            throw r.error(f.line(), field, "'write' with op " + op.yamlName() + " needs a 'value'.");
        }
        return new Step.Write(
                at,
                f.optName("via"),
                op,
                path,
                value.orElse(""),
                f.optDurationMs("timeout").orElse(DEFAULT_CLIENT_TIMEOUT_MS));
    }

    private Step read(Origin at, YNode n, String field) {
        Reader.Fields f = r.fields(n, field, "'read'", List.of("pod", "path", "sync"));
        return new Step.Read(at, f.name("pod"), path(f, "path"), f.bool("sync", false));
    }

    private Step expectValue(Origin at, YNode n, String field) {
        Reader.Fields f = r.fields(n, field, "'expect-value'", List.of("pod", "path", "value", "exists", "sync"));
        String pod = f.name("pod");
        String path = path(f, "path");
        Optional<String> value = f.optText("value");
        Optional<Boolean> exists = f.optBool("exists");
        boolean absent = exists.isPresent() && !exists.get();
        if (value.isPresent() && absent) {
            throw r.error(
                    f.line(),
                    field,
                    "'expect-value' needs either 'value' (the data the znode holds) or "
                            + "'exists: false' (the znode is absent), not both.");
        }
        if (value.isEmpty() && !absent) {
            throw r.error(
                    f.line(),
                    field,
                    "'expect-value' needs 'value' (the data the znode holds) or "
                            + "'exists: false' (the znode is absent).");
        }
        return new Step.ExpectValue(at, pod, path, value, f.bool("sync", false));
    }

    private Step expectWriteFails(Origin at, YNode n, String field) {
        if (isNull(n)) {
            return new Step.ExpectWriteFails(
                    at, Optional.empty(), WriteOp.CREATE, probePath(at), "probe", DEFAULT_CLIENT_TIMEOUT_MS);
        }
        Reader.Fields f = r.fields(n, field, "'expect-write-fails'", List.of("via", "path", "value", "op", "timeout"));
        WriteOp op = writeOp(f);
        String path = f.has("path") ? path(f, "path") : probePath(at);
        return new Step.ExpectWriteFails(
                at,
                f.optName("via"),
                op,
                path,
                op == WriteOp.DELETE ? "" : f.optText("value").orElse("probe"),
                f.optDurationMs("timeout").orElse(DEFAULT_CLIENT_TIMEOUT_MS));
    }

    private Step reconfig(Origin at, YNode n, String field) {
        Reader.Fields f = r.fields(n, field, "'reconfig'", List.of("add", "remove", "members", "via", "timeout"));
        List<List<String>> change = reconfigChange(f, field);
        return new Step.Reconfig(
                at,
                f.optName("via"),
                change.get(0),
                change.get(1),
                change.get(2),
                f.optDurationMs("timeout").orElse(DEFAULT_CLIENT_TIMEOUT_MS));
    }

    private Step expectReconfigFails(Origin at, YNode n, String field) {
        Reader.Fields f = r.fields(
                n, field, "'expect-reconfig-fails'", List.of("add", "remove", "members", "via", "error", "timeout"));
        List<List<String>> change = reconfigChange(f, field);
        Optional<ReconfigError> error = Optional.empty();
        Optional<String> name = f.optName("error");
        if (name.isPresent()) {
            error = ReconfigError.of(name.get());
            if (error.isEmpty()) {
                throw r.error(
                        f.require("error").line(),
                        f.path("error"),
                        "unknown reconfig error '" + name.get() + "'; valid: disabled, in-progress, no-quorum, "
                                + "bad-arguments, unavailable.");
            }
        }
        return new Step.ExpectReconfigFails(
                at,
                f.optName("via"),
                change.get(0),
                change.get(1),
                change.get(2),
                error,
                f.optDurationMs("timeout").orElse(DEFAULT_CLIENT_TIMEOUT_MS));
    }

    /**
     * The pods of {@code add}, of {@code remove} and of {@code members}: at least one pod in all, none twice;
     * {@code members} (a non-incremental reconfig, the whole new configuration) with neither of the others.
     */
    private List<List<String>> reconfigChange(Reader.Fields f, String field) {
        List<String> add = f.has("add") ? r.names(f.require("add"), f.path("add"), "the pods to add") : List.of();
        List<String> remove =
                f.has("remove") ? r.names(f.require("remove"), f.path("remove"), "the pods to remove") : List.of();
        List<String> members = f.has("members")
                ? r.names(f.require("members"), f.path("members"), "the pods of the new configuration")
                : List.of();
        if (f.has("members") && (f.has("add") || f.has("remove"))) {
            throw r.error(
                    f.require("members").line(),
                    f.path("members"),
                    "'members' is the whole new configuration (reconfig -members) and cannot be combined with 'add' "
                            + "or 'remove'; use one or the other.");
        }
        if (add.isEmpty() && remove.isEmpty() && members.isEmpty()) {
            throw r.error(f.line(), field, "a reconfig needs at least one pod in 'add', 'remove' or 'members'.");
        }
        Set<String> seen = new HashSet<>();
        for (String key : List.of("add", "remove", "members")) {
            for (String pod : key.equals("add") ? add : key.equals("remove") ? remove : members) {
                if (!seen.add(pod)) {
                    throw r.error(
                            f.require(key).line(),
                            f.path(key),
                            "pod '" + pod + "' is listed twice; a reconfig names each server once.");
                }
            }
        }
        return List.of(add, remove, members);
    }

    private Step expectMembers(Origin at, YNode n, String field) {
        if (n instanceof YNode.Sequence) {
            return new Step.ExpectMembers(
                    at, Optional.empty(), distinctNames(r.names(n, field, "the members"), n, field));
        }
        Reader.Fields f = r.fields(n, field, "'expect-members'", List.of("members", "observers", "pod"));
        YNode members = f.require("members");
        List<String> voters =
                distinctNames(r.names(members, f.path("members"), "the members"), members, f.path("members"));
        Optional<List<String>> observers = Optional.empty();
        if (f.has("observers")) {
            YNode o = f.require("observers");
            List<String> names = r.names(o, f.path("observers"), "the observers");
            if (new HashSet<>(names).size() != names.size()) {
                throw r.error(o.line(), f.path("observers"), "an observer is listed twice: " + names + ".");
            }
            for (String name : names) {
                if (voters.contains(name)) {
                    throw r.error(
                            o.line(),
                            f.path("observers"),
                            "'" + name + "' is listed as a member and as an observer; a server of a ZooKeeper"
                                    + " configuration is one or the other (server.N=...:participant or :observer).");
                }
            }
            observers = Optional.of(names);
        }
        return new Step.ExpectMembers(at, f.optName("pod"), voters, observers);
    }

    private List<String> distinctNames(List<String> names, YNode n, String field) {
        if (names.isEmpty()) {
            throw r.error(n.line(), field, "a configuration has at least one member.");
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw r.error(n.line(), field, "a member is listed twice: " + names + ".");
        }
        return names;
    }

    /** A path no other step writes: a probe that unexpectedly succeeds cannot collide with the scenario's data. */
    private static String probePath(Origin at) {
        return "/zksim-probe-line-" + at.line();
    }

    private Step expectLeader(Origin at, YNode n, String field) {
        if (n instanceof YNode.Scalar) {
            return new Step.ExpectLeader(at, List.of(r.name(n, field, "the leader pod")));
        }
        Reader.Fields f = r.fields(n, field, "'expect-leader'", List.of("pod", "anyOf"));
        f.oneOf(true, "pod", "anyOf");
        return new Step.ExpectLeader(
                at,
                f.has("pod")
                        ? List.of(f.name("pod"))
                        : r.names(f.require("anyOf"), f.path("anyOf"), "the candidate list"));
    }

    private Step exec(Origin at, YNode n, String field) {
        Reader.Fields f = r.fields(n, field, "'exec'", List.of("pod", "command", "outputContains"));
        String pod = f.name("pod");
        String cmd = f.name("command");
        FourLetterWord w = Arrays.stream(FourLetterWord.values())
                .filter(x -> x.word().equals(cmd.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> r.error(
                        f.require("command").line(),
                        f.path("command"),
                        "unknown command '" + cmd + "'; valid four-letter words: srvr, ruok, stat, mntr, "
                                + "conf, envi (the ones zksim whitelists)."));
        return new Step.Exec(at, pod, w, f.optText("outputContains"));
    }

    private Step expectLostWrites(Origin at, YNode n, String field) {
        if (isNull(n)) {
            return new Step.ExpectLostWrites(at, OptionalInt.empty(), List.of());
        }
        Reader.Fields f = r.fields(n, field, "'expect-lost-writes'", List.of("count", "paths"));
        OptionalInt count = f.optInt("count", 1, 1_000_000);
        List<String> paths = f.get("paths")
                .map(p -> r.names(p, f.path("paths"), "the path list"))
                .orElse(List.of());
        return new Step.ExpectLostWrites(at, count, paths);
    }
}
