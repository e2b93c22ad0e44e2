package dev.zksim.model.zab;

import dev.zksim.model.k8s.ContainerLaunch;
import dev.zksim.model.manifest.ZkConfig;
import dev.zksim.model.manifest.ZooCfg;
import java.util.ArrayDeque;
import java.util.TreeMap;

/**
 * The in-memory state of one running ZooKeeper process (one incarnation of a server). Mutable and confined to the
 * engine; {@link #copy()} gives the prediction API its independent copy. Durable state lives in {@link VolumeState}.
 */
final class Peer {
    final int sid;
    final String pod;
    final long incarnation;
    final ContainerLaunch launch;
    final ZkConfig config;
    /** The committed config's quorum rules; replaced when a dynamic config is activated. */
    QuorumVerifier verifier;

    final String volumeId;
    final long startedMs;

    ServerMode mode = ServerMode.STARTING;
    ZabPhase phase = ZabPhase.NONE;
    /** Bumped on every role change; timers carry it and are ignored once it moved on. */
    long gen;

    boolean hung;
    long hungSinceMs;
    /** Its machine lost power: hung for good, until a new container replaces it. */
    boolean poweredOff;
    /**
     * A follower whose leader's process ended on the other side of a partition: the FIN waits in the cut, so it still
     * follows that pod until the partition heals or its read times out (null otherwise).
     */
    String goneLeaderPod;
    /**
     * The address this process last resolved for each peer's name. ZooKeeper re-resolves a peer before each connection
     * (Learner.findLeader, QuorumCnxManager.connectOne: QuorumServer.recreateSocketAddresses), but a failed lookup
     * keeps the address it had (MultipleAddresses.recreateSocketAddress returns the old one on UnknownHostException).
     * So a leader whose container restarted in the same pod stays reachable while its pod is not Ready.
     */
    TreeMap<String, String> resolved = new TreeMap<>();

    /** ZKDatabase lastProcessedZxid: what the vote and ACKEPOCH report. */
    long lastProcessedZxid;
    /** Newest commit a local read sees; commits reach followers {@link TimingProfile#followerCommitLagMs()} late. */
    long visibleZxid;

    ArrayDeque<long[]> pendingVisible = new ArrayDeque<>();
    long servingSinceMs = -1;

    // FastLeaderElection.lookForLeader
    long logicalClock;
    int propLeader;
    long propZxid;
    long propEpoch;
    TreeMap<Integer, Vote> recvset = new TreeMap<>();
    TreeMap<Integer, Vote> outOfElection = new TreeMap<>();
    /** Each voter's own standing when it sent the vote we hold (model bookkeeping for the election record). */
    TreeMap<Integer, PeerStanding> voterStandings = new TreeMap<>();
    /** The same for the votes in {@link #outOfElection}. */
    TreeMap<Integer, PeerStanding> outOfElectionStandings = new TreeMap<>();

    long notTimeoutMs;
    long pollDeadlineMs;
    long pollTimerDueMs = -1;
    boolean finalizing;
    long finalizeDeadlineMs;
    long finalizeTimerDueMs = -1;
    long lookingSinceMs;
    /** The vote it settled on (QuorumPeer.getCurrentVote), what it answers LOOKING peers with. */
    Vote currentVote;

    // Follower
    int leaderSid;
    int connectTries;
    long connectStartMs;
    boolean connected;

    // Leader
    LeaderState lead;

    // Dynamic reconfiguration (null for a server started from a static zoo.cfg, whose config never changes)
    /** How the server was started from a dynamic config file. */
    DynamicStart dynamic;
    /** Its committed config (QuorumPeer.getQuorumVerifier), version = the zxid of the reconfig that made it. */
    DynamicConfig committed;
    /**
     * The designated leader a COMMITANDACTIVATE told this follower about, while it has not switched yet (a hung
     * process acts on it when it resumes); -1 otherwise. Valid only while {@link #gen} equals {@link #handOffGen}.
     */
    int handOffTo = -1;

    long handOffGen;
    /**
     * Whether its current (or last) learner session runs as an observer (QuorumPeer.run's OBSERVING case rather than
     * FOLLOWING): set when it starts following, so a role change that ends the session still knows which case ends.
     */
    boolean observing;

    Peer(int sid, String pod, long incarnation, ContainerLaunch launch, QuorumVerifier verifier, long startedMs) {
        this.sid = sid;
        this.pod = pod;
        this.incarnation = incarnation;
        this.launch = launch;
        this.config = launch.template().container().zk();
        this.verifier = verifier;
        this.volumeId = launch.volumeId();
        this.startedMs = startedMs;
    }

    /** Whether its committed config lists it as an {@code :observer} (LearnerType.OBSERVER). */
    boolean observer() {
        return committed != null
                && committed.members().containsKey(sid)
                && committed.members().get(sid).observer();
    }

    boolean up() {
        return mode != ServerMode.STARTING && mode != ServerMode.DOWN;
    }

    /** Serves client requests: standalone, or leader/follower in the broadcast phase. */
    boolean serving() {
        return !hung && (mode == ServerMode.STANDALONE || phase == ZabPhase.BROADCAST);
    }

    /**
     * What {@code /zookeeper/config} holds on this server: {@code QuorumMaj.toString()} of its zoo.cfg's server lines,
     * one {@code server.N=host:serverPort:electionPort:participant} line each (no client address: the port comes from
     * the static {@code clientPort}), then {@code version=0}, a static configuration's version. Empty for a standalone
     * server, whose node ZooKeeper creates empty.
     */
    String configText() {
        if (mode == ServerMode.STANDALONE) {
            return "";
        }
        if (committed != null) {
            // QuorumMaj.toString of the committed config, ending in version=<hex> (ZooKeeperServer: the config node)
            return committed.text();
        }
        String domain = launch.fqdn().substring(launch.hostname().length() + 1);
        String statefulSetName = pod.substring(0, pod.length() - ("-" + launch.ordinal()).length());
        StringBuilder sb = new StringBuilder();
        for (ZooCfg.Entry s : ZooCfg.generate(config, statefulSetName, domain).servers()) {
            sb.append(s.key()).append('=').append(s.value()).append(":participant\n");
        }
        return sb.append("version=0").toString();
    }

    void commitVisibleAt(long zxid, long visibleAtMs, long nowMs) {
        lastProcessedZxid = Math.max(lastProcessedZxid, zxid);
        if (visibleAtMs <= nowMs && pendingVisible.isEmpty()) {
            visibleZxid = Math.max(visibleZxid, zxid);
        } else {
            pendingVisible.addLast(new long[] {zxid, visibleAtMs});
        }
    }

    /** The newest zxid a local read at {@code nowMs} sees. */
    long visibleZxid(long nowMs) {
        while (!pendingVisible.isEmpty() && pendingVisible.peekFirst()[1] <= nowMs) {
            visibleZxid = Math.max(visibleZxid, pendingVisible.pollFirst()[0]);
        }
        return visibleZxid;
    }

    void resetVisible(long zxid) {
        pendingVisible.clear();
        visibleZxid = zxid;
    }

    Peer copy() {
        Peer c = new Peer(sid, pod, incarnation, launch, verifier, startedMs);
        c.mode = mode;
        c.phase = phase;
        c.gen = gen;
        c.hung = hung;
        c.hungSinceMs = hungSinceMs;
        c.poweredOff = poweredOff;
        c.goneLeaderPod = goneLeaderPod;
        c.resolved = new TreeMap<>(resolved);
        c.lastProcessedZxid = lastProcessedZxid;
        c.visibleZxid = visibleZxid;
        for (long[] v : pendingVisible) {
            c.pendingVisible.addLast(v.clone());
        }
        c.servingSinceMs = servingSinceMs;
        c.logicalClock = logicalClock;
        c.propLeader = propLeader;
        c.propZxid = propZxid;
        c.propEpoch = propEpoch;
        c.recvset = new TreeMap<>(recvset);
        c.outOfElection = new TreeMap<>(outOfElection);
        c.voterStandings = new TreeMap<>(voterStandings);
        c.outOfElectionStandings = new TreeMap<>(outOfElectionStandings);
        c.notTimeoutMs = notTimeoutMs;
        c.pollDeadlineMs = pollDeadlineMs;
        c.pollTimerDueMs = pollTimerDueMs;
        c.finalizing = finalizing;
        c.finalizeDeadlineMs = finalizeDeadlineMs;
        c.finalizeTimerDueMs = finalizeTimerDueMs;
        c.lookingSinceMs = lookingSinceMs;
        c.currentVote = currentVote;
        c.leaderSid = leaderSid;
        c.connectTries = connectTries;
        c.connectStartMs = connectStartMs;
        c.connected = connected;
        c.lead = lead == null ? null : lead.copy();
        c.verifier = verifier;
        c.dynamic = dynamic;
        c.committed = committed;
        c.handOffTo = handOffTo;
        c.handOffGen = handOffGen;
        c.observing = observing;
        return c;
    }
}
