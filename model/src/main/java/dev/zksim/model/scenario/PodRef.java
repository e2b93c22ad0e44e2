package dev.zksim.model.scenario;

/**
 * How an action names its pod: by name, or by its ZooKeeper role at the instant the step runs — the server that
 * leads now, or a follower. Roles are resolved by the runner from the engine's ZooKeeper backend (in either engine),
 * and the chosen pod is printed with the step's output, so a run says which pod it acted on.
 */
public sealed interface PodRef {

    /**
     * The pod's name when the step names it; a role ({@code {leader: true}}) has no name until the runner resolves it
     * at the step's instant, so asking is a bug.
     *
     * @param keyword the step's keyword, for the message
     */
    default String name(String keyword) {
        if (this instanceof Named n) {
            return n.pod();
        }
        throw new IllegalStateException(keyword + " aims at " + this + ": resolve the role first");
    }

    /** A pod by name. */
    record Named(String pod) implements PodRef {
        @Override
        public String toString() {
            return pod;
        }
    }

    /** The pod whose server leads (and serves) now; a step fails when no server leads. */
    record Leader() implements PodRef {
        @Override
        public String toString() {
            return "the leader";
        }
    }

    /**
     * A pod whose server follows the leader and serves now. {@code any} picks the lowest ordinal among them, so the
     * choice is deterministic; {@code last} the highest. A step fails when no server follows.
     */
    record Follower(Pick pick) implements PodRef {
        @Override
        public String toString() {
            return pick == Pick.ANY ? "a follower" : "the last follower";
        }
    }

    /** Which follower. */
    enum Pick {
        /** the follower with the lowest ordinal */
        ANY("any"),
        /** the follower with the highest ordinal */
        LAST("last");

        private final String yamlName;

        Pick(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }
}
