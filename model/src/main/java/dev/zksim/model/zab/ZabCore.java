package dev.zksim.model.zab;

import dev.zksim.model.k8s.ContainerLaunch;
import dev.zksim.model.k8s.ContainerRuntime;
import dev.zksim.model.time.Scheduler;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The mutable heart of the model: volumes, running processes, the network, the history and the pending timers, plus
 * the process lifecycle and message transport. Protocol rules live in {@link Election} (FastLeaderElection),
 * {@link Recovery} (Zab discovery, synchronisation, broadcast), {@link Clients} and {@link Durability}.
 * Single-threaded: everything runs inside scheduler actions or the caller's thread between them.
 */
final class ZabCore {
    /** A timer due at {@code dueMs}; {@code seq} orders ties like the scheduler does. */
    record Pending(long dueMs, long seq, Wakeup wakeup) {}

    final Scheduler scheduler;
    final ZabOptions options;
    final TimingProfile timing;
    final EnumSet<BrokenRule> broken;

    final TreeMap<String, VolumeState> volumes;
    /** The volume each server id last started on. */
    final TreeMap<Integer, String> volumeOfSid;

    final TreeMap<Integer, Peer> peers;
    final Network net;
    final HistoryLog history;
    final TreeMap<Long, Pending> pending;
    final DeterministicRandom serviceRandom;
    /** The observers' random election delay (Observer.waitForObserverElectionDelay), seeded apart from the Service's. */
    final DeterministicRandom observerDelayRandom;
    /**
     * The order in which the followers' ACKs of a reconfig that removes the leader reach it (the first joint quorum
     * of them names the designated leader: {@link ConfigChanges}); a stream of its own, so drawing from it moves no
     * other seeded choice.
     */
    final DeterministicRandom ackOrderRandom;
    /**
     * Servers started from a dynamic config file, by id: their zoo.cfg settings and the member list given at their
     * last {@link #startWith}. A server not listed runs from the static zoo.cfg (reconfig disabled).
     */
    TreeMap<Integer, DynamicStart> dynamicStarts = new TreeMap<>();
    /** The committed config each volume holds (zoo.cfg.dynamic.<version> on the PVC), by volume id. */
    TreeMap<String, DynamicConfig> configFiles = new TreeMap<>();
    /** Pod name prefix ({@code zk}) of the StatefulSet, learned from the first launch. */
    String statefulSetName;

    long nextSeq;
    long nextIncarnation;
    long nextSessionId;
    ContainerRuntime.ExitListener exitListener = (pod, code) -> {};
    /** The reconfig manifest's scripts run on this engine (set by its {@link ZabModel}); their timers are wakeups. */
    ReconfigScriptRun script;

    final Election election;
    final Recovery recovery;
    final Clients clients;
    final Durability durability;
    final ConfigChanges configs;

    ZabCore(Scheduler scheduler, ZabOptions options, EnumSet<BrokenRule> broken) {
        this(
                scheduler,
                options,
                broken,
                new TreeMap<>(),
                new TreeMap<>(),
                new TreeMap<>(),
                new Network(),
                new HistoryLog(),
                new TreeMap<>(),
                new DeterministicRandom(
                        options.seeds().forComponent("zab.zk-cs").nextLong()),
                new DeterministicRandom(
                        options.seeds().forComponent("zab.ack-order").nextLong()),
                new DeterministicRandom(options.seeds()
                        .forComponent("zab.observer-election-delay")
                        .nextLong()));
        this.nextSessionId = 0x1000000000000L;
    }

    private ZabCore(
            Scheduler scheduler,
            ZabOptions options,
            EnumSet<BrokenRule> broken,
            TreeMap<String, VolumeState> volumes,
            TreeMap<Integer, String> volumeOfSid,
            TreeMap<Integer, Peer> peers,
            Network net,
            HistoryLog history,
            TreeMap<Long, Pending> pending,
            DeterministicRandom serviceRandom,
            DeterministicRandom ackOrderRandom,
            DeterministicRandom observerDelayRandom) {
        this.scheduler = scheduler;
        this.options = options;
        this.timing = options.timing();
        this.broken = EnumSet.copyOf(broken);
        this.volumes = volumes;
        this.volumeOfSid = volumeOfSid;
        this.peers = peers;
        this.net = net;
        this.history = history;
        this.pending = pending;
        this.serviceRandom = serviceRandom;
        this.ackOrderRandom = ackOrderRandom;
        this.observerDelayRandom = observerDelayRandom;
        this.election = new Election(this);
        this.recovery = new Recovery(this);
        this.clients = new Clients(this);
        this.durability = new Durability(this);
        this.configs = new ConfigChanges(this);
    }

    /** An independent copy whose timers run on {@code other} (whose clock must stand at this engine's now). */
    ZabCore copyOnto(Scheduler other) {
        if (other.nowMs() != now()) {
            throw new IllegalArgumentException("copy scheduler at " + other.nowMs() + " ms, engine at " + now());
        }
        TreeMap<Integer, Peer> peerCopies = new TreeMap<>();
        peers.forEach((sid, p) -> peerCopies.put(sid, p.copy()));
        ZabCore c = new ZabCore(
                other,
                options,
                broken,
                new TreeMap<>(volumes),
                new TreeMap<>(volumeOfSid),
                peerCopies,
                net.copy(),
                history.copy(),
                new TreeMap<>(),
                serviceRandom.copy(),
                ackOrderRandom.copy(),
                observerDelayRandom.copy());
        c.statefulSetName = statefulSetName;
        c.nextSeq = nextSeq;
        c.nextIncarnation = nextIncarnation;
        c.nextSessionId = nextSessionId;
        c.dynamicStarts = new TreeMap<>(dynamicStarts);
        c.configFiles = new TreeMap<>(configFiles);
        for (Pending p : pending.values()) {
            c.pending.put(p.seq(), p);
            long seq = p.seq();
            other.schedule(Math.max(0, p.dueMs() - now()), "zab", () -> c.fire(seq));
        }
        return c;
    }

    long now() {
        return scheduler.nowMs();
    }

    /** {@code zookeeper.observer.election.DelayMs}'s default (Observer.java, release-3.9.4); zksim's manifests keep it. */
    static final int OBSERVER_ELECTION_DELAY_MS = 200;

    /**
     * Observer.waitForObserverElectionDelay: {@code ThreadLocalRandom.current().nextLong(200)}, a delay of 0-199 ms
     * drawn from the model's seeded generator.
     */
    long observerElectionDelayMs() {
        return observerDelayRandom.nextInt(OBSERVER_ELECTION_DELAY_MS);
    }

    void schedule(long delayMs, Wakeup w) {
        long seq = nextSeq++;
        pending.put(seq, new Pending(now() + delayMs, seq, w));
        scheduler.schedule(delayMs, "zab", () -> fire(seq));
    }

    private void fire(long seq) {
        Pending p = pending.remove(seq);
        if (p != null) {
            p.wakeup().fire(this);
            noteAvailability();
        }
    }

    // --- write availability ---------------------------------------------------------------------------------------

    /**
     * The established leader serving writes now; with a stale leader still believing in itself on the minority side
     * of a partition, the one with the highest epoch. Null when none.
     */
    Peer bestLeader() {
        Peer best = null;
        for (Peer p : peersInOrder()) {
            if (p.lead != null
                    && p.lead.step == LeaderState.LeadStage.BROADCAST
                    && !p.hung
                    && p.lead.allowedToCommit
                    && (best == null || p.lead.epoch > best.lead.epoch)) {
                best = p;
            }
        }
        return best;
    }

    /**
     * Whether a write through the client Service would be acknowledged now: an established leader serves, a quorum of
     * voters (itself included) would ACK it, and the clients reach a published, serving server that reaches the
     * leader. A leader whose followers just went away still believes in itself until its next tick (Leader.lead
     * counts its synced followers once per tick), but a write in that gap gets no quorum of ACKs, so it is not
     * available: the same rule the real engine judges its servers by (docs/real-engine.md).
     */
    boolean writesAvailable() {
        Peer best = bestLeader();
        if (best == null || !configs.jointQuorum(best, recovery.ackers(best))) {
            return false;
        }
        if (net.partitions().isEmpty()) {
            return true;
        }
        // Behind a partition the clients must also reach a published, serving server that reaches the leader (the
        // Service's endpoints on the clients' side of the cut; a follower forwards the write to the leader).
        for (String pod : net.dns().keySet()) {
            Peer p = peerByPod(pod);
            if (p != null
                    && p.serving()
                    && !p.hung
                    && net.partitionedSince(Network.CLIENTS, pod).isEmpty()
                    && (p == best || !impaired(p, best))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records in the history whether writes are available at this instant. Called after every timer and every outside
     * action, which are the only moments the answer can change, so the availability windows follow
     * {@link #writesAvailable()} exactly.
     */
    void noteAvailability() {
        Peer best = writesAvailable() ? bestLeader() : null;
        history.availableVia(now(), best == null ? null : best.pod, best == null ? 0 : best.lead.epoch);
    }

    boolean broken(BrokenRule rule) {
        return broken.contains(rule);
    }

    // --- lookups ------------------------------------------------------------------------------------------------

    Peer peer(int sid, long incarnation) {
        Peer p = peers.get(sid);
        return p != null && p.incarnation == incarnation ? p : null;
    }

    Peer peerByPod(String pod) {
        for (Peer p : peers.values()) {
            if (p.pod.equals(pod)) {
                return p;
            }
        }
        return null;
    }

    VolumeState volume(Peer p) {
        return volumes.get(p.volumeId);
    }

    void putVolume(Peer p, VolumeState v) {
        volumes.put(p.volumeId, v);
    }

    PeerStanding standing(Peer p) {
        return new PeerStanding(p.sid, volume(p).currentEpoch(), p.lastProcessedZxid);
    }

    /** The pod name server {@code sid} has in every server's zoo.cfg ({@code server.<sid>=<sts>-<sid-1>...}). */
    String podOf(int sid) {
        return statefulSetName + "-" + (sid - 1);
    }

    void line(String pod, String text) {
        history.line(now(), pod, text);
    }

    // --- process lifecycle (ContainerRuntime) -------------------------------------------------------------------

    /**
     * Starts the pod's server from a dynamic config file, as the reconfig manifest's start script writes it: the
     * given members (the ensemble's committed config plus this server, or this server alone) become the file on the
     * volume, and restarts through {@link #start} use the newest file on the volume with these settings.
     */
    void startWith(ContainerLaunch launch, DynamicStart dyn) {
        dynamicStarts.put(launch.ordinal() + 1, dyn);
        configFiles.put(launch.volumeId(), dyn.config());
        start(launch);
    }

    void start(ContainerLaunch launch) {
        String pod = launch.podName();
        int sid = launch.ordinal() + 1;
        if (statefulSetName == null) {
            statefulSetName = pod.substring(0, pod.length() - ("-" + launch.ordinal()).length());
        }
        Peer old = peers.get(sid);
        if (old != null) {
            end(old, "replaced by a new container");
        }
        VolumeState vol = volumes.get(launch.volumeId());
        if (vol == null) {
            // start-zookeeper writes myid = ordinal + 1 into an empty data directory.
            vol = VolumeState.empty(launch.volumeId(), sid);
            volumes.put(launch.volumeId(), vol);
        }
        String previous = volumeOfSid.put(sid, launch.volumeId());
        int servers = launch.template().container().zk().servers();
        DynamicStart dyn = dynamicStarts.get(sid);
        DynamicConfig file = dyn == null ? null : configFiles.getOrDefault(launch.volumeId(), dyn.config());
        QuorumVerifier verifier = file != null ? file.verifier() : MajorityQuorum.ofServers(Math.max(1, servers));
        if (previous != null && !previous.equals(launch.volumeId())) {
            durability.volumeReplaced(pod, sid, previous, launch.volumeId(), verifier);
        }
        Peer p = new Peer(vol.myid(), pod, ++nextIncarnation, launch, verifier, now());
        if (dyn != null) {
            p.dynamic = dyn;
            p.committed = file;
        }
        peers.put(sid, p);
        line(
                pod,
                "process starting on volume " + launch.volumeId() + " (myid " + vol.myid() + ", "
                        + vol.txnCount() + " txns, currentEpoch " + vol.currentEpoch() + ", acceptedEpoch "
                        + vol.acceptedEpoch() + ")");
        schedule(timing.startMs(vol.txnCount()), new Wakeup.ProcessUp(sid, p.incarnation));
    }

    void processUp(int sid, long incarnation) {
        Peer p = peer(sid, incarnation);
        if (p == null || p.mode != ServerMode.STARTING) {
            return;
        }
        VolumeState vol = volume(p);
        // QuorumPeerConfig parses every server line into a QuorumServer, resolving the names published now.
        p.resolved.putAll(net.dns());
        p.lastProcessedZxid = vol.lastZxid();
        p.resetVisible(p.lastProcessedZxid);
        boolean standalone = p.dynamic == null
                ? p.config.servers() <= 1
                // QuorumPeerConfig.isDistributed: a quorum verifier and (standaloneEnabled=false or 2+ participants)
                : p.dynamic.standaloneEnabled() && p.committed.voters().size() <= 1;
        if (standalone) {
            // QuorumPeerMain runs ZooKeeperServerMain when zoo.cfg lists a single server (not distributed).
            p.mode = ServerMode.STANDALONE;
            p.phase = ZabPhase.NONE;
            p.servingSinceMs = now();
            line(p.pod, "serving standalone, zxid " + Zxid.hex(p.lastProcessedZxid));
            return;
        }
        if (p.dynamic != null && !p.committed.members().containsKey(p.sid)) {
            // QuorumPeer.start: the view (voters and observers) must list this server
            line(
                    p.pod,
                    "exits: My id " + p.sid + " not in the peer list ("
                            + p.committed.members().keySet() + ")");
            end(p, null);
            exitListener.exited(p.pod, 1);
            return;
        }
        if (p.dynamic == null && !p.verifier.isVoter(p.sid)) {
            // QuorumPeer.start: "My id N not in the peer list": the process exits.
            line(
                    p.pod,
                    "exits: My id " + p.sid + " not in the peer list (zoo.cfg lists " + p.config.servers()
                            + " servers)");
            end(p, null);
            exitListener.exited(p.pod, 1);
            return;
        }
        election.start(p, "process up, zxid " + Zxid.hex(p.lastProcessedZxid));
    }

    void stop(String pod, String how) {
        Peer p = peerByPod(pod);
        if (p != null) {
            line(pod, "process " + how);
            end(p, "process " + how);
        }
    }

    /** The process is gone: sockets close, so peers notice at once (no hang time-out). */
    void end(Peer p, String reason) {
        peers.remove(p.sid);
        net.processEnded(p.sid);
        ServerMode was = p.mode;
        p.mode = ServerMode.DOWN;
        p.phase = ZabPhase.NONE;
        if (reason == null) {
            return;
        }
        if (was == ServerMode.LEADING && p.lead != null) {
            recovery.leaderGone(p, "leader " + p.pod + " closed the connection (" + reason + ")");
        } else if (was == ServerMode.FOLLOWING) {
            recovery.followerGone(p);
        }
    }

    void hang(String pod) {
        Peer p = peerByPod(pod);
        if (p == null || p.hung || !p.up()) {
            return;
        }
        fallSilent(p, "process hangs (no replies, sockets stay open)");
    }

    /** Power loss: silent like a hang, but for good (a new container replaces it; {@link #resume} ignores it). */
    void powerOff(String pod) {
        Peer p = peerByPod(pod);
        if (p == null || p.poweredOff) {
            return;
        }
        p.poweredOff = true;
        fallSilent(p, "machine lost power: process gone, no FIN or RST (its connections fall silent)");
    }

    /**
     * A hang and a power loss look the same from the other servers: no reply and no closed socket, so links to the
     * peer end only at their read time-outs. A peer already hung keeps the instant it fell silent.
     */
    private void fallSilent(Peer p, String why) {
        if (!p.hung) {
            p.hung = true;
            p.hungSinceMs = now();
        }
        line(p.pod, why);
        recovery.linksImpaired();
    }

    void resume(String pod) {
        Peer p = peerByPod(pod);
        if (p == null || !p.hung || p.poweredOff) {
            return;
        }
        p.hung = false;
        line(pod, "process resumes after " + (now() - p.hungSinceMs) + " ms");
        deliverHeld();
        if (p.handOffTo >= 0 && configs.resumed(p)) {
            recovery.catchUp();
            return;
        }
        switch (p.mode) {
            case LOOKING -> election.resumed(p);
            case FOLLOWING -> recovery.followerResumed(p);
            case LEADING -> recovery.leaderResumed(p);
            default -> {}
        }
        recovery.catchUp();
    }

    void partition(SortedSet<String> side) {
        net.addPartition(side, now());
        line("-", "network partition: " + side + " cut off from the other pods");
        recovery.linksImpaired();
    }

    /**
     * Replaces the partitions by {@code groups} (pods not listed: one more group); the clients sit with group
     * {@code clientGroup} ({@code groups.size()}: with the pods not listed).
     */
    void cut(List<? extends SortedSet<String>> groups, int clientGroup) {
        net.healPartitions();
        for (int i = 0; i < groups.size(); i++) {
            java.util.TreeSet<String> side = new java.util.TreeSet<>(groups.get(i));
            if (i == clientGroup) {
                side.add(Network.CLIENTS);
            }
            net.addPartition(side, now());
        }
        if (clientGroup == groups.size() && groups.isEmpty()) {
            return;
        }
        line(
                "-",
                "network partition: " + groups
                        + (clientGroup < groups.size()
                                ? ", clients with " + groups.get(clientGroup)
                                : ", clients with the other pods"));
        deliverHeld();
        recovery.deliverHeldFins();
        recovery.catchUp();
        recovery.linksImpaired();
    }

    /** A slow link: election messages from {@code fromPod} to {@code toPod} take {@code delayMs} longer. */
    void slowLink(String fromPod, String toPod, long delayMs) {
        net.setDelay(sidOf(fromPod), sidOf(toPod), delayMs);
        line("-", "link " + fromPod + " -> " + toPod + " delays every message by " + delayMs + " ms");
    }

    /**
     * A dropped link: the connections between the two servers close with RST, which both ends notice at once (a
     * follower of the other goes LOOKING, the leader drops its handler and counts its quorum at the next tick), and
     * new connections between them are reset until {@link #heal}. Either direction is enough: {@link Network#dropped}.
     */
    void dropLink(String fromPod, String toPod) {
        int from = sidOf(fromPod);
        int to = sidOf(toPod);
        net.drop(from, to);
        line("-", "link " + fromPod + " -> " + toPod + " dropped: its connections are reset, new ones refused");
        net.closeChannel(from, to);
        Peer a = peers.get(from);
        Peer b = peers.get(to);
        if (a != null && b != null) {
            recovery.connectionReset(a, b, "connection reset (link " + fromPod + " -> " + toPod + " dropped)");
        }
    }

    /** Whether a dropped link lies between the two servers (either direction). */
    boolean dropped(Peer a, Peer b) {
        return net.dropped(a.sid, b.sid);
    }

    private int sidOf(String pod) {
        return Integer.parseInt(pod.substring(pod.lastIndexOf('-') + 1)) + 1;
    }

    /** Whether a partition, a slow link or a dropped link is in place (what {@code heal} removes). */
    boolean anythingToHeal() {
        return !net.partitions().isEmpty() || net.hasDelays() || net.hasDrops();
    }

    void heal() {
        net.healPartitions();
        net.clearDelays();
        net.clearDrops();
        line("-", "network partitions healed");
        deliverHeld();
        recovery.deliverHeldFins();
        recovery.catchUp();
    }

    void dnsChanged(SortedMap<String, String> podIps) {
        net.setDns(podIps);
    }

    /** Since when the link between two servers is silent (partition or a hung end), if it is. */
    long impairedSince(Peer a, Peer b) {
        long since = Long.MAX_VALUE;
        var part = net.partitionedSince(a.pod, b.pod);
        if (part.isPresent()) {
            since = part.getAsLong();
        }
        if (a.hung) {
            since = Math.min(since, a.hungSinceMs);
        }
        if (b.hung) {
            since = Math.min(since, b.hungSinceMs);
        }
        return since;
    }

    /** Since when a partition separates the two servers, if one does. */
    java.util.OptionalLong partitionedSince(Peer a, Peer b) {
        return net.partitionedSince(a.pod, b.pod);
    }

    java.util.OptionalLong partitionedSince(String a, String b) {
        return net.partitionedSince(a, b);
    }

    boolean impaired(Peer a, Peer b) {
        return impairedSince(a, b) != Long.MAX_VALUE;
    }

    // --- election transport (QuorumCnxManager) -------------------------------------------------------------------

    void send(Peer from, int toSid, Notification n) {
        if (toSid == from.sid) {
            schedule(0, new Wakeup.Deliver(from.sid, from.incarnation, from.sid, from.incarnation, n));
            return;
        }
        Peer to = peers.get(toSid);
        if (to != null && net.channelUp(from, to)) {
            if (impaired(from, to)) {
                net.hold(from, to, n);
            } else {
                schedule(
                        timing.messageDelayMs() + net.delayMs(from.sid, to.sid),
                        new Wakeup.Deliver(to.sid, to.incarnation, from.sid, from.incarnation, n));
            }
            return;
        }
        net.queue(from.sid, toSid, n);
        tryConnect(from, toSid);
    }

    /**
     * The address {@code from}'s process connects to for {@code name}: the published record, which it remembers, or,
     * when the name does not resolve now, the address it last resolved (null if it never did). See
     * {@link Peer#resolved}.
     */
    String lookup(Peer from, String name) {
        String ip = net.dns().get(name);
        if (ip != null) {
            from.resolved.put(name, ip);
            return ip;
        }
        return from.resolved.get(name);
    }

    /**
     * Whether {@code from}'s connection to {@code to}'s pod name lands on {@code to}'s process (its own name always
     * does).
     */
    boolean reaches(Peer from, Peer to) {
        return from.pod.equals(to.pod) || to.launch.podIp().equals(lookup(from, to.pod));
    }

    /** QuorumCnxManager.connectOne: open the election connection if the rules allow, then flush queued messages. */
    void tryConnect(Peer attempter, int targetSid) {
        Peer target = peers.get(targetSid);
        if (target == null
                || !target.up()
                || net.channelUp(attempter, target)
                || impaired(attempter, target)
                || dropped(attempter, target)) {
            return;
        }
        Peer hi = attempter.sid > target.sid ? attempter : target;
        Peer lo = attempter.sid > target.sid ? target : attempter;
        // The higher id connects with its configured address for the lower (re-resolved, the last one kept on a failed
        // lookup: reaches). A call from the lower id is dropped and called back at the address the caller advertised
        // in its initial message, resolved afresh
        // (QuorumCnxManager.handleConnection → connectOne(sid, electionAddr)): nothing is remembered there, so a
        // restarted lower id is not called back until its name is published again.
        boolean ok = attempter == hi
                ? reaches(hi, lo)
                : reaches(lo, hi) && lo.launch.podIp().equals(net.dns().get(lo.pod));
        if (!ok) {
            return;
        }
        net.openChannel(attempter, target);
        flush(attempter, target);
        flush(target, attempter);
    }

    private void flush(Peer from, Peer to) {
        Notification n = net.takeQueued(from.sid, to.sid);
        if (n != null) {
            schedule(
                    timing.messageDelayMs(), new Wakeup.Deliver(to.sid, to.incarnation, from.sid, from.incarnation, n));
        }
    }

    void deliver(Wakeup.Deliver d) {
        Peer to = peer(d.to(), d.toIncarnation());
        if (to == null || to.hung || !to.up()) {
            return;
        }
        if (d.from() != d.to()) {
            Peer from = peer(d.from(), d.fromIncarnation());
            if (from == null || !net.channelUp(from, to)) {
                return;
            }
            if (impaired(from, to)) {
                net.hold(from, to, d.n());
                return;
            }
        }
        election.receive(to, d.n());
    }

    /** A link works again: what TCP kept for it arrives, in order. */
    void deliverHeld() {
        for (long key : net.heldKeys()) {
            Peer from = peers.get(Network.fromOf(key));
            Peer to = peers.get(Network.toOf(key));
            if (from == null || to == null || impaired(from, to)) {
                continue;
            }
            for (Network.Held h : net.takeHeld(key)) {
                if (h.fromIncarnation() == from.incarnation
                        && h.toIncarnation() == to.incarnation
                        && net.channelUp(from, to)) {
                    schedule(
                            timing.messageDelayMs(),
                            new Wakeup.Deliver(to.sid, to.incarnation, from.sid, from.incarnation, h.n()));
                }
            }
        }
    }

    // --- views ----------------------------------------------------------------------------------------------------

    List<Peer> peersInOrder() {
        return new ArrayList<>(peers.values());
    }

    Map<Integer, Peer> peerMap() {
        return peers;
    }
}
