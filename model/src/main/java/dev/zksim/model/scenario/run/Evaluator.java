package dev.zksim.model.scenario.run;

import dev.zksim.model.scenario.Condition;
import dev.zksim.model.scenario.NodeRef;
import dev.zksim.model.scenario.PodMatch;
import dev.zksim.model.scenario.PodRef;
import dev.zksim.model.scenario.Step;
import dev.zksim.model.scenario.engine.ClusterEvent;
import dev.zksim.model.scenario.engine.ClusterView;
import dev.zksim.model.scenario.engine.DrainView;
import dev.zksim.model.scenario.engine.NodeView;
import dev.zksim.model.scenario.engine.PodView;
import dev.zksim.model.scenario.engine.PvcView;
import dev.zksim.model.scenario.engine.ServerStatus;
import dev.zksim.model.scenario.engine.StatefulSetView;
import dev.zksim.model.scenario.engine.ZooKeeperClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Evaluates expectations and conditions against one {@link ClusterView} and what the run remembers. Pure: the same
 * view and memory give the same {@link Check}.
 */
final class Evaluator {
    private final ClusterView view;
    private final RunMemory memory;
    private final Optional<ZooKeeperClient> zk;

    Evaluator(ClusterView view, RunMemory memory, Optional<ZooKeeperClient> zk) {
        this.view = view;
        this.memory = memory;
        this.zk = zk;
    }

    // ------------------------------------------------------------------ node references

    /** The pods whose servers follow and serve now, by ordinal (the view lists pods by ordinal). */
    static List<String> followers(ClusterView view, ZooKeeperClient zk) {
        List<String> out = new ArrayList<>();
        for (PodView p : view.pods()) {
            ServerStatus st = zk.status(p.name());
            if (st.mode() == ServerStatus.Mode.FOLLOWER && st.serving()) {
                out.add(p.name());
            }
        }
        return out;
    }

    /** The pod {@code ref} names now, or why it names none. Roles need a ZooKeeper backend. */
    Resolved<String> resolve(PodRef ref) {
        if (ref instanceof PodRef.Named n) {
            return Resolved.found(n.pod());
        }
        if (zk.isEmpty()) {
            return Resolved.unresolved(ScenarioRunner.NO_ZOOKEEPER);
        }
        return role(ref, zk.get().leader(), followers(view, zk.get()), "now");
    }

    private static Resolved<String> role(PodRef ref, Optional<String> leader, List<String> followers, String when) {
        if (ref instanceof PodRef.Leader) {
            return leader.map(Resolved::found).orElseGet(() -> Resolved.unresolved("no server leads " + when));
        }
        PodRef.Follower f = (PodRef.Follower) ref;
        if (followers.isEmpty()) {
            return Resolved.unresolved("no server follows a leader and serves " + when);
        }
        return Resolved.found(f.pick() == PodRef.Pick.ANY ? followers.get(0) : followers.get(followers.size() - 1));
    }

    /** The pod a role named, now or at the end of the labelled step. */
    Resolved<String> podOf(NodeRef.NodeOfRole r) {
        if (r.at().isPresent()) {
            RunMemory.LabelledStepEnd snap = memory.labelled.get(r.at().get());
            return role(r.role(), snap.leader(), snap.followers(), "at '" + r.at().get() + "'");
        }
        return resolve(r.role());
    }

    /** The node name {@code ref} stands for, or why it names none. */
    Resolved<String> resolve(NodeRef ref) {
        if (ref instanceof NodeRef.NodeNamed n) {
            return Resolved.found(n.node());
        }
        if (ref instanceof NodeRef.NodeOfRole r) {
            Resolved<String> pod = podOf(r);
            return pod.isFound() ? resolve(new NodeRef.NodeOf(pod.get(), r.at())) : pod;
        }
        NodeRef.NodeOf of = (NodeRef.NodeOf) ref;
        ClusterView at = of.at().map(l -> memory.labelled.get(l).view()).orElse(view);
        String when = of.at().map(l -> " at '" + l + "'").orElse("");
        Optional<PodView> pod = at.pod(of.pod());
        if (pod.isEmpty()) {
            return Resolved.unresolved("pod " + of.pod() + " did not exist" + when);
        }
        return pod.get()
                .node()
                .map(Resolved::found)
                .orElseGet(() -> Resolved.unresolved("pod " + of.pod() + " was not bound to a node" + when));
    }

    // ------------------------------------------------------------------ expectations

    Check rolloutOrder(Step.ExpectRolloutOrder o) {
        return Check.of(
                memory.rolloutOrder.equals(o.pods()),
                "pods re-created at the new revision in the order " + o.pods(),
                memory.rolloutOrder.isEmpty()
                        ? "no pod was re-created at a new revision"
                        : "order " + memory.rolloutOrder);
    }

    /** A row of the pod's timeline since the label matched every given field. */
    Check history(Step.ExpectHistory h) {
        int from = h.since()
                .map(l -> memory.labelled.get(l).timelineCountAtStart())
                .orElse(0);
        List<TimelineRow> rows =
                memory.timeline.subList(Math.min(from, memory.timeline.size()), memory.timeline.size()).stream()
                        .filter(r -> r.pod().name().equals(h.pod()))
                        .toList();
        String expected =
                h.pod() + " went through" + h.status().map(x -> " status " + x).orElse("")
                        + h.phase().map(x -> " phase " + x).orElse("")
                        + h.ready().map(x -> x ? " Ready" : " not Ready").orElse("")
                        + h.since().map(l -> " since '" + l + "'").orElse("");
        Optional<TimelineRow> hit = rows.stream()
                .filter(r -> h.status().map(x -> x.equals(r.pod().status())).orElse(true)
                        && h.phase().map(x -> x.equals(r.pod().phase())).orElse(true)
                        && h.ready().map(x -> x == r.pod().ready()).orElse(true))
                .findFirst();
        if (hit.isPresent()) {
            PodView p = hit.get().pod();
            return Check.of(
                    true,
                    expected,
                    "at " + hit.get().timeMs() + " ms: " + p.name() + " " + p.readyColumn() + " " + p.status()
                            + ", phase " + p.phase() + ", " + p.restarts() + " restarts");
        }
        List<String> seen = new ArrayList<>();
        for (TimelineRow r : rows) {
            String s = r.pod().readyColumn() + " " + r.pod().status();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(s)) {
                seen.add(s);
            }
        }
        return Check.of(
                false,
                expected,
                rows.isEmpty()
                        ? "no row of " + h.pod() + " in that range"
                        : h.pod() + " went through "
                                + String.join(" -> ", seen.subList(Math.max(0, seen.size() - 12), seen.size())));
    }

    Check ready(int count) {
        return Check.of(
                view.readyCount() == count, count + " pods Ready", view.readyCount() + " Ready (" + podSummary() + ")");
    }

    Check event(Step.ExpectEvent ev) {
        return event(
                ev.reason(),
                ev.object(),
                ev.messageContains(),
                ev.since().map(l -> memory.labelled.get(l).eventCount()).orElse(0));
    }

    Check pod(PodMatch m) {
        Optional<PodView> found = view.pod(m.pod());
        if (found.isEmpty()) {
            return Check.of(!m.expectsExistence(), m.toString(), "pod " + m.pod() + " does not exist");
        }
        PodView p = found.get();
        if (!m.expectsExistence()) {
            return Check.of(false, m.toString(), describe(p));
        }
        List<String> wrong = mismatches(m, p);
        return Check.of(
                wrong.isEmpty(),
                m.toString(),
                describe(p) + (wrong.isEmpty() ? "" : " (" + String.join("; ", wrong) + ")"));
    }

    /** Whether {@link #pod} would hold, without its texts. */
    private boolean podHolds(PodMatch m) {
        Optional<PodView> found = view.pod(m.pod());
        if (found.isEmpty()) {
            return !m.expectsExistence();
        }
        return m.expectsExistence() && mismatches(m, found.get()).isEmpty();
    }

    /** How {@code p} differs from what {@code m} asks (empty: it matches). */
    private List<String> mismatches(PodMatch m, PodView p) {
        List<String> wrong = new ArrayList<>();
        m.phase().filter(v -> !v.equals(p.phase())).ifPresent(v -> wrong.add("phase " + p.phase()));
        m.status().filter(v -> !v.equals(p.status())).ifPresent(v -> wrong.add("status " + p.status()));
        m.ready().filter(v -> v != p.ready()).ifPresent(v -> wrong.add(p.ready() ? "Ready" : "not Ready"));
        if (m.restarts().isPresent() && m.restarts().getAsInt() != p.restarts()) {
            wrong.add(p.restarts() + " restarts");
        }
        m.node().ifPresent(ref -> {
            Resolved<String> want = resolve(ref);
            if (!want.isFound()) {
                wrong.add("cannot name the node: " + want.reason());
            } else if (!p.node().equals(want.value())) {
                wrong.add("on " + p.node().orElse("no node") + ", not " + want.get());
            }
        });
        m.notNode().ifPresent(ref -> {
            Resolved<String> avoid = resolve(ref);
            if (!avoid.isFound()) {
                wrong.add("cannot name the node: " + avoid.reason());
            } else if (p.node().equals(avoid.value())) {
                wrong.add("on " + avoid.get());
            }
        });
        m.pendingReasonContains().ifPresent(text -> {
            if (p.pendingReason().filter(r -> containsIgnoringCase(r, text)).isEmpty()) {
                wrong.add(
                        p.pendingReason().map(r -> "pending reason '" + r + "'").orElse("no pending reason"));
            }
        });
        return wrong;
    }

    static String describe(PodView p) {
        return p.name() + " " + p.readyColumn() + " " + p.status() + ", phase " + p.phase() + ", " + p.restarts()
                + " restarts, node " + p.node().orElse("<none>")
                + p.pendingReason().map(r -> ", pending: " + r).orElse("");
    }

    private String podSummary() {
        if (view.pods().isEmpty()) {
            return "no pods";
        }
        return view.pods().stream()
                .map(p -> p.name() + " " + p.readyColumn() + " " + p.status())
                .collect(Collectors.joining(", "));
    }

    private Optional<DrainView> drainOf(Optional<String> label) {
        OptionalInt id = label.isPresent()
                ? Optional.ofNullable(memory.drainsByLabel.get(label.get()))
                        .map(OptionalInt::of)
                        .orElse(OptionalInt.empty())
                : memory.lastDrain;
        return id.isPresent() ? view.drain(id.getAsInt()) : Optional.empty();
    }

    Check drain(Step.ExpectDrain d) {
        String expected = d.describe().substring("expect-drain".length()).trim();
        Optional<DrainView> found = drainOf(d.drain());
        if (found.isEmpty()) {
            return Check.of(
                    false,
                    "drain " + expected,
                    d.drain().map(l -> "step '" + l + "' started no drain").orElse("no drain was started"));
        }
        DrainView v = found.get();
        boolean held = d.refusedByPdb().map(x -> x == v.refusedByPdb()).orElse(true)
                && d.succeeded()
                        .map(x -> x == (v.state() == DrainView.DrainState.SUCCEEDED))
                        .orElse(true)
                && d.done().map(x -> x == v.done()).orElse(true);
        return Check.of(held, "drain of " + v.node() + ": " + expected, describe(v));
    }

    static String describe(DrainView v) {
        return "drain of " + v.node() + " "
                + v.state().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (v.refusedByPdb() ? ", evictions refused by the PDB" : ", no eviction refused")
                + v.lastError().map(r -> " (last error: " + r + ")").orElse("")
                + ", evicted " + (v.evicted().isEmpty() ? "nothing" : String.join(", ", v.evicted()));
    }

    Check pvc(Step.ExpectPvc e) {
        Optional<PvcView> found = view.pvc(e.pvc());
        String expected = e.describe().substring("expect-pvc ".length());
        if (found.isEmpty()) {
            return Check.of(e.exists().isPresent() && !e.exists().get(), expected, "no PVC " + e.pvc());
        }
        PvcView p = found.get();
        String actual =
                p.name() + " " + p.phase() + p.volume().map(v -> " to " + v).orElse("");
        if (e.exists().isPresent() && !e.exists().get()) {
            return Check.of(false, expected, actual);
        }
        boolean held = e.bound().map(b -> b == p.bound()).orElse(true);
        if (e.sameVolumeAs().isPresent()) {
            String label = e.sameVolumeAs().get();
            Optional<String> then = label.equals("initial")
                    ? Optional.ofNullable(memory.initialVolumes.get(p.name()))
                    : memory.labelled.get(label).view().pvc(p.name()).flatMap(PvcView::volume);
            if (then.isEmpty()) {
                return Check.of(
                        false,
                        expected,
                        actual + "; but it was not bound "
                                + (label.equals("initial") ? "when first seen" : "at '" + label + "'"));
            }
            held &= p.volume().equals(then);
            actual += " (" + (label.equals("initial") ? "initially" : "at '" + label + "'") + ": " + then.get() + ")";
        }
        return Check.of(held, expected, actual);
    }

    Check revisions(int count) {
        Optional<StatefulSetView> sts = view.statefulSet();
        if (sts.isEmpty()) {
            return Check.of(false, count + " revisions", "no StatefulSet");
        }
        List<Integer> revs = sts.get().revisions();
        return Check.of(revs.size() == count, count + " revisions", revs.size() + " revisions " + revs);
    }

    Check node(Step.ExpectNode e) {
        Resolved<String> name = resolve(e.node());
        String expected = e.describe().substring("expect-node ".length());
        if (!name.isFound()) {
            return Check.of(false, expected, name.reason());
        }
        Optional<NodeView> n = view.node(name.get());
        if (n.isEmpty()) {
            return Check.of(false, expected, "no node " + name.get());
        }
        boolean held = e.cordoned().map(c -> c == n.get().cordoned()).orElse(true)
                && e.ready().map(r -> r == n.get().ready()).orElse(true);
        return Check.of(held, expected, n.get().name() + " " + n.get().status());
    }

    Check event(String reason, Optional<String> object, Optional<String> messageContains, int fromIndex) {
        List<ClusterEvent> since =
                memory.events.subList(Math.min(fromIndex, memory.events.size()), memory.events.size());
        String expected = "event " + reason + object.map(o -> " on " + o).orElse("")
                + messageContains
                        .map(m -> " with message containing '" + m + "'")
                        .orElse("");
        Optional<ClusterEvent> hit = since.stream()
                .filter(ev -> ev.reason().equals(reason)
                        && object.map(o -> o.equals(ev.object())).orElse(true)
                        && messageContains
                                .map(m -> containsIgnoringCase(ev.message(), m))
                                .orElse(true))
                .findFirst();
        if (hit.isPresent()) {
            return Check.of(
                    true,
                    expected,
                    hit.get().reason() + " " + hit.get().object() + ": "
                            + hit.get().message());
        }
        List<ClusterEvent> sameReason =
                since.stream().filter(ev -> ev.reason().equals(reason)).toList();
        return Check.of(
                false,
                expected,
                sameReason.isEmpty()
                        ? "no " + reason + " event (" + since.size() + " events in range)"
                        : sameReason.size() + " " + reason + " event(s), none matching; last: "
                                + sameReason.get(sameReason.size() - 1).object() + ": "
                                + sameReason.get(sameReason.size() - 1).message());
    }

    // ------------------------------------------------------------------ conditions

    /** Evaluates {@code c}; ZooKeeper conditions need {@code zk} (the runner skips them otherwise). */
    Check condition(Condition c, int eventsFrom) {
        return c.accept(new ConditionCheck(eventsFrom));
    }

    /**
     * Cheap variant for the wait loop: only whether {@code c} holds, always {@code condition(c, eventsFrom).held()}.
     * The loop asks after every simulation event, and for the common conditions the texts of a {@link Check} (pod
     * summaries, descriptions) cost far more than the test itself, so these are answered without them; the others
     * go through {@link #condition}.
     */
    boolean holds(Condition c, int eventsFrom) {
        if (c instanceof Condition.AllReady) {
            return allReadyHolds(false);
        } else if (c instanceof Condition.RolloutComplete) {
            return allReadyHolds(true);
        } else if (c instanceof Condition.PodMatches p) {
            return podHolds(p.match());
        } else if (c instanceof Condition.DrainReached d) {
            return drainOf(d.step()).map(v -> drainHeld(d, v)).orElse(false);
        } else if (c instanceof Condition.AllOf a) {
            return a.all().stream().allMatch(x -> holds(x, eventsFrom));
        } else if (c instanceof Condition.AnyOf a) {
            return a.any().stream().anyMatch(x -> holds(x, eventsFrom));
        } else if (c instanceof Condition.Not n) {
            return !holds(n.inner(), eventsFrom);
        }
        return condition(c, eventsFrom).held();
    }

    /** One visitor per evaluation: conditions about events look at events from {@code eventsFrom} on. */
    private final class ConditionCheck implements Condition.ConditionVisitor<Check> {
        private final int eventsFrom;

        ConditionCheck(int eventsFrom) {
            this.eventsFrom = eventsFrom;
        }

        @Override
        public Check visit(Condition.AllReady c) {
            return allReady(false);
        }

        @Override
        public Check visit(Condition.RolloutComplete c) {
            return allReady(true);
        }

        @Override
        public Check visit(Condition.NoPods c) {
            return Check.of(view.pods().isEmpty(), "no pods", podSummary());
        }

        @Override
        public Check visit(Condition.ReadyCount c) {
            return ready(c.count());
        }

        @Override
        public Check visit(Condition.PodMatches c) {
            return pod(c.match());
        }

        @Override
        public Check visit(Condition.DrainReached d) {
            Optional<DrainView> v = drainOf(d.step());
            if (v.isEmpty()) {
                return Check.of(false, "drain " + d.goal().yamlName(), "no drain was started");
            }
            return Check.of(drainHeld(d, v.get()), "drain " + d.goal().yamlName(), describe(v.get()));
        }

        @Override
        public Check visit(Condition.Pvc p) {
            Optional<PvcView> v = view.pvc(p.pvc());
            return Check.of(
                    v.isPresent() && v.get().bound() == p.bound(),
                    p.pvc() + (p.bound() ? " Bound" : " not Bound"),
                    v.map(x -> x.name() + " " + x.phase()).orElse("no PVC " + p.pvc()));
        }

        @Override
        public Check visit(Condition.Event e) {
            return event(e.reason(), e.object(), e.messageContains(), eventsFrom);
        }

        @Override
        public Check visit(Condition.LeaderElected c) {
            Optional<String> leader = zk.orElseThrow().leader();
            return Check.of(
                    leader.isPresent(),
                    "a leader",
                    leader.map(x -> x + " leads").orElse("no leader"));
        }

        @Override
        public Check visit(Condition.LeaderAmong l) {
            Optional<String> leader = zk.orElseThrow().leader();
            return Check.of(
                    leader.isPresent() && l.anyOf().contains(leader.get()),
                    "leader in " + l.anyOf(),
                    leader.map(x -> x + " leads").orElse("no leader"));
        }

        @Override
        public Check visit(Condition.NoLeader c) {
            Optional<String> leader = zk.orElseThrow().leader();
            return Check.of(
                    leader.isEmpty(), "no leader", leader.map(x -> x + " leads").orElse("no leader"));
        }

        @Override
        public Check visit(Condition.Writable c) {
            boolean ok = zk.orElseThrow().writable();
            return Check.of(ok, "writable", ok ? "writable" : "not writable");
        }

        @Override
        public Check visit(Condition.Server c) {
            ServerStatus st = zk.orElseThrow().status(c.pod());
            ServerStatus.Mode mode = st.mode();
            boolean held =
                    switch (c.mode()) {
                        case LEADER -> mode == ServerStatus.Mode.LEADER && st.serving();
                        case FOLLOWER -> mode == ServerStatus.Mode.FOLLOWER && st.serving();
                        case OBSERVER -> mode == ServerStatus.Mode.OBSERVER && st.serving();
                        case STANDALONE -> mode == ServerStatus.Mode.STANDALONE && st.serving();
                        case LOOKING -> mode == ServerStatus.Mode.LOOKING;
                        case DOWN -> mode == ServerStatus.Mode.NOT_RUNNING;
                        case SERVING -> st.serving();
                    };
            return Check.of(
                    held,
                    c.pod() + " " + c.mode().yamlName(),
                    c.pod() + " "
                            + mode.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + (st.serving() ? ", serving" : ", not serving"));
        }

        @Override
        public Check visit(Condition.AllOf a) {
            List<Check> parts = a.all().stream().map(x -> x.accept(this)).toList();
            return Check.of(parts.stream().allMatch(Check::held), a.toString(), joinActual(parts));
        }

        @Override
        public Check visit(Condition.AnyOf a) {
            List<Check> parts = a.any().stream().map(x -> x.accept(this)).toList();
            return Check.of(parts.stream().anyMatch(Check::held), a.toString(), joinActual(parts));
        }

        @Override
        public Check visit(Condition.Not n) {
            Check inner = n.inner().accept(this);
            return Check.of(!inner.held(), n.toString(), inner.actual());
        }
    }

    private static boolean drainHeld(Condition.DrainReached d, DrainView v) {
        return switch (d.goal()) {
            case DONE -> v.done();
            case SUCCEEDED -> v.state() == DrainView.DrainState.SUCCEEDED;
            case REFUSED -> v.refusedByPdb();
        };
    }

    private static String joinActual(List<Check> parts) {
        return parts.stream().map(Check::actual).collect(Collectors.joining("; "));
    }

    private Check allReady(boolean atUpdateRevision) {
        String expected = atUpdateRevision ? "every replica Ready at the update revision" : "every replica Ready";
        Optional<StatefulSetView> sts = view.statefulSet();
        if (sts.isEmpty()) {
            return Check.of(false, expected, "no StatefulSet (" + podSummary() + ")");
        }
        int replicas = sts.get().replicas();
        int good = goodReplicas(sts.get(), atUpdateRevision);
        return Check.of(
                good == replicas, expected + " (" + replicas + ")", good + "/" + replicas + " (" + podSummary() + ")");
    }

    /** Whether {@link #allReady} would hold, without its texts. */
    private boolean allReadyHolds(boolean atUpdateRevision) {
        Optional<StatefulSetView> sts = view.statefulSet();
        return sts.isPresent()
                && goodReplicas(sts.get(), atUpdateRevision) == sts.get().replicas();
    }

    /** Replicas (ordinal below the replica count) Ready and not Terminating, at the update revision if asked. */
    private int goodReplicas(StatefulSetView sts, boolean atUpdateRevision) {
        int replicas = sts.replicas();
        int good = 0;
        for (PodView p : view.pods()) {
            int ordinal = ordinal(sts.name(), p.name());
            if (ordinal >= 0
                    && ordinal < replicas
                    && p.ready()
                    && !p.status().equals("Terminating")
                    && (!atUpdateRevision || p.revision().equals(sts.updateRevision()))) {
                good++;
            }
        }
        return good;
    }

    private static int ordinal(String sts, String pod) {
        // pod.startsWith(sts + "-") and a decimal ordinal, without building strings or throwing: this runs for every
        // pod after every event
        int from = sts.length() + 1;
        if (!pod.startsWith(sts) || pod.length() <= from || pod.length() - from > 9 || pod.charAt(from - 1) != '-') {
            return -1;
        }
        for (int i = from; i < pod.length(); i++) {
            if (pod.charAt(i) < '0' || pod.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(pod, from, pod.length(), 10);
    }

    static boolean containsIgnoringCase(String haystack, String needle) {
        return haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }
}
