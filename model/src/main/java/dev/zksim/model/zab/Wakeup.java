package dev.zksim.model.zab;

import dev.zksim.model.k8s.ContainerLaunch;

/**
 * Everything the engine schedules for later, as data, so that a copy of the engine (prediction) can re-arm the same
 * timers on another scheduler. Each wakeup names the process incarnation (and role generation) it was meant for and
 * is ignored once that is gone: timers are never cancelled, only outlived.
 */
sealed interface Wakeup {

    void fire(ZabCore e);

    /** The JVM started and loaded the database: bind ports, start leader election. */
    record ProcessUp(int sid, long incarnation) implements Wakeup {
        public void fire(ZabCore e) {
            e.processUp(sid, incarnation);
        }
    }

    /** An election notification arrives. */
    record Deliver(int to, long toIncarnation, int from, long fromIncarnation, Notification n) implements Wakeup {
        public void fire(ZabCore e) {
            e.deliver(this);
        }
    }

    /** FastLeaderElection's recvqueue.poll(notTimeout) may have timed out. */
    record PollTimeout(int sid, long incarnation, long gen) implements Wakeup {
        public void fire(ZabCore e) {
            e.election.onPollTimeout(sid, incarnation, gen);
        }
    }

    /** The finalizeWait after seeing a quorum may have passed without a better vote. */
    record FinalizeTimeout(int sid, long incarnation, long gen) implements Wakeup {
        public void fire(ZabCore e) {
            e.election.onFinalizeTimeout(sid, incarnation, gen);
        }
    }

    /** A follower's next attempt to open its connection to the leader. */
    record ConnectToLeader(int sid, long incarnation, long gen) implements Wakeup {
        public void fire(ZabCore e) {
            e.recovery.onConnectAttempt(sid, incarnation, gen);
        }
    }

    /** A follower's connection attempt that hangs (partitioned or hung leader) gives up. */
    record ConnectTimedOut(int sid, long incarnation, long gen) implements Wakeup {
        public void fire(ZabCore e) {
            e.recovery.onConnectTimedOut(sid, incarnation, gen);
        }
    }

    /** A leader's initLimit wait for the current step ran out. */
    record LeaderDeadline(int sid, long incarnation, long gen, int stepSeq) implements Wakeup {
        public void fire(ZabCore e) {
            e.recovery.onLeaderDeadline(sid, incarnation, gen, stepSeq);
        }
    }

    /** One follower's synchronisation finished; it acknowledges NEWLEADER. */
    record SyncDone(
            int leader, long leaderIncarnation, long leaderGen, int follower, long followerIncarnation, long syncSeq)
            implements Wakeup {
        public void fire(ZabCore e) {
            e.recovery.onSyncDone(this);
        }
    }

    /** The broadcast-phase leader's once-per-tick quorum check (Leader.lead's main loop). */
    record LeaderTick(int sid, long incarnation, long gen, int tickChain) implements Wakeup {
        public void fire(ZabCore e) {
            e.recovery.onLeaderTick(sid, incarnation, gen, tickChain);
        }
    }

    /** A silent leader–follower connection reaches its syncLimit read time-out. */
    record LinkTimeout(int leader, long leaderIncarnation, int follower, long followerIncarnation) implements Wakeup {
        public void fire(ZabCore e) {
            e.recovery.onLinkTimeout(this);
        }
    }

    /** A follower's read from a leader whose process ended behind a partition times out (syncLimit after the cut). */
    record GoneLeaderTimeout(int sid, long incarnation, long gen) implements Wakeup {
        public void fire(ZabCore e) {
            e.recovery.onGoneLeaderTimeout(sid, incarnation, gen);
        }
    }

    /**
     * COMMITANDACTIVATE naming another server the designated leader reaches one follower of the old leader, which
     * switches to it without an election.
     */
    /**
     * An observer's election delay is over: it looks for a leader ({@code designated} -1) or observes the designated
     * one.
     */
    record ObserverDelayOver(int sid, long incarnation, long gen, int designated) implements Wakeup {
        public void fire(ZabCore e) {
            e.recovery.onObserverDelayOver(this);
        }
    }

    record HandOff(int follower, long followerIncarnation, long followerGen) implements Wakeup {
        public void fire(ZabCore e) {
            e.configs.onHandOff(this);
        }
    }

    // --- k8s-manifests/zookeeper-reconfig.yaml's start script and preStop hook (ReconfigScriptRun) -------------------
    // As data like every other timer, so that a copy of the model (ZabModel.fork) re-arms the scripts' pending steps.

    /** {@code zk-reconfig-start} asks the client Service for the committed config again. */
    record ScriptAskService(ContainerLaunch launch, long generation, long askedSinceMs) implements Wakeup {
        public void fire(ZabCore e) {
            e.script.askService(launch, generation, askedSinceMs);
        }
    }

    /** The start script's background loop: try {@code attempt} of {@code reconfig -add}. */
    record ScriptJoinTry(String pod, long incarnation, ConfigMember self, int attempt) implements Wakeup {
        public void fire(ZabCore e) {
            e.script.joinTry(pod, incarnation, self, attempt);
        }
    }

    /** The preStop hook: try {@code attempt} of {@code reconfig -remove}, its config query asked since then. */
    record ScriptLeaveTry(String pod, long incarnation, int attempt, long askedSinceMs) implements Wakeup {
        public void fire(ZabCore e) {
            e.script.leaveTry(pod, incarnation, attempt, askedSinceMs);
        }
    }
}
