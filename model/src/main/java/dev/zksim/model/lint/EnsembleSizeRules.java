package dev.zksim.model.lint;

import java.util.List;

/**
 * The ensemble size: the StatefulSet's replicas against {@code --servers} (the {@code server.N} lines
 * start-zookeeper writes into zoo.cfg), and the size itself.
 */
final class EnsembleSizeRules {
    private EnsembleSizeRules() {}

    static List<LintRule> all() {
        return List.of(
                new ReplicasServersMismatch(),
                new EvenEnsembleSize(),
                new StandaloneEnsemble(),
                new ParticipantsSize());
    }

    /** Rules of {@link Linter#thorough()} only: they fire on the tutorial manifest by design. */
    static List<LintRule> thorough() {
        return List.of(new FixedServerList());
    }

    /** A majority of {@code servers}: the votes a write and an election need. */
    static int quorum(int servers) {
        return servers / 2 + 1;
    }

    /**
     * {@code replicas-servers-mismatch}: start-zookeeper writes {@code server.1 .. server.<servers>} and takes
     * myid = ordinal + 1. More pods than servers: the extra pods' ids are not in the peer list and ZooKeeper refuses
     * to start ("My id N not in the peer list", QuorumPeer.start). Fewer pods than servers: the quorum is computed
     * over servers that never exist. With {@code --servers=1} no server lines are written and every pod runs its
     * own standalone server.
     * See https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_zkMulitServerSetup
     */
    static final class ReplicasServersMismatch extends AbstractRule {
        ReplicasServersMismatch() {
            super(
                    "replicas-servers-mismatch",
                    Severity.ERROR,
                    "ZooKeeper's server list (--servers) and the StatefulSet's pods must agree: otherwise quorum is"
                            + " computed over servers that never exist, or pods run outside the ensemble.",
                    "https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_zkMulitServerSetup");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            int replicas = ctx.spec().statefulSet().replicas();
            int servers = ctx.spec().statefulSet().template().container().zk().servers();
            if (replicas == servers
                    || dev.zksim.model.manifest.ReconfigStartCommand.runs(
                            ctx.spec().statefulSet().template().container().command())) {
                // zk-reconfig-start has no --servers: its members come from the dynamic config, so a scaled
                // StatefulSet (kubectl scale, zksim bench --replicas) has no server list to disagree with
                return List.of();
            }
            String message;
            if (servers == 1) {
                message = "spec.replicas is " + replicas + " but --servers=1: start-zookeeper writes no server.N lines"
                        + " for a single server, so each of the " + replicas + " pods runs its own standalone"
                        + " ZooKeeper with its own data; clients behind the client Service see different,"
                        + " diverging trees.";
            } else if (replicas > servers) {
                message = "spec.replicas is " + replicas + " but --servers=" + servers + ": zoo.cfg lists server.1.."
                        + "server." + servers + ", so pods " + ctx.spec().podName(servers) + ".."
                        + ctx.spec().podName(replicas - 1) + " (myid " + (servers + 1) + ".." + replicas + ") are not"
                        + " in the peer list and ZooKeeper refuses to start there (\"My id " + (servers + 1)
                        + " not in the peer list\"): those pods crash-loop.";
            } else {
                int quorum = quorum(servers);
                message = "spec.replicas is " + replicas + " but --servers=" + servers + ": zoo.cfg lists " + servers
                        + " servers, so a quorum needs " + quorum + " votes, but only " + replicas + " pods exist"
                        + (replicas < quorum
                                ? ": the ensemble can never form a quorum and never serves."
                                : ": the ensemble tolerates " + (replicas - quorum) + " pod failure(s) instead of "
                                        + (servers - quorum) + ", and servers " + (replicas + 1) + ".." + servers
                                        + " never resolve.");
            }
            return List.of(ctx.atStatefulSet(
                    this,
                    severity(),
                    "spec.replicas",
                    message,
                    "Make spec.replicas and --servers equal (3 or 5 for production)."));
        }
    }

    /**
     * {@code even-ensemble-size}: a majority of 2k servers is k+1, so 2k servers tolerate k-1 failures, like 2k-1
     * servers, while every write waits for one more acknowledgment.
     * See https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_zkMulitServerSetup
     */
    static final class EvenEnsembleSize extends AbstractRule {
        EvenEnsembleSize() {
            super(
                    "even-ensemble-size",
                    Severity.WARNING,
                    "An even ensemble tolerates no more failures than the next smaller odd one, and needs one more"
                            + " acknowledgment per write.",
                    "https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_zkMulitServerSetup");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            int servers = ctx.spec().statefulSet().template().container().zk().servers();
            if (servers % 2 != 0 || servers == 0 || participants(ctx).isPresent()) {
                return List.of(); // with observers only the participants vote: participants-size judges them
            }
            int quorum = quorum(servers);
            String message = servers == 2
                    ? "An ensemble of 2 needs both servers for quorum: like a single server it tolerates no failure,"
                            + " but now either of two pods going down (restart, drain, rolling update) stops the"
                            + " service."
                    : "An ensemble of " + servers + " needs " + quorum + " for quorum and tolerates "
                            + (servers - quorum)
                            + " failure(s), the same as " + (servers - 1)
                            + " servers, while every write waits for one more"
                            + " acknowledgment.";
            return List.of(ctx.atFlag(
                    this,
                    severity(),
                    "servers",
                    message,
                    "Use an odd ensemble size: " + (servers - 1) + " or " + (servers + 1)
                            + " (set spec.replicas and --servers together)."));
        }
    }

    /**
     * {@code standalone-ensemble}: one replica with {@code --servers=1} runs ZooKeeper standalone, with no
     * replication: any restart, drain or node failure is an outage, and a lost volume loses all data.
     * See https://zookeeper.apache.org/doc/r3.9.4/zookeeperStarted.html#sc_RunningReplicatedZooKeeper
     */
    static final class StandaloneEnsemble extends AbstractRule {
        StandaloneEnsemble() {
            super(
                    "standalone-ensemble",
                    Severity.INFO,
                    "A single server has no fault tolerance: every restart, drain or node failure is an outage.",
                    "https://zookeeper.apache.org/doc/r3.9.4/zookeeperStarted.html#sc_RunningReplicatedZooKeeper");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            int replicas = ctx.spec().statefulSet().replicas();
            int servers = ctx.spec().statefulSet().template().container().zk().servers();
            if (replicas != 1 || servers != 1) {
                return List.of();
            }
            return List.of(ctx.atStatefulSet(
                    this,
                    severity(),
                    "spec.replicas",
                    "One replica with --servers=1 runs ZooKeeper standalone: no replication, so every pod restart,"
                            + " drain, rolling update or node failure makes the service unavailable until the pod is"
                            + " back.",
                    "Fine for development; for production run 3 or 5 replicas with the same --servers."));
        }
    }

    /**
     * {@code fixed-server-list} ({@link Linter#thorough()} only): start-zookeeper writes {@code server.1 ..
     * server.<servers>} into zoo.cfg at every container start and enables no dynamic reconfiguration (the image runs
     * ZooKeeper 3.4.10, which has none; in 3.5+ {@code reconfigEnabled} defaults to false, QuorumPeerConfig). So
     * {@code kubectl scale} changes the number of pods, never the ensemble: a new pod's myid is not in the peer list
     * and QuorumPeerConfig/QuorumPeer refuse to start it ("My id 4 not in the peer list"), and the
     * PodDisruptionBudget counts the crash-looping pods as expected but unhealthy (DisruptionController:
     * expectedPods is the controller's replicas), so no drain is allowed. Changing {@code --servers} instead
     * restarts every server with a new static list one pod at a time, and old and new servers compute different
     * quorums meanwhile. See https://zookeeper.apache.org/doc/r3.9.4/zookeeperReconfig.html
     */
    static final class FixedServerList extends AbstractRule {
        FixedServerList() {
            super(
                    "fixed-server-list",
                    Severity.INFO,
                    "The ensemble's members are fixed by --servers at every start: kubectl scale adds pods that"
                            + " cannot join, it does not grow the ensemble.",
                    "https://zookeeper.apache.org/doc/r3.9.4/zookeeperReconfig.html");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            int replicas = ctx.spec().statefulSet().replicas();
            int servers = ctx.spec().statefulSet().template().container().zk().servers();
            if (servers <= 1
                    || dev.zksim.model.manifest.ReconfigStartCommand.runs(
                            ctx.spec().statefulSet().template().container().command())) {
                return List.of(); // no list to fix, or members by dynamic reconfiguration
            }
            int grown = servers + 2;
            // The disruption controller counts the StatefulSet's replicas as expected pods and only Ready pods as
            // healthy (pkg/controller/disruption): after the scale, `grown` expected and `servers` healthy.
            String pdb = ctx.spec()
                    .pdb()
                    .map(p -> {
                        int desired = Math.min(grown, p.desiredHealthy(grown, grown));
                        int allowed = Math.max(0, servers - desired);
                        return "; the PodDisruptionBudget now expects " + grown + " pods, needs " + desired
                                + " healthy and sees " + servers + ", so it allows " + allowed + " eviction(s)"
                                + (allowed == 0 ? ": every drain is refused until you scale back" : "");
                    })
                    .orElse("");
            return List.of(ctx.atFlag(
                    this,
                    severity(),
                    "servers",
                    "--servers=" + servers + " writes server.1..server." + servers + " into every pod's zoo.cfg at"
                            + " every start, without dynamic reconfiguration. `kubectl scale sts "
                            + ctx.spec().statefulSet().name() + " --replicas=" + grown + "` does not grow the"
                            + " ensemble: " + ctx.spec().podName(servers) + " (myid " + (servers + 1) + ") gets the"
                            + " same " + servers + "-server zoo.cfg, ZooKeeper exits with \"My id " + (servers + 1)
                            + " not in the peer list\" and the pod crash-loops (with OrderedReady the pods after it"
                            + " are never created), while the " + Math.min(replicas, servers) + " listed servers"
                            + " go on as before" + pdb + ". Raising --servers instead is a rolling update that"
                            + " restarts every server with a new static list, old and new servers counting different"
                            + " quorums meanwhile.",
                    "To grow or shrink a running ensemble use dynamic reconfiguration (reconfigEnabled=true, a"
                            + " dynamic config file on the PVC, new pods added with `reconfig -add`, leaving pods"
                            + " removed with `reconfig -remove` in preStop): k8s-manifests/zookeeper-reconfig.yaml."
                            + " zksim run scenarios/scale-fixed-servers.yaml shows what scaling this manifest does."));
        }
    }

    /**
     * The reconfig start script's {@code --participants=N} when it is below the replicas (the later pods are observers),
     * else empty; a value the loader refuses is its finding, not lint's.
     */
    static java.util.OptionalInt participants(LintContext ctx) {
        try {
            java.util.OptionalInt n = dev.zksim.model.manifest.ReconfigStartCommand.participants(
                    ctx.spec().statefulSet().template().container().command());
            return n.isPresent() && n.getAsInt() < ctx.spec().statefulSet().replicas()
                    ? n
                    : java.util.OptionalInt.empty();
        } catch (IllegalArgumentException e) {
            return java.util.OptionalInt.empty();
        }
    }

    /**
     * {@code participants-size}: with observers, only the {@code --participants} servers vote, so they, not the
     * replicas, are the ensemble's size: a majority of them is the quorum (QuorumMaj counts voting members only), and
     * an even count or fewer than 3 tolerates no more failures than one less (2 tolerates none).
     * See https://zookeeper.apache.org/doc/r3.9.4/zookeeperObservers.html and
     * https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_zkMulitServerSetup
     */
    static final class ParticipantsSize extends AbstractRule {
        ParticipantsSize() {
            super(
                    "participants-size",
                    Severity.WARNING,
                    "With observers only the participants vote: an even number of them, or fewer than 3, tolerates no"
                            + " more failures than one less, and 1 or 2 tolerate none.",
                    "https://zookeeper.apache.org/doc/r3.9.4/zookeeperObservers.html");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            java.util.OptionalInt found = participants(ctx);
            if (found.isEmpty() || (found.getAsInt() >= 3 && found.getAsInt() % 2 != 0)) {
                return List.of();
            }
            int n = found.getAsInt();
            int quorum = quorum(n);
            int replicas = ctx.spec().statefulSet().replicas();
            String message = "--participants=" + n + " makes " + n + " of the " + replicas + " servers vote (the other "
                    + (replicas - n) + " are observers, which never count towards a quorum): the quorum is " + quorum
                    + " of " + n + ", so the ensemble tolerates " + (n - quorum) + " participant failure(s)"
                    + (n < 3
                            ? ", and "
                                    + (n == 1 ? "its one participant" : "either participant")
                                    + " going down (restart, drain, rolling update) stops every write however many"
                                    + " observers run."
                            : ", the same as " + (n - 1) + " participants, while every write waits for one more"
                                    + " acknowledgment.");
            int line = ctx.spec()
                    .sourceMap()
                    .lineContaining(Math.max(1, ctx.flagLine("participants")), "- --participants=", 400)
                    .orElse(ctx.flagLine("participants"));
            return List.of(new Finding(
                    id(),
                    severity(),
                    ctx.file(),
                    line,
                    ctx.containerPath() + ".command --participants",
                    message,
                    "Use an odd number of participants, at least 3: --participants=" + (n < 3 ? 3 : n + 1)
                            + " (the budget's pod-index values and minAvailable follow it)."));
        }
    }
}
