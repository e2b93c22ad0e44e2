package dev.zksim.engine.real;

import dev.zksim.model.scenario.FourLetterWord;
import dev.zksim.model.scenario.WriteOp;
import dev.zksim.model.scenario.engine.ClientTarget;
import dev.zksim.model.scenario.engine.LostWrite;
import dev.zksim.model.scenario.engine.ReadOutcome;
import dev.zksim.model.scenario.engine.ServerStatus;
import dev.zksim.model.scenario.engine.WriteOutcome;
import dev.zksim.model.scenario.engine.ZooKeeperClient;
import dev.zksim.model.scenario.engine.ZooKeeperHistory;
import dev.zksim.runtime.AckedWrite;
import dev.zksim.runtime.ClientResult;
import dev.zksim.runtime.ElectionReport;
import dev.zksim.runtime.QuorumPeerStatus;
import dev.zksim.runtime.RealContainerRuntime;
import dev.zksim.runtime.ZkClients;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scenario's ZooKeeper steps with the real ZooKeeper client against the real servers ({@link ZkClients}).
 *
 * <p>Reads and writes run once on the session kept for their target while its pod still runs, serves and is behind
 * the target; otherwise they wait (polling {@code srvr}) until a server behind their target serves, then run once on
 * a new session, as a user would run {@code zkCli.sh} once the server answers; their timeouts are the scenario's,
 * scaled like its other durations (see {@link RealBackend#clientTimeoutWallMs}). A write is acknowledged when ZooKeeper
 * acknowledges it, and every acknowledgement is recorded with its zxid. Queries ({@link #leader}, {@link #writable},
 * {@link #status}) read the servers' own state in process.
 */
final class RealClient implements ZooKeeperClient {
    /** No client operation is given less wall time than this, whatever the time scale. */
    static final long MIN_TIMEOUT_WALL_MS = 500;
    /** ZooKeeper's answers that mean the ensemble was available and refused the request itself. */
    private static final Set<String> APPLICATION_ERRORS = Set.of(
            "NODEEXISTS",
            "NONODE",
            "BADVERSION",
            "NOTEMPTY",
            "NOAUTH",
            "INVALIDACL",
            "NOCHILDRENFOREPHEMERALS",
            "BADARGUMENTS",
            "UNIMPLEMENTED",
            "RECONFIGDISABLED",
            "RECONFIGINPROGRESS",
            "NEWCONFIGNOQUORUM");
    /** How long the lost-write check waits for a leader to read from. */
    private static final long LEADER_WAIT_MS = 5_000;

    private final RealBackend backend;

    RealClient(RealBackend backend) {
        this.backend = backend;
    }

    private Optional<RealContainerRuntime> runtime() {
        return backend.realRuntime();
    }

    @Override
    public WriteOutcome write(ClientTarget via, WriteOp op, String path, String value, long timeoutMs) {
        Optional<RealContainerRuntime> r = runtime();
        if (r.isEmpty()) {
            return new WriteOutcome.WriteFailed(true, "no ZooKeeper server runs (nothing applied yet)");
        }
        ZkClients.Op zop =
                switch (op) {
                    case CREATE -> ZkClients.Op.CREATE;
                    case SET -> ZkClients.Op.SET;
                    case DELETE -> ZkClients.Op.DELETE;
                };
        ClientResult res = backend.withRealTime(
                () -> r.get().clients().whenServing(zop, via, path, value, backend.clientTimeoutWallMs(timeoutMs)));
        if (res instanceof ClientResult.Acknowledged a) {
            return new WriteOutcome.WriteAcked(
                    a.write().zxid().orElse(0), a.write().server(), a.write().latencyMs());
        }
        if (res instanceof ClientResult.OperationFailed f) {
            return new WriteOutcome.WriteFailed(!APPLICATION_ERRORS.contains(f.reason()), f.reason());
        }
        throw new IllegalStateException("a write answered " + res);
    }

    @Override
    public WriteOutcome reconfig(ClientTarget via, List<String> joining, List<String> leaving, long timeoutMs) {
        Optional<RealContainerRuntime> r = runtime();
        if (r.isEmpty()) {
            return new WriteOutcome.WriteFailed(true, "no ZooKeeper server runs (nothing applied yet)");
        }
        List<String> specs = new ArrayList<>();
        for (String pod : joining) {
            Optional<String> spec = r.get().serverSpec(pod);
            if (spec.isEmpty()) {
                // what zkCli.sh says of a server string it cannot use; ZooKeeper would not get the request
                return new WriteOutcome.WriteFailed(false, "BADARGUMENTS: " + pod + " is not a pod of the StatefulSet");
            }
            specs.add(spec.get());
        }
        List<String> ids = new ArrayList<>();
        for (String pod : leaving) {
            Optional<String> spec = r.get().serverSpec(pod);
            if (spec.isEmpty()) {
                return new WriteOutcome.WriteFailed(false, "BADARGUMENTS: " + pod + " is not a pod of the StatefulSet");
            }
            ids.add(spec.get().substring("server.".length(), spec.get().indexOf('=')));
        }
        ClientResult res = backend.withRealTime(
                () -> r.get().clients().reconfig(via, specs, ids, backend.clientTimeoutWallMs(timeoutMs)));
        return reconfigOutcome(res);
    }

    @Override
    public WriteOutcome reconfigMembers(ClientTarget via, List<String> members, long timeoutMs) {
        Optional<RealContainerRuntime> r = runtime();
        if (r.isEmpty()) {
            return new WriteOutcome.WriteFailed(true, "no ZooKeeper server runs (nothing applied yet)");
        }
        List<String> specs = new ArrayList<>();
        for (String pod : members) {
            Optional<String> spec = r.get().serverSpec(pod);
            if (spec.isEmpty()) {
                return new WriteOutcome.WriteFailed(false, "BADARGUMENTS: " + pod + " is not a pod of the StatefulSet");
            }
            specs.add(spec.get());
        }
        return reconfigOutcome(backend.withRealTime(
                () -> r.get().clients().reconfigMembers(via, specs, backend.clientTimeoutWallMs(timeoutMs))));
    }

    private static WriteOutcome reconfigOutcome(ClientResult res) {
        if (res instanceof ClientResult.Acknowledged a) {
            return new WriteOutcome.WriteAcked(
                    a.write().zxid().orElse(0), a.write().server(), a.write().latencyMs());
        }
        if (res instanceof ClientResult.OperationFailed f) {
            return new WriteOutcome.WriteFailed(!APPLICATION_ERRORS.contains(f.reason()), f.reason());
        }
        throw new IllegalStateException("a reconfig answered " + res);
    }

    @Override
    public ReadOutcome read(String pod, String path, boolean sync, long timeoutMs) {
        Optional<RealContainerRuntime> r = runtime();
        if (r.isEmpty()) {
            return new ReadOutcome.ReadFailed("no ZooKeeper server runs (nothing applied yet)");
        }
        ClientResult res = backend.withRealTime(() -> r.get()
                .clients()
                .whenServing(
                        sync ? ZkClients.Op.SYNC_GET : ZkClients.Op.GET,
                        ClientTarget.pod(pod),
                        path,
                        "",
                        backend.clientTimeoutWallMs(timeoutMs)));
        return outcome(res);
    }

    private static ReadOutcome outcome(ClientResult res) {
        if (res instanceof ClientResult.NodeRead f) {
            return new ReadOutcome.ReadFound(f.value(), f.mzxid());
        }
        if (res instanceof ClientResult.NotFound) {
            return new ReadOutcome.Absent();
        }
        if (res instanceof ClientResult.OperationFailed f) {
            return new ReadOutcome.ReadFailed(f.reason());
        }
        throw new IllegalStateException("a read answered " + res);
    }

    @Override
    public Optional<String> leader() {
        return backend.leader();
    }

    @Override
    public boolean writable() {
        return backend.writable();
    }

    @Override
    public ServerStatus status(String pod) {
        Optional<RealContainerRuntime> r = runtime();
        if (r.isEmpty()) {
            return new ServerStatus(pod, ServerStatus.Mode.NOT_RUNNING, false, 0);
        }
        QuorumPeerStatus s = r.get().status(pod);
        ServerStatus.Mode mode =
                switch (s.mode()) {
                    case STARTING, NOT_RUNNING -> ServerStatus.Mode.NOT_RUNNING;
                    case LOOKING -> ServerStatus.Mode.LOOKING;
                    case LEADING -> ServerStatus.Mode.LEADER;
                    case FOLLOWING -> ServerStatus.Mode.FOLLOWER;
                    case OBSERVING -> ServerStatus.Mode.OBSERVER;
                    case STANDALONE -> ServerStatus.Mode.STANDALONE;
                };
        return new ServerStatus(pod, mode, s.serving(), Math.max(0, s.lastProcessedZxid()));
    }

    /** The server's own answer; empty when nothing listens on the pod's client port (nc prints nothing). */
    @Override
    public String fourLetterWord(String pod, FourLetterWord word) {
        Optional<RealContainerRuntime> r = runtime();
        if (r.isEmpty()) {
            return "";
        }
        try {
            return r.get().fourLetterWord(pod, word.word());
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Elections: ZooKeeper's own reports of the servers that decided to lead ("LEADING - LEADER ELECTION TOOK", the
     * same fact the model records), at the engine time of the log line. Write outages: the windows during which the
     * {@link ServerWatch}'s samples said a write through the client Service would not be acknowledged.
     */
    @Override
    public ZooKeeperHistory history() {
        List<ZooKeeperHistory.WonElection> elections = new ArrayList<>();
        runtime().ifPresent(r -> r.elections().stream()
                .filter(ElectionReport::isLeader)
                .forEach(e -> elections.add(new ZooKeeperHistory.WonElection(
                        backend.engineMs(e.atEpochMs()), e.pod(), e.electionTimeMs()))));
        List<ZooKeeperHistory.WriteOutage> outages = new ArrayList<>();
        List<ServerWatch.Change> changes = backend.watch().changes();
        long from = -1;
        for (ServerWatch.Change c : changes) {
            if (!c.sample().writable() && from < 0) {
                from = c.engineMs();
            } else if (c.sample().writable() && from >= 0) {
                outages.add(new ZooKeeperHistory.WriteOutage(
                        from, java.util.OptionalLong.of(Math.max(from, c.engineMs()))));
                from = -1;
            }
        }
        if (from >= 0) {
            outages.add(new ZooKeeperHistory.WriteOutage(from, java.util.OptionalLong.empty()));
        }
        return new ZooKeeperHistory(elections, outages);
    }

    /**
     * Acknowledged writes the ensemble no longer has. For each path the scenario wrote (the probe's path excluded),
     * the last acknowledged write is read back from the leader after a {@code sync}: a create or set with zxid Z is
     * lost when the znode is gone, or its last change is older than Z, or is Z with another value (a history that
     * diverged); a change after Z is a later write (one that was applied without being acknowledged), not a loss. An
     * acknowledged delete is lost when the znode exists with a change older than the delete. Without a serving leader
     * within {@value #LEADER_WAIT_MS} ms nothing can be read back, and every such write is reported as such.
     */
    @Override
    public List<LostWrite> lostWrites() {
        Optional<RealContainerRuntime> r = runtime();
        if (r.isEmpty()) {
            return List.of();
        }
        Map<String, AckedWrite> last = new LinkedHashMap<>();
        for (AckedWrite w : r.get().clients().acknowledged()) {
            if (!w.path().equals(WriteProbe.PATH)) {
                last.remove(w.path());
                last.put(w.path(), w);
            }
        }
        if (last.isEmpty()) {
            return List.of();
        }
        Optional<String> leader = r.get().awaitLeader(LEADER_WAIT_MS);
        List<LostWrite> lost = new ArrayList<>();
        for (AckedWrite w : last.values()) {
            long zxid = w.zxid().orElse(0);
            String what = "acknowledged " + w.op() + " " + w.path() + "@" + hex(zxid);
            if (leader.isEmpty()) {
                lost.add(new LostWrite(
                        w.path(), w.value().orElse(""), zxid, what + " cannot be read back: no leader serves"));
                continue;
            }
            ClientResult res = r.get()
                    .clients()
                    .whenServing(ZkClients.Op.SYNC_GET, ClientTarget.pod(leader.get()), w.path(), "", LEADER_WAIT_MS);
            Optional<String> why = lossOf(w, zxid, res);
            why.ifPresent(reason -> lost.add(new LostWrite(
                    w.path(),
                    w.value().orElse(""),
                    zxid,
                    what + " lost: " + reason + " (read from the leader " + leader.get() + ")")));
        }
        return lost;
    }

    private static Optional<String> lossOf(AckedWrite w, long zxid, ClientResult now) {
        boolean delete = w.op().equals("delete");
        if (now instanceof ClientResult.NodeRead f) {
            if (delete) {
                return f.mzxid() < zxid
                        ? Optional.of("the deleted znode is back with " + hex(f.mzxid()))
                        : Optional.empty();
            }
            if (f.mzxid() < zxid) {
                return Optional.of("the znode's last change is " + hex(f.mzxid()) + " = '" + f.value() + "'");
            }
            if (f.mzxid() == zxid && !w.value().orElse("").equals(f.value())) {
                return Optional.of("zxid " + hex(zxid) + " now holds '" + f.value() + "' (diverged history)");
            }
            return Optional.empty();
        }
        if (now instanceof ClientResult.NotFound) {
            return delete ? Optional.empty() : Optional.of("the ensemble has no " + w.path());
        }
        return Optional.of("cannot be read back: " + ((ClientResult.OperationFailed) now).reason());
    }

    private static String hex(long zxid) {
        return "0x" + Long.toHexString(zxid);
    }
}
