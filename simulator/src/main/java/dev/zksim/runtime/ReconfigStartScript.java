package dev.zksim.runtime;

import dev.zksim.model.manifest.ReconfigStartCommand;
import dev.zksim.model.manifest.ReconfigStartFiles;
import dev.zksim.model.manifest.ZkConfig;
import dev.zksim.model.manifest.ZooCfg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the start script of {@code k8s-manifests/zookeeper-reconfig.yaml} ({@code zk-reconfig-start}) decides before
 * it execs the server, and the lines its background loop and the manifest's preStop hook look for. The runtime acts
 * the script out with these ({@link ZooKeeperContainer} for the files, {@link RealContainerRuntime} for the loops);
 * every decision here follows a line of the script.
 */
final class ReconfigStartScript {
    // the script's numbers, shared with the model engine's run of it (ReconfigStartCommand)
    static final long CONFIG_QUERY_TIMEOUT_MS = ReconfigStartCommand.CONFIG_QUERY_TIMEOUT_MS;
    static final int ADD_TRIES = ReconfigStartCommand.ADD_TRIES;
    static final long ADD_PAUSE_MS = ReconfigStartCommand.TRY_PAUSE_MS;
    static final long ADD_TIMEOUT_MS = ReconfigStartCommand.ADD_TIMEOUT_MS;
    static final int REMOVE_TRIES = ReconfigStartCommand.REMOVE_TRIES;
    static final long REMOVE_PAUSE_MS = ReconfigStartCommand.TRY_PAUSE_MS;
    static final long REMOVE_TIMEOUT_MS = ReconfigStartCommand.REMOVE_TIMEOUT_MS;

    private ReconfigStartScript() {}

    /**
     * The ensemble as the script's {@code zkCli.sh -server zk-cs:2181 config} reaches it, and the role the script
     * gives this pod.
     *
     * @param query the {@code server.} lines of the committed config one member answers with; empty when none answers
     * @param role {@code participant}, or {@code observer} for an ordinal at or above {@code --participants}
     *     ({@link ReconfigStartCommand#role})
     */
    record Ensemble(java.util.function.Supplier<List<String>> query, String role) {
        /** The {@code server.} lines of the committed config one member answers with; empty when none answers. */
        List<String> committedMembers() {
            return query.get();
        }
    }

    /**
     * {@code self="server.$myid=$host.$domain:$server_port:$election_port:$role;$client_port"}: the line the server
     * joins with, in its dynamic file and in {@code reconfig -add}.
     */
    static String selfLine(int myid, String fqdn, ZkConfig zk, String role) {
        return "server." + myid + "=" + fqdn + ":" + zk.serverPort() + ":" + zk.electionPort() + ":" + role + ";"
                + zk.clientPort();
    }

    /** The {@code server.N=} lines of a config text ({@code grep '^server\.'}). */
    static List<String> serverLines(String config) {
        return config.lines().filter(l -> l.startsWith("server.")).toList();
    }

    /** Whether {@code members} lists server {@code myid} ({@code grep -q "^server\.$myid="}). */
    static boolean lists(List<String> members, int myid) {
        return members.stream().anyMatch(l -> l.startsWith("server." + myid + "="));
    }

    /**
     * The member list the script falls back to: {@code dynamicConfigFile=} of the {@code zoo.cfg} on the volume, if
     * that file exists, its {@code server.} lines.
     *
     * @param zooCfg the host path of {@code <conf_dir>/zoo.cfg}
     * @param hostPath maps a path in the file to where it is: a container path to its host path, a path ZooKeeper
     *     itself wrote (a host path, because the server here sees host paths) to itself
     */
    static List<String> membersOnVolume(Path zooCfg, UnaryOperator<String> hostPath) throws IOException {
        if (!Files.isRegularFile(zooCfg)) {
            return List.of();
        }
        Optional<String> last = Files.readAllLines(zooCfg, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("dynamicConfigFile="))
                .map(l -> l.substring("dynamicConfigFile=".length()).trim())
                .reduce((a, b) -> b);
        if (last.isEmpty() || last.get().isEmpty()) {
            return List.of();
        }
        Path file = Path.of(hostPath.apply(last.get()));
        return Files.isRegularFile(file) ? serverLines(Files.readString(file, StandardCharsets.UTF_8)) : List.of();
    }

    /**
     * The dynamic file: {@code { echo "$members" | grep -v "^server\.$myid=" | grep . ; echo "$self"; }}.
     */
    static String dynamicFile(List<String> members, int myid, String self) {
        StringBuilder sb = new StringBuilder();
        for (String l : members) {
            if (!l.startsWith("server." + myid + "=") && !l.isBlank()) {
                sb.append(l).append('\n');
            }
        }
        return sb.append(self).append('\n').toString();
    }

    /**
     * The static zoo.cfg: the script's lines ({@link ReconfigStartFiles#staticEntries}) with the data, log and
     * dynamic file paths as the container sees them, then the pod-environment lines zksim adds for every server
     * ({@link StartZookeeperScript#podEnvironmentEntries}) except {@code clientPortAddress}: the client address is in
     * the server's own {@code server.N} line ({@code ;2181}, the wildcard address, which in a pod reaches only the
     * pod's network namespace and here is bound on the pod's IP, see {@code PodQuorumPeerConfig}), and ZooKeeper
     * refuses a static client address that differs from the dynamic one (QuorumPeerConfig.setupClientPort).
     */
    static String zooCfg(ZkConfig zk, java.net.InetAddress podIp) {
        StringBuilder sb = new StringBuilder();
        List<String> keys = new ArrayList<>();
        for (ZooCfg.Entry e : ReconfigStartFiles.staticEntries(zk)) {
            sb.append(e.key()).append('=').append(e.value()).append('\n');
            keys.add(e.key());
        }
        for (var e : StartZookeeperScript.podEnvironmentEntries(podIp)) {
            if (!e.getKey().equals("clientPortAddress") && !keys.contains(e.getKey())) {
                sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
            }
        }
        return sb.toString();
    }
}
