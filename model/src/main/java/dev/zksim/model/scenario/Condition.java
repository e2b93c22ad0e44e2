package dev.zksim.model.scenario;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code wait: {until: ...}} waits for. Conditions are evaluated against the engine's current state after each
 * event (model engine) or at each poll (real engine); {@link #toString()} renders them as a scenario writes them.
 */
public sealed interface Condition {

    /** Dispatches to the visitor method for this kind of condition. */
    <R> R accept(ConditionVisitor<R> v);

    /** Handles every kind of condition; the compiler checks that a visitor covers them all. */
    interface ConditionVisitor<R> {
        R visit(AllReady allReady);

        R visit(NoPods noPods);

        R visit(RolloutComplete rolloutComplete);

        R visit(ReadyCount readyCount);

        R visit(PodMatches pod);

        R visit(DrainReached drain);

        R visit(Pvc pvc);

        R visit(Event event);

        R visit(LeaderElected leaderElected);

        R visit(LeaderAmong leader);

        R visit(Writable writable);

        R visit(Server server);

        R visit(NoLeader noLeader);

        R visit(AllOf allOf);

        R visit(AnyOf anyOf);

        R visit(Not n);
    }

    /** Whether evaluating the condition needs a ZooKeeper backend (leader, writability). */
    default boolean needsZooKeeper() {
        return false;
    }

    /** A condition on ZooKeeper itself (leader, server mode, writability): only a ZooKeeper backend can answer it. */
    sealed interface ZooKeeperCondition extends Condition {
        @Override
        default boolean needsZooKeeper() {
            return true;
        }
    }

    /** Every replica of the StatefulSet exists and is Ready. */
    record AllReady() implements Condition {

        @Override
        public <R> R accept(ConditionVisitor<R> v) {
            return v.visit(this);
        }

        @Override
        public String toString() {
            return "all-ready";
        }
    }

    /** No pod of the StatefulSet exists any more (after delete-statefulset: every pod fully terminated). */
    record NoPods() implements Condition {

        @Override
        public <R> R accept(ConditionVisitor<R> v) {
            return v.visit(this);
        }

        @Override
        public String toString() {
            return "no-pods";
        }
    }

    /** Every replica runs the update revision and is Ready ({@code kubectl rollout status} returns). */
    record RolloutComplete() implements Condition {

        @Override
        public <R> R accept(ConditionVisitor<R> v) {
            return v.visit(this);
        }

        @Override
        public String toString() {
            return "rollout-complete";
        }
    }

    /** Exactly {@code count} pods are Ready. */
    record ReadyCount(int count) implements Condition {

        @Override
        public <R> R accept(ConditionVisitor<R> v) {
            return v.visit(this);
        }

        @Override
        public String toString() {
            return "{ready: " + count + "}";
        }
    }

    /** A pod matches. */
    record PodMatches(PodMatch match) implements Condition {

        @Override
        public <R> R accept(ConditionVisitor<R> v) {
            return v.visit(this);
        }

        @Override
        public String toString() {
            return "{pod: " + match + "}";
        }
    }

    /** A drain (the latest one, or the one started by the step labelled {@code step}) reached {@code goal}. */
    record DrainReached(Optional<String> step, DrainGoal goal) implements Condition {

        @Override
        public <R> R accept(ConditionVisitor<R> v) {
            return v.visit(this);
        }

        @Override
        public String toString() {
            return "{drain: " + goal.yamlName() + step.map(s -> ", step: " + s).orElse("") + "}";
        }
    }

    /** What a drain condition waits for. */
    enum DrainGoal {
        /** The drain finished: every pod evicted, or its timeout passed. */
        DONE("done"),
        /** The drain evicted every pod. */
        SUCCEEDED("succeeded"),
        /** At least one eviction was refused by a PodDisruptionBudget (HTTP 429). */
        REFUSED("refused");

        private final String yamlName;

        DrainGoal(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    /** A PVC exists and is (or is not) Bound. */
    record Pvc(String pvc, boolean bound) implements Condition {

        @Override
        public <R> R accept(ConditionVisitor<R> v) {
            return v.visit(this);
        }

        @Override
        public String toString() {
            return "{pvc: " + pvc + ", bound: " + bound + "}";
        }
    }

    /** An event with this reason (and object, message text) was recorded since the wait began. */
    record Event(String reason, Optional<String> object, Optional<String> messageContains) implements Condition {

        @Override
        public <R> R accept(ConditionVisitor<R> v) {
            return v.visit(this);
        }

        @Override
        public String toString() {
            return "{event: " + reason + object.map(o -> ", object: " + o).orElse("")
                    + messageContains.map(m -> ", messageContains: '" + m + "'").orElse("") + "}";
        }
    }

    /** ZooKeeper: some server leads with a quorum of followers. */
    record LeaderElected() implements ZooKeeperCondition {

        @Override
        public <R> R accept(ConditionVisitor<R> v) {
            return v.visit(this);
        }

        @Override
        public String toString() {
            return "leader-elected";
        }
    }

    /** ZooKeeper: one of these pods leads. */
    record LeaderAmong(List<String> anyOf) implements ZooKeeperCondition {

        @Override
        public <R> R accept(ConditionVisitor<R> v) {
            return v.visit(this);
        }

        public LeaderAmong {
            anyOf = List.copyOf(anyOf);
        }

        @Override
        public String toString() {
            return anyOf.size() == 1 ? "{leader: " + anyOf.get(0) + "}" : "{leader: " + anyOf + "}";
        }
    }

    /**
     * ZooKeeper: the pod's server is in {@code mode} as {@code srvr} reports it: leader, follower, observer and
     * standalone only once it serves clients (a follower still synchronising with its leader does not).
     */
    record Server(String pod, ServerGoal mode) implements ZooKeeperCondition {
        @Override
        public <R> R accept(ConditionVisitor<R> v) {
            return v.visit(this);
        }

        @Override
        public String toString() {
            return "{server: " + pod + ", mode: " + mode.yamlName() + "}";
        }
    }

    /** What a server condition waits for: the modes it can ask for. */
    enum ServerGoal {
        LEADER("leader"),
        FOLLOWER("follower"),
        OBSERVER("observer"),
        STANDALONE("standalone"),
        LOOKING("looking"),
        DOWN("down"),
        /** Any mode in which it answers clients: leader, follower, observer, standalone. */
        SERVING("serving");

        private final String yamlName;

        ServerGoal(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    /** ZooKeeper: a write through the client Service would be acknowledged now. */
    record Writable() implements ZooKeeperCondition {

        @Override
        public <R> R accept(ConditionVisitor<R> v) {
            return v.visit(this);
        }

        @Override
        public String toString() {
            return "writable";
        }
    }

    /** ZooKeeper: no server leads. */
    record NoLeader() implements ZooKeeperCondition {

        @Override
        public <R> R accept(ConditionVisitor<R> v) {
            return v.visit(this);
        }

        @Override
        public String toString() {
            return "no-leader";
        }
    }

    /** All hold. */
    record AllOf(List<Condition> all) implements Condition {

        @Override
        public <R> R accept(ConditionVisitor<R> v) {
            return v.visit(this);
        }

        public AllOf {
            all = List.copyOf(all);
        }

        @Override
        public boolean needsZooKeeper() {
            return all.stream().anyMatch(Condition::needsZooKeeper);
        }

        @Override
        public String toString() {
            return "{allOf: " + all.stream().map(Object::toString).collect(Collectors.joining(", ", "[", "]")) + "}";
        }
    }

    /** At least one holds. */
    record AnyOf(List<Condition> any) implements Condition {

        @Override
        public <R> R accept(ConditionVisitor<R> v) {
            return v.visit(this);
        }

        public AnyOf {
            any = List.copyOf(any);
        }

        @Override
        public boolean needsZooKeeper() {
            return any.stream().anyMatch(Condition::needsZooKeeper);
        }

        @Override
        public String toString() {
            return "{anyOf: " + any.stream().map(Object::toString).collect(Collectors.joining(", ", "[", "]")) + "}";
        }
    }

    /** Does not hold. */
    record Not(Condition inner) implements Condition {

        @Override
        public <R> R accept(ConditionVisitor<R> v) {
            return v.visit(this);
        }

        @Override
        public boolean needsZooKeeper() {
            return inner.needsZooKeeper();
        }

        @Override
        public String toString() {
            return "{not: " + inner + "}";
        }
    }
}
