package dev.zksim.model.scenario.cluster;

import dev.zksim.model.k8s.ContainerRuntime;
import dev.zksim.model.k8s.KubernetesCluster;
import dev.zksim.model.manifest.ZooCfg;
import dev.zksim.model.scenario.FourLetterWord;
import dev.zksim.model.scenario.NetworkFault;
import dev.zksim.model.scenario.WriteOp;
import dev.zksim.model.scenario.engine.ClientTarget;
import dev.zksim.model.scenario.engine.EngineRejection;
import dev.zksim.model.scenario.engine.LostWrite;
import dev.zksim.model.scenario.engine.ReadOutcome;
import dev.zksim.model.scenario.engine.ServerLog;
import dev.zksim.model.scenario.engine.ServerStatus;
import dev.zksim.model.scenario.engine.WriteOutcome;
import dev.zksim.model.scenario.engine.ZooKeeperClient;
import dev.zksim.model.scenario.engine.ZooKeeperHistory;
import dev.zksim.model.zab.AvailabilityWindow;
import dev.zksim.model.zab.LeaderTerm;
import dev.zksim.model.zab.PeerStatus;
import dev.zksim.model.zab.ReadResult;
import dev.zksim.model.zab.ServerMode;
import dev.zksim.model.zab.TimingProfile;
import dev.zksim.model.zab.WriteRequest;
import dev.zksim.model.zab.WriteResult;
import dev.zksim.model.zab.ZabLogLine;
import dev.zksim.model.zab.ZabModel;
import dev.zksim.model.zab.ZabOptions;
import dev.zksim.model.zab.Zxid;
import java.util.List;
import java.util.Optional;

/**
 * The Zab model ({@link ZabModel}) as the model engine's ZooKeeper backend: it runs the pods' containers and answers
 * the scenario's ZooKeeper steps. The model answers client operations at once (their modeled latency is part of its
 * history), so reads and writes let no engine time pass.
 */
public final class ZabBackend implements ZooKeeperBackend {
    /** Zab model backends with ZooKeeper 3.9's timing and one-shot client sessions, seeded by the run's seed. */
    public static final ZooKeeperBackend.Factory FACTORY = factory(TimingProfile.ZOOKEEPER_3_9_DEFAULTS);

    /**
     * Zab model backends with the given timing profile ({@code zksim run --timing-profile}, a {@code zksim calibrate}
     * result) and one-shot client sessions, seeded by the run's seed.
     */
    public static ZooKeeperBackend.Factory factory(TimingProfile timing) {
        java.util.Objects.requireNonNull(timing, "timing");
        return (scheduler, seeds, setup) -> new ZabBackend(
                new ZabModel(scheduler, ZabOptions.defaults(setup.seed()).withTiming(timing)));
    }

    private final ZabModel zab;
    private final Client client = new Client();
    private KubernetesCluster cluster;
    /** How many of the model's timeline entries {@link #drainLog()} has handed out. */
    private int logged;
    /** When the step whose facts {@link #factsAfterStep()} reports next began (the previous call). */
    private long stepStartMs;

    public ZabBackend(ZabModel zab) {
        this.zab = zab;
    }

    /** The model, for tests and predictions. */
    public ZabModel model() {
        return zab;
    }

    @Override
    public ContainerRuntime runtime() {
        return zab;
    }

    @Override
    public void attach(KubernetesCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public Optional<ZooKeeperClient> client() {
        return Optional.of(client);
    }

    /**
     * Faults on the model: a cut is {@link ZabModel#cut}, a pause a hang ({@link ZabModel#hang}), a slow link delays
     * election messages, a dropped link resets the pair's connections ({@link ZabModel#dropLink}).
     */
    @Override
    public String networkFault(NetworkFault fault) {
        if (fault instanceof NetworkFault.Cut c) {
            zab.cut(c.groups(), c.clientGroup());
            return "";
        } else if (fault instanceof NetworkFault.Heal) {
            if (!zab.anythingToHeal()) {
                return "nothing to heal: no partition, slow or dropped link is in place";
            }
            zab.heal();
            return "";
        } else if (fault instanceof NetworkFault.Pause p) {
            if (!zab.isRunning(p.pod())) {
                return p.pod() + " has no running process: nothing to pause";
            }
            zab.hang(p.pod());
            return "";
        } else if (fault instanceof NetworkFault.Resume r) {
            if (!zab.isHung(r.pod())) {
                return r.pod() + " is not paused: nothing to resume";
            }
            zab.resume(r.pod());
            return "";
        } else if (fault instanceof NetworkFault.SlowLink l) {
            zab.slowLink(l.from(), l.to(), l.delayMs());
            if (l.both()) {
                zab.slowLink(l.to(), l.from(), l.delayMs());
            }
            return "";
        } else if (fault instanceof NetworkFault.DropLink l) {
            zab.dropLink(l.from(), l.to());
            if (l.both()) {
                zab.dropLink(l.to(), l.from());
            }
            return "";
        }
        // partition, isolate and partition-node arrive as a Cut: ScenarioRunner and ClusterEngine resolve their groups.
        throw new EngineRejection("the model engine cannot apply '" + fault.describe() + "' directly");
    }

    @Override
    public List<ServerLog> drainLog() {
        List<ZabLogLine> fresh = zab.timelineFrom(logged);
        if (fresh.isEmpty()) {
            return List.of();
        }
        List<ServerLog> out = fresh.stream()
                .map(e -> new ServerLog(e.atMs(), e.pod(), e.text()))
                .toList();
        logged += fresh.size();
        return out;
    }

    /**
     * {@code writesUnavailableMs}: how long, in virtual time, writes were unavailable during the step that just ended
     * (the same fact the real engine reports per step, there in wall milliseconds); left out when zero.
     */
    @Override
    public java.util.SortedMap<String, String> factsAfterStep() {
        long now = zab.nowMs();
        long unavailable = client.history().unavailableMs(stepStartMs, now);
        stepStartMs = now;
        java.util.TreeMap<String, String> facts = new java.util.TreeMap<>();
        if (unavailable > 0) {
            facts.put("writesUnavailableMs", Long.toString(unavailable));
        }
        return facts;
    }

    /** The port's operations on the Zab model. */
    private final class Client implements ZooKeeperClient {

        @Override
        public WriteOutcome write(ClientTarget via, WriteOp op, String path, String value, long timeoutMs) {
            WriteRequest zop =
                    switch (op) {
                        case CREATE -> new WriteRequest.Create(path, value);
                        case SET -> new WriteRequest.SetData(path, value);
                        case DELETE -> new WriteRequest.Delete(path);
                    };
            return outcome(via, zop);
        }

        @Override
        public WriteOutcome reconfig(ClientTarget via, List<String> joining, List<String> leaving, long timeoutMs) {
            return outcome(via, new WriteRequest.ConfigChange(joining, leaving));
        }

        @Override
        public WriteOutcome reconfigMembers(ClientTarget via, List<String> members, long timeoutMs) {
            return outcome(via, WriteRequest.ConfigChange.newMembers(members));
        }

        private WriteOutcome outcome(ClientTarget via, WriteRequest zop) {
            WriteResult r = via instanceof ClientTarget.Pod p ? zab.write(p.name(), zop) : zab.writeViaService(zop);
            if (r instanceof WriteResult.Committed a) {
                return new WriteOutcome.WriteAcked(a.zxid(), a.servedBy(), a.latencyMs());
            }
            if (r instanceof WriteResult.Rejected rej) {
                return new WriteOutcome.WriteFailed(false, rej.message());
            }
            return new WriteOutcome.WriteFailed(true, ((WriteResult.NoReply) r).reason());
        }

        @Override
        public ReadOutcome read(String pod, String path, boolean sync, long timeoutMs) {
            ReadResult r = zab.read(pod, path, sync);
            if (r instanceof ReadResult.ZnodeFound f) {
                return new ReadOutcome.ReadFound(f.node().value(), f.node().mzxid());
            }
            if (r instanceof ReadResult.NoNode) {
                return new ReadOutcome.Absent();
            }
            return new ReadOutcome.ReadFailed(((ReadResult.NoAnswer) r).reason());
        }

        @Override
        public Optional<String> leader() {
            return zab.leader().filter(LeaderTerm::established).map(LeaderTerm::pod);
        }

        @Override
        public boolean writable() {
            return zab.writesAvailable();
        }

        @Override
        public ServerStatus status(String pod) {
            return zab.status(pod)
                    .map(s -> new ServerStatus(pod, mode(s), s.serving(), s.zxid()))
                    .orElse(new ServerStatus(pod, ServerStatus.Mode.NOT_RUNNING, false, 0));
        }

        private static ServerStatus.Mode mode(PeerStatus s) {
            return switch (s.mode()) {
                case DOWN, STARTING -> ServerStatus.Mode.NOT_RUNNING;
                case LOOKING -> ServerStatus.Mode.LOOKING;
                case FOLLOWING -> ServerStatus.Mode.FOLLOWER;
                case LEADING -> ServerStatus.Mode.LEADER;
                case OBSERVING -> ServerStatus.Mode.OBSERVER;
                case STANDALONE -> ServerStatus.Mode.STANDALONE;
            };
        }

        /**
         * The model knows what {@code srvr} and {@code ruok} say; {@code stat} is answered like {@code srvr} (the model
         * has no client connections to list), {@code mntr} with the state keys, {@code conf} with the pod's zoo.cfg.
         * A server that is not running answers nothing (nc: connection refused).
         */
        @Override
        public String fourLetterWord(String pod, FourLetterWord word) {
            Optional<PeerStatus> st = zab.status(pod);
            if (!zab.ruok(pod) || st.isEmpty()) {
                return "";
            }
            PeerStatus s = st.get();
            return switch (word) {
                case RUOK -> "imok";
                case SRVR, STAT -> zab.srvr(pod);
                case MNTR ->
                    !s.serving()
                            ? "This ZooKeeper instance is not currently serving requests\n"
                            : "zk_version\t3.9.4-zksim-model\n"
                                    + "zk_server_state\t" + s.mode().srvrWord() + "\n"
                                    + "zk_znode_count\t" + s.nodeCount() + "\n"
                                    + "zk_last_zxid\t" + Zxid.hex(s.zxid()) + "\n";
                case CONF ->
                    cluster == null
                            ? ""
                            : cluster.ensemble()
                                    .map(e -> ZooCfg.generate(
                                                    e, cluster.clusterSpec().clusterDomain())
                                            .render())
                                    .orElse("");
                case ENVI -> "Environment:\nzookeeper.version=3.9.4-zksim-model\nhost.name=" + pod + "\n";
            };
        }

        /**
         * Elections: every ElectionRecord that ended LEADING (the winner's own report, as ZooKeeper logs "LEADING -
         * LEADER ELECTION TOOK"). Write outages: the gaps between the model's availability windows (a write through
         * the Service would be acknowledged: {@code ZabModel.writesAvailable}), from engine start on.
         */
        @Override
        public ZooKeeperHistory history() {
            // elections and availability only: the whole history (with its long timeline) is copied per call, and the
            // runner asks after every step
            List<ZooKeeperHistory.WonElection> elections = zab.elections().stream()
                    .filter(e -> e.outcome() == ServerMode.LEADING)
                    .map(e -> new ZooKeeperHistory.WonElection(e.endMs(), e.pod(), e.durationMs()))
                    .toList();
            List<ZooKeeperHistory.WriteOutage> outages = new java.util.ArrayList<>();
            // Windows may overlap (a stale leader on the minority side of a partition): walk them by start time.
            List<AvailabilityWindow> windows = new java.util.ArrayList<>(zab.availability());
            windows.sort(java.util.Comparator.comparingLong(AvailabilityWindow::fromMs));
            long coveredUntil = 0;
            boolean availableNow = false;
            for (AvailabilityWindow w : windows) {
                if (w.fromMs() > coveredUntil) {
                    outages.add(new ZooKeeperHistory.WriteOutage(coveredUntil, java.util.OptionalLong.of(w.fromMs())));
                }
                if (w.toMs().isEmpty()) {
                    availableNow = true;
                    break;
                }
                coveredUntil = Math.max(coveredUntil, w.toMs().getAsLong());
            }
            if (!availableNow) {
                outages.add(new ZooKeeperHistory.WriteOutage(coveredUntil, java.util.OptionalLong.empty()));
            }
            return new ZooKeeperHistory(elections, outages);
        }

        @Override
        public List<LostWrite> lostWrites() {
            return zab.history().lostWrites().stream()
                    .map(l -> new LostWrite(
                            l.write().txn().path(),
                            l.write().txn().value(),
                            l.write().txn().zxid(),
                            l.message()))
                    .toList();
        }
    }
}
