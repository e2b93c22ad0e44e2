package dev.zksim.model.scenario;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One step of a scenario: a Kubernetes action, a wait, an expectation about the cluster, or a ZooKeeper step. Each
 * record carries its {@link Origin} (source line, optional label); {@link #describe()} renders the step as one line
 * of output. The runner handles the kinds through {@link StepVisitor}, one method per kind, so a new kind does not
 * compile until the runner handles it.
 */
public sealed interface Step permits Step.ClusterAction, Step.Wait, Step.ClusterExpectation, Step.ZooKeeperStep {

    /** Dispatches to the visitor method for this kind of step. */
    <R> R accept(StepVisitor<R> v);

    /** Where the step comes from. */
    Origin at();

    /** The step's YAML name ({@code delete-pod}). */
    String keyword();

    /** One line: {@code delete-pod zk-0 --force}. */
    String describe();

    default int line() {
        return at().line();
    }

    default Optional<String> label() {
        return at().label();
    }

    /**
     * The source line of a step, and the label other steps may refer to it by ({@code sameVolumeAs},
     * {@code nodeOf ... at}, {@code drain: ... step}).
     */
    record Origin(int line, Optional<String> label) {
        public static Origin line(int line) {
            return new Origin(line, Optional.empty());
        }
    }

    /** Handles every kind of step; the compiler checks that a visitor covers them all. */
    interface StepVisitor<R> {
        R visit(Apply apply);

        R visit(DeleteStatefulSet deleteStatefulSet);

        R visit(DeletePod deletePod);

        R visit(DeletePvc deletePvc);

        R visit(Cordon cordon);

        R visit(Uncordon uncordon);

        R visit(Drain drain);

        R visit(FailNode failNode);

        R visit(RecoverNode recoverNode);

        R visit(Patch patch);

        R visit(RolloutUndo rolloutUndo);

        R visit(Scale scale);

        R visit(KillProcess killProcess);

        R visit(FailLiveness failLiveness);

        R visit(Fault fault);

        R visit(WaitFor waitFor);

        R visit(WaitUntil waitUntil);

        R visit(ExpectPod expectPod);

        R visit(ExpectDrain expectDrain);

        R visit(ExpectPvc expectPvc);

        R visit(ExpectRolloutOrder expectRolloutOrder);

        R visit(ExpectRevisions expectRevisions);

        R visit(ExpectReady expectReady);

        R visit(ExpectNode expectNode);

        R visit(ExpectEvent expectEvent);

        R visit(Write write);

        R visit(Read read);

        R visit(ExpectValue expectValue);

        R visit(ExpectWriteFails expectWriteFails);

        R visit(Reconfig reconfig);

        R visit(ExpectReconfigFails expectReconfigFails);

        R visit(ExpectMembers expectMembers);

        R visit(ExpectLeader expectLeader);

        R visit(ExpectNoLeader expectNoLeader);

        R visit(Exec exec);

        R visit(ExpectLostWrites expectLostWrites);

        R visit(ExpectNoLostWrites expectNoLostWrites);

        R visit(ExpectHistory expectHistory);

        R visit(ExpectElections expectElections);

        R visit(ExpectWriteOutage expectWriteOutage);
    }

    // ---------------------------------------------------------------- Kubernetes actions: they return at once

    /** A change to the cluster, as kubectl would make it; returns at once, time advances only in {@link Wait}. */
    sealed interface ClusterAction extends Step {}

    /** A cluster action on one pod: {@code KEYWORD POD}. */
    sealed interface PodAction extends ClusterAction {
        PodRef target();

        /** The pod's name; see {@link PodRef#name}. */
        default String pod() {
            return target().name(keyword());
        }

        default String describe() {
            return keyword() + " " + target();
        }
    }

    /** A cluster action on one node: {@code KEYWORD NODE}. */
    sealed interface NodeAction extends ClusterAction {
        NodeRef node();

        default String describe() {
            return keyword() + " " + node();
        }
    }

    /** {@code kubectl apply -f}: the scenario's manifest, or another one. */
    record Apply(Origin at, Optional<ManifestRef> manifest) implements ClusterAction {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "apply";
        }

        public String describe() {
            return "apply" + manifest.map(m -> " " + m).orElse("");
        }
    }

    /** {@code kubectl delete statefulset NAME} (default: the manifest's StatefulSet); PVCs stay. */
    record DeleteStatefulSet(Origin at, Optional<String> name) implements ClusterAction {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "delete-statefulset";
        }

        public String describe() {
            return "delete-statefulset" + name.map(n -> " " + n).orElse("");
        }
    }

    /**
     * {@code kubectl delete pod P} (graceful), or with {@code --force --grace-period=0}. Like kubectl ({@code --wait}
     * defaults to true), the step returns once the pod object it deleted is gone; {@code waitForDeletion} false is
     * {@code --wait=false}: it returns when the API server accepted the deletion.
     */
    record DeletePod(Origin at, PodRef target, boolean force, OptionalLong gracePeriodMs, boolean waitForDeletion)
            implements PodAction {

        /** A pod by name, deleted the way kubectl does by default (waiting until it is gone). */
        public DeletePod(Origin at, String pod, boolean force, OptionalLong gracePeriodMs) {
            this(at, new PodRef.Named(pod), force, gracePeriodMs, true);
        }

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "delete-pod";
        }

        public String describe() {
            return "delete-pod " + target + (force ? " --force" : "")
                    + (gracePeriodMs.isPresent() ? " --grace-period=" + gracePeriodMs.getAsLong() / 1000 : "")
                    + (waitForDeletion ? "" : " --wait=false");
        }
    }

    /** {@code kubectl delete pvc NAME}: the volume's data is gone. */
    record DeletePvc(Origin at, String pvc) implements ClusterAction {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "delete-pvc";
        }

        public String describe() {
            return "delete-pvc " + pvc;
        }
    }

    /** {@code kubectl cordon NODE}. */
    record Cordon(Origin at, NodeRef node) implements NodeAction {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "cordon";
        }
    }

    /** {@code kubectl uncordon NODE}. */
    record Uncordon(Origin at, NodeRef node) implements NodeAction {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "uncordon";
        }
    }

    /**
     * {@code kubectl drain NODE --timeout=T}: cordon, then evict every pod, retrying refused evictions until the
     * timeout. Runs in the background; {@code expect-drain} and {@code wait: {until: {drain: done}}} observe it.
     */
    record Drain(Origin at, NodeRef node, long timeoutMs) implements NodeAction {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "drain";
        }

        public String describe() {
            return "drain " + node + " --timeout=" + Durations.format(timeoutMs);
        }
    }

    /** The node stops (kubelet silent, its containers gone): only the control plane's timeouts notice. */
    record FailNode(Origin at, NodeRef node) implements NodeAction {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "fail-node";
        }
    }

    /** A failed node comes back (Ready again, an empty kubelet). */
    record RecoverNode(Origin at, NodeRef node) implements NodeAction {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "recover-node";
        }
    }

    /** {@code kubectl patch sts}: change the spec and apply it (a template change makes a new revision). */
    record Patch(Origin at, PatchSpec patch) implements ClusterAction {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "patch";
        }

        public String describe() {
            return "patch " + patch;
        }
    }

    /** {@code kubectl rollout undo sts/NAME [--to-revision=N]}. */
    record RolloutUndo(Origin at, OptionalInt toRevision) implements ClusterAction {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "rollout-undo";
        }

        public String describe() {
            return "rollout-undo" + (toRevision.isPresent() ? " --to-revision=" + toRevision.getAsInt() : "");
        }
    }

    /** {@code kubectl scale sts/NAME --replicas=N}. */
    record Scale(Origin at, int replicas) implements ClusterAction {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "scale";
        }

        public String describe() {
            return "scale --replicas=" + replicas;
        }
    }

    /** {@code kubectl exec P -- pkill java}: the container's process dies; restartPolicy Always restarts it. */
    record KillProcess(Origin at, PodRef target) implements PodAction {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "kill-process";
        }
    }

    /** {@code kubectl exec P -- rm /usr/bin/zookeeper-ready}: probes fail until the container restarts. */
    record FailLiveness(Origin at, PodRef target) implements PodAction {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "fail-liveness";
        }
    }

    /**
     * A network or process fault ({@code partition}, {@code isolate}, {@code partition-node}, {@code heal},
     * {@code pause-process}, {@code resume-process}, {@code slow-link}, {@code drop-link}): see {@link NetworkFault}.
     */
    record Fault(Origin at, String keyword, NetworkFault fault) implements ClusterAction {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String describe() {
            return fault.describe();
        }
    }

    // ---------------------------------------------------------------- waits: the only steps that advance time

    /** Lets time pass. */
    sealed interface Wait extends Step {}

    /** Lets {@code durationMs} pass. */
    record WaitFor(Origin at, long durationMs) implements Wait {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "wait";
        }

        public String describe() {
            return "wait " + Durations.format(durationMs);
        }
    }

    /** Lets time pass until {@code until} holds; not holding within {@code timeoutMs} is a failed expectation. */
    record WaitUntil(Origin at, Condition until, long timeoutMs) implements Wait {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "wait";
        }

        public String describe() {
            return "wait until " + until + " (timeout " + Durations.format(timeoutMs) + ")";
        }
    }

    // ---------------------------------------------------------------- expectations about the cluster, at the current
    // time

    /** Checks the cluster at the current time; yields held or failed (expected vs actual). */
    sealed interface ClusterExpectation extends Step {}

    /** An expectation on a number: {@code KEYWORD COUNT}. */
    sealed interface CountExpectation extends ClusterExpectation {
        int count();

        default String describe() {
            return keyword() + " " + count();
        }
    }

    /** The pod matches. */
    record ExpectPod(Origin at, PodMatch match) implements ClusterExpectation {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "expect-pod";
        }

        public String describe() {
            return "expect-pod " + match;
        }
    }

    /**
     * The drain started by the step labelled {@code drain} (default: the latest drain) was refused by a PDB, succeeded,
     * is done.
     */
    record ExpectDrain(
            Origin at,
            Optional<String> drain,
            Optional<Boolean> refusedByPdb,
            Optional<Boolean> succeeded,
            Optional<Boolean> done)
            implements ClusterExpectation {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "expect-drain";
        }

        public String describe() {
            return "expect-drain" + drain.map(d -> " '" + d + "'").orElse("")
                    + refusedByPdb.map(v -> " refusedByPdb=" + v).orElse("")
                    + succeeded.map(v -> " succeeded=" + v).orElse("")
                    + done.map(v -> " done=" + v).orElse("");
        }
    }

    /**
     * The PVC exists (or not), is Bound, and is bound to the same volume as at the end of the step labelled
     * {@code sameVolumeAs} ({@code initial}: the first volume zksim saw it bound to).
     */
    record ExpectPvc(
            Origin at, String pvc, Optional<Boolean> exists, Optional<Boolean> bound, Optional<String> sameVolumeAs)
            implements ClusterExpectation {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "expect-pvc";
        }

        public String describe() {
            return "expect-pvc " + pvc + exists.map(v -> " exists=" + v).orElse("")
                    + bound.map(v -> " bound=" + v).orElse("")
                    + sameVolumeAs.map(v -> " sameVolumeAs=" + v).orElse("");
        }
    }

    /** Since the latest apply/patch/rollout-undo, pods were re-created at a new revision in exactly this order. */
    record ExpectRolloutOrder(Origin at, List<String> pods) implements ClusterExpectation {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public ExpectRolloutOrder {
            pods = List.copyOf(pods);
        }

        public String keyword() {
            return "expect-rollout-order";
        }

        public String describe() {
            return "expect-rollout-order " + pods;
        }
    }

    /** {@code kubectl rollout history} lists this many revisions. */
    record ExpectRevisions(Origin at, int count) implements CountExpectation {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "expect-revisions";
        }
    }

    /** Exactly this many pods of the StatefulSet are Ready. */
    record ExpectReady(Origin at, int count) implements CountExpectation {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "expect-ready";
        }
    }

    /** The node is (not) cordoned, (not) Ready. */
    record ExpectNode(Origin at, NodeRef node, Optional<Boolean> cordoned, Optional<Boolean> ready)
            implements ClusterExpectation {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "expect-node";
        }

        public String describe() {
            return "expect-node " + node + cordoned.map(v -> " cordoned=" + v).orElse("")
                    + ready.map(v -> " ready=" + v).orElse("");
        }
    }

    /**
     * An event with this reason was recorded (since the step labelled {@code since}, default: since the start), on
     * {@code object} ({@code pod/zk-1}), with a message containing {@code messageContains}.
     */
    record ExpectEvent(
            Origin at, String reason, Optional<String> object, Optional<String> messageContains, Optional<String> since)
            implements ClusterExpectation {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "expect-event";
        }

        public String describe() {
            return "expect-event " + reason + object.map(o -> " " + o).orElse("")
                    + messageContains.map(m -> " messageContains='" + m + "'").orElse("")
                    + since.map(s -> " since '" + s + "'").orElse("");
        }
    }

    /**
     * The pod went through a state since the step labelled {@code since} (default: since the start): some row of its
     * timeline ({@code kubectl get pods -w}) matched every given field at once.
     */
    record ExpectHistory(
            Origin at,
            String pod,
            Optional<String> status,
            Optional<String> phase,
            Optional<Boolean> ready,
            Optional<String> since)
            implements ClusterExpectation {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "expect-history";
        }

        public String describe() {
            return "expect-history " + pod + status.map(x -> " status=" + x).orElse("")
                    + phase.map(x -> " phase=" + x).orElse("")
                    + ready.map(x -> " ready=" + x).orElse("")
                    + since.map(x -> " since '" + x + "'").orElse("");
        }
    }

    // ---------------------------------------------------------------- ZooKeeper: need a ZooKeeper backend

    /**
     * Leader elections that ended since the step labelled {@code since} (default: since the start): exactly
     * {@code count}, or between {@code atLeast} and {@code atMost}.
     */
    record ExpectElections(
            Origin at, Optional<String> since, OptionalInt count, OptionalInt atLeast, OptionalInt atMost)
            implements ZooKeeperStep {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "expect-elections";
        }

        public String describe() {
            return "expect-elections" + (count.isPresent() ? " count=" + count.getAsInt() : "")
                    + (atLeast.isPresent() ? " atLeast=" + atLeast.getAsInt() : "")
                    + (atMost.isPresent() ? " atMost=" + atMost.getAsInt() : "")
                    + since.map(x -> " since '" + x + "'").orElse("");
        }
    }

    /**
     * Since the step labelled {@code since} (default: since the start), writes through the client Service were
     * unavailable for at most {@code atMostMs} in total (and at least {@code atLeastMs}, when given).
     */
    record ExpectWriteOutage(Origin at, Optional<String> since, OptionalLong atMostMs, OptionalLong atLeastMs)
            implements ZooKeeperStep {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "expect-write-outage";
        }

        public String describe() {
            return "expect-write-outage"
                    + (atMostMs.isPresent() ? " atMost=" + Durations.format(atMostMs.getAsLong()) : "")
                    + (atLeastMs.isPresent() ? " atLeast=" + Durations.format(atLeastMs.getAsLong()) : "")
                    + since.map(x -> " since '" + x + "'").orElse("");
        }
    }

    /**
     * A client operation or expectation about ZooKeeper itself. Engines without a ZooKeeper backend report these as
     * skipped (never as held).
     */
    sealed interface ZooKeeperStep extends Step {}

    /**
     * {@code zkCli.sh create|set|delete PATH VALUE} through a pod or a Service ({@code via}; default: the manifest's
     * client Service); fails the step when the write is not acknowledged within {@code timeoutMs}.
     */
    record Write(Origin at, Optional<String> via, WriteOp op, String path, String value, long timeoutMs)
            implements ZooKeeperStep {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "write";
        }

        public String describe() {
            return "write " + op.yamlName() + " " + path + (op == WriteOp.DELETE ? "" : " " + value)
                    + via.map(v -> " via " + v).orElse("");
        }
    }

    /** {@code zkCli.sh get PATH} on a pod (after {@code sync} when asked); prints what that server has. */
    record Read(Origin at, String pod, String path, boolean sync) implements ZooKeeperStep {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "read";
        }

        public String describe() {
            return "read " + path + " on " + pod + (sync ? " (after sync)" : "");
        }
    }

    /** The pod's server returns {@code value} for {@code path} (empty: the znode does not exist). */
    record ExpectValue(Origin at, String pod, String path, Optional<String> value, boolean sync)
            implements ZooKeeperStep {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "expect-value";
        }

        public String describe() {
            return "expect-value " + pod + " " + path + " = "
                    + value.map(v -> "'" + v + "'").orElse("(absent)") + (sync ? " (after sync)" : "");
        }
    }

    /** A write through {@code via} is not acknowledged within {@code timeoutMs}. */
    record ExpectWriteFails(Origin at, Optional<String> via, WriteOp op, String path, String value, long timeoutMs)
            implements ZooKeeperStep {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "expect-write-fails";
        }

        public String describe() {
            return "expect-write-fails " + op.yamlName() + " " + path
                    + via.map(v -> " via " + v).orElse("");
        }
    }

    /**
     * {@code zkCli.sh reconfig -add ... -remove ...} through a pod or a Service ({@code via}; default: the manifest's
     * client Service): the servers of the pods in {@code add} join as participants
     * ({@code server.<ordinal + 1>=<pod FQDN>:<server port>:<election port>:participant;<client port>}), those in
     * {@code remove} leave. Fails the step unless the new configuration is committed within {@code timeoutMs}.
     */
    record Reconfig(
            Origin at,
            Optional<String> via,
            List<String> add,
            List<String> remove,
            List<String> members,
            long timeoutMs)
            implements ZooKeeperStep {

        public Reconfig {
            add = List.copyOf(add);
            remove = List.copyOf(remove);
            members = List.copyOf(members);
        }

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "reconfig";
        }

        public String describe() {
            return "reconfig" + (add.isEmpty() ? "" : " add " + add) + (remove.isEmpty() ? "" : " remove " + remove)
                    + (members.isEmpty() ? "" : " members " + members)
                    + via.map(v -> " via " + v).orElse("");
        }
    }

    /**
     * The same request as {@link Reconfig} is not committed: ZooKeeper refuses it with {@code error} or, when
     * {@code error} is empty, in any way (an answer or none).
     */
    record ExpectReconfigFails(
            Origin at,
            Optional<String> via,
            List<String> add,
            List<String> remove,
            List<String> members,
            Optional<ReconfigError> error,
            long timeoutMs)
            implements ZooKeeperStep {

        public ExpectReconfigFails {
            add = List.copyOf(add);
            remove = List.copyOf(remove);
            members = List.copyOf(members);
        }

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "expect-reconfig-fails";
        }

        public String describe() {
            return "expect-reconfig-fails" + (add.isEmpty() ? "" : " add " + add)
                    + (remove.isEmpty() ? "" : " remove " + remove)
                    + (members.isEmpty() ? "" : " members " + members)
                    + error.map(e -> " (" + e.yamlName() + ")").orElse("");
        }
    }

    /**
     * The voting members of the configuration a server holds ({@code zkCli.sh config}, i.e. {@code /zookeeper/config}
     * after a sync) are exactly the servers of {@code members}, and, when {@code observers} is given, its observers
     * (lines ending {@code :observer;...}) exactly those; asked of {@code pod}, or of the leader when empty.
     */
    record ExpectMembers(Origin at, Optional<String> pod, List<String> members, Optional<List<String>> observers)
            implements ZooKeeperStep {

        public ExpectMembers {
            members = List.copyOf(members);
            observers = observers.map(List::copyOf);
        }

        /** Voting members only; observers are not checked. */
        public ExpectMembers(Origin at, Optional<String> pod, List<String> members) {
            this(at, pod, members, Optional.empty());
        }

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "expect-members";
        }

        public String describe() {
            return "expect-members " + members
                    + observers.map(o -> " observers " + o).orElse("")
                    + pod.map(p -> " (asked of " + p + ")").orElse("");
        }
    }

    /** One of these pods leads. */
    record ExpectLeader(Origin at, List<String> anyOf) implements ZooKeeperStep {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public ExpectLeader {
            anyOf = List.copyOf(anyOf);
        }

        public String keyword() {
            return "expect-leader";
        }

        public String describe() {
            return "expect-leader " + (anyOf.size() == 1 ? anyOf.get(0) : "any of " + anyOf);
        }
    }

    /** No server leads. */
    record ExpectNoLeader(Origin at) implements ZooKeeperStep {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "expect-no-leader";
        }

        public String describe() {
            return "expect-no-leader";
        }
    }

    /** {@code kubectl exec P -- sh -c 'echo srvr | nc localhost 2181'}: prints the answer. */
    record Exec(Origin at, String pod, FourLetterWord command, Optional<String> outputContains)
            implements ZooKeeperStep {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "exec";
        }

        public String describe() {
            return "exec " + pod + " " + command.word()
                    + outputContains
                            .map(o -> " (expect output containing '" + o + "')")
                            .orElse("");
        }
    }

    /** Acknowledged writes were lost (at least one, or exactly {@code count}; these paths among them). */
    record ExpectLostWrites(Origin at, OptionalInt count, List<String> paths) implements ZooKeeperStep {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public ExpectLostWrites {
            paths = List.copyOf(paths);
        }

        public String keyword() {
            return "expect-lost-writes";
        }

        public String describe() {
            return "expect-lost-writes" + (count.isPresent() ? " count=" + count.getAsInt() : "")
                    + (paths.isEmpty() ? "" : " " + paths);
        }
    }

    /** No acknowledged write was lost. */
    record ExpectNoLostWrites(Origin at) implements ZooKeeperStep {

        @Override
        public <R> R accept(StepVisitor<R> v) {
            return v.visit(this);
        }

        public String keyword() {
            return "expect-no-lost-writes";
        }

        public String describe() {
            return "expect-no-lost-writes";
        }
    }
}
