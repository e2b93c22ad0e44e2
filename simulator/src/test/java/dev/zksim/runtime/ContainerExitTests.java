package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.k8s.ContainerLaunch;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.scenario.engine.ClientTarget;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Containers whose process ends on its own, and the single-server (standalone) case. */
class ContainerExitTests {

    /** Starts {@code launch} and returns the exit the kubelet is told about (pod and code, on the driver thread). */
    private static CompletableFuture<String> startAndAwaitExit(RealEnsemble e, ContainerLaunch launch) {
        CompletableFuture<String> exit = new CompletableFuture<>();
        e.onDriver(() -> {
            e.runtime.setExitListener((pod, code) -> exit.complete(pod + " exited " + code
                    + (e.scheduler.isDriverThread(Thread.currentThread()) ? " on the driver" : " elsewhere")));
            e.runtime.start(launch);
            return null;
        });
        return exit;
    }

    @Test
    void aHostnameWithoutOrdinalMakesStartZooKeeperExitWithOne() throws Exception {
        try (RealEnsemble e = new RealEnsemble(3)) {
            ContainerLaunch l = TestEnsembles.launch(e.spec, 0, 0, 0);
            ContainerLaunch bad = new ContainerLaunch(
                    l.podName(),
                    0,
                    "zookeeper",
                    l.fqdn(),
                    l.nodeName(),
                    l.podIp(),
                    l.volumeId(),
                    l.template(),
                    l.ensemble(),
                    0);
            assertThat(startAndAwaitExit(e, bad).get(10, TimeUnit.SECONDS)).isEqualTo("zk-0 exited 1 on the driver");
            assertThat(e.probe("zk-0")).isFalse();
            assertThat(e.runtime.status("zk-0").mode()).isEqualTo(QuorumPeerStatus.PeerMode.NOT_RUNNING);
            assertThat(Files.readString(e.runtime.logFile("zk-0")))
                    .contains("Failed to extract ordinal from hostname zookeeper");
        }
    }

    /**
     * ZooKeeper asks to exit the JVM with 14 when it cannot bind its election port (QuorumCnxManager.Listener, after
     * three tries a second apart): the exit routing turns that into this container's exit.
     */
    @Test
    void anElectionPortThatCannotBeBoundEndsTheContainerWithFourteen() throws Exception {
        // Without the network-fault layer the server binds the pod IP itself, which is what the squatter takes here.
        try (RealEnsemble e = new RealEnsemble(3, RuntimeOptions.defaults().withFaultLayer(false))) {
            String cidr = e.runtime.cidr();
            String ip = cidr.substring(0, cidr.lastIndexOf('.')) + ".200";
            try (ServerSocket squatter = new ServerSocket()) {
                squatter.bind(new InetSocketAddress(InetAddress.getByName(ip), 3888));
                ContainerLaunch l = TestEnsembles.launch(e.spec, 1, 1, 0);
                ContainerLaunch onIp = new ContainerLaunch(
                        l.podName(),
                        1,
                        l.hostname(),
                        l.fqdn(),
                        l.nodeName(),
                        ip,
                        l.volumeId(),
                        l.template(),
                        l.ensemble(),
                        0);
                assertThat(startAndAwaitExit(e, onIp).get(20, TimeUnit.SECONDS))
                        .isEqualTo("zk-1 exited 14 on the driver");
            }
            assertThat(Files.readString(e.runtime.logFile("zk-1")))
                    .contains("JVM should exit with code 14")
                    .contains("container exited with code 14");
        }
    }

    @Test
    void oneServerRunsStandalone() throws Exception {
        try (RealEnsemble e = new RealEnsemble(1)) {
            String leader = e.startAll();
            assertThat(leader).isEqualTo("zk-0");
            assertThat(e.runtime.status("zk-0").mode()).isEqualTo(QuorumPeerStatus.PeerMode.STANDALONE);
            assertThat(e.runtime.fourLetterWord("zk-0", "srvr")).contains("Mode: standalone");
            ClientResult w = e.runtime.clients().write(ClientTarget.service("zk-cs"), "/solo", "1", 10_000);
            assertThat(w.acknowledged()).as("%s", w).isTrue();
            assertThat(e.runtime
                            .clients()
                            .read(ClientTarget.pod("zk-0"), "/solo", false, 10_000)
                            .valueRead())
                    .contains("1");
            EnsembleSpec spec = e.spec;
            assertThat(e.runtime.volume("pvc-datadir-zk-0").orElseThrow().root().resolve("data/myid"))
                    .as(
                            "start-zookeeper writes myid only for more than one server (%s)",
                            spec.statefulSet().name())
                    .doesNotExist();
            e.stop("zk-0");
            assertThat(e.runtime.status("zk-0").mode()).isEqualTo(QuorumPeerStatus.PeerMode.NOT_RUNNING);
            assertThat(e.probe("zk-0")).isFalse();
        }
    }
}
