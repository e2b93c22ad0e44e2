package dev.zksim.model.zab;

import dev.zksim.model.zab.ZabOptions.SessionTxns;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Client reads and writes against the model (what {@code kubectl exec zk-N -- zkCli.sh ...} or a client through the
 * {@code zk-cs} Service does). A write is forwarded to the leader, which proposes it; it commits — and the client
 * gets its zxid — only when a quorum of voting servers (leader included) has logged it (Zab paper §III phase 3,
 * Leader.processAck). Without a quorum the proposal stays logged but uncommitted on the servers that got it, and the
 * client sees ConnectionLoss once the leader gives up: such a write may still reappear if a later leader has it.
 * Reads are answered by the contacted server from what it has applied (sequential consistency, not linearizability),
 * unless they sync first.
 */
final class Clients {
    private record Draft(Txn.TxnType type, long session, String path, String value) {}

    private final ZabCore e;

    Clients(ZabCore e) {
        this.e = e;
    }

    WriteResult write(String pod, WriteRequest op) {
        Peer p = e.peerByPod(pod);
        String refused = refusal(p, pod);
        if (refused != null) {
            return new WriteResult.NoReply(refused);
        }
        long session = e.nextSessionId++;
        boolean sessions = e.options.sessionTxns() == SessionTxns.ONE_SHOT_CLIENT && p.mode != ServerMode.STANDALONE;
        Optional<KeeperCode> error;
        DynamicConfig proposed = null;
        if (op instanceof WriteRequest.ConfigChange r && owner(p).dynamic != null) {
            Peer l = owner(p);
            String unreachable = leaderUnreachable(p, l);
            if (unreachable != null) {
                return new WriteResult.NoReply(unreachable);
            }
            // the reconfig's zxid: the next one, after the createSession of a one-shot session
            long zxid = l.lead == null ? 0 : Zxid.make(l.lead.epoch, l.lead.counter + (sessions ? 2 : 1));
            ReconfigCheck.CheckVerdict v = ReconfigCheck.check(r, leaderView(l), zxid);
            if (v instanceof ReconfigCheck.CheckRefused no) {
                e.line(l.pod, "reconfig refused: " + no.detail());
                error = Optional.of(no.code());
            } else {
                error = Optional.empty();
                proposed = ((ReconfigCheck.CheckPassed) v).next();
            }
        } else if (op instanceof WriteRequest.ConfigChange) {
            // The leader's PrepRequestProcessor checks reconfigEnabled before anything else; the zoo.cfg that
            // start-zookeeper writes leaves it at ZooKeeper's default, false (docs/reconfig.md).
            error = Optional.of(KeeperCode.RECONFIG_DISABLED);
        } else {
            SortedMap<String, Znode> tree = DataTree.replay(e.volume(owner(p)).history(), Long.MAX_VALUE);
            error = DataTree.check(tree, op);
        }
        List<Draft> drafts = new ArrayList<>();
        if (sessions) {
            drafts.add(new Draft(Txn.TxnType.CREATE_SESSION, session, "", ""));
        }
        DynamicConfig next = proposed;
        drafts.add(error.map(c -> new Draft(Txn.TxnType.ERROR, session, op.path(), c.name()))
                .orElseGet(() -> next != null
                        ? new Draft(Txn.TxnType.RECONFIG, session, op.path(), next.memberLines())
                        : draftOf(op, session)));
        if (sessions) {
            drafts.add(new Draft(Txn.TxnType.CLOSE_SESSION, session, "", ""));
        }
        Peer l = owner(p);
        String unreachable = leaderUnreachable(p, l);
        if (unreachable != null) {
            return new WriteResult.NoReply(unreachable);
        }
        Commit c = commit(l, drafts);
        if (c == null || c.txns.size() <= (sessions ? 1 : 0)) {
            WriteResult.NoReply f = new WriteResult.NoReply("ConnectionLoss: leader " + l.pod
                    + " has no quorum of synced followers (acks from " + pods(e.recovery.ackers(l)) + ")");
            e.line(pod, "client " + op.describe() + ": " + f.reason());
            return f;
        }
        Txn opTxn = c.txns.get(sessions ? 1 : 0);
        long latency = drafts.size() * e.timing.quorumWriteMs() + (p == l ? 0 : 2 * e.timing.messageDelayMs());
        if (error.isPresent()) {
            // the admin client raises a reconfig's error without a path (ZooKeeperAdmin.reconfigure)
            String message = error.get().message(op instanceof WriteRequest.ConfigChange ? null : op.path());
            e.line(pod, "client " + op.describe() + ": " + message);
            return new WriteResult.Rejected(error.get(), opTxn.zxid(), pod, message);
        }
        long epoch = Zxid.epoch(opTxn.zxid());
        e.history.acked(new AckedTxn(opTxn, pod, l.sid, epoch, e.now(), e.now() + latency, List.copyOf(c.loggedBy)));
        e.line(
                pod,
                "client " + op.describe() + " acknowledged as " + Zxid.hex(opTxn.zxid()) + " (logged by "
                        + pods(c.loggedBy) + ")");
        return new WriteResult.Committed(opTxn.zxid(), pod, latency);
    }

    /**
     * A client on the zk-cs Service: each connection lands on a random Ready endpoint, and a server that does not
     * serve closes it, so the client (retrying within its connection time-out) ends up on the first serving endpoint
     * in a seeded random order.
     */
    WriteResult writeViaService(WriteRequest op) {
        List<String> order = endpointOrder();
        if (order.isEmpty()) {
            return new WriteResult.NoReply("ConnectionLoss: service zk-cs has no ready endpoints");
        }
        return write(firstServing(order), op);
    }

    ReadResult read(String pod, String path, boolean sync) {
        Peer p = e.peerByPod(pod);
        String refused = refusal(p, pod);
        if (refused != null) {
            return new ReadResult.NoAnswer(refused);
        }
        long visible;
        if (p.mode == ServerMode.STANDALONE) {
            visible = p.lastProcessedZxid;
        } else {
            Peer l = owner(p);
            String unreachable =
                    (sync || e.options.sessionTxns() == SessionTxns.ONE_SHOT_CLIENT) ? leaderUnreachable(p, l) : null;
            if (unreachable != null) {
                return new ReadResult.NoAnswer(unreachable);
            }
            boolean sessions = e.options.sessionTxns() == SessionTxns.ONE_SHOT_CLIENT;
            long session = e.nextSessionId++;
            if (sessions && commit(l, List.of(new Draft(Txn.TxnType.CREATE_SESSION, session, "", ""))) == null) {
                return new ReadResult.NoAnswer(
                        "ConnectionLoss: session not established, leader " + l.pod + " has no quorum");
            }
            // A fresh session's createSession is applied after every earlier commit, so it reads as if synced.
            visible = sync || sessions || p == l ? p.lastProcessedZxid : p.visibleZxid(e.now());
            if (sessions) {
                commit(l, List.of(new Draft(Txn.TxnType.CLOSE_SESSION, session, "", "")));
            }
        }
        if (path.equals(DataTree.CONFIG_NODE)) {
            // written at start from zoo.cfg (QuorumPeerMain: initConfigInZKDatabase), version 0, never by a client
            return new ReadResult.ZnodeFound(path, new Znode(p.configText(), 0, 0), pod);
        }
        SortedMap<String, Znode> tree = DataTree.replay(e.volume(p).history(), visible);
        Znode node = tree.get(path);
        return node == null ? new ReadResult.NoNode(path, pod) : new ReadResult.ZnodeFound(path, node, pod);
    }

    ReadResult readViaService(String path, boolean sync) {
        List<String> order = endpointOrder();
        if (order.isEmpty()) {
            return new ReadResult.NoAnswer("ConnectionLoss: service zk-cs has no ready endpoints");
        }
        return read(firstServing(order), path, sync);
    }

    /** The Ready endpoints in the order successive connections through the Service VIP reach them (seeded). */
    private List<String> endpointOrder() {
        List<String> ready = new ArrayList<>(e.net.dns().keySet());
        for (int i = ready.size() - 1; i > 0; i--) {
            int j = e.serviceRandom.nextInt(i + 1);
            String t = ready.get(i);
            ready.set(i, ready.get(j));
            ready.set(j, t);
        }
        return ready;
    }

    private String firstServing(List<String> order) {
        for (String pod : order) {
            Peer p = e.peerByPod(pod);
            if (p != null
                    && p.serving()
                    && !e.net.partitionedSince(Network.CLIENTS, pod).isPresent()) {
                return pod;
            }
        }
        return order.get(0);
    }

    private String refusal(Peer p, String pod) {
        if (e.net.partitionedSince(Network.CLIENTS, pod).isPresent()) {
            return "ConnectionLoss: " + pod + " does not answer (partitioned from the clients)";
        }
        if (p == null) {
            return "ConnectionLoss: " + pod + " is not running (connection refused)";
        }
        if (p.mode == ServerMode.STARTING) {
            return "ConnectionLoss: " + pod + " is starting (connection refused)";
        }
        if (p.hung) {
            return "ConnectionLoss: " + pod + " does not answer";
        }
        if (!p.serving()) {
            return "ConnectionLoss: " + pod + " is not serving requests (" + p.mode
                    + (p.phase == ZabPhase.ELECTION ? "" : ", " + p.phase) + ")";
        }
        return null;
    }

    /** The server whose history decides a write: the leader, or the standalone server itself. */
    private Peer owner(Peer p) {
        if (p.mode == ServerMode.FOLLOWING && p.goneLeaderPod == null) {
            // (a follower of a leader that ended behind a partition has no leader to forward to: a new process of
            // that pod is not the one its connection leads to)
            Peer l = e.peerMap().get(p.leaderSid);
            return l != null ? l : p;
        }
        return p;
    }

    private String leaderUnreachable(Peer p, Peer l) {
        if (p.mode == ServerMode.LEADING && p == l && p.lead != null && !p.lead.allowedToCommit) {
            return "ConnectionLoss: leader " + l.pod + " handed off to the designated leader (commits nothing more)";
        }
        if (p.mode == ServerMode.STANDALONE || (p.mode == ServerMode.LEADING && p == l)) {
            return null;
        }
        if (l == p || l.lead == null || l.lead.step != LeaderState.LeadStage.BROADCAST) {
            return "ConnectionLoss: " + p.pod + " has no serving leader";
        }
        if (!l.lead.allowedToCommit) {
            return "ConnectionLoss: leader " + l.pod + " handed off to the designated leader (commits nothing more)";
        }
        if (e.impaired(p, l)) {
            return "ConnectionLoss: " + p.pod + " cannot reach leader " + l.pod + " (request timed out)";
        }
        return null;
    }

    /** What the leader knows when it checks a reconfig (PrepRequestProcessor asks the LeaderZooKeeperServer). */
    private ReconfigCheck.LeaderView leaderView(Peer l) {
        String domain = l.launch.fqdn().substring(l.launch.hostname().length() + 1);
        return new ReconfigCheck.LeaderView(
                l.dynamic.reconfigEnabled(),
                l.mode == ServerMode.STANDALONE,
                l.dynamic.standaloneEnabled(),
                l.committed,
                e.configs.lastSeen(l),
                // forwardingFollowers: observers sync through observingLearners and are not counted
                l.lead == null ? List.of(l.sid) : e.configs.withoutObservers(e.recovery.syncedForTick(l)),
                pod -> memberOfPod(pod, domain, l));
    }

    /**
     * {@code -add zk-3}: the server line the reconfig manifest's start script builds for a pod of this StatefulSet
     * ({@code server.<ordinal+1>=<pod>.<domain>:<serverPort>:<electionPort>:participant;<clientPort>}).
     */
    private java.util.Optional<ConfigMember> memberOfPod(String pod, String domain, Peer l) {
        String prefix = e.statefulSetName + "-";
        if (e.statefulSetName == null || !pod.startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        String ordinal = pod.substring(prefix.length());
        if (ordinal.isEmpty() || !ordinal.chars().allMatch(Character::isDigit) || ordinal.length() > 6) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ConfigMember(
                Integer.parseInt(ordinal) + 1,
                pod + "." + domain + ":" + l.config.serverPort() + ":" + l.config.electionPort(),
                false,
                "0.0.0.0:" + l.config.clientPort()));
    }

    private static Draft draftOf(WriteRequest op, long session) {
        if (op instanceof WriteRequest.Create c) {
            return new Draft(Txn.TxnType.CREATE, session, c.path(), c.value());
        } else if (op instanceof WriteRequest.SetData s) {
            return new Draft(Txn.TxnType.SET_DATA, session, s.path(), s.value());
        } else {
            return new Draft(Txn.TxnType.DELETE, session, op.path(), "");
        }
    }

    private record Commit(List<Txn> txns, TreeSet<Integer> loggedBy) {}

    /** Proposes the drafts in order; null when no quorum acknowledges (the first proposal stays logged). */
    private Commit commit(Peer l, List<Draft> drafts) {
        if (l.mode == ServerMode.STANDALONE) {
            List<Txn> txns = new ArrayList<>();
            for (Draft d : drafts) {
                Txn t = new Txn(l.lastProcessedZxid + 1, d.type(), d.session(), d.path(), d.value());
                e.putVolume(l, e.volume(l).append(t));
                l.lastProcessedZxid = t.zxid();
                l.resetVisible(t.zxid());
                txns.add(t);
            }
            TreeSet<Integer> self = new TreeSet<>();
            self.add(l.sid);
            return new Commit(txns, self);
        }
        TreeSet<Integer> ackers = e.recovery.ackers(l);
        List<Txn> txns = new ArrayList<>();
        for (Draft d : drafts) {
            if (l.lead == null || !l.lead.allowedToCommit) {
                // a committed reconfig handed leadership off: what is left of the batch (a one-shot session's
                // closeSession) goes to the designated leader, which the model does not follow
                break;
            }
            // SyncedLearnerTracker.hasAllQuorums: the committed config, and the proposed one while a reconfig is
            // pending (this draft's own, for a reconfig)
            boolean quorum = e.configs.jointQuorum(
                            l,
                            ackers,
                            d.type() == Txn.TxnType.RECONFIG
                                    ? DynamicConfig.parse(d.value()).orElseThrow()
                                    : l.committed == null ? null : e.configs.pending(l))
                    || e.broken(BrokenRule.COMMIT_WITHOUT_QUORUM);
            if (!quorum) {
                // an observer gets INFORM packets of committed transactions only, never a PROPOSAL (Leader.propose
                // sends to forwardingFollowers; commitAndActivate/inform to observingLearners)
                TreeSet<Integer> loggers = new TreeSet<>();
                for (int sid : ackers) {
                    if (!e.peerMap().get(sid).observer()) {
                        loggers.add(sid);
                    }
                }
                Txn t = propose(l, d, loggers);
                e.line(
                        l.pod,
                        "proposal " + t.describe() + " logged by " + pods(ackers) + ", no quorum"
                                + (l.committed != null && e.configs.pending(l) != null ? " of both configs" : "")
                                + ": not committed");
                return txns.isEmpty() ? null : new Commit(txns, ackers);
            }
            Txn t = propose(l, d, ackers);
            l.lastProcessedZxid = t.zxid();
            l.resetVisible(t.zxid());
            for (int sid : ackers) {
                Peer f = e.peerMap().get(sid);
                if (f != l) {
                    f.commitVisibleAt(t.zxid(), e.now() + e.timing.followerCommitLagMs(), e.now());
                }
            }
            txns.add(t);
            if (l.committed != null) {
                e.configs.committedThrough(l, t.zxid());
            }
        }
        return new Commit(txns, ackers);
    }

    private Txn propose(Peer l, Draft d, TreeSet<Integer> loggers) {
        long zxid = Zxid.make(l.lead.epoch, ++l.lead.counter);
        Txn t = new Txn(zxid, d.type(), d.session(), d.path(), d.value());
        for (int sid : loggers) {
            Peer f = e.peerMap().get(sid);
            e.putVolume(f, e.volume(f).append(t));
        }
        return t;
    }

    private String pods(java.util.Collection<Integer> sids) {
        List<String> pods = new ArrayList<>();
        for (int sid : new TreeSet<>(sids)) {
            pods.add(e.podOf(sid));
        }
        return String.join(", ", pods);
    }
}
