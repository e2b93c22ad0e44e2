package dev.zksim.model.zab;

import dev.zksim.model.k8s.ContainerLaunch;
import dev.zksim.model.manifest.ReconfigStartCommand;
import dev.zksim.model.manifest.ZkConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code k8s-manifests/zookeeper-reconfig.yaml}'s start script ({@code zk-reconfig-start}) and preStop hook acted out
 * on the Zab model, rule for rule as the real engine acts them out with real servers (RealContainerRuntime,
 * ZooKeeperContainer.reconfigEntrypoint):
 *
 * <ul>
 *   <li>start: the members are the committed config a serving server behind the client Service answers with
 *       ({@code zkCli.sh -server zk-cs:2181 config}; the Service's endpoints are the Ready pods), else the config the
 *       pod's volume holds from its last run, else this server alone for ordinal 0, else the script exits 1; the
 *       dynamic file is those members without this server's line, then this server's line, without a version
 *       (version 0); then the server starts ({@link ZabCore#startWith}, reconfigEnabled=true,
 *       standaloneEnabled=false);
 *   <li>the background loop: up to 60 tries, 2 s apart ({@code sleep 2} after the try's commands returned); a try
 *       does something only once the server serves ({@code srvr} prints a Mode line): it reads the config from its
 *       own server and ends the loop if that lists the server, else runs {@code reconfig -add <self>} (a refused or
 *       failed try just waits for the next);
 *   <li>preStop: up to 10 tries, 2 s apart: the config from the pod's own server; unless it lists the server (or the
 *       server does not answer) the hook returns; else {@code reconfig -remove <myid>}.
 * </ul>
 *
 * <p>Client calls take effect at the current virtual time (the model's client contract); the next try waits 2 s
 * plus the call's modeled latency ({@link TimingProfile}, as every write's). Timers run on the model's scheduler, so
 * everything is deterministic. A loop whose server process ended (stopped, killed, replaced) stops: the kubelet
 * abandons a hook when the grace period ends. A query to a server that does not serve yet is asked again every
 * {@link #QUERY_POLL_MS} until its {@code timeout} (20 s for the start script's, 10 s for the hook's), as the real
 * engine's client waits for a serving server; the start script's query ends at once when no other server runs.
 *
 * <p>Copies: every pending step is a {@link Wakeup} on the engine's timers (naming the pod and the server's
 * incarnation, not the objects), so a copy of the model ({@link ZabModel#fork}) re-arms the scripts' loops in the same
 * order as the Zab model's own timers and goes on with them; {@link #copyFrom} carries the rest of their state. A copy
 * has no kubelet: a preStop hook that ends in a copy tells no one.
 */
final class ReconfigScriptRun {
    // the script's numbers, shared with the real engine's run of it (ReconfigStartCommand)
    static final int ADD_TRIES = ReconfigStartCommand.ADD_TRIES;
    static final int REMOVE_TRIES = ReconfigStartCommand.REMOVE_TRIES;
    static final long PAUSE_MS = ReconfigStartCommand.TRY_PAUSE_MS;
    static final long CONFIG_QUERY_TIMEOUT_MS = ReconfigStartCommand.CONFIG_QUERY_TIMEOUT_MS;
    static final long REMOVE_TIMEOUT_MS = ReconfigStartCommand.REMOVE_TIMEOUT_MS;
    /**
     * How often a waiting query looks again for a server that serves: a stand-in for zkCli.sh's reconnects (a client
     * whose server does not serve is disconnected and tries the next address after a short pause).
     */
    static final long QUERY_POLL_MS = 100;

    private final ZabModel model;
    private final ZabCore core;
    /** Per pod: bumped at each container start and end, so a deferred step of an ended container does nothing. */
    private final java.util.TreeMap<String, Long> generations = new java.util.TreeMap<>();
    /**
     * Per server incarnation whose preStop hook runs: the kubelet's callback for when it returns. Not data a copy can
     * carry (it acts on the original's control plane), so a copy has none and its hooks end silently.
     */
    private final java.util.TreeMap<Long, Runnable> hooks = new java.util.TreeMap<>();

    ReconfigScriptRun(ZabModel model, ZabCore core) {
        this.model = model;
        this.core = core;
        core.script = this;
    }

    /**
     * Takes over {@code original}'s state for a copy of its model, whose engine re-armed the pending steps (they are
     * wakeups): which container start each script belongs to. The hooks' callbacks are not taken (see {@link #hooks}).
     */
    void copyFrom(ReconfigScriptRun original) {
        generations.putAll(original.generations);
    }

    /** The script up to {@code exec zkServer.sh}, then its background loop. */
    void start(ContainerLaunch launch) {
        long generation = generations.merge(launch.podName(), 1L, Long::sum);
        askService(launch, generation, core.now());
    }

    /** The container of {@code pod} ended (stopped, killed, powered off): a script still deciding stops. */
    void ended(String pod) {
        generations.merge(pod, 1L, Long::sum);
    }

    /**
     * {@code timeout 20 zkCli.sh -server zk-cs:2181 config}: asked again every {@link #QUERY_POLL_MS} while another
     * pod's server runs but none behind the Service serves yet, at most {@link #CONFIG_QUERY_TIMEOUT_MS}; with no
     * other server running nothing can answer and the query ends at once (as the real engine decides).
     */
    void askService(ContainerLaunch launch, long generation, long askedSinceMs) {
        if (generations.get(launch.podName()) != generation) {
            return; // the container ended while its script waited
        }
        Optional<DynamicConfig> found = fromService();
        if (found.isEmpty()
                && anotherServerRuns(launch.podName())
                && core.now() - askedSinceMs + QUERY_POLL_MS <= CONFIG_QUERY_TIMEOUT_MS) {
            core.schedule(QUERY_POLL_MS, new Wakeup.ScriptAskService(launch, generation, askedSinceMs));
            return;
        }
        decide(launch, found);
        core.noteAvailability();
    }

    private boolean anotherServerRuns(String pod) {
        for (Peer p : core.peers.values()) {
            if (!p.pod.equals(pod) && !p.poweredOff) {
                return true;
            }
        }
        return false;
    }

    private void decide(ContainerLaunch launch, Optional<DynamicConfig> fromService) {
        String pod = launch.podName();
        int myid = launch.ordinal() + 1;
        ConfigMember self = selfMember(launch);
        Optional<DynamicConfig> found = fromService;
        String from = "the committed config (through the client Service)";
        if (found.isEmpty()) {
            // the zoo.cfg on the PVC names the newest zoo.cfg.dynamic.<version> ZooKeeper wrote (a new PVC has none)
            found = Optional.ofNullable(core.configFiles.get(launch.volumeId()));
            from = "the dynamic config file on the volume";
        }
        if (found.isEmpty() && launch.ordinal() != 0) {
            core.line(
                    pod,
                    "zk-reconfig-start: no ensemble answers on the client Service and no member list on the volume:"
                            + " exit 1");
            core.exitListener.exited(pod, 1);
            return;
        }
        List<ConfigMember> members = new ArrayList<>();
        if (found.isPresent()) {
            for (ConfigMember m : found.get().members().values()) {
                if (m.sid() != myid) {
                    members.add(m);
                }
            }
        } else {
            from = "none: ordinal 0 starts alone";
        }
        members.add(self);
        DynamicConfig file = DynamicConfig.of(members, 0);
        core.line(pod, "zk-reconfig-start: members from " + from + ": " + file.voters());
        model.startWith(launch, new DynamicStart(file, true, false));
        Peer p = core.peerByPod(pod);
        if (p != null) {
            joinTry(p.pod, p.incarnation, self, 1);
        }
    }

    /**
     * The preStop hook: {@code reconfig -remove <myid>} until the config no longer lists the server; calls
     * {@code finished} when it returns. False when the pod's server does not run from a dynamic config (the hook has
     * nothing to act on).
     */
    boolean preStop(String pod, Runnable finished) {
        Peer p = core.peerByPod(pod);
        if (p == null || p.dynamic == null) {
            return false;
        }
        core.line(pod, "preStop: reconfig -remove");
        hooks.put(p.incarnation, finished);
        leaveTry(pod, p.incarnation, 1, core.now());
        return true;
    }

    private Optional<DynamicConfig> fromService() {
        if (core.net.dns().isEmpty()) {
            return Optional.empty();
        }
        ReadResult r = model.readViaService(DataTree.CONFIG_NODE, false);
        if (r instanceof ReadResult.ZnodeFound f) {
            Optional<DynamicConfig> c = DynamicConfig.parse(f.node().value());
            return c.filter(x -> !x.members().isEmpty());
        }
        return Optional.empty();
    }

    /** The pod's server of that incarnation while its process runs, else null (its script's steps do nothing). */
    private Peer current(String pod, long incarnation) {
        Peer p = core.peerByPod(pod);
        return p != null && p.incarnation == incarnation && !p.poweredOff ? p : null;
    }

    /** The hook returns: the kubelet goes on to SIGTERM (in a copy, nothing). */
    private void hookReturned(long incarnation) {
        Runnable finished = hooks.remove(incarnation);
        if (finished != null) {
            finished.run();
        }
    }

    /** {@code zkCli.sh -server localhost config | grep -q "^server\.$myid="}. */
    private static boolean lists(ReadResult config, int myid) {
        return config instanceof ReadResult.ZnodeFound f
                && DynamicConfig.parse(f.node().value())
                        .map(c -> c.members().containsKey(myid))
                        .orElse(false);
    }

    void joinTry(String pod, long incarnation, ConfigMember self, int attempt) {
        Peer p = current(pod, incarnation);
        if (p == null) {
            return;
        }
        long latency = 0;
        if (p.serving()) {
            ReadResult cfg = model.read(p.pod, DataTree.CONFIG_NODE, false);
            if (cfg instanceof ReadResult.ZnodeFound) {
                if (lists(cfg, p.sid)) {
                    core.line(p.pod, "zk-reconfig-start: the committed config lists server." + p.sid);
                    return;
                }
                WriteResult r = model.write(p.pod, new WriteRequest.ConfigChange(List.of(self.line()), List.of()));
                core.line(p.pod, "zk-reconfig-start: reconfig -add " + self.line() + ": " + r);
                latency = r instanceof WriteResult.Committed c ? c.latencyMs() : 0;
            }
        }
        if (attempt < ADD_TRIES) {
            core.schedule(PAUSE_MS + latency, new Wakeup.ScriptJoinTry(pod, incarnation, self, attempt + 1));
        }
    }

    /**
     * {@code timeout 10 zkCli.sh -server localhost config | grep -q "^server\.$myid=" || exit 0}: a server between
     * leaders is asked again until it serves (at most the timeout; then the hook returns), then
     * {@code reconfig -remove "$myid"}, {@code sleep 2}.
     */
    void leaveTry(String pod, long incarnation, int attempt, long askedSinceMs) {
        Peer p = current(pod, incarnation);
        if (p == null) {
            hooks.remove(incarnation);
            return; // the kubelet stopped the container: the hook is over
        }
        ReadResult config = model.read(p.pod, DataTree.CONFIG_NODE, false);
        if (config instanceof ReadResult.NoAnswer
                && p.up()
                && core.now() - askedSinceMs + QUERY_POLL_MS <= REMOVE_TIMEOUT_MS) {
            core.schedule(QUERY_POLL_MS, new Wakeup.ScriptLeaveTry(pod, incarnation, attempt, askedSinceMs));
            return;
        }
        if (!lists(config, p.sid)) {
            core.line(p.pod, "preStop: ends (config does not list server." + p.sid + ")");
            hookReturned(incarnation);
            return;
        }
        WriteResult r = model.write(p.pod, new WriteRequest.ConfigChange(List.of(), List.of(Integer.toString(p.sid))));
        core.line(p.pod, "preStop: reconfig -remove " + p.sid + ": " + r);
        if (attempt == REMOVE_TRIES) {
            core.line(p.pod, "preStop: ends (10 tries)");
            hookReturned(incarnation);
            return;
        }
        long latency = r instanceof WriteResult.Committed c ? c.latencyMs() : 0;
        core.schedule(
                PAUSE_MS + latency,
                new Wakeup.ScriptLeaveTry(pod, incarnation, attempt + 1, core.now() + PAUSE_MS + latency));
    }

    /**
     * {@code server.$myid=$host.$domain:$server_port:$election_port:$role;$client_port}, the role {@code observer} for
     * an ordinal at or above {@code --participants} ({@link ReconfigStartCommand#role}).
     */
    private static ConfigMember selfMember(ContainerLaunch launch) {
        ZkConfig zk = launch.template().container().zk();
        return new ConfigMember(
                launch.ordinal() + 1,
                launch.fqdn() + ":" + zk.serverPort() + ":" + zk.electionPort(),
                ReconfigStartCommand.role(launch.template().container().command(), launch.ordinal())
                        .equals("observer"),
                "0.0.0.0:" + zk.clientPort());
    }
}
