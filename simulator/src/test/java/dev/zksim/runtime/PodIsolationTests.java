package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.scenario.engine.ClientTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Each pod's server looks like a process of its own although all run in this JVM: its own metrics ({@code mntr}),
 * its own zoo.cfg settings (system properties), its own MBean names, and nothing printed to zksim's console.
 */
class PodIsolationTests {
    private static final int WRITES = 30;

    @Test
    void mntrReportsEachServersOwnCounters() throws IOException {
        try (RealEnsemble e = new RealEnsemble(3)) {
            String leader = e.startAll();
            e.awaitAllServing();
            for (int i = 0; i < WRITES; i++) {
                assertThat(e.runtime
                                .clients()
                                .write(ClientTarget.pod(leader), "/w", "" + i, 10_000)
                                .acknowledged())
                        .isTrue();
            }
            Map<String, Map<String, String>> mntr = new TreeMap<>();
            for (String pod : e.runtime.statuses().keySet()) {
                mntr.put(pod, parse(e.runtime.fourLetterWord(pod, "mntr")));
            }

            // ServerMetrics is per pod: a leader receives no proposals, so its learner counters stay at zero, and
            // only the leader queues outstanding changes (PrepRequestProcessor). One ServerMetrics per JVM would
            // give every server the sum: the leader two followers' proposals "received", each follower twice its
            // own, and outstanding changes on followers.
            assertThat(mntr.get(leader).getOrDefault("zk_learner_proposal_received_count", "0"))
                    .isEqualTo("0");
            assertThat(Long.parseLong(mntr.get(leader).get("zk_outstanding_changes_queued")))
                    .isGreaterThanOrEqualTo(WRITES);
            for (String follower : mntr.keySet()) {
                if (follower.equals(leader)) {
                    continue;
                }
                long received = Long.parseLong(mntr.get(follower).get("zk_learner_proposal_received_count"));
                // every transaction of this epoch (the writes, and the client's session creates and closes) is one
                // proposal to each follower: at most the zxid counter of the follower's last transaction
                long txns = e.runtime.status(follower).lastProcessedZxid() & 0xffffffffL;
                assertThat(received)
                        .as("%s proposals received, %d transactions in the epoch", follower, txns)
                        .isBetween((long) WRITES, txns);
                assertThat(mntr.get(follower).get("zk_outstanding_changes_queued"))
                        .isEqualTo("0");
            }
        }
    }

    @Test
    void aPodsUnknownZooCfgKeysStayItsOwn() throws IOException {
        try (RealEnsemble e = new RealEnsemble(3)) {
            // keys QuorumPeerConfig does not know become zookeeper.* system properties of the pod's process only
            e.runtime.addZooCfgLine("zk-0", "4lw.commands.whitelist", "ruok,srvr,stat,mntr,envi");
            e.runtime.addZooCfgLine("zk-0", "snapCount", "2");
            e.runtime.addZooCfgLine("zk-0", "zksimIsolationProbe", "zk-0");
            String leader = e.startAll();
            e.awaitAllServing();
            for (int i = 0; i < WRITES; i++) {
                assertThat(e.runtime
                                .clients()
                                .write(ClientTarget.pod(leader), "/s", "" + i, 10_000)
                                .acknowledged())
                        .isTrue();
            }

            assertThat(e.runtime.fourLetterWord("zk-0", "conf")).contains("not in the whitelist");
            assertThat(e.runtime.fourLetterWord("zk-1", "conf")).contains("clientPort=2181");
            assertThat(e.runtime.fourLetterWord("zk-2", "conf")).contains("clientPort=2181");
            // snapCount=2: zk-0 rolls a snapshot every few transactions, the others keep the default (100000)
            assertThat(Awaits.until(() -> snapshots(e, 0) > 5, 10_000, 10))
                    .as("zk-0 snapshots")
                    .isTrue();
            assertThat(snapshots(e, 1)).isLessThanOrEqualTo(2);
            assertThat(snapshots(e, 2)).isLessThanOrEqualTo(2);
            assertThat(System.getProperties().stringPropertyNames())
                    .doesNotContain(
                            "zookeeper.zksimIsolationProbe",
                            "zookeeper.snapCount",
                            "zookeeper.4lw.commands.whitelist",
                            "zookeeper.admin.enableServer");
            assertThat(System.getProperty("zookeeper.zksimIsolationProbe")).isNull();
        }
    }

    @Test
    void zooKeeperPrintsNothingToTheConsoleItsPurgeGoesToThePodLog() throws IOException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try (RealEnsemble e = new RealEnsemble(3)) {
            e.runtime.addZooCfgLine("zk-0", "snapCount", "2");
            String leader = e.startAll();
            e.awaitAllServing();
            for (int i = 0; i < WRITES; i++) {
                assertThat(e.runtime
                                .clients()
                                .write(ClientTarget.pod(leader), "/p", "" + i, 10_000)
                                .acknowledged())
                        .isTrue();
            }
            assertThat(Awaits.until(() -> snapshots(e, 0) > 5, 10_000, 10))
                    .as("zk-0 snapshots")
                    .isTrue();
            // a new container on the same volume: its autopurge task runs at once (DatadirCleanupManager schedules
            // it with no delay) and PurgeTxnLog prints every file it removes to System.out
            e.stop("zk-0");
            e.start(0, 0, 1);
            Path log = e.runtime.logFile("zk-0");
            assertThat(Awaits.until(() -> read(log).contains("stdout: Removing file: "), 20_000, 10))
                    .as("the purge's output in zk-0's log")
                    .isTrue();
            e.awaitAllReadyAndPublish();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void eachPodHasItsOwnMBeanNamesAndReportsItsElectionTimeThere() throws Exception {
        try (RealEnsemble a = new RealEnsemble(3);
                RealEnsemble b = new RealEnsemble(3)) {
            String leaderA = a.startAll();
            b.startAll();
            a.awaitAllServing();
            b.awaitAllServing();
            for (RealEnsemble e : List.of(a, b)) {
                for (int i = 0; i < 3; i++) {
                    String pod = "zk-" + i;
                    String own = "name0=ReplicatedServer_id" + (i + 1);
                    // the same names in both simulations, each in the pod's own MBean server
                    assertThat(e.runtime.mbeanNames(pod)).anyMatch(n -> n.contains(own));
                }
            }
            assertThat(ManagementFactory.getPlatformMBeanServer()
                            .queryNames(new ObjectName("org.apache.ZooKeeperService:*"), null))
                    .isEmpty();
            // JMX's ElectionTimeTaken is the number ZooKeeper logs as "LEADER ELECTION TOOK"
            for (String pod : a.runtime.statuses().keySet()) {
                OptionalLong jmx = a.runtime.electionTimeTakenMs(pod);
                long logged = a.runtime.elections().stream()
                        .filter(r -> r.pod().equals(pod))
                        .reduce((x, y) -> y)
                        .orElseThrow()
                        .electionTimeMs();
                assertThat(jmx).as("%s (leader %s)", pod, leaderA).hasValue(logged);
            }
        }
    }

    @Test
    void aStoppedContainersClassLoaderIsCollected() {
        WeakReference<ClassLoader> loader = runAndCloseAnEnsemble();
        assertThat(Awaits.until(
                        () -> {
                            System.gc();
                            return loader.get() == null;
                        },
                        20_000,
                        50))
                .as("the pod's class loader (and its ZooKeeper) is garbage after close")
                .isTrue();
    }

    /** In a method of its own, so that no stack slot of the test still refers to the loader. */
    private static WeakReference<ClassLoader> runAndCloseAnEnsemble() {
        try (RealEnsemble e = new RealEnsemble(3)) {
            e.startAll();
            ClassLoader l = e.runtime.serverClassLoader("zk-0").orElseThrow();
            assertThat(l)
                    .isNotSameAs(e.runtime.serverClassLoader("zk-1").orElseThrow())
                    .isNotSameAs(PodIsolationTests.class.getClassLoader());
            return new WeakReference<>(l);
        }
    }

    private static Map<String, String> parse(String mntr) {
        Map<String, String> m = new TreeMap<>();
        for (String line : mntr.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                m.put(line.substring(0, tab), line.substring(tab + 1).trim());
            }
        }
        return m;
    }

    private static long snapshots(RealEnsemble e, int ordinal) {
        Path volume = e.runtime.root().resolve("volumes").resolve("pvc-datadir-zk-" + ordinal);
        try (Stream<Path> files = Files.walk(volume)) {
            return files.filter(p -> p.getFileName().toString().startsWith("snapshot."))
                    .count();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            return "";
        }
    }
}
