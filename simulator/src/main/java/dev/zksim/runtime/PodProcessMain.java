package dev.zksim.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.zookeeper.jmx.MBeanRegistry;
import org.apache.zookeeper.server.DatadirCleanupManager;
import org.apache.zookeeper.server.ExitCode;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.admin.AdminServer.AdminServerException;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog.DatadirException;
import org.apache.zookeeper.server.quorum.Election;
import org.apache.zookeeper.server.quorum.Leader;
import org.apache.zookeeper.server.quorum.Learner;
import org.apache.zookeeper.server.quorum.QuorumPeer;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig.ConfigException;
import org.apache.zookeeper.server.quorum.Vote;
import org.apache.zookeeper.server.quorum.flexible.QuorumVerifier;
import org.apache.zookeeper.util.ServiceUtils;

/**
 * The pod's process: {@code QuorumPeerMain.main} after start-zookeeper, with ZooKeeper's classes of the pod's own
 * {@link PodServerLoader}. Loaded by that loader (never by the application's), created once per container start.
 *
 * <p>Before the server runs, it sets the two process-wide hooks ZooKeeper offers, which are the pod's own here
 * because the classes holding them are: the exit procedure ({@link ServiceUtils#setSystemExitProcedure}: log like
 * {@link ServiceUtils#LOG_ONLY}, then tell the container its process would have exited — never {@code System.exit}),
 * and the MBean registry ({@link PodMBeanRegistry}: the pod's own MBean server).
 */
public final class PodProcessMain implements PodProcess {
    private static final int STATUS_TIMEOUT_MS = 1_000;
    private static final Pattern ZXID = Pattern.compile("Zxid: 0x([0-9a-f]+)");

    // guarded by this
    private Host host;
    private QuorumPeer peer;
    private EmbeddedServers.Standalone standalone;
    private final PodMBeanRegistry mbeans = new PodMBeanRegistry();

    public PodProcessMain() {
        // created reflectively by PodServerLoader.newProcess
    }

    @Override
    public int run(Host h) {
        synchronized (this) {
            host = h;
        }
        ServiceUtils.setSystemExitProcedure(code -> {
            ServiceUtils.LOG_ONLY.accept(code);
            h.exitRequested(code);
        });
        MBeanRegistry.setInstance(mbeans);
        int code = ExitCode.EXECUTION_FINISHED.getValue();
        DatadirCleanupManager purge = null;
        try {
            PodQuorumPeerConfig config = new PodQuorumPeerConfig();
            config.parse(h.zooCfg(), PodQuorumPeerConfig.podView(h::hostPath), h.podFqdn(), h.podIp(), h.publishedIp());
            config.requireLoopbackBinds(h.podName());
            purge = new DatadirCleanupManager(
                    config.getDataDir(),
                    config.getDataLogDir(),
                    config.getSnapRetainCount(),
                    config.getPurgeInterval());
            purge.start();
            if (config.isDistributed()) {
                new EmbeddedServers.Quorum(this::peerStarted, h.podIp()).runFromConfig(config);
            } else {
                ServerConfig single = new ServerConfig();
                single.readFrom(config);
                new EmbeddedServers.Standalone(this::standaloneStarted).runFromConfig(single);
            }
        } catch (IllegalArgumentException | ConfigException e) {
            h.note("ERROR", "Invalid arguments, exiting abnormally", e);
            code = ExitCode.INVALID_INVOCATION.getValue();
        } catch (DatadirException e) {
            h.note("ERROR", "Unable to access datadir, exiting abnormally", e);
            code = ExitCode.UNABLE_TO_ACCESS_DATADIR.getValue();
        } catch (AdminServerException e) {
            h.note("ERROR", "Unable to start AdminServer, exiting abnormally", e);
            code = ExitCode.ERROR_STARTING_ADMIN_SERVER.getValue();
        } catch (Exception | LinkageError e) {
            h.note("ERROR", "Unexpected exception, exiting abnormally", e);
            code = ExitCode.UNEXPECTED_ERROR.getValue();
        } finally {
            if (purge != null) {
                purge.shutdown();
            }
        }
        return code;
    }

    private void peerStarted(QuorumPeer p) {
        Host h;
        synchronized (this) {
            peer = p;
            h = host;
        }
        h.started();
    }

    private void standaloneStarted(EmbeddedServers.Standalone s) {
        Host h;
        synchronized (this) {
            standalone = s;
            h = host;
        }
        h.started();
    }

    @Override
    public QuorumPeerStatus status() {
        QuorumPeer p;
        boolean single;
        String pod;
        synchronized (this) {
            p = peer;
            single = standalone != null;
            pod = host == null ? "?" : host.podName();
        }
        if (single) {
            return standaloneStatus(pod);
        }
        if (p == null) {
            return new QuorumPeerStatus(pod, QuorumPeerStatus.PeerMode.STARTING, false, -1, -1);
        }
        QuorumPeerStatus.PeerMode mode =
                switch (p.getPeerState()) {
                    case LOOKING -> QuorumPeerStatus.PeerMode.LOOKING;
                    case LEADING -> QuorumPeerStatus.PeerMode.LEADING;
                    case FOLLOWING -> QuorumPeerStatus.PeerMode.FOLLOWING;
                    case OBSERVING -> QuorumPeerStatus.PeerMode.OBSERVING;
                };
        ZooKeeperServer zks = p.getActiveServer();
        boolean serving = zks != null && zks.isRunning();
        Vote v = p.getCurrentVote();
        return new QuorumPeerStatus(
                pod,
                mode,
                serving,
                serving ? zks.getLastProcessedZxid() : -1,
                v == null ? -1 : v.getId(),
                p.getMyId(),
                Optional.ofNullable(votingConfig(p)));
    }

    /**
     * The voters of the peer's committed config and, when its last seen config is newer (a reconfig proposed, not
     * committed), of that one: Leader.propose adds the last seen verifier to a proposal exactly when its version is
     * higher than the committed one's. Both getters take QuorumPeer's QV_LOCK, so each is a consistent snapshot (the
     * pair may straddle a commit, which the next status read corrects).
     */
    private static QuorumPeerStatus.VotingConfig votingConfig(QuorumPeer p) {
        QuorumVerifier committed = p.getQuorumVerifier();
        if (committed == null) {
            return null;
        }
        QuorumVerifier seen = p.getLastSeenQuorumVerifier();
        List<Long> proposed = seen != null && seen.getVersion() > committed.getVersion()
                ? List.copyOf(seen.getVotingMembers().keySet())
                : List.of();
        return new QuorumPeerStatus.VotingConfig(
                committed.getVersion(), List.copyOf(committed.getVotingMembers().keySet()), proposed);
    }

    /**
     * ZooKeeperServerMain keeps its server to itself, so a standalone server's status is what {@code srvr} says
     * ("Mode: standalone", "Zxid: 0x...").
     */
    private QuorumPeerStatus standaloneStatus(String pod) {
        InetSocketAddress address;
        synchronized (this) {
            address = new InetSocketAddress(host.podIp(), standalone.getClientPort());
        }
        try {
            String srvr = FourLetterWords.send(address, "srvr", STATUS_TIMEOUT_MS);
            Matcher m = ZXID.matcher(srvr);
            boolean serving = srvr.contains("Mode: standalone");
            return new QuorumPeerStatus(
                    pod,
                    QuorumPeerStatus.PeerMode.STANDALONE,
                    serving,
                    serving && m.find() ? Long.parseUnsignedLong(m.group(1), 16) : -1,
                    -1);
        } catch (IOException e) {
            return new QuorumPeerStatus(pod, QuorumPeerStatus.PeerMode.STANDALONE, false, -1, -1);
        }
    }

    @Override
    public void shutdown() {
        QuorumPeer p;
        EmbeddedServers.Standalone s;
        synchronized (this) {
            p = peer;
            s = standalone;
        }
        if (p != null) {
            sever(p);
            p.shutdown();
        } else if (s != null) {
            s.close();
        }
    }

    /**
     * What the kernel does for a process that ends (SIGKILL, or SIGTERM, which ZooKeeper does not handle), as far as
     * ZooKeeper's API reaches: the quorum connections (the leader's to every learner, a learner's to its leader) close
     * at once, before anything else happens, and the election channel goes with them, so no peer gets another message
     * from the dying server. Closing a socket sends what the kernel sends for a dead process (FIN, or RST when unread
     * data is pending).
     */
    private static void sever(QuorumPeer p) {
        Leader leader = p.leader;
        if (leader != null) {
            leader.getLearners().forEach(h -> closeQuietly(h.getSocket()));
        }
        Learner learner = p.follower != null ? p.follower : p.observer;
        if (learner != null) {
            closeQuietly(learner.getSocket());
        }
        Election e = p.getElectionAlg();
        if (e != null) {
            e.shutdown();
        }
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed: just what we want
            }
        }
    }

    @Override
    public OptionalLong electionTimeTakenMs() {
        MBeanServer server = mbeans.getPlatformMBeanServer();
        try {
            for (ObjectName name : server.queryNames(new ObjectName(MBeanRegistry.DOMAIN + ":*"), null)) {
                // ZooKeeper names a bean name0, name1, ... down its path; the last is the bean's own name
                String leaf =
                        name.getKeyProperty("name" + (name.getKeyPropertyList().size() - 1));
                if (("Leader".equals(leaf) || "Follower".equals(leaf)) && server.isRegistered(name)) {
                    Object v = server.getAttribute(name, "ElectionTimeTaken");
                    if (v instanceof Number n) {
                        return OptionalLong.of(n.longValue());
                    }
                }
            }
        } catch (JMException e) {
            // unregistered between the query and the read: the server stopped leading or following
        }
        return OptionalLong.empty();
    }

    @Override
    public List<String> mbeanNames() {
        MBeanServer server = mbeans.getPlatformMBeanServer();
        List<String> names = new ArrayList<>();
        try {
            server.queryNames(new ObjectName(MBeanRegistry.DOMAIN + ":*"), null)
                    .forEach(n -> names.add(n.getCanonicalName()));
        } catch (JMException e) {
            throw new IllegalStateException(e); // the pattern is a constant
        }
        names.sort(null);
        return names;
    }
}
