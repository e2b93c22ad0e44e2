package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.scenario.engine.ClientTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * After close nothing of a simulation remains: no ZooKeeper (server or client) thread, no listening port, no
 * directory, no DNS record, no subnet claim; over many lifecycles in one JVM.
 */
class CleanCloseTests {
    private static final int LIFECYCLES = 10;
    /** Names of the threads ZooKeeper's server and client start, and zksim's own. */
    private static final Pattern ZOOKEEPER_THREAD =
            Pattern.compile("QuorumPeer.*|WorkerSender.*|WorkerReceiver.*|SendWorker.*|RecvWorker.*|ListenerHandler.*"
                    + "|QuorumPeerListener|QuorumConnectionThread.*|LearnerHandler.*|LearnerCnxAcceptor.*"
                    + "|LeaderConnector.*|NIOWorkerThread.*|NIOServerCxnFactory.*|ConnnectionExpirer|SyncThread.*"
                    + "|CommitProcessor.*|CommitProcWorkThread.*|ProcessThread.*|SessionTracker|PurgeTask"
                    + "|RequestThrottler|FollowerRequestProcessor.*|.*-SendThread.*|.*-EventThread|zk-.*");

    @Test
    void manyLifecyclesLeaveNoThreadsPortsDirectoriesOrNames() throws IOException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        List<InetAddress> ips = new ArrayList<>();
        List<Path> roots = new ArrayList<>();
        List<String> cidrs = new ArrayList<>();
        JvmHostsFile hosts = JvmHostsFile.get();

        for (int i = 0; i < LIFECYCLES; i++) {
            RealEnsemble e = new RealEnsemble(3);
            try (e) {
                String leader = e.startAll();
                assertThat(e.runtime
                                .clients()
                                .write(ClientTarget.service("zk-cs"), "/n", "" + i, 10_000)
                                .acknowledged())
                        .isTrue();
                e.kill(leader);
                e.unpublish(leader);
                assertThat(e.runtime
                                .clients()
                                .writeUntilAcknowledged(ClientTarget.service("zk-cs"), "/n", "after " + i, 20_000)
                                .acknowledged())
                        .isTrue();
                e.runtime
                        .statuses()
                        .keySet()
                        .forEach(p -> ips.add(e.runtime.podIp(p).orElseThrow()));
                roots.add(e.runtime.root());
                cidrs.add(e.runtime.cidr());
            }
            assertThat(e.runtime.leakedThreads()).as("lifecycle %d", i).isEmpty();
        }

        boolean gone = Awaits.until(() -> leftovers(before).isEmpty(), 10_000, 10);
        assertThat(gone).as("threads left: %s", leftovers(before)).isTrue();
        for (InetAddress ip : ips) {
            for (int port : new int[] {2181, 2888, 3888}) {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress(ip, port)); // fails while anything still listens there
                }
            }
        }
        assertThat(ListeningSockets.supported() ? ListeningSockets.ofThisProcess() : List.of())
                .as("listening sockets after close")
                .isEmpty();
        assertThat(roots).allSatisfy(r -> assertThat(r).doesNotExist());
        for (String cidr : cidrs) {
            try (ServerSocket claim = new ServerSocket()) {
                String gateway = cidr.substring(0, cidr.lastIndexOf('.')) + ".1";
                claim.bind(new InetSocketAddress(InetAddress.getByName(gateway), LoopbackSubnets.CLAIM_PORT));
            }
        }
        assertThat(hosts.render()).doesNotContain("zk-hs").doesNotContain("zk-cs");
        if (Runtime.version().feature() < 19) { // from JDK 19 on, thread groups are weakly held: nothing to release
            assertThat(threadGroupNames())
                    .as("thread groups still registered (each would keep a server reachable)")
                    .noneMatch(n -> n.startsWith("zksim-") || n.startsWith("pod "));
        }
    }

    private static List<String> threadGroupNames() {
        ThreadGroup top = Thread.currentThread().getThreadGroup();
        while (top.getParent() != null) {
            top = top.getParent();
        }
        ThreadGroup[] groups = new ThreadGroup[1024];
        int n = top.enumerate(groups, true);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(groups[i].getName());
        }
        return names;
    }

    private static List<String> leftovers(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .filter(t -> ZOOKEEPER_THREAD.matcher(t.getName()).matches() || inSimulationGroup(t))
                .map(t -> t.getName() + " ("
                        + (t.getThreadGroup() == null ? "-" : t.getThreadGroup().getName()) + ")")
                .sorted()
                .collect(Collectors.toList());
    }

    private static boolean inSimulationGroup(Thread t) {
        for (ThreadGroup g = t.getThreadGroup(); g != null; g = g.getParent()) {
            if (g.getName().startsWith("zksim-")) {
                return true;
            }
        }
        return false;
    }
}
